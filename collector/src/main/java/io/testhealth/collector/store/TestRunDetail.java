package io.testhealth.collector.store;

import io.testhealth.collector.analysis.TestRunFact;

import java.util.List;
import java.util.Objects;

/**
 * One run of one test with the attempts it took, for the test's detail page.
 *
 * @param testId   the test's id
 * @param suite    its suite
 * @param name     its name
 * @param invocation the parameters of this invocation, or empty
 * @param fact     the run as analysis sees it (job run, outcome, durations, last failure)
 * @param runUrl   link to the CI run, or empty
 * @param attempts every attempt in order (one when it was not retried)
 */
public record TestRunDetail(String testId, String suite, String name, String invocation, TestRunFact fact,
                            String runUrl, List<AttemptDetail> attempts) {
    public TestRunDetail {
        Objects.requireNonNull(testId, "testId");
        attempts = List.copyOf(attempts);
    }

    /**
     * One attempt as stored.
     *
     * @param number          1 for the first attempt
     * @param status          {@code passed|failed|error|skipped|unknown}
     * @param durationSeconds its duration, or {@code null} when unknown
     * @param failureType     type of its failure, or empty
     * @param failureMessage  message of its failure, or empty
     */
    public record AttemptDetail(int number, String status, Double durationSeconds, String failureType,
                                String failureMessage) {
    }
}
