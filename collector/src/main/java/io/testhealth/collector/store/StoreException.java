package io.testhealth.collector.store;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * A store failed to read or write: the database is unreachable, a statement was rejected or a migration failed.
 *
 * <p>Unchecked because callers cannot recover from it beyond answering the upload with a server error; the cause
 * (usually an {@link java.sql.SQLException}) carries the detail for the log. {@link #unavailable()} tells an outage,
 * which the client should wait out, from a failure that retrying will not mend.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the database could not be reached or went away: no connection within the pool's time-out, a connection
     * refused or broken, or the server shutting down. The one place that decides it, by the cause chain: JDBC's
     * connection exception classes, SQLSTATE class {@code 08} (connection exception) and {@code 57P01}-{@code 57P03}
     * (PostgreSQL shutting down or not accepting connections yet), and the socket errors under them.
     */
    public boolean unavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
