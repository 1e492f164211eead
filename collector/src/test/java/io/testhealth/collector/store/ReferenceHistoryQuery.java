package io.testhealth.collector.store;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.store.support.HistoryRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The straightforward reading of {@link HistoryQueries#testHistories}, kept as the reference the store's faster
 * reader is compared with: one query of every column of the results of the component in the span, joined with
 * their runs, sorted by the database; all-time totals from a second query; the latest runs kept in Java, each job
 * run's results made one run of the test.
 */
final class ReferenceHistoryQuery {

    private ReferenceHistoryQuery() {
    }

    static List<TestHistory> testHistories(Connection c, String component, Instant from, Instant to, int maxRuns)
            throws SQLException {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Instant> firstSeen = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.test_id, count(DISTINCT t.run_id), min(r.started_at) FROM test_results t"
                + " JOIN runs r ON r.run_id = t.run_id WHERE t.component = ? AND r.started_at < ? GROUP BY t.test_id")) {
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2)});
                    firstSeen.put(rs.getString(1), rs.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        }
        Map<String, List<TestRunFact>> facts = new java.util.LinkedHashMap<>();
        Map<String, String[]> names = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.*, CAST(t.labels AS VARCHAR) AS labels_text, r.team,"
                + " r.pipeline, r.job, r.attempt, r.environment, r.branch, r.commit_sha, r.started_at AS run_started_at,"
                + " r.component AS run_component FROM test_results t JOIN runs r ON r.run_id = t.run_id"
                + " WHERE t.component = ? AND r.started_at >= ? AND r.started_at < ?"
                + " ORDER BY t.test_id, r.started_at, r.run_id, t.report_file, t.invocation")) {
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(from));
            ps.setObject(3, HistoryRows.utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("test_id");
                    names.putIfAbsent(id, new String[] {rs.getString("run_component"), rs.getString("suite"),
                            rs.getString("name")});
                    JobRun job = new JobRun(rs.getString("run_id"), rs.getString("run_component"), rs.getString("team"),
                            rs.getString("pipeline"), rs.getString("job"), rs.getInt("attempt"),
                            rs.getString("environment"), rs.getString("branch"), rs.getString("commit_sha"),
                            rs.getObject("run_started_at", OffsetDateTime.class).toInstant());
                    int attempts = rs.getInt("attempts");
                    Double cost = number(rs, "duration_seconds");
                    Double last = number(rs, "final_duration_seconds");
                    String layer = rs.getString("layer");
                    String source = rs.getString("layer_source");
                    facts.computeIfAbsent(id, k -> new ArrayList<>()).add(new TestRunFact(job,
                            Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), attempts,
                            rs.getInt("failed_attempts"), last != null ? last : attempts == 1 ? cost : null, cost,
                            rs.getString("failure_type"), rs.getString("failure_message"),
                            rs.getString("failure_fingerprint"), layer == null || source == null ? null
                            : new DeclaredLayer(Layer.valueOf(layer.toUpperCase(Locale.ROOT)),
                                    LayerSource.valueOf(source.toUpperCase(Locale.ROOT))),
                            HistoryRows.parseLabels(rs.getString("labels_text")), rs.getString("report_file")));
                }
            }
        }
        List<TestHistory> histories = new ArrayList<>();
        facts.forEach((id, all) -> {
            List<String> runs = all.stream().map(f -> f.job().runId()).distinct().toList();
            List<String> kept = runs.subList(Math.max(0, runs.size() - maxRuns), runs.size());
            List<TestRunFact> latest = kept.stream().map(run -> TestRunFact.ofInvocations(
                    all.stream().filter(f -> f.job().runId().equals(run)).toList())).toList();
            String[] n = names.get(id);
            histories.add(new TestHistory(id, n[0], n[1], n[2], latest, Math.max(counts.get(id)[0], latest.size()),
                    firstSeen.get(id)));
        });
        return histories;
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
