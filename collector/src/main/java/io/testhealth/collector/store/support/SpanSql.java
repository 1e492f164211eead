package io.testhealth.collector.store.support;

import io.testhealth.collector.store.StoredSpanRun;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of {@code test_spans}, the same on both stores, through {@code test_spans_test_idx}. A row whose job run
 * was deleted (a retention pass deletes runs, then their spans) is never answered: both reads join the run.
 */
final class SpanSql {

    /** A test's latest span rows with their job runs; a row whose run is gone is left out (inner join). */
    private static final String OF_TEST = "SELECT s.run_id, s.upload_id, r.pipeline, r.job, r.attempt, r.branch,"
            + " r.commit_sha, r.run_url, s.trace_id, s.start_nanos, s.dropped_spans, s.spans"
            + " FROM test_spans s JOIN runs r ON r.run_id = s.run_id"
            + " WHERE s.component = ? AND s.test_id = ? ORDER BY s.started_at DESC, s.start_nanos DESC, s.span_id"
            + " LIMIT ?";

    private SpanSql() {
    }

    static List<StoredSpanRun> ofTest(Connection c, String component, String testId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OF_TEST)) {
            ps.setString(1, component);
            ps.setString(2, testId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredSpanRun> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new StoredSpanRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            SpanTreeJson.decode(rs.getString(12), rs.getLong(10)), rs.getInt(11)));
                }
                return out;
            }
        }
    }

    static boolean exist(Connection c, String component, String testId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM test_spans s JOIN runs r ON r.run_id = s.run_id"
                + " WHERE s.component = ? AND s.test_id = ? LIMIT 1")) {
            ps.setString(1, component);
            ps.setString(2, testId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
