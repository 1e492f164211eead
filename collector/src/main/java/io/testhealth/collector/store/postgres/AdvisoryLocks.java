package io.testhealth.collector.store.postgres;

import io.testhealth.collector.store.ReplicaLocks;
import io.testhealth.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@link ReplicaLocks} as PostgreSQL session-level advisory locks, all held through one connection of this process.
 *
 * <p>One connection for every lock: a connection per held lock would take pool connections from the readers that
 * the locked work itself needs. The connection is only ever asked to <em>try</em> a lock, never to wait for one
 * (a waiting statement would block the connection for the other threads' releases), so a lock another process holds
 * is tried again after a growing pause. Two threads of this process may both hold a name (PostgreSQL counts a
 * session's holds and releases): the callers' own locks keep them apart within the process.
 *
 * <p>Locks live as long as the session: if the connection breaks, its locks are gone, and the next call opens a new
 * one. The keys are {@code (NAMESPACE, hashtext(schema:name))}: advisory locks belong to the database, so the schema
 * keeps apart collectors of different schemas in one database (and tests, which each take a schema), and the
 * namespace keeps them apart from other applications' locks; two names with one hash just wait for each other.
 */
final class AdvisoryLocks implements ReplicaLocks {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLocks.class);

    /** The first key of every lock of this application: "TH" in ASCII. */
    private static final int NAMESPACE = 0x5448;

    private final DataSource source;
    private final String schema;
    private final Duration longestWait;
    /** Guarded by {@code this}. */
    private Connection connection;

    /**
     * @param source      where the lock connection comes from
     * @param schema      the store's schema, part of every key
     * @param longestWait how long {@link #exclusive} waits for a lock another process holds before it gives up
     */
    AdvisoryLocks(DataSource source, String schema, Duration longestWait) {
        this.source = source;
        this.schema = schema;
        this.longestWait = longestWait;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public <T> T exclusive(String name, Supplier<T> work) {
        long deadline = System.nanoTime() + longestWait.toNanos();
        long pauseMillis = 2;
        while (!call("SELECT pg_try_advisory_lock(?, hashtext(?))", name)) {
            if (System.nanoTime() > deadline) {
                throw new StoreException("another collector held the lock '" + name + "' for more than "
                        + longestWait.toSeconds() + " s", null);
            }
            pause(pauseMillis);
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
        try {
            return work.get();
        } finally {
            release(name);
        }
    }

    @Override
    public boolean tryExclusive(String name, Runnable work) {
        if (!call("SELECT pg_try_advisory_lock(?, hashtext(?))", name)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            release(name);
        }
    }

    /** Closes the lock connection, which releases whatever it still holds. */
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the advisory-lock connection failed", e);
            }
            connection = null;
        }
    }

    private void release(String name) {
        try {
            if (!call("SELECT pg_advisory_unlock(?, hashtext(?))", name)) {
                LOG.warn("The advisory lock '{}' was not held when released (its connection was renewed meanwhile)", name);
            }
        } catch (StoreException e) {
            // The session is gone, and its locks with it.
            LOG.warn("Releasing the advisory lock '{}' failed: {}", name, e.getMessage());
        }
    }

    private synchronized boolean call(String sql, String name) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.getConnection();
                connection.setAutoCommit(true); // a session lock needs no transaction; none stays open
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setInt(1, NAMESPACE);
                ps.setString(2, schema + ":" + name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot reach PostgreSQL for the lock '" + name + "'", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a lock another collector holds", e);
        }
    }
}
