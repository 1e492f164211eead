package io.testhealth.collector.store.support;

import io.testhealth.collector.store.ExpiredRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL of retention, the same on both stores: which job runs are the oldest past the cut, and the deletion of a
 * batch of them with all their rows.
 *
 * <p>The deletion starts with the {@code runs} rows. On PostgreSQL that takes their row locks before anything else,
 * and an upload to one of these runs takes the same lock when it commits (its run insert, see {@link ReceiptSql}):
 * so an upload that committed first is seen whole by the statements that follow (each statement of a {@code READ
 * COMMITTED} transaction sees what was committed before it), and one that commits later waits for this transaction,
 * then stores its run anew, whole. The dependent rows go by run, a statement per table, through the indexes on
 * {@code run_id} ({@code test_results}, {@code uploads}) and {@code upload_id} ({@code test_attempts}, whose upload
 * ids are only unique within a component, hence the run as well).
 */
public final class RetentionSql {

    /**
     * Most runs one batch names: bounds the statements' parameter lists (PostgreSQL takes at most 32,767) when runs
     * hold few or no results.
     */
    static final int MAX_RUNS_PER_BATCH = 1_000;

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
     */
    public static ExpiredRows delete(Connection c, Instant cut, List<String> runIds) throws SQLException {
        List<String> deleted = new ArrayList<>(runIds.size());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE started_at < ? AND run_id IN ("
                + marks(runIds.size()) + ") RETURNING run_id")) {
            ps.setObject(1, HistoryRows.utc(cut));
            bind(ps, 2, runIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.add(rs.getString(1));
                }
            }
        }
        if (deleted.isEmpty()) {
            return ExpiredRows.NONE;
        }
        String in = "(" + marks(deleted.size()) + ")";
        long attempts = update(c, "DELETE FROM test_attempts WHERE run_id IN " + in
                + " AND upload_id IN (SELECT upload_id FROM uploads WHERE run_id IN " + in + ")", deleted, deleted);
        long results = update(c, "DELETE FROM test_results WHERE run_id IN " + in, deleted);
        long uploads = update(c, "DELETE FROM uploads WHERE run_id IN " + in, deleted);
        return new ExpiredRows(deleted.size(), uploads, results, attempts);
    }

    /** Deletes the integration edges last seen before {@code cut}, in the connection's transaction. */
    public static long deleteEdges(Connection c, Instant cut) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM integration_edges WHERE last_seen < ?")) {
            ps.setObject(1, HistoryRows.utc(cut));
            return ps.executeUpdate();
        }
    }

    @SafeVarargs
    private static long update(Connection c, String sql, List<String>... lists) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 1;
            for (List<String> values : lists) {
                index = bind(ps, index, values);
            }
            return ps.executeUpdate();
        }
    }

    private static int bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        int index = first;
        for (String v : values) {
            ps.setString(index++, v);
        }
        return index;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
