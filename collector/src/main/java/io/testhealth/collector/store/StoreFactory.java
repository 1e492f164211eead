package io.testhealth.collector.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import jakarta.inject.Singleton;

/**
 * Builds the one {@link HistoryDatabase} of the application from {@link StoreConfiguration}; the stores
 * themselves know nothing of Micronaut so tests and benchmarks construct them directly.
 *
 * <p>One bean, typed by the interface that joins the roles, so Micronaut injects the same instance wherever a
 * {@link TestHistoryStore}, {@link HistoryQueries} or {@link AnalysisRepository} is asked for, and closes it once.
 */
@Factory
public final class StoreFactory {

    /**
     * The configured store, closed when the application context stops.
     *
     * <p>The {@code typed} list names the interfaces explicitly, so the bean answers exactly these and the joint type.
     *
     * @throws IllegalStateException when {@code postgres} is chosen without {@code testhealth.store.postgres.url}
     */
    @Singleton
    @Bean(preDestroy = "close", typed = {HistoryDatabase.class, TestHistoryStore.class, HistoryQueries.class,
            AnalysisRepository.class, AccessTokenStore.class, IntegrationRepository.class,
            RetentionRepository.class, SpanRepository.class})
    public HistoryDatabase historyDatabase(StoreConfiguration config) {
        return switch (config.getKind()) {
            case DUCKDB -> new DuckDbHistoryStore(config.getDuckdb().getPath());
            case POSTGRES -> postgres(config.getPostgres());
        };
    }

    private static HistoryDatabase postgres(StoreConfiguration.Postgres pg) {
        if (pg.getUrl() == null || pg.getUrl().isBlank()) {
            throw new IllegalStateException("testhealth.store.kind is postgres but testhealth.store.postgres.url is not set");
        }
        return new PostgresHistoryStore(pg.getUrl(), pg.getUser(), pg.getPassword(), pg.getSchema(),
                pg.getPoolSize(), pg.getConnectionTimeout(), pg.getSocketTimeout());
    }
}
