package io.testhealth.collector.store.postgres;

import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.support.BatchingUploadWriter;
import io.testhealth.collector.store.support.HistoryRows;
import io.testhealth.collector.store.support.ReceiptSql;
import org.postgresql.PGConnection;
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
 * Writes an upload's rows with {@code COPY ... FROM STDIN} in PostgreSQL's text format, one {@code COPY} per batch
 * and table, inside the writer's transaction.
 *
 * <p>Text format rather than CSV because its escaping is local and cheap: backslash, tab, newline and carriage
 * return are escaped, {@code \N} is null. NUL characters were already removed by {@link HistoryRows}.
 */
final class PostgresUploadWriter extends BatchingUploadWriter {

    private static final String COPY_RESULTS = "COPY test_results (" + String.join(", ", HistoryRows.RESULT_COLUMNS)
            + ") FROM STDIN";
    private static final String COPY_ATTEMPTS = "COPY test_attempts (" + String.join(", ", HistoryRows.ATTEMPT_COLUMNS)
            + ") FROM STDIN";

    private final CopyManager copy;

    PostgresUploadWriter(Connection connection, UploadMetadata metadata, ReceiptSql sql, Lock commitLock,
                         int batchSize) throws SQLException {
        super(connection, metadata, sql, commitLock, batchSize);
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    protected void writeResults(List<Object[]> rows) throws SQLException {
        copy(COPY_RESULTS, rows);
    }

    @Override
    protected void writeAttempts(List<Object[]> rows) throws SQLException {
        copy(COPY_ATTEMPTS, rows);
    }

    private void copy(String sql, List<Object[]> rows) throws SQLException {
        byte[] data = encode(rows).getBytes(StandardCharsets.UTF_8);
        try {
            copy.copyIn(sql, new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new SQLException("COPY input failed", e);
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
