package io.testhealth.collector.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.ReplicaLocks;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.UploadWriter;
import io.testhealth.collector.store.support.ReceiptSql;
import io.testhealth.collector.store.support.SqlHistoryDatabase;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The production store: PostgreSQL through a HikariCP pool, schema by Flyway ({@code classpath:db/postgres}).
 *
 * <p>Each writer holds one pooled connection for its whole transaction and sends rows with {@code COPY} in
 * batches ({@link PostgresUploadWriter}), so a large upload costs a few round trips, not one per row. Concurrent
 * duplicates need no lock in the JVM: the second insert of an upload id waits on the first transaction's row lock
 * and then inserts nothing.
 *
 * <p>Reads and analysis writes ({@link SqlHistoryDatabase}) borrow a pooled connection each. A read runs at
 * {@code REPEATABLE READ}, so its queries see one snapshot: under the default {@code READ COMMITTED} an upload
 * committed between a history query and its totals query would make them disagree. The pool restores the
 * isolation level when the connection comes back.
 *
 * <p>All tables live in one schema (default {@code public}); tests give each class its own schema and drop it.
 */
public final class PostgresHistoryStore extends SqlHistoryDatabase {

    /**
     * Rows encoded and sent at a time into the open {@code COPY}: small, so that the server inserts while the
     * report is still being parsed (a COPY costs no round trip per batch).
     */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** Default longest wait for a connection ({@code testhealth.store.postgres.connection-timeout}). */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    /** Default longest wait for the server's answer on a connection ({@code testhealth.store.postgres.socket-timeout}). */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(5);

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final ReceiptSql SQL = new ReceiptSql("CAST(? AS jsonb)", true);
    /** PostgreSQL serialises conflicting inserts itself; a lock that never blocks keeps the writer uniform. */
    private static final Lock NO_LOCK = new NoLock();

    /** How long a recompute waits for another collector's recompute of the same report. */
    private static final Duration LONGEST_LOCK_WAIT = Duration.ofMinutes(2);

    private final HikariDataSource dataSource;
    private final AdvisoryLocks locks;

