package io.testhealth.collector.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A test's run within one job run: every attempt of it in the order they ran, and what the report said
 * about the test itself.
 *
 * <p>Retries in all their encodings end up here as attempts of one result: Surefire's
 * {@code flakyFailure}/{@code rerunFailure} elements, Gradle's duplicate {@code testcase} elements, and
 * Allure results sharing a {@code historyId}.
 *
 * @param identity      suite, name and invocation key
 * @param attempts      at least one attempt, in execution order
 * @param historyId     Allure's {@code historyId}, or empty
 * @param reportFile    the file inside the upload that the test came from, or empty
 * @param declaredLayer the layer the report or upload declared, or {@code null}
 * @param labels        Allure labels and JUnit test-case properties, each name with its values in order
 */
public record TestResult(TestIdentity identity, List<Attempt> attempts, String historyId, String reportFile,
                         DeclaredLayer declaredLayer, Map<String, List<String>> labels) {

    public TestResult {
        Objects.requireNonNull(identity, "identity");
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a test result has at least one attempt");
        }
        historyId = historyId == null ? "" : historyId;
        reportFile = reportFile == null ? "" : reportFile;
        labels = Map.copyOf(labels);
    }

    /** The outcome of the whole run: see {@link Outcome#of(List)}. */
    public Outcome outcome() {
        return Outcome.of(attempts);
    }

    /** The last attempt, whose status is the run's final word. */
    public Attempt finalAttempt() {
        return attempts.get(attempts.size() - 1);
    }

    /** Time spent on all attempts whose duration is known, in seconds; {@code null} when none is known. */
    public Double totalDurationSeconds() {
        double sum = 0;
        boolean known = false;
        for (Attempt a : attempts) {
            if (a.durationSeconds() != null) {
                sum += a.durationSeconds();
                known = true;
            }
        }
        return known ? sum : null;
    }

    /**
     * This result with the attempts of {@code later} appended: a retry of the same test in the same run. It copies
     * every attempt so far, so a test repeated n times is merged in one list first (as {@code ResultAssembler}
     * does), not by n calls of this.
     */
    public TestResult withRetry(TestResult later) {
        List<Attempt> all = new java.util.ArrayList<>(attempts);
        all.addAll(later.attempts);
        return new TestResult(identity, all, historyId, reportFile, declaredLayer, labels);
    }
}
