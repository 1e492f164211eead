package io.testhealth.collector.store;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mechanism that runs HTTP-level classes on each store does what it says: the context of an {@link OnEachStore}
 * class is on the store that the Surefire execution chose, PostgreSQL in a schema of the class's own.
 */
@MicronautTest
@OnEachStore
final class OnEachStoreTest {

    @Inject
    HistoryDatabase database;

    @Test
    void theContextOfTheClassIsOnTheStoreThatTheRunChose() {
        // Each execution of collector/pom.xml sets the property: each-store-on-duckdb and each-store-on-postgres.
        String chosen = System.getProperty(StoreUnderTest.STORE_PROPERTY, "duckdb").toLowerCase(Locale.ROOT);
        assertEquals(chosen, database.kind());
    }

    @Test
    void onPostgresTheClassWritesToASchemaOfItsOwn() throws SQLException {
        if (!(database instanceof PostgresHistoryStore postgres)) {
            assertEquals("duckdb", database.kind());
            return;
        }
        try (Connection c = postgres.openConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_schema()")) {
            r.next();
            assertTrue(r.getString(1).matches("th_oneachstoretest_[0-9a-f]{12}"), r.getString(1));
            c.rollback();
        }
    }

    @Test
    void everyNewDatabaseIsAnotherOne() {
        Path file = Path.of("/tmp/does-not-matter/collector.duckdb");
        Map<String, Object> first = StoreUnderTest.newDatabase(OnEachStoreTest.class, file);
        Map<String, Object> second = StoreUnderTest.newDatabase(OnEachStoreTest.class, file);
        if (StoreUnderTest.current() == StoreConfiguration.Kind.POSTGRES) {
            assertNotEquals(first.get("testhealth.store.postgres.schema"), second.get("testhealth.store.postgres.schema"));
        } else {
            assertEquals(file.toString(), first.get("testhealth.store.duckdb.path"), "the file the caller named");
        }
    }
}