    /**
     * Connects, creates the schema if needed and migrates it.
     *
     * @param url      JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/testhealth}
     * @param user     user, or {@code null} when the URL carries it
     * @param password password, or {@code null} (trust or URL)
     * @param schema   lower-case identifier of the schema to use (created if absent)
     * @param poolSize maximum connections: bounds concurrent uploads being written
     * @throws StoreException when the database is unreachable or the migration fails
     */
    public PostgresHistoryStore(String url, String user, String password, String schema, int poolSize) {
        this(url, user, password, schema, poolSize, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Connects, creates the schema if needed and migrates it.
     *
     * @param connectionTimeout longest wait for a pooled connection (and for a new one to connect): past it the
     *                          operation fails as {@linkplain StoreException#unavailable() unavailable}
     * @see #PostgresHistoryStore(String, String, String, String, int)
     */
    public PostgresHistoryStore(String url, String user, String password, String schema, int poolSize,
                                Duration connectionTimeout) {
        this(url, user, password, schema, poolSize, connectionTimeout, DEFAULT_SOCKET_TIMEOUT);
    }

    /**
     * Connects, creates the schema if needed and migrates it.
     *
     * @param socketTimeout longest wait for the server's answer on an open connection, whole seconds ({@code 0}:
     *                      forever). A server that vanished without closing the connection (a crash of its machine, a
     *                      network partition, a failover) otherwise leaves the waiting thread blocked for as long as the
     *                      operating system keeps the dead TCP connection, which is hours; past the time-out the
     *                      operation fails, the connection is dropped, and the next one finds the database again or
     *                      answers 503. Longer than the longest statement (a full history read of a big component).
     * @see #PostgresHistoryStore(String, String, String, String, int, Duration)
     */
    public PostgresHistoryStore(String url, String user, String password, String schema, int poolSize,
                                Duration connectionTimeout, Duration socketTimeout) {
        if (socketTimeout.isNegative()) {
            throw new IllegalArgumentException("postgres socket time-out must be 0 (none) or more, got " + socketTimeout);
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("postgres schema must be a lower-case SQL identifier, got '" + schema + "'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("postgres pool size must be 1 or more, got " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // The schema as a connection parameter (pgjdbc's currentSchema, sent at connect), not Hikari's setSchema: with
        // auto-commit off, setSchema's SET runs inside the new connection's first transaction, so the rollback of a
        // read undoes it (later statements then miss the tables), and until then the connection sits "idle in
        // transaction" (monitoring flags it; idle_in_transaction_session_timeout kills it).
        config.addDataSourceProperty("currentSchema", schema);
        // One more than asked: the advisory locks keep one connection for themselves once first used.
        config.setMaximumPoolSize(poolSize + 1);
        // Hikari's 30 s default kept an upload waiting half a minute for a database that was down, and then answered
        // it 500; a few seconds tell an outage (503 with Retry-After) while a busy pool still hands out connections.
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // pgjdbc waits 10 s by default for a TCP connection; no longer than a borrower would wait for it.
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectionTimeout.toSeconds())));
        // pgjdbc waits for an answer forever by default; see the constructor's socketTimeout. A fraction of a second
        // counts as one (pgjdbc takes whole seconds), so a short setting never turns into "none".
        config.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeout.isZero() ? 0
                : Math.max(1, (socketTimeout.toMillis() + 999) / 1000)));
        // Keep-alive probes let the operating system notice a dead idle connection in the pool too.
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setAutoCommit(false);
        // How monitoring (pg_stat_activity) tells the collector's connections apart; a URL's ApplicationName wins.
        config.addDataSourceProperty("ApplicationName", "test-health-collector");
        config.setPoolName("testhealth-postgres");
        try {
            this.dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + url, e);
        }
        try {
            // Flyway on a connection of its own: it changes the search_path of the connection it is given.
            Flyway.configure().dataSource(url, user, password).schemas(schema).createSchemas(true)
                    .locations("classpath:db/postgres").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot migrate the PostgreSQL schema " + schema, e);
        }
        this.locks = new AdvisoryLocks(dataSource, schema, LONGEST_LOCK_WAIT);
    }

    @Override
    public UploadWriter open(UploadMetadata metadata) {
        try {
            return new PostgresUploadWriter(dataSource.getConnection(), metadata, SQL, NO_LOCK, DEFAULT_BATCH_SIZE);
        } catch (SQLException e) {
            throw new StoreException("cannot open a connection for upload " + metadata.uploadId(), e);
        }
    }

    @Override
    public Optional<UploadReceipt> findUpload(UploadKey key) {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, conn -> SQL.find(conn, key), false);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + key, e);
        }
    }

    @Override
    public String kind() {
        return "postgres";
    }

    /**
     * A connection of the pool, to this store's schema and without auto-commit, for reading the tables directly (as
     * {@code DuckDbHistoryStore#openConnection} does for DuckDB); the caller closes it.
     */
    public Connection openConnection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open a connection to PostgreSQL", e);
        }
    }

    @Override
    protected <T> T read(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return inTransaction(c, work, false);
        }
    }

    /**
     * In autocommit: the snapshot transaction of {@link #read} costs three round trips besides the statement (setting
     * the isolation, resetting it when the pool takes the connection back, ending the transaction), and a single
     * statement sees one snapshot anyway. The pool sets autocommit back off when the connection returns.
     */
    @Override
    protected <T> T readStatement(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.apply(c);
        }
    }

    @Override
    protected <T> T write(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, work, true);
        }
    }

    /**
     * Runs {@code work} and ends its transaction: commit or rollback. When the work fails, the rollback's own failure
     * is added to the work's rather than replacing it: on a connection the server dropped both fail, and only the
     * first says the database went away (the pool's "Connection is closed" that follows carries no SQLSTATE, and
     * would turn an outage's 503 into a 500).
     */
    private static <T> T inTransaction(Connection c, SqlWork<T> work, boolean commit) throws SQLException {
        T result;
        try {
            result = work.apply(c);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        if (commit) {
            c.commit();
        } else {
            c.rollback();
        }
        return result;
    }

    /** Advisory locks: several collectors may share this database (collector/README.md). */
    @Override
    public ReplicaLocks replicaLocks() {
        return locks;
    }

    @Override
    public void close() {
        locks.close();
        dataSource.close();
    }

    /** A lock for code paths where the database does the serialising. */
    private static final class NoLock extends ReentrantLock {
        @Override
        public void lock() {
        }

        @Override
        public void unlock() {
        }
    }
}
