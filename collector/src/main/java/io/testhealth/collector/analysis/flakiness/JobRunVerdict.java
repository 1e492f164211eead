package io.testhealth.collector.analysis.flakiness;

import java.time.Instant;
import java.util.Objects;

/**
 * What one job run in the window says at job level: whether it was an infrastructure incident, and whether only
 * flaky tests broke it.
 *
 * @param runId                  stored job run id
 * @param pipeline               CI run id, or empty
 * @param job                    job name, or empty
 * @param attempt                CI re-run number
 * @param environment            matrix key, or empty
 * @param startedAt              when it started
 * @param tests                  tests that ran in it (skipped and unknown runs not counted)
 * @param failed                 of those, tests that ended failed
 * @param incident               whether at least the incident share (and at least the incident minimum) of its tests
 *                               failed: then none of its runs counts for any test verdict
 * @param brokenOnlyByFlakyTests whether it had failing tests and every one of them is FLAKY by its final verdict
 *                               (never true for an incident)
 */
public record JobRunVerdict(String runId, String pipeline, String job, int attempt, String environment,
                            Instant startedAt, int tests, int failed, boolean incident, boolean brokenOnlyByFlakyTests) {
    public JobRunVerdict {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Whether any test failed in it. */
    public boolean failedAny() {
        return failed > 0;
    }
}
