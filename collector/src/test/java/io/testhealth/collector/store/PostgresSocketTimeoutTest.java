package io.testhealth.collector.store;

import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket time-out of the pool's connections: a statement whose answer does not come in time fails instead of
 * waiting forever (a server that is gone without closing the connection looks exactly like one that is slow to
 * answer), and one that answers in time is untouched.
 */
final class PostgresSocketTimeoutTest {

    @Test
    void aStatementPastTheSocketTimeoutFailsAndOneWithinItDoesNot() {
        String schema = TestPostgres.newSchema("socket");
        try (PostgresHistoryStore store = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, 2,
                Duration.ofSeconds(3), Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThrows(SQLException.class, () -> sleepOnTheServer(store, 4));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(3_500)) < 0, "waited " + took + " for a 1 s socket time-out");
            assertDoesNotThrow(() -> sleepOnTheServer(store, 0.2));
            // the pool replaced the dropped connection: the store still answers
            assertDoesNotThrow(store::ping);
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }

    private static void sleepOnTheServer(PostgresHistoryStore store, double seconds) throws SQLException {
        try (Connection c = store.openConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(" + seconds + ")");
            c.rollback();
        }
    }
}
