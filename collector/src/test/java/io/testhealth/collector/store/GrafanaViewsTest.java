package io.testhealth.collector.store;

import io.testhealth.collector.store.AnalysisRepository.ScorecardDay;
import io.testhealth.collector.store.AnalysisRepository.Snapshot;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read-only views Grafana's SQL panels query (db/&lt;store&gt;/V5__grafana_views.sql) return the documented
 * columns with the rows of the stored reports, on PostgreSQL (what Grafana reads) and on DuckDB (same contract).
 * The reports are written here by hand in the shape the collector stores, and every expected row is read off them.
 */
final class GrafanaViewsTest {

    /** Two components (one in namespace shop) with tests, a team, and a report without tests. */
    private static final List<Snapshot> REPORTS = List.of(
            new Snapshot(SubjectKind.COMPONENT, "component:default/checkout", Instant.parse("2026-12-01T06:00:00Z"), """
                    {"kind":"component","subject":"component:default/checkout","name":"checkout","namespace":"default",
                     "team":"payments","tests":[
                      {"testId":"t1","suite":"CartTest","name":"addsItem","layer":"unit","state":"flaky",
                       "flakinessScore":0.42,"flakyRuns":5,"runs":40,"failedRuns":6,"pipelinesBrokenAlone":3,
                       "timeLostSeconds":310.5,"p50Seconds":1.5,"p95Seconds":4.25,"footprintSeconds":88.0,
                       "quarantined":true,"owner":"ann"},
                      {"testId":"t2","suite":"PayIT","name":"refunds","layer":"integration","state":"healthy",
                       "flakinessScore":0.01,"flakyRuns":0,"runs":12,"failedRuns":0,"pipelinesBrokenAlone":0,
                       "timeLostSeconds":0.0,"p50Seconds":null,"p95Seconds":null,"footprintSeconds":7.5,
                       "quarantined":false,"owner":"payments"}]}"""),
            new Snapshot(SubjectKind.COMPONENT, "component:shop/cart", Instant.parse("2026-12-02T07:30:00Z"), """
                    {"kind":"component","subject":"component:shop/cart","name":"cart","namespace":"shop","team":"web",
                     "tests":[{"testId":"c1","suite":"E2E","name":"buys","layer":"e2e","state":"broken",
                       "flakinessScore":0.9,"flakyRuns":1,"runs":3,"failedRuns":3,"pipelinesBrokenAlone":2,
                       "timeLostSeconds":60.0,"p50Seconds":30.0,"p95Seconds":45.5,"footprintSeconds":120.0,
                       "quarantined":false,"owner":"web"}]}"""),
            new Snapshot(SubjectKind.COMPONENT, "component:default/empty", Instant.parse("2026-12-02T07:30:00Z"), """
                    {"kind":"component","name":"empty","namespace":"default","team":"web","tests":[]}"""),
            new Snapshot(SubjectKind.TEAM, "group:default/payments", Instant.parse("2026-12-02T07:30:00Z"), """
                    {"kind":"team","name":"payments","tests":[{"testId":"x","suite":"S","name":"not a component's"}]}"""));

    private static final List<ScorecardDay> DAYS = List.of(
            new ScorecardDay(SubjectKind.COMPONENT, "component:default/checkout", LocalDate.parse("2026-11-30"), "Silver", "B", "{}"),
            new ScorecardDay(SubjectKind.COMPONENT, "component:default/checkout", LocalDate.parse("2026-12-01"), "none", "D", "{}"),
            new ScorecardDay(SubjectKind.COMPONENT, "component:shop/cart", LocalDate.parse("2026-12-01"), "Gold", "A", "{}"),
            new ScorecardDay(SubjectKind.TEAM, "group:default/payments", LocalDate.parse("2026-12-01"), "Bronze", "C", "{}"),
            new ScorecardDay(SubjectKind.TEAM, "web", LocalDate.parse("2026-12-01"), "none", "-", "{}"));

    private static final String TESTS = "SELECT namespace, component, team, impact_rank, test_id, suite, test, layer,"
            + " state, flakiness_score, flaky_runs, runs, failed_runs, pipelines_broken_alone, time_lost_seconds,"
            + " p50_seconds, p95_seconds, footprint_seconds, quarantined, owner FROM testhealth_report_tests"
            + " ORDER BY namespace, component, impact_rank";

    private static final List<String> EXPECTED_TESTS = List.of(
            "default|checkout|payments|1|t1|CartTest|addsItem|unit|flaky|0.42|5|40|6|3|310.5|1.5|4.25|88.0|true|ann",
            "default|checkout|payments|2|t2|PayIT|refunds|integration|healthy|0.01|0|12|0|0|0.0|null|null|7.5|false|payments",
            "shop|cart|web|1|c1|E2E|buys|e2e|broken|0.9|1|3|3|2|60.0|30.0|45.5|120.0|false|web");

    private static final String HISTORY = "SELECT subject_kind, name, namespace, day, grade, grade_value, level,"
            + " level_value FROM testhealth_scorecard_history ORDER BY subject_kind, namespace, name, day";

    private static final List<String> EXPECTED_HISTORY = List.of(
            "component|checkout|default|2026-11-30|B|3|Silver|2",
            "component|checkout|default|2026-12-01|D|1|none|0",
            "component|cart|shop|2026-12-01|A|4|Gold|3",
            "team|payments|default|2026-12-01|C|2|Bronze|1",
            "team|web|default|2026-12-01|-|null|none|0");

    @Test
    void postgresViewsReturnOneRowPerTestOfEachComponentReportAndOnePerScorecardDay() throws SQLException {
        String schema = TestPostgres.newSchema("views");
        try (PostgresHistoryStore store = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, 2)) {
            fill(store);
            try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema);
                assertEquals(EXPECTED_TESTS, rows(s, TESTS));
                assertEquals(EXPECTED_HISTORY, rows(s, HISTORY));
                s.execute("SET TIME ZONE 'UTC'");
                assertEquals(List.of("2026-11-30 00:00:00+00"), rows(s, "SELECT day_start::text"
                        + " FROM testhealth_scorecard_history WHERE day = DATE '2026-11-30'"), "midnight UTC");
            }
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }

    @Test
    void duckDbViewsReturnTheSameRows(@TempDir Path dir) throws SQLException {
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("views.duckdb").toString())) {
            fill(store);
            try (Connection c = store.openConnection(); Statement s = c.createStatement()) {
                assertEquals(EXPECTED_TESTS, rows(s, TESTS));
                assertEquals(EXPECTED_HISTORY, rows(s, HISTORY));
            }
        }
    }

    private static void fill(AnalysisRepository store) {
        REPORTS.forEach(store::saveSnapshot);
        DAYS.forEach(store::saveScorecardDay);
    }

    /** Each row's columns joined by |, SQL NULL as null. */
    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    cols.add(v == null ? "null" : v.toString());
                }
                out.add(String.join("|", cols));
            }
        }
        return out;
    }
}
