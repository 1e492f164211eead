package io.testhealth.collector.store;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Upgrades of PostgreSQL schemas written by earlier releases: a schema left at V3 by Flyway, with an upload in it,
 * is migrated when the store opens it, and its upload keeps its id.
 */
final class PostgresMigrationTest {

    private static final String URL = TestPostgres.url();

    private final String schema = TestPostgres.newSchema("mig");

    @AfterEach
    void dropSchema() {
        TestPostgres.dropSchema(schema);
    }

    @Test
    void anUploadOfVersionThreeKeepsItsIdWithinItsComponent() throws SQLException {
        Flyway.configure().dataSource(URL, null, null).schemas(schema).createSchemas(true)
                .locations("classpath:db/postgres").target("3").load().migrate();
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            c.setSchema(schema);
            s.execute("INSERT INTO uploads VALUES ('1234', 'run-1', 'component:default/legacy', 'junit', 4, 3, 1, 0,"
                    + " 0, 0, 4, 6.5, '[]', TIMESTAMPTZ '2026-10-01 08:05:00+00')");
        }

        try (PostgresHistoryStore store = new PostgresHistoryStore(URL, null, null, schema, 2)) {
            assertEquals(12, latestVersion());
            UploadReceipt kept = store.findUpload(new UploadKey(ComponentRef.parse("legacy"), "1234")).orElseThrow();
            assertEquals(4L, kept.testResults());
            assertEquals(1L, kept.counts().failed());
            assertEquals("", kept.requestDigest(), "what it was sent with was not kept before V4");

            UploadMetadata other = StoreFixtures.upload(ComponentRef.parse("other"), "",
                    Instant.parse("2026-10-02T08:00:00Z")).withUploadId("1234");
            try (UploadWriter w = store.open(other)) {
                w.add(StoreFixtures.once(new TestIdentity("S", "t", ""), Status.PASSED, 1.0));
                assertFalse(w.commit(StoreFixtures.receipt(other, 1)).duplicate(),
                        "another component's upload under the same id is stored, not taken for a repeat");
            }
            assertEquals(4L, store.findUpload(new UploadKey(ComponentRef.parse("legacy"), "1234")).orElseThrow()
                    .testResults());
        }
    }

    private int latestVersion() throws SQLException {
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(version::int) FROM " + schema + ".flyway_schema_history"
                     + " WHERE success")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
