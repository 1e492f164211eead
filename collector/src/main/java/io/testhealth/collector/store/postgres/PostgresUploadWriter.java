package io.testhealth.collector.store.postgres;

import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.support.BatchingUploadWriter;
import io.testhealth.collector.store.support.HistoryRows;
import io.testhealth.collector.store.support.ReceiptSql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Writes an upload's rows with {@code COPY ... FROM STDIN} in PostgreSQL's text format, inside the writer's
 * transaction.
 *
 * <p>The {@code test_results} COPY stays open across batches, so rows flow to the server while the report is still
 * being parsed and both sides work at once; it is ended when attempt rows have to be written (a connection carries
 * one COPY at a time), when the upload commits, or when it is rolled back (then cancelled).
 *
 * <p>Text format rather than CSV because its escaping is local and cheap: backslash, tab, newline and carriage
 * return are escaped, {@code \N} is null. NUL characters were already removed by {@link HistoryRows}.
 */
final class PostgresUploadWriter extends BatchingUploadWriter {

    private static final String COPY_RESULTS = "COPY test_results (" + String.join(", ", HistoryRows.RESULT_COLUMNS)
            + ") FROM STDIN";
    private static final String COPY_ATTEMPTS = "COPY test_attempts (" + String.join(", ", HistoryRows.ATTEMPT_COLUMNS)
            + ") FROM STDIN";

    private static final String COPY_SPANS = "COPY test_spans (" + String.join(", ", HistoryRows.SPAN_COLUMNS)
            + ") FROM STDIN";

    private final CopyManager copy;
    private CopyIn results;

    PostgresUploadWriter(Connection connection, UploadMetadata metadata, ReceiptSql sql, Lock commitLock,
                         int batchSize) throws SQLException {
        super(connection, metadata, sql, commitLock, batchSize);
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    protected void writeResults(List<Object[]> rows) throws SQLException {
        if (results == null) {
            results = copy.copyIn(COPY_RESULTS);
        }
        byte[] data = encode(rows).getBytes(StandardCharsets.UTF_8);
        results.writeToCopy(data, 0, data.length);
    }

    @Override
    protected void writeAttempts(List<Object[]> rows) throws SQLException {
        endResults();
        byte[] data = encode(rows).getBytes(StandardCharsets.UTF_8);
        try {
            copy.copyIn(COPY_ATTEMPTS, new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("COPY input failed", e);
        }
    }

    @Override
    protected void writeSpans(List<Object[]> rows) throws SQLException {
        endResults();
        byte[] data = encode(rows).getBytes(StandardCharsets.UTF_8);
        try {
            copy.copyIn(COPY_SPANS, new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("COPY input failed", e);
        }
    }

    @Override
    protected void releaseBulkResources() throws SQLException {
        endResults();
    }

    /** Ends the open results COPY; one that cannot end cleanly is cancelled, so the rollback that follows works. */
    private void endResults() throws SQLException {
        if (results == null) {
            return;
        }
        CopyIn open = results;
        results = null;
        try {
            open.endCopy();
        } catch (SQLException e) {
            if (open.isActive()) {
                open.cancelCopy();
            }
            throw e;
        }
    }

    /** The rows in COPY text format. */
    static String encode(List<Object[]> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                appendValue(out, row[i]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String s) {
            appendEscaped(out, s);
        } else if (value instanceof OffsetDateTime t) {
            out.append(t);
        } else {
            out.append(value);
        }
    }

    private static void appendEscaped(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> { }
                default -> out.append(c);
            }
        }
    }
}
