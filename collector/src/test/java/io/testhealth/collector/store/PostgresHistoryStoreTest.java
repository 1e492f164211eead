package io.testhealth.collector.store;

import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The store contract on a real PostgreSQL, in a schema of its own that is dropped afterwards.
 *
 * <p>The server is required: when it is unreachable the tests fail with how to start it, never skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PostgresHistoryStoreTest extends HistoryStoreContract
        implements HistoryQueriesContract, AnalysisRepositoryContract {

    private static final String URL = System.getProperty("testhealth.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "th_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private PostgresHistoryStore store;

    @BeforeAll
    void openStore() {
        try (Connection c = DriverManager.getConnection(URL)) {
            c.isValid(5);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + URL + " (" + e.getMessage() + "). Start it with"
                    + " `pg_ctlcluster --skip-systemctl-redirect 15 main start`, or point the system property"
                    + " testhealth.test.postgres.url at another server.", e);
        }
        store = new PostgresHistoryStore(URL, null, null, schema, 4);
    }

    @AfterAll
    void dropSchema() throws SQLException {
        if (store != null) {
            store.close();
        }
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
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
        Connection c = DriverManager.getConnection(URL);
        c.setSchema(schema);
        return c;
    }

    @Override
    protected List<String> childStoreArguments() {
        return List.of("postgres", URL, schema);
    }

    @Override
    protected void releaseForChild() {
    }

    @Override
    protected void reacquireAfterChild() {
    }
}
