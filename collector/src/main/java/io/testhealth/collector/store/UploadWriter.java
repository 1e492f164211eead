package io.testhealth.collector.store;

import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.TestSpanTree;

/**
 * Writes the test results of one upload, and the raw spans of its test runs when they came from spans, in a single
 * transaction, in batches.
 *
 * <p>Use it in try-with-resources: closing an uncommitted writer rolls everything back.
 */
public interface UploadWriter extends AutoCloseable {

    /** Adds one test result; it is buffered and written with others in a batch. */
    void add(TestResult result);

    /**
     * Adds the raw spans of one test run (one {@code test_spans} row); buffered and written with others in a batch,
     * in the upload's transaction.
     */
    void addSpans(TestSpanTree spans);

    /**
     * Writes what is buffered, records the receipt and commits the transaction.
     *
     * @return the committed receipt, or, when another upload with the same id was committed first, that earlier
     *         receipt marked as a duplicate (and this upload's rows are rolled back)
     */
    UploadReceipt commit(UploadReceipt receipt);

    /** Rolls back unless committed, and releases the connection. */
    @Override
    void close();
}
