package io.testhealth.collector.model;

import java.util.List;

/**
 * Outcome of a test's run within one job run, derived from all of its attempts.
 *
 * <p>A run that failed and then passed on a retry is {@link #FLAKY}: the retry hid a failure, which is
 * exactly the signal flakiness analysis needs, so it is never folded into {@link #PASSED}.
 */
public enum Outcome {
    PASSED, FLAKY, FAILED, ERROR, SKIPPED, UNKNOWN;

    /**
     * Derives the outcome of a run from its attempts in the order they ran.
     *
     * @param attempts at least one attempt
     * @return the last attempt's outcome, or {@link #FLAKY} when it passed after a failed attempt
     */
    public static Outcome of(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a test run has at least one attempt");
        }
        Status last = attempts.get(attempts.size() - 1).status();
        return switch (last) {
            case PASSED -> anyFailed(attempts) ? FLAKY : PASSED;
            case FAILED -> FAILED;
            case ERROR -> ERROR;
            case SKIPPED -> SKIPPED;
            case UNKNOWN -> UNKNOWN;
        };
    }

    private static boolean anyFailed(List<Attempt> attempts) {
        for (int i = 0; i < attempts.size() - 1; i++) {
            if (attempts.get(i).status().isFailure()) {
                return true;
            }
        }
        return false;
    }
}
