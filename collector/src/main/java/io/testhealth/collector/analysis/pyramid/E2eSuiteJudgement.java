package io.testhealth.collector.analysis.pyramid;

import java.util.Objects;

/**
 * Whether a component's e2e suite has a healthy size and speed.
 *
 * @param e2eTests       e2e tests
 * @param testCount      judgement of their number against 5–20 critical journeys
 * @param share          judgement of their share of classified tests against 5–10%
 * @param p50WallSeconds median wall time of e2e job runs, or {@code null} when unknown or too few are known
 * @param wallTime       judgement of that median against 30 minutes
 */
public record E2eSuiteJudgement(int e2eTests, Check testCount, Check share, Double p50WallSeconds, Check wallTime) {

    /** The outcome of one judgement. */
    public enum Verdict {
        /** Within the target. */
        PASS,
        /** Outside the target: worth a look, not a failure on its own. */
        WARN,
        /** Not enough data to judge; never counted as a failure. */
        INSUFFICIENT_DATA
    }

    /**
     * One judgement and the sentence that explains it to a team.
     *
     * @param verdict  the verdict
     * @param sentence why, with the numbers
     */
    public record Check(Verdict verdict, String sentence) {
        public Check {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(sentence, "sentence");
        }
    }
}
