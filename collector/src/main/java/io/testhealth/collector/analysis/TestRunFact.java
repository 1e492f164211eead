package io.testhealth.collector.analysis;

import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Outcome;

import java.util.ArrayList;
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

    /**
     * One run of a test made of its invocations in one job run ({@link Outcome#ofInvocations} says how their outcomes
     * combine): attempts, failed attempts, durations and costs add up, because the invocations ran one after the
     * other as parts of the run; a duration is unknown when one invocation's is. The failure shown is the first
     * failing invocation's (in the order given); layer, labels and report file are the first invocation's.
     *
     * @param invocations the facts of one test in one job run, at least one, all of the same job run
     */
    public static TestRunFact ofInvocations(List<TestRunFact> invocations) {
        if (invocations.size() == 1) {
            return invocations.get(0);
        }
        TestRunFact first = invocations.get(0);
        List<Outcome> outcomes = new ArrayList<>(invocations.size());
        int attempts = 0;
        int failedAttempts = 0;
        Double duration = 0.0;
        Double cost = 0.0;
        TestRunFact failure = null;
        DeclaredLayer layer = null;
        for (TestRunFact f : invocations) {
            if (!f.job().runId().equals(first.job().runId())) {
                throw new IllegalArgumentException("invocations of one run share its job run: " + f.job().runId()
                        + " is not " + first.job().runId());
            }
            outcomes.add(f.outcome());
            attempts += f.attempts();
            failedAttempts += f.failedAttempts();
            duration = duration == null || f.durationSeconds() == null ? null : duration + f.durationSeconds();
            cost = cost == null || f.costSeconds() == null ? null : cost + f.costSeconds();
            if (failure == null && f.failed()) {
                failure = f;
            }
            if (layer == null) {
                layer = f.declaredLayer();
            }
        }
        TestRunFact shown = failure != null ? failure : first;
        return new TestRunFact(first.job(), Outcome.ofInvocations(outcomes), attempts, failedAttempts, duration, cost,
                shown.failureType(), shown.failureMessage(), shown.failureFingerprint(), layer, first.labels(),
                first.reportFile());
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
