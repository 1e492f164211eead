package io.testhealth.collector.api;

import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Counts what the store of the test holds (DuckDB or PostgreSQL), to check that a refused upload left nothing. */
final class StoredRows {

    private StoredRows() {
    }

    /** Rows of {@code table} whose {@code column} equals {@code value}. */
    static long count(TestHistoryStore store, String table, String column, String value) {
        try (Connection c = connect(store);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            } finally {
                endRead(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All rows of {@code table}. */
    static long count(TestHistoryStore store, String table) {
        try (Connection c = connect(store); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table)) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            } finally {
                endRead(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row {@code sql} selects, as text, in the order of the query. */
    static java.util.List<String> strings(TestHistoryStore store, String sql) {
        try (Connection c = connect(store); PreparedStatement s = c.prepareStatement(sql)) {
            try (java.sql.ResultSet rs = s.executeQuery()) {
                java.util.List<String> values = new java.util.ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            } finally {
                endRead(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(TestHistoryStore store) {
        if (store instanceof DuckDbHistoryStore duckDb) {
            return duckDb.openConnection();
        }
        if (store instanceof PostgresHistoryStore postgres) {
            return postgres.openConnection();
        }
        throw new IllegalArgumentException("no way to read the tables of " + store.kind());
    }

    /** A pooled PostgreSQL connection goes back without an open transaction. */
    private static void endRead(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }
}
