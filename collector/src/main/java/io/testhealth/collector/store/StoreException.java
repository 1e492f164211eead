package io.testhealth.collector.store;

/**
 * A store failed to read or write: the database is unreachable, a statement was rejected or a migration failed.
 *
 * <p>Unchecked because callers cannot recover from it beyond answering the upload with a server error; the cause
 * (usually an {@link java.sql.SQLException}) carries the detail for the log.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
