package io.testhealth.collector.store;

import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

/** The store contract on a DuckDB file in a temporary directory (a file, so a child process can crash on it). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class DuckDbHistoryStoreTest extends HistoryStoreContract
        implements HistoryQueriesContract, AnalysisRepositoryContract, IntegrationRepositoryContract,
        RetentionRepositoryContract, SpanRepositoryContract {

    private Path dir;
    private DuckDbHistoryStore store;

    @BeforeAll
    void openStore(@TempDir Path tempDir) {
        dir = tempDir;
        store = new DuckDbHistoryStore(file());
    }

    @AfterAll
    void closeStore() {
        store.close();
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
    public Connection connect() {
        return store.openConnection();
    }

    @Override
    protected List<String> childStoreArguments() {
        return List.of("duckdb", file());
    }

    @Override
    protected void releaseForChild() {
        store.close();
    }

    @Override
    protected void reacquireAfterChild() {
        store = new DuckDbHistoryStore(file());
    }

    private String file() {
        return dir.resolve("nested/history.duckdb").toString();
    }
}
