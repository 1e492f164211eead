package io.testhealth.collector.analysis;

import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Outcome;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One test's run within one job run, with everything analysis needs and nothing it does not.
 *
 * @param job                the job run
 * @param outcome            passed, flaky (passed after a retry), failed, error, skipped or unknown
 * @param attempts           how many times it ran in this job run
 * @param failedAttempts     how many of those failed
 * @param durationSeconds    the final attempt's duration, or {@code null} when unknown
 * @param costSeconds        all attempts together, or {@code null} when unknown
 * @param failureType        type of the last failure, or empty
 * @param failureMessage     message of the last failure, or empty
 * @param failureFingerprint fingerprint of the last failure, or empty
 * @param declaredLayer      the layer the report or upload declared, or {@code null}
 * @param labels             Allure labels and JUnit properties
 * @param reportFile         the report file inside the upload, or empty
 */
public record TestRunFact(JobRun job, Outcome outcome, int attempts, int failedAttempts, Double durationSeconds,
                          Double costSeconds, String failureType, String failureMessage, String failureFingerprint,
                          DeclaredLayer declaredLayer, Map<String, List<String>> labels, String reportFile) {
    public TestRunFact {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(outcome, "outcome");
        failureType = failureType == null ? "" : failureType;
        failureMessage = failureMessage == null ? "" : failureMessage;
        failureFingerprint = failureFingerprint == null ? "" : failureFingerprint;
        labels = labels == null ? Map.of() : labels;
        reportFile = reportFile == null ? "" : reportFile;
    }

    /** Whether the run ended failed (a failure or an error in its last attempt). */
    public boolean failed() {
        return outcome == Outcome.FAILED || outcome == Outcome.ERROR;
    }

    /** Whether the run counts for pass rates and flakiness: skipped and unknown runs do not. */
    public boolean counts() {
        return outcome != Outcome.SKIPPED && outcome != Outcome.UNKNOWN;
    }
}
