package io.testhealth.collector.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;

import java.time.Duration;

/**
 * Which history store the collector uses, under {@code testhealth.store}.
 *
 * <pre>
 * testhealth.store.kind: duckdb            # duckdb (default) | postgres
 * testhealth.store.duckdb.path: data/testhealth.duckdb
 * testhealth.store.postgres.url: jdbc:postgresql://db:5432/testhealth
 * testhealth.store.postgres.user / password / schema (public) / pool-size (12) / connection-timeout (3s)
 * </pre>
 *
 * <p>DuckDB is the default so that a fresh machine runs the collector with nothing to install; its path is
 * relative to the working directory, parent directories are created, and {@code :memory:} keeps everything in
 * memory (lost on exit). Only one process may open a DuckDB file. For PostgreSQL the URL is required; user and
 * password may instead be in the URL (or left empty for trust authentication); the schema must be a lower-case
 * identifier and is created when missing; the pool size bounds how many uploads are written at once; past the
 * connection time-out an upload is answered 503 with {@code Retry-After} (the database is taken to be down).
 */
@ConfigurationProperties("testhealth.store")
public final class StoreConfiguration {

    /** The two implementations. */
    public enum Kind { DUCKDB, POSTGRES }

    private Kind kind = Kind.DUCKDB;
    private final DuckDb duckdb;
    private final Postgres postgres;

    public StoreConfiguration(DuckDb duckdb, Postgres postgres) {
        this.duckdb = duckdb;
        this.postgres = postgres;
    }

    public Kind getKind() {
        return kind;
    }

    /** Micronaut converts {@code duckdb}/{@code postgres} (any case) to the enum. */
    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public DuckDb getDuckdb() {
        return duckdb;
    }

    public Postgres getPostgres() {
        return postgres;
    }

    /** {@code testhealth.store.duckdb}: where the embedded database file lives. */
    @ConfigurationProperties("duckdb")
    public static final class DuckDb {
        private String path = "data/testhealth.duckdb";

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    /** {@code testhealth.store.postgres}: the production database. */
    @ConfigurationProperties("postgres")
    public static final class Postgres {
        private String url;
        private String user;
        private String password;
        private String schema = "public";
        /**
         * An upload holds a connection while it is parsed, and 8 threads parse uploads (micronaut.executors.uploads):
         * 4 more keep reads and analysis from waiting past the connection time-out behind a burst of uploads.
         */
        private int poolSize = 12;
        private Duration connectionTimeout = PostgresHistoryStore.DEFAULT_CONNECTION_TIMEOUT;
        private Duration socketTimeout = PostgresHistoryStore.DEFAULT_SOCKET_TIMEOUT;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }

        /** Longest wait for a database connection before the operation fails as the database being unavailable. */
        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        /**
         * Longest wait for the server's answer on an open connection ({@code 0}: forever): what ends a statement
         * on a server that vanished without closing the connection.
         */
        public Duration getSocketTimeout() {
            return socketTimeout;
        }

        public void setSocketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
        }
    }
}
