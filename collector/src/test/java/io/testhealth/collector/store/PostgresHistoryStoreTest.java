package io.testhealth.collector.store;

import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The store contract on a real PostgreSQL ({@link TestPostgres}: the configured server, else a throwaway one), in a
 * schema of its own that is dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PostgresHistoryStoreTest extends HistoryStoreContract
        implements HistoryQueriesContract, AnalysisRepositoryContract, IntegrationRepositoryContract,
        RetentionRepositoryContract, SpanRepositoryContract {

    private final String schema = TestPostgres.newSchema("test");
    private String url;
    private PostgresHistoryStore store;

    @BeforeAll
    void openStore() {
        url = TestPostgres.url();
        store = new PostgresHistoryStore(url, null, null, schema, 4);
    }

    @AfterAll
    void dropSchema() {
        if (store != null) {
            store.close();
        }
        TestPostgres.dropSchema(schema);
    }

    @Override
    protected TestHistoryStore store() {
        return store;
    }

    @Override
    public HistoryDatabase database() {
        return store;
    }

    @Override
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setSchema(schema);
        return c;
    }

    @Override
    protected List<String> childStoreArguments() {
        return List.of("postgres", url, schema);
    }

    @Override
    protected void releaseForChild() {
    }

    @Override
    protected void reacquireAfterChild() {
    }
}
