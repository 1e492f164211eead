/**
 * Where the test history lives: one {@link io.testhealth.collector.store.TestHistoryStore} interface with two
 * implementations that pass the same test suite.
 *
 * <ul>
 *   <li>{@code postgres}: the production store. Flyway migrations, writes with {@code COPY} in batches.</li>
 *   <li>{@code duckdb}: the embedded default, so that the collector starts on a fresh machine with nothing to
 *       install. DuckDB was chosen over H2 because the history is queried analytically (window functions,
 *       percentiles, large group-bys), where a columnar engine is an order of magnitude faster, because it runs
 *       the same PostgreSQL-flavoured SQL as the production store, and because its Appender ingests hundreds of
 *       thousands of rows per second. Its costs: one writing process per database file (the collector is that
 *       process) and no Flyway module, so its schema is migrated by versioned SQL files and a version table.</li>
 * </ul>
 *
 * <p>Both implementations are also the application's {@link io.testhealth.collector.store.HistoryQueries} (the
 * reads analysis makes) and {@link io.testhealth.collector.store.AnalysisRepository} (what analysis keeps), joined
 * as {@link io.testhealth.collector.store.HistoryDatabase}; their SQL is shared in {@code store.support}, because
 * both databases accept the same statements there.
 *
 * <p>Every upload is written in one transaction: the run, its test results and the upload's receipt become
 * visible together or not at all, and the receipt is committed before the API acknowledges the upload.
 */
package io.testhealth.collector.store;
