package io.testhealth.collector.demo;

import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.ReportedTestCase;
import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.traces.MappedSpans;
import io.testhealth.collector.traces.TestRunGroup;
import io.testhealth.collector.traces.TestSpanMapper;
import io.testhealth.collector.traces.otlp.OtlpJsonDecoder;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo history holds what every analysis needs to find something, and is loaded only once. */
final class DemoDataLoaderTest {

    @Test
    void loadsSeveralTeamsWeeksOfRunsFlakesRegressionsAndAllLayersOnce() throws SQLException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(DuckDbHistoryStore.IN_MEMORY)) {
            List<byte[]> exports = new ArrayList<>();
            DemoDataLoader loader = new DemoDataLoader(new IngestService(store, IngestLimits.defaults(), clock), store,
                    clock, exports::add);
            long uploads = loader.loadIfEmpty();
            assertTrue(uploads > 500, "uploads: " + uploads);
            int exported = exports.size();
            assertEquals(0, loader.loadIfEmpty(), "a second start loads nothing");
            assertEquals(exported, exports.size(), "a second start exports no spans");
            try (Connection c = store.openConnection(); Statement s = c.createStatement()) {
                assertAll(
                        () -> assertEquals(3, scalar(s, "SELECT count(DISTINCT team) FROM runs")),
                        () -> assertEquals(6, scalar(s, "SELECT count(DISTINCT component) FROM runs")),
                        () -> assertEquals(3, scalar(s, "SELECT count(DISTINCT layer) FROM test_results WHERE layer IS NOT NULL")),
                        () -> assertTrue(scalar(s, "SELECT count(*) FROM test_results WHERE outcome = 'flaky'") > 10),
                        () -> assertTrue(scalar(s, "SELECT count(*) FROM runs WHERE attempt = 2") > 0, "CI re-runs"),
                        () -> assertTrue(scalar(s, "SELECT count(*) FROM test_results WHERE failure_message LIKE '%EUR 10.01%'") > 0, "the regression"),
                        () -> assertTrue(scalar(s, "SELECT count(DISTINCT CAST(started_at AS DATE)) FROM runs") >= 28, "four weeks"));
            }
        }
    }

    /**
     * The demo's OTLP/JSON exports: the test spans of payments' integration runs of the last seven days name the tests
     * its Failsafe report holds for the same job run (so the collector counts each once), and with staging observed
     * the spans show the edges the integration map is meant to have. All in one export. The seven days 2026-11-19 to
     * 2026-11-25, of which 2026-11-21/22 are a weekend: 5 × 3 + 2 × 1 = 17 integration job runs of 40 tests each.
     */
    @Test
    void exportsTestSpansMatchingTheReportedRunsAndStagingTraffic() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(DuckDbHistoryStore.IN_MEMORY)) {
            List<byte[]> exports = new ArrayList<>();
            new DemoDataLoader(new IngestService(store, IngestLimits.defaults(), clock), store, clock, exports::add)
                    .loadIfEmpty();
            assertEquals(1, exports.size());
            int[] runs = {0};
            Set<String> edges = new TreeSet<>();
            Set<String> testedEdges = new TreeSet<>();
            int[] testSpans = {0};
            for (byte[] body : exports) {
                MappedSpans mapped = TestSpanMapper.map(OtlpJsonDecoder.decode(body, n -> { }), Optional.empty(),
                        "otlp", Set.of("staging"));
                assertEquals(0, mapped.rejectedSpans(), mapped.errorMessage());
                testSpans[0] += mapped.testSpans();
                runs[0] += mapped.runs().size();
                for (TestRunGroup run : mapped.runs()) {
                    Set<String> reported = new HashSet<>();
                    store.testsOfRun(run.metadata().runId()).forEach(t -> reported.add(t.testId()));
                    for (ReportedTestCase c : run.testCases()) {
                        String id = c.result().identity().testId(run.metadata().component());
                        assertTrue(reported.contains(id), "no reported test " + c.result().identity() + " in run "
                                + run.metadata().runKey());
                    }
                }
                for (EdgeSighting e : mapped.sightings()) {
                    String edge = e.edge().caller() + ">" + e.edge().kind().id() + ":" + e.edge().target();
                    edges.add(edge);
                    if (e.byTest()) {
                        testedEdges.add(edge);
                    }
                }
            }
            assertAll(
                    () -> assertEquals(17, runs[0], "integration job runs"),
                    () -> assertEquals(17 * 40, testSpans[0], "40 integration tests a run"),
                    () -> assertEquals(Set.of("payments>database:postgresql", "payments>service:fraud-check"),
                            testedEdges),
                    () -> assertEquals(Set.of("checkout-web>service:payments", "payments>database:postgresql",
                            "payments>messaging:kafka", "payments>service:fraud-check"), edges));
        }
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
