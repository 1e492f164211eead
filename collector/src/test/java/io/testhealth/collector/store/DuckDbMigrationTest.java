package io.testhealth.collector.store;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Upgrades of DuckDB files written by earlier releases.
 *
 * <p>The version-1 file is built as release 1 left it (its {@code schema_version} table and the V1 script), not
 * through the migration code, so the test keeps describing that old file whatever the migration code becomes.
 */
final class DuckDbMigrationTest {

    private static final Instant STARTED = Instant.parse("2026-10-01T08:00:00Z");

    @Test
    void fileAtVersionOneIsMigratedToTheLatestVersionOnOpenAndKeepsItsRows(@TempDir Path dir) throws SQLException {
        String file = dir.resolve("v1.duckdb").toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            createVersionOne(c);
            insertVersionOneResult(c);
        }

        try (DuckDbHistoryStore store = new DuckDbHistoryStore(file)) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), versions(store));
            TestRunFact old = store.testHistories("component:default/legacy", STARTED, STARTED.plusSeconds(3600), 5).get(0).lastRun();
            assertEquals(2.5, old.durationSeconds(), 1e-9, "a single attempt's duration is its total");
            assertEquals(2.5, old.costSeconds(), 1e-9);

            ComponentRef component = ComponentRef.parse("legacy");
            UploadMetadata m = StoreFixtures.upload(component, "", STARTED.plusSeconds(60));
            try (UploadWriter w = store.open(m)) {
                w.add(StoreFixtures.flaky(new TestIdentity("S", "new", "")));
                w.add(StoreFixtures.once(new TestIdentity("S", "plain", ""), Status.PASSED, 1.0));
                w.commit(StoreFixtures.receipt(m, 2));
            }
            List<TestHistory> histories = store.testHistories(component.toString(), STARTED, STARTED.plusSeconds(3600), 5);
            TestRunFact retried = histories.stream().filter(h -> h.name().equals("new")).findFirst().orElseThrow()
                    .lastRun();
            assertEquals(0.75, retried.durationSeconds(), 1e-9, "rows appended after V2 fill the new last column");

            UploadReceipt kept = store.findUpload(new UploadKey(component, "up-1")).orElseThrow();
            assertEquals(1L, kept.testResults(), "the release-1 upload keeps its id, now within its component");
            assertEquals("", kept.requestDigest(), "what it was sent with was not kept then");
            UploadMetadata elsewhere = StoreFixtures.upload(ComponentRef.parse("other"), "", STARTED).withUploadId("up-1");
            try (UploadWriter w = store.open(elsewhere)) {
                w.add(StoreFixtures.once(new TestIdentity("S", "other", ""), Status.PASSED, 1.0));
                assertFalse(w.commit(StoreFixtures.receipt(elsewhere, 1)).duplicate(),
                        "another component's upload under the same id is stored, not taken for a repeat");
            }
            assertEquals(1L, store.findUpload(new UploadKey(component, "up-1")).orElseThrow().testResults());
        }
    }

    @Test
    void migratingAgainChangesNothing(@TempDir Path dir) throws SQLException {
        String file = dir.resolve("twice.duckdb").toString();
        new DuckDbHistoryStore(file).close();
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(file)) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), versions(store));
        }
    }

    private static void createVersionOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL,"
                    + " applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)");
            for (String statement : versionOneScript().split(";")) {
                String code = statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + b + "\n").strip();
                if (!code.isEmpty()) {
                    s.execute(code);
                }
            }
            s.execute("INSERT INTO schema_version (version, description) VALUES (1, 'history')");
        }
    }

    private static String versionOneScript() {
        try (InputStream in = DuckDbMigrationTest.class.getClassLoader()
                .getResourceAsStream("db/duckdb/V1__history.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the V1 script", e);
        }
    }

    /** An upload as release 1 wrote it: its receipt keyed by its id alone, and its one result row. */
    private static void insertVersionOneResult(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO runs VALUES ('run-1', 'component:default/legacy', 'team-a', '', 'main', 'abc',"
                    + " 'p1', 'test', 1, '', '', TIMESTAMPTZ '2026-10-01 08:00:00+00',"
                    + " TIMESTAMPTZ '2026-10-01 08:05:00+00')");
            s.execute("INSERT INTO uploads VALUES ('up-1', 'run-1', 'component:default/legacy', 'junit', 1, 1, 0, 0,"
                    + " 0, 0, 1, 2.5, '[]', TIMESTAMPTZ '2026-10-01 08:05:00+00')");
            s.execute("INSERT INTO test_results VALUES ('up-1', 'run-1', 'component:default/legacy', 'test-1', 'S',"
                    + " 'old', '', '', 'TEST-old.xml', 'passed', 1, 0, 2.5, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL,"
                    + " '{}')");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'test_results'"
                        + " AND column_name = 'final_duration_seconds'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the file is at version 1");
        }
    }

    private static List<Integer> versions(DuckDbHistoryStore store) throws SQLException {
        try (Connection c = store.openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            return versions;
        }
    }
}
