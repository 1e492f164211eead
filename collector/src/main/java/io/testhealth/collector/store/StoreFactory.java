package io.testhealth.collector.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import jakarta.inject.Singleton;

/**
 * Builds the one {@link TestHistoryStore} of the application from {@link StoreConfiguration}; the stores
 * themselves know nothing of Micronaut so tests and benchmarks construct them directly.
 */
@Factory
public final class StoreFactory {

    /**
     * The configured store, closed when the application context stops.
     *
     * @throws IllegalStateException when {@code postgres} is chosen without {@code testhealth.store.postgres.url}
     */
    @Singleton
    @Bean(preDestroy = "close")
    public TestHistoryStore testHistoryStore(StoreConfiguration config) {
        return switch (config.getKind()) {
            case DUCKDB -> new DuckDbHistoryStore(config.getDuckdb().getPath());
            case POSTGRES -> postgres(config.getPostgres());
        };
    }

    private static TestHistoryStore postgres(StoreConfiguration.Postgres pg) {
        if (pg.getUrl() == null || pg.getUrl().isBlank()) {
            throw new IllegalStateException("testhealth.store.kind is postgres but testhealth.store.postgres.url is not set");
        }
        return new PostgresHistoryStore(pg.getUrl(), pg.getUser(), pg.getPassword(), pg.getSchema(),
                pg.getPoolSize());
    }
}
