package io.testhealth.collector.api;

import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Counts what the embedded store holds, to check that a refused upload left nothing behind. */
final class StoredRows {

    private StoredRows() {
    }

    /** Rows of {@code table} whose {@code column} equals {@code value}. */
    static long count(TestHistoryStore store, String table, String column, String value) {
        try (Connection c = ((DuckDbHistoryStore) store).openConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All rows of {@code table}. */
    static long count(TestHistoryStore store, String table) {
        try (Connection c = ((DuckDbHistoryStore) store).openConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
