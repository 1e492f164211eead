package io.testhealth.collector.model;

import java.util.Collection;
import java.util.EnumSet;
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

    /**
     * The outcome of one run of a test from the outcomes of its invocations in that job run: the invocations of a
     * parameterized test (or the same test reported in two report files of one job run) make one run.
     *
     * <p>Invocations with different parameters are different inputs: one passing while another fails says that an
     * input fails, never that the test is flaky. So the run failed when any invocation ended failed ({@link #ERROR}
     * before {@link #FAILED}, the precedence of JUnit XML), it is {@link #FLAKY} when none failed but one passed only
     * after failing, {@link #PASSED} when one passed, and {@link #SKIPPED} or {@link #UNKNOWN} only when every
     * invocation was.
     *
     * @param invocations the outcomes of the invocations, at least one
     */
    public static Outcome ofInvocations(Collection<Outcome> invocations) {
        if (invocations.isEmpty()) {
            throw new IllegalArgumentException("a test run has at least one invocation");
        }
        EnumSet<Outcome> seen = EnumSet.copyOf(invocations);
        for (Outcome o : List.of(ERROR, FAILED, FLAKY, PASSED, SKIPPED)) {
            if (seen.contains(o)) {
                return o;
            }
        }
        return UNKNOWN;
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
