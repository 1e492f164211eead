package io.testhealth.collector.store;

import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.TestSpanTree;

import java.util.List;
import java.util.Map;

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
     * Puts what a test's spans showed on a result another upload already stored for the same job run (its JUnit or
     * Allure report), in this upload's transaction: the span result itself is not stored, since the run counts once,
     * but its observation must not be lost to the order of arrival. Any observation the stored result had is replaced;
     * its other labels are kept.
     *
     * @param stored      the result stored before, as {@link TestHistoryStore#testsOfRun} listed it
     * @param observation the labels of the observation ({@code model.ObservedLayer#labelsOf})
     */
    void addObservation(StoredTest stored, Map<String, List<String>> observation);

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
