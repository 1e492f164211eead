package io.testhealth.collector.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The scorecard check scenarios on PostgreSQL, the production store, in a schema of their own dropped afterwards.
 * The server is required (127.0.0.1:5432, or the system property {@code testhealth.test.postgres.url}).
 */
@MicronautTest
final class ScorecardChecksScenariosPostgresTest extends ScorecardChecksScenarios implements TestPropertyProvider {

    private static final String URL = System.getProperty("testhealth.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "th_checks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    public Map<String, String> getProperties() {
        return Map.of("testhealth.store.kind", "postgres", "testhealth.store.postgres.url", URL,
                "testhealth.store.postgres.schema", schema, "testhealth.store.postgres.pool-size", "4");
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
