package io.testhealth.collector.store;

/**
 * The rows one retention batch (or a whole pass) deleted, per table.
 *
 * @param runs         {@code runs} rows: job runs
 * @param uploads      {@code uploads} rows: receipts
 * @param testResults  {@code test_results} rows
 * @param testAttempts {@code test_attempts} rows
 */
public record ExpiredRows(long runs, long uploads, long testResults, long testAttempts) {

    /** Nothing deleted. */
    public static final ExpiredRows NONE = new ExpiredRows(0, 0, 0, 0);

    /** The sum of two counts. */
    public ExpiredRows plus(ExpiredRows other) {
        return new ExpiredRows(runs + other.runs, uploads + other.uploads, testResults + other.testResults,
                testAttempts + other.testAttempts);
    }

    /** Rows of every table together. */
    public long total() {
        return runs + uploads + testResults + testAttempts;
    }
}
