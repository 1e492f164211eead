package io.testhealth.collector.traces;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The trace receivers on PostgreSQL, in a schema of their own that is dropped afterwards. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TraceReceiversPostgresTest extends TraceReceiversContract implements TestPropertyProvider {

    private final String schema = TestPostgres.newSchema("traces");

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        receiverProperties().forEach((k, v) -> p.put(k, v.toString()));
        p.put("testhealth.store.kind", "postgres");
        p.put("testhealth.store.postgres.url", TestPostgres.url());
        p.put("testhealth.store.postgres.schema", schema);
        return p;
    }

    @Override
    Connection connection() throws SQLException {
        Connection c = TestPostgres.connect();
        c.setSchema(schema);
        return c;
    }

    @AfterAll
    void dropSchema() {
        TestPostgres.dropSchema(schema);
    }
}
