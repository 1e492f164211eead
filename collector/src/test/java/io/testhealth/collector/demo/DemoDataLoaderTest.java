package io.testhealth.collector.demo;

import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo history holds what every analysis needs to find something, and is loaded only once. */
final class DemoDataLoaderTest {

    @Test
    void loadsSeveralTeamsWeeksOfRunsFlakesRegressionsAndAllLayersOnce() throws SQLException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(DuckDbHistoryStore.IN_MEMORY)) {
            DemoDataLoader loader = new DemoDataLoader(new IngestService(store, IngestLimits.defaults(), clock), store, clock);
            long uploads = loader.loadIfEmpty();
            assertTrue(uploads > 500, "uploads: " + uploads);
            assertEquals(0, loader.loadIfEmpty(), "a second start loads nothing");
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

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
