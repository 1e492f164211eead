package io.testhealth.collector.store;

import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The pool's connections, as PostgreSQL sees them: idle between uses, never "idle in transaction" (which monitoring
 * flags, and which {@code idle_in_transaction_session_timeout} kills), after start, reads and uploads alike.
 */
final class PostgresPoolStateTest {

    private static final int POOL = 3;
    /** The pool opens one connection more than asked: the advisory locks' (PostgresHistoryStore). */
    private static final long CONNECTIONS = POOL + 1;

    @Test
    void idleConnectionsHoldNoTransaction() throws Exception {
        String app = "th-pool-" + UUID.randomUUID().toString().substring(0, 8);
        String schema = TestPostgres.newSchema("pool");
        String base = TestPostgres.url();
        String url = base + (base.contains("?") ? "&" : "?") + "ApplicationName=" + app;
        PostgresHistoryStore store = new PostgresHistoryStore(url, null, null, schema, POOL);
        try {
            Map<String, Long> atStart = statesOnceAllConnected(app);
            IngestService ingest = new IngestService(store, IngestLimits.defaults());
            for (int i = 0; i < 4; i++) {
                String xml = "<testsuite name=\"P\"><testcase classname=\"P\" name=\"t" + i + "\" time=\"0." + (i + 1) + "\"/></testsuite>";
                UploadPart part = UploadPart.spool("TEST-P.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 1 << 20, 0);
                try {
                    ingest.ingest(UploadMetadata.of(ComponentRef.parse("pool")).withUploadId("pool-" + i), List.of(part), Optional.empty());
                } finally {
                    part.delete();
                }
                store.findUpload(new UploadKey(ComponentRef.parse("pool"), "pool-" + i));
                store.components();
                store.testHistories("component:default/pool", Instant.EPOCH, Instant.now().plusSeconds(60), 10);
                store.revision(AnalysisRepository.SubjectKind.COMPONENT, "component:default/pool");
            }
            // The revision is read in autocommit: every connection must be back in transactions when handed out again,
            // or an upload's writes would commit one by one.
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < POOL; i++) {
                    all.add(store.openConnection());
                }
                for (Connection c : all) {
                    assertFalse(c.getAutoCommit(), "a pooled connection was handed out in autocommit");
                }
            } finally {
                for (Connection c : all) {
                    c.close();
                }
            }
            Map<String, Long> afterUse = statesOnceAllConnected(app);
            assertEquals(Map.of("idle", CONNECTIONS), atStart, "right after start");
            assertEquals(Map.of("idle", CONNECTIONS), afterUse, "after 4 uploads and 16 reads");
        } finally {
            store.close();
            TestPostgres.dropSchema(schema);
        }
    }

    /** The states of the pool's connections, counted, once the pool has opened all of them (polled, 20 s at most). */
    private static Map<String, Long> statesOnceAllConnected(String app) throws SQLException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Map<String, Long> states;
        do {
            states = new LinkedHashMap<>();
            try (Connection c = TestPostgres.connect();
                 PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM pg_stat_activity"
                         + " WHERE application_name = ? GROUP BY state ORDER BY state")) {
                s.setString(1, app);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        states.put(r.getString(1), r.getLong(2));
                    }
                }
            }
        } while (states.values().stream().mapToLong(Long::longValue).sum() < CONNECTIONS && System.nanoTime() < deadline);
        return states;
    }
}
