package io.testhealth.collector.store.duckdb;

import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.UploadWriter;
import io.testhealth.collector.store.support.ReceiptSql;
import io.testhealth.collector.store.support.SqlHistoryDatabase;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one DuckDB database file, opened once by this process.
 *
 * <p>DuckDB lets one process write a file, and inside it connections are cheap duplicates of one database
 * instance: the store opens the file once and gives each writer and each read its own {@link
 * DuckDBConnection#duplicate()}. Rows go in through the Appender inside the writer's transaction (see
 * {@link DuckDbUploadWriter} for why the transaction is begun explicitly).
 *
 * <p>DuckDB's concurrency is optimistic: two open transactions that insert the same {@code runs} row make the
 * later commit fail, and an insert of a key committed after the transaction began fails at once. Writers
 * therefore append in parallel but pass the commit section (look up run and upload id in the latest state, insert
 * what is missing, commit) one at a time under a lock of this store, so two uploads of one run both succeed and a
 * repeated upload id is recognised.
 *
 * <p>Reads and analysis writes ({@link SqlHistoryDatabase}) run on a duplicate connection each, in an explicit
 * transaction so that all queries of one read see one snapshot (in auto-commit each statement would take its own).
 * Analysis writes also take the commit lock: two concurrent upserts of one key would otherwise make the later
 * commit fail with a write-write conflict instead of replacing the row. So do retention's deletions, one bounded batch
 * of job runs at a time ({@code RetentionSql}): an upload's commit section then comes wholly before a batch (and is
 * deleted whole with its run) or wholly after it (and finds its run gone and inserts it again); uploads append while a
 * batch runs and wait only for its commit.
 */
public final class DuckDbHistoryStore extends SqlHistoryDatabase {

    /** Rows buffered per Appender flush. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** The path meaning an in-memory database that disappears with the store (for tests). */
    public static final String IN_MEMORY = ":memory:";

    private static final ReceiptSql SQL = new ReceiptSql("?");

    private final DuckDBConnection database;
    private final ReentrantLock commitLock = new ReentrantLock();

    /**
     * Opens (or creates) the database file, creating its parent directories, and migrates it.
     *
     * @param path the database file, or {@link #IN_MEMORY}
     * @throws StoreException when the file cannot be opened, for instance because another process holds it
     */
    public DuckDbHistoryStore(String path) {
        String url = "jdbc:duckdb:" + (IN_MEMORY.equals(path) ? "" : createParent(path));
        try {
            this.database = (DuckDBConnection) DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new StoreException("cannot open the DuckDB database " + path
                    + " (only one process may open it at a time)", e);
        }
        try {
            DuckDbMigrations.migrate(database);
        } catch (SQLException | RuntimeException e) {
            closeDatabase();
            throw new StoreException("cannot migrate the DuckDB database " + path, e);
        }
    }

    @Override
    public UploadWriter open(UploadMetadata metadata) {
        DuckDBConnection c = duplicate();
        try {
            return new DuckDbUploadWriter(c, database, metadata, SQL, commitLock, DEFAULT_BATCH_SIZE);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e instanceof SQLException ? new StoreException("cannot begin upload " + metadata.uploadId(), e)
                    : (RuntimeException) e;
        }
    }

    @Override
    public Optional<UploadReceipt> findUpload(UploadKey key) {
        try (DuckDBConnection c = duplicate()) {
            return SQL.find(c, key);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + key, e);
        }
    }

    /**
     * A new connection to this database, for read queries (analysis, tests): DuckDB admits no second instance of
     * the file in this process, so readers must come through the store. The caller closes it.
     */
    public DuckDBConnection openConnection() {
        return duplicate();
    }

    @Override
    public String kind() {
        return "duckdb";
    }

    @Override
    protected <T> T read(SqlWork<T> work) throws SQLException {
        try (DuckDBConnection c = duplicate()) {
            c.setAutoCommit(false);
            try {
                return work.apply(c);
            } finally {
                c.rollback();
            }
        }
    }

    @Override
    protected <T> T write(SqlWork<T> work) throws SQLException {
        commitLock.lock();
        try (DuckDBConnection c = duplicate()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public void close() {
        closeDatabase();
    }

    private DuckDBConnection duplicate() {
        try {
            return (DuckDBConnection) database.duplicate();
        } catch (SQLException e) {
            throw new StoreException("cannot open a DuckDB connection", e);
        }
    }

    private void closeDatabase() {
        try {
            database.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the DuckDB database", e);
        }
    }

    private static void closeQuietly(DuckDBConnection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String createParent(String path) {
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the DuckDB database " + path, e);
        }
        return path;
    }
}
