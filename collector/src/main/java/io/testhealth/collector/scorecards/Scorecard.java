package io.testhealth.collector.scorecards;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A component's or team's scorecard: ten checks, the level they add up to, and the grade.
 *
 * @param subject          the component or team reference
 * @param level            the highest level every check with data meets
 * @param grade            A (Gold), B (Silver), C (Bronze), D (below Bronze on one or two checks), F (more), or
 *                         {@code -} when no check has data
 * @param thresholdVersion the version of the thresholds file used
 * @param windowDays       the analysis window
 * @param computedAt       the end of the window
 * @param checks           the ten checks in order
 * @param summary          one sentence saying what holds the level back, or why there is none
 */
public record Scorecard(String subject, Level level, String grade, String thresholdVersion, int windowDays,
                        Instant computedAt, List<CheckResult> checks, String summary) {

    public Scorecard {
        Objects.requireNonNull(subject, "subject");
        checks = List.copyOf(checks);
    }

    /** Outcome of one check. */
    public enum Status { PASS, FAIL, INSUFFICIENT_DATA }

    /**
     * One check: its value, the thresholds it was judged by, and why it came out as it did.
     *
     * @param id          stable id
     * @param name        as shown
     * @param value       the measured value, or {@code null} with insufficient data
     * @param unit        {@code ratio}, {@code days} or {@code minutes}
     * @param threshold   the thresholds of the three levels
     * @param status      pass (at least Bronze), fail, or insufficient data
     * @param level       the level the value reaches
     * @param explanation a sentence with the numbers behind the value and the tests or runs that explain it
     */
    public record CheckResult(CheckId id, String name, Double value, String unit,
                              ScorecardThresholds.Threshold threshold, Status status, Level level, String explanation) {
    }
}
