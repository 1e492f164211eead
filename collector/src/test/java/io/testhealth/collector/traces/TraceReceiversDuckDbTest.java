package io.testhealth.collector.traces;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.util.Map;

/** The trace receivers on the embedded store (DuckDB in memory). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TraceReceiversDuckDbTest extends TraceReceiversContract implements TestPropertyProvider {

    @Inject
    TestHistoryStore store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>();
        receiverProperties().forEach((k, v) -> p.put(k, v.toString()));
        return p;
    }

    @Override
    Connection connection() {
        return ((DuckDbHistoryStore) store).openConnection();
    }
}
