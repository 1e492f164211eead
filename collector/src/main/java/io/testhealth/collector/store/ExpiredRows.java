package io.testhealth.collector.store;

/**
 * The rows one retention batch (or a whole pass) deleted, per table.
 *
 * @param runs         {@code runs} rows: job runs
 * @param uploads      {@code uploads} rows: receipts
 * @param testResults  {@code test_results} rows
 * @param testAttempts {@code test_attempts} rows
 * @param testSpans    {@code test_spans} rows: test runs' raw spans past {@code spans-days}
 */
public record ExpiredRows(long runs, long uploads, long testResults, long testAttempts, long testSpans) {

    /** Nothing deleted. */
    public static final ExpiredRows NONE = new ExpiredRows(0, 0, 0, 0, 0);

    /** Rows of the history tables, without raw spans. */
    public ExpiredRows(long runs, long uploads, long testResults, long testAttempts) {
        this(runs, uploads, testResults, testAttempts, 0);
    }

    /** Only raw spans: what a batch of {@link RetentionRepository#expireSpans} deleted. */
    public static ExpiredRows spans(long testSpans) {
        return new ExpiredRows(0, 0, 0, 0, testSpans);
    }

    /** The sum of two counts. */
    public ExpiredRows plus(ExpiredRows other) {
        return new ExpiredRows(runs + other.runs, uploads + other.uploads, testResults + other.testResults,
                testAttempts + other.testAttempts, testSpans + other.testSpans);
    }

    /** Rows of every table together. */
    public long total() {
        return runs + uploads + testResults + testAttempts + testSpans;
    }
}
