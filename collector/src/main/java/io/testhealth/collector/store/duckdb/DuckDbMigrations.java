package io.testhealth.collector.store.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migrates the DuckDB schema with versioned SQL files, because Flyway has no DuckDB module here.
 *
 * <p>Files are {@code classpath:db/duckdb/V<n>__<description>.sql}, listed in {@link #FILES} (a classpath folder
 * cannot be listed reliably inside a jar, so a new migration is added there too). The table {@code schema_version}
 * records each applied version; files with a greater version run in order, each in its own transaction together
 * with its {@code schema_version} row, so a failed migration leaves the previous version intact.
 */
final class DuckDbMigrations {

    /** Every migration, in version order. */
    static final List<String> FILES = List.of("V1__history.sql", "V2__analysis.sql", "V3__wall_time.sql",
            "V4__upload_key.sql", "V5__grafana_views.sql", "V6__access_tokens.sql",
            "V7__integration_edges.sql", "V8__retention.sql", "V9__snapshot_revision.sql", "V10__test_spans.sql",
            "V11__traces_and_quarantine_history.sql", "V12__uploads_annotating_earlier.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");

    private DuckDbMigrations() {
    }

    /** Applies the migrations newer than the database's version; the connection's auto-commit is restored. */
    static void migrate(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)");
            c.setAutoCommit(false);
            int current = currentVersion(c);
            for (String file : FILES) {
                Matcher m = NAME.matcher(file);
                if (!m.matches()) {
                    throw new IllegalStateException("migration file name must be V<n>__<description>.sql: " + file);
                }
                int version = Integer.parseInt(m.group(1));
                if (version > current) {
                    apply(c, version, m.group(2), read(file));
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void apply(Connection c, int version, String description, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script)) {
                s.execute(statement);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, description);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("DuckDB migration V" + version + " failed", e);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The statements of a script: comment lines dropped, split at semicolons (our scripts have none in text). */
    static List<String> statements(String script) {
        String code = script.lines().filter(l -> !l.strip().startsWith("--"))
                .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
        return Pattern.compile(";").splitAsStream(code).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String read(String file) {
        String path = "db/duckdb/" + file;
        try (InputStream in = DuckDbMigrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + path, e);
        }
    }
}
