package io.testhealth.collector.store;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The store bean as the application context wires it. */
final class StoreFactoryTest {

    @Test
    void oneStoreInstanceServesWritesReadsAndAnalysisAndIsClosedWithTheContext() {
        HistoryDatabase database;
        try (ApplicationContext context = ApplicationContext.run(Map.of("testhealth.store.kind", "duckdb",
                "testhealth.store.duckdb.path", ":memory:"))) {
            database = context.getBean(HistoryDatabase.class);
            assertSame(database, context.getBean(TestHistoryStore.class));
            assertSame(database, context.getBean(HistoryQueries.class));
            assertSame(database, context.getBean(AnalysisRepository.class));
            assertEquals("duckdb", database.kind());
            assertEquals(List.of(), database.components());
        }
        assertThrows(StoreException.class, database::components, "closed when the context stopped");
    }
}
