package io.testhealth.collector.store;

/**
 * The one database of the application seen whole: the history written by uploads, the reads analysis makes of it,
 * what analysis keeps, the access tokens created through the admin API, the integration edges that spans imply, the
 * raw spans of test runs, and the deletion of what is past retention.
 *
 * <p>The roles are one object because they share one connection pool (PostgreSQL) or the one open database
 * file a process may hold (DuckDB). {@link StoreFactory} produces it as a single bean that Micronaut injects under
 * each of the interfaces, so it is created and closed once.
 */
public interface HistoryDatabase extends TestHistoryStore, HistoryQueries, AnalysisRepository, AccessTokenStore,
        IntegrationRepository, RetentionRepository, SpanRepository {

    /**
     * Checks that the database answers, within the pool's connection time-out: what the health endpoint reports.
     *
     * @throws StoreException when it does not
     */
    void ping();
}
