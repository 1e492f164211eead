package io.testhealth.collector.store.duckdb;

import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.support.BatchingUploadWriter;
import io.testhealth.collector.store.support.HistoryRows;
import io.testhealth.collector.store.support.ReceiptSql;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Writes an upload's rows with DuckDB's Appender inside the writer's transaction.
 *
 * <p>The Appender is native and bypasses the JDBC driver, which begins a transaction lazily, on the first
 * statement after {@code setAutoCommit(false)}. An Appender used before any statement therefore writes in
 * auto-commit mode: measured here (duckdb_jdbc 1.5.6.0), its rows were visible to other connections at once and
 * survived a rollback. The writer so runs one statement right after turning auto-commit off, which begins the
 * transaction; appended rows are then invisible to other connections until the commit and discarded by a
 * rollback (the contract tests check both). Appenders are closed, which flushes them, before the transaction
 * ends: an Appender flushed after a rollback would write outside any transaction.
 *
 * <p>The writer's transaction began before other uploads committed, and DuckDB raises a duplicate-key error
 * (even with {@code ON CONFLICT DO NOTHING}) for a key committed after its snapshot was taken. So, under the
 * store's commit lock, the run and the upload's key are looked up through a fresh connection, which sees every
 * commit because all commits pass that lock, and only what is missing is inserted.
 */
final class DuckDbUploadWriter extends BatchingUploadWriter {

    private final DuckDBConnection duck;
    private final DuckDBConnection database;
    private DuckDBAppender results;
    private DuckDBAppender attempts;
    private DuckDBAppender spans;

    /**
     * @param connection this writer's own connection
     * @param database   the store's connection, duplicated to look at the latest committed state
     */
    DuckDbUploadWriter(DuckDBConnection connection, DuckDBConnection database, UploadMetadata metadata,
                       ReceiptSql sql, Lock commitLock, int batchSize) throws SQLException {
        super(connection, metadata, sql, commitLock, batchSize);
        this.duck = connection;
        this.database = database;
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    @Override
    protected void writeResults(List<Object[]> rows) throws SQLException {
        if (results == null) {
            results = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "test_results");
        }
        append(results, rows);
    }

    @Override
    protected void writeAttempts(List<Object[]> rows) throws SQLException {
        if (attempts == null) {
            attempts = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "test_attempts");
        }
        append(attempts, rows);
    }

    @Override
    protected void writeSpans(List<Object[]> rows) throws SQLException {
        if (spans == null) {
            spans = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "test_spans");
        }
        append(spans, rows);
    }

    @Override
    protected boolean recordReceipt(UploadMetadata upload, UploadReceipt receipt) throws SQLException {
        boolean runStored;
        try (DuckDBConnection latest = (DuckDBConnection) database.duplicate()) {
            if (sql().find(latest, upload.key()).isPresent()) {
                return false;
            }
            runStored = sql().runExists(latest, upload.runId());
        }
        if (!runStored) {
            sql().insertRun(duck, HistoryRows.run(upload, receipt.receivedAt()));
        }
        return sql().insertUpload(duck, receipt);
    }

    @Override
    protected void releaseBulkResources() throws SQLException {
        try {
            if (results != null) {
                results.close();
            }
        } finally {
            results = null;
            try {
                if (attempts != null) {
                    attempts.close();
                }
            } finally {
                attempts = null;
                try {
                    if (spans != null) {
                        spans.close();
                    }
                } finally {
                    spans = null;
                }
            }
        }
    }

    private static void append(DuckDBAppender appender, List<Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            appender.beginRow();
            for (Object value : row) {
                appendValue(appender, value);
            }
            appender.endRow();
        }
        appender.flush();
    }

    private static void appendValue(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String s) {
            appender.append(s);
        } else if (value instanceof Integer i) {
            appender.append(i.intValue());
        } else if (value instanceof Long l) {
            appender.append(l.longValue());
        } else if (value instanceof Double d) {
            appender.append(d.doubleValue());
        } else if (value instanceof OffsetDateTime t) {
            appender.append(t);
        } else {
            throw new IllegalArgumentException("no Appender mapping for " + value.getClass().getName());
        }
    }
}
