package io.testhealth.collector.store.support;

import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.store.StoredTest;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.UploadWriter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * The transaction of one upload, the same for both stores: rows are buffered and handed to the store's bulk path
 * ({@link #writeResults}, {@link #writeAttempts}) a batch at a time, inside one transaction on one connection;
 * {@link #commit} adds the run and the receipt and commits, or, when the upload's key (component and upload id) is
 * taken, rolls back and answers with the stored receipt.
 *
 * <p>The commit section (receipt insert to commit) runs under the lock the store gives: PostgreSQL needs none (its
 * row locks make a concurrent duplicate wait and then see the winner), DuckDB needs one because its optimistic
 * concurrency would fail the second of two overlapping transactions that insert the same run.
 */
public abstract class BatchingUploadWriter implements UploadWriter {

    /**
     * Attempt rows kept until the commit (or until this many): retried results are few, and writing their rows in
     * between would interrupt the stream of result rows (PostgreSQL carries one COPY at a time per connection).
     */
    static final int MAX_BUFFERED_ATTEMPTS = 50_000;
    /** Span rows kept until the commit (or until this many): each holds a test run's spans, up to a thousand. */
    static final int MAX_BUFFERED_SPAN_ROWS = 1_000;

    private final Connection connection;
    private final UploadMetadata metadata;
    private final HistoryRows.UploadKeys keys;
    private final ReceiptSql sql;
    private final Lock commitLock;
    private final int batchSize;
    private final List<Object[]> results;
    private final List<Object[]> attempts = new ArrayList<>();
    private final ObservationSql.Pending observations = new ObservationSql.Pending();
    private final List<Object[]> spans = new ArrayList<>();
    private boolean finished;

    /**
     * @param connection a connection with auto-commit off, owned (and closed) by this writer
     * @param commitLock held from the receipt insert to the commit; a no-op lock where the database serialises
     */
    protected BatchingUploadWriter(Connection connection, UploadMetadata metadata, ReceiptSql sql, Lock commitLock,
                                   int batchSize) {
        this.connection = connection;
        this.metadata = metadata;
        this.sql = sql;
        this.commitLock = commitLock;
        this.batchSize = batchSize;
        this.results = new ArrayList<>(batchSize);
        if (metadata.uploadId().isEmpty()) {
            throw new IllegalArgumentException("the upload id must be set before an upload is written");
        }
        this.keys = HistoryRows.UploadKeys.of(metadata);
    }

    /** Writes one batch of {@code test_results} rows (column order {@link HistoryRows#RESULT_COLUMNS}). */
    protected abstract void writeResults(List<Object[]> rows) throws SQLException;

    /** Writes one batch of {@code test_attempts} rows (column order {@link HistoryRows#ATTEMPT_COLUMNS}). */
    protected abstract void writeAttempts(List<Object[]> rows) throws SQLException;

    /**
     * Writes one batch of {@code test_spans} rows (column order {@link HistoryRows#SPAN_COLUMNS}): one bulk statement
     * (PostgreSQL's COPY, DuckDB's Appender) per batch, never one round trip per row.
     */
    protected abstract void writeSpans(List<Object[]> rows) throws SQLException;

    /**
     * Flushes and releases what the bulk path holds, so that all its rows are in the transaction; called before the
     * commit or rollback ends it, and possibly more than once.
     */
    protected void releaseBulkResources() throws SQLException {
    }

    /**
     * Inserts the run (unless present) and the receipt in the writer's transaction, under the commit lock.
     *
     * @return {@code false} when an upload with this key is already stored, so nothing may be committed
     */
    protected boolean recordReceipt(UploadMetadata upload, UploadReceipt receipt) throws SQLException {
        sql.insertRun(connection, HistoryRows.run(upload, receipt.receivedAt()));
        return sql.insertUpload(connection, receipt);
    }

    /** The SQL of runs and receipts. */
    protected final ReceiptSql sql() {
        return sql;
    }

    /** The writer's connection, for the bulk path. */
    protected final Connection connection() {
        return connection;
    }

    @Override
    public final void add(TestResult result) {
        ensureOpen();
        results.add(HistoryRows.result(keys, result));
        attempts.addAll(HistoryRows.attempts(keys, result));
        if (results.size() >= batchSize) {
            flushResults();
        }
        if (attempts.size() >= MAX_BUFFERED_ATTEMPTS) {
            flush();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Kept until the commit (or {@link #MAX_BUFFERED_SPAN_ROWS} rows), as attempt rows are: the spans of a request
     * come after its results, and one COPY at a time runs on a PostgreSQL connection.
     */
    @Override
    public final void addSpans(TestSpanTree tree) {
        ensureOpen();
        spans.add(HistoryRows.spans(keys, tree));
        if (spans.size() >= MAX_BUFFERED_SPAN_ROWS) {
            flush();
        }
    }

    @Override
    public final void addObservation(StoredTest stored, Map<String, List<String>> observation) {
        ensureOpen();
        observations.add(stored, observation);
    }

    @Override
    public final UploadReceipt commit(UploadReceipt receipt) {
        ensureOpen();
        Objects.requireNonNull(receipt, "receipt");
        if (!receipt.uploadId().equals(metadata.uploadId()) || !receipt.runId().equals(keys.runId())
                || !receipt.component().equals(metadata.component().toString())) {
            throw new IllegalArgumentException("the receipt of upload " + receipt.uploadId() + "/run "
                    + receipt.runId() + " does not belong to this writer's upload " + metadata.uploadId() + "/run "
                    + keys.runId());
        }
        flush();
        try {
            releaseBulkResources();
            // after the bulk path let go of the connection: PostgreSQL's COPY and DuckDB's Appender hold it until then
            ObservationSql.write(connection, keys.runId(), observations, sql.jsonParameter());
        } catch (SQLException e) {
            throw new StoreException("could not write the results of upload " + receipt.uploadId(), e);
        }
        commitLock.lock();
        try {
            if (!recordReceipt(metadata, receipt)) {
                connection.rollback();
                finished = true;
                UploadReceipt earlier = sql.find(connection, metadata.key()).orElseThrow(() ->
                        new IllegalStateException(metadata.key() + " conflicted but is not stored"));
                connection.rollback();
                return earlier.asDuplicate();
            }
            if (!observations.isEmpty()) {
                ObservationSql.markAnnotating(connection, receipt.component(), receipt.uploadId());
            }
            connection.commit();
            finished = true;
            return receipt;
        } catch (SQLException e) {
            throw new StoreException("could not commit upload " + receipt.uploadId(), e);
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public final void close() {
        try {
            try {
                releaseBulkResources();
            } finally {
                if (!finished) {
                    finished = true;
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not roll back upload " + metadata.uploadId(), e);
        } finally {
            closeQuietly();
        }
    }

    private void flushResults() {
        try {
            writeResults(results);
            results.clear();
        } catch (SQLException e) {
            throw new StoreException("could not write the results of upload " + metadata.uploadId(), e);
        }
    }

    private void flush() {
        try {
            if (!results.isEmpty()) {
                writeResults(results);
                results.clear();
            }
            if (!attempts.isEmpty()) {
                writeAttempts(attempts);
                attempts.clear();
            }
            if (!spans.isEmpty()) {
                writeSpans(spans);
                spans.clear();
            }
        } catch (SQLException e) {
            throw new StoreException("could not write the results of upload " + metadata.uploadId(), e);
        }
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("upload " + metadata.uploadId() + " was already committed");
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("could not release the connection of upload " + metadata.uploadId(), e);
        }
    }
}
