package io.testhealth.collector.model;

/**
 * Counts of results in an upload, one per {@code testcase} element or Allure result (retries not merged),
 * by the rules of the conformance corpus: precedence error &gt; failure &gt; skipped &gt; passed; a passed
 * test case that carries {@code flakyFailure}/{@code flakyError} (or an Allure result flagged flaky) is
 * flaky and not passed.
 *
 * <p>A result with no outcome (Allure {@code unknown}) is counted in {@code tests} only.
 */
public record ResultCounts(long tests, long passed, long failed, long errors, long skipped, long flaky) {

    public static final ResultCounts ZERO = new ResultCounts(0, 0, 0, 0, 0, 0);

    /** Sum of two counts. */
    public ResultCounts plus(ResultCounts o) {
        return new ResultCounts(tests + o.tests, passed + o.passed, failed + o.failed, errors + o.errors,
                skipped + o.skipped, flaky + o.flaky);
    }

    /** Mutable tally used while streaming a report; {@link #toCounts()} takes the snapshot. */
    public static final class Tally {
        private long tests, passed, failed, errors, skipped, flaky;

        /** Counts one report element with its own outcome and whether it recorded flaky attempts. */
        public void count(Status status, boolean flakyMarked) {
            tests++;
            switch (status) {
                case ERROR -> errors++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
                case PASSED -> {
                    if (flakyMarked) {
                        flaky++;
                    } else {
                        passed++;
                    }
                }
                case UNKNOWN -> { }
            }
        }

        public long tests() {
            return tests;
        }

        public ResultCounts toCounts() {
            return new ResultCounts(tests, passed, failed, errors, skipped, flaky);
        }
    }
}
