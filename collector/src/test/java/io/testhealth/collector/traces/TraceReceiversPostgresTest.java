package io.testhealth.collector.traces;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The trace receivers on PostgreSQL, in a schema of their own that is dropped afterwards. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TraceReceiversPostgresTest extends TraceReceiversContract implements TestPropertyProvider {

    private static final String URL = System.getProperty("testhealth.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private final String schema = "th_traces_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        receiverProperties().forEach((k, v) -> p.put(k, v.toString()));
        p.put("testhealth.store.kind", "postgres");
        p.put("testhealth.store.postgres.url", URL);
        p.put("testhealth.store.postgres.schema", schema);
        return p;
    }

    @Override
    Connection connection() throws SQLException {
        Connection c = DriverManager.getConnection(URL);
        c.setSchema(schema);
        return c;
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
