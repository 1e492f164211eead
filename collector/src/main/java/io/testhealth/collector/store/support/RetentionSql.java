package io.testhealth.collector.store.support;

import io.testhealth.collector.store.ExpiredRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of retention, the same on both stores: which job runs are the oldest past the cut, and the deletion of a
 * batch of them with all their rows; raw spans past their own, shorter, cut.
 *
 * <p>The deletion starts with the {@code runs} rows. On PostgreSQL that takes their row locks before anything else,
 * and an upload to one of these runs takes the same lock when it commits (its run insert, see {@link ReceiptSql}):
 * so an upload that committed first is seen whole by the statements that follow (each statement of a {@code READ
 * COMMITTED} transaction sees what was committed before it), and one that commits later waits for this transaction,
 * then stores its run anew, whole. The dependent rows go by run, through the indexes on {@code run_id}
 * ({@code test_results}, {@code uploads}) and {@code upload_id} ({@code test_attempts}, whose upload ids are only
 * unique within a component, hence the run as well).
 */
public final class RetentionSql {

    /**
     * Most runs one batch names: bounds a batch's statements (four per run, and one per upload) when runs hold few or
     * no results. Each costs about a millisecond or two on DuckDB, under its commit lock.
     */
    static final int MAX_RUNS_PER_BATCH = 100;

    private static final String OLDEST_RUNS = "SELECT r.run_id,"
            + " coalesce((SELECT sum(u.test_results) FROM uploads u WHERE u.run_id = r.run_id), 0)"
            + " FROM runs r WHERE r.started_at < ? ORDER BY r.started_at, r.run_id LIMIT ?";

    private RetentionSql() {
    }

    /**
     * The oldest runs that started before {@code cut}, as many as fit into {@code maxResults} result rows by their
     * receipts' counts ({@code uploads.test_results}), at least one, at most {@link #MAX_RUNS_PER_BATCH}.
     */
    public static List<String> oldestRuns(Connection c, Instant cut, int maxResults) throws SQLException {
        List<String> runs = new ArrayList<>();
        long results = 0;
        try (PreparedStatement ps = c.prepareStatement(OLDEST_RUNS)) {
            ps.setObject(1, HistoryRows.utc(cut));
            ps.setInt(2, Math.min(maxResults, MAX_RUNS_PER_BATCH));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ofRun = rs.getLong(2);
                    if (!runs.isEmpty() && results + ofRun > maxResults) {
                        break;
                    }
                    runs.add(rs.getString(1));
                    results += ofRun;
                }
            }
        }
        return runs;
    }

    /**
     * Deletes the given runs that still started before {@code cut}, and every upload, result and attempt of them, in
     * the connection's transaction (the caller commits).
     *
     * <p>One statement per run and table, each on one run id (attempts: on one upload id), not one statement with a
     * list of ids: DuckDB answers {@code run_id = ?} from the index but scans the whole table for {@code run_id IN
     * (...)} (measured, duckdb 1.5.6: 3.5 ms against 79 ms for 5 runs of 2,000 rows in 4 million), and a batch on
     * DuckDB holds the commit lock that uploads wait for. PostgreSQL uses its indexes either way.
     */
    public static ExpiredRows delete(Connection c, Instant cut, List<String> runIds) throws SQLException {
        List<String> deleted = new ArrayList<>(runIds.size());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE run_id = ? AND started_at < ?")) {
            for (String runId : runIds) {
                ps.setString(1, runId);
                ps.setObject(2, HistoryRows.utc(cut));
                if (ps.executeUpdate() > 0) {
                    deleted.add(runId);
                }
            }
        }
        long uploads = 0;
        long results = 0;
        long attempts = 0;
        try (PreparedStatement uploadsOfRun = c.prepareStatement("SELECT upload_id FROM uploads WHERE run_id = ?");
             PreparedStatement deleteAttempts = c.prepareStatement(
                     "DELETE FROM test_attempts WHERE upload_id = ? AND run_id = ?");
             PreparedStatement deleteResults = c.prepareStatement("DELETE FROM test_results WHERE run_id = ?");
             PreparedStatement deleteUploads = c.prepareStatement("DELETE FROM uploads WHERE run_id = ?")) {
            for (String runId : deleted) {
                uploadsOfRun.setString(1, runId);
                List<String> uploadIds = new ArrayList<>();
                try (ResultSet rs = uploadsOfRun.executeQuery()) {
                    while (rs.next()) {
                        uploadIds.add(rs.getString(1));
                    }
                }
                for (String uploadId : uploadIds) {
                    deleteAttempts.setString(1, uploadId);
                    deleteAttempts.setString(2, runId);
                    attempts += deleteAttempts.executeUpdate();
                }
                deleteResults.setString(1, runId);
                results += deleteResults.executeUpdate();
                deleteUploads.setString(1, runId);
                uploads += deleteUploads.executeUpdate();
            }
        }
        return new ExpiredRows(deleted.size(), uploads, results, attempts);
    }

    /**
     * The start of the {@code maxRows}-th oldest span row before {@code cut}, or {@code cut} itself when there are
     * fewer: the bound of the next span batch. Through {@code test_spans_started_idx}.
     */
    public static Instant spanBatchEnd(Connection c, Instant cut, int maxRows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at FROM test_spans WHERE started_at < ?"
                + " ORDER BY started_at LIMIT 1 OFFSET ?")) {
            ps.setObject(1, HistoryRows.utc(cut));
            ps.setInt(2, maxRows - 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, java.time.OffsetDateTime.class).toInstant() : cut;
            }
        }
    }

    /**
     * Deletes the span rows that started before {@code cut} and not after {@code batchEnd}, in the connection's
     * transaction: one statement on a range of the start index, portable to both stores (neither a row id nor a key
     * is needed), bounded by {@link #spanBatchEnd}.
     */
    public static long deleteSpans(Connection c, Instant cut, Instant batchEnd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM test_spans WHERE started_at < ? AND started_at <= ?")) {
            ps.setObject(1, HistoryRows.utc(cut));
            ps.setObject(2, HistoryRows.utc(batchEnd));
            return ps.executeUpdate();
        }
    }

    /** Deletes the integration edges last seen before {@code cut}, in the connection's transaction. */
    public static long deleteEdges(Connection c, Instant cut) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM integration_edges WHERE last_seen < ?")) {
            ps.setObject(1, HistoryRows.utc(cut));
            return ps.executeUpdate();
        }
    }

}
