package io.testhealth.collector.store.support;

import io.testhealth.collector.store.StoredToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL of {@code access_tokens}, the same on both stores. A token's components are kept as one text, joined by
 * new lines: a component reference holds none, and the list is only ever read whole.
 */
final class TokenSql {

    private TokenSql() {
    }

    static void save(Connection c, StoredToken t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_tokens (token_id, token_sha256, role, team,"
                + " components, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
            ps.setString(1, t.id());
            ps.setString(2, t.sha256());
            ps.setString(3, t.role());
            ps.setString(4, t.team());
            ps.setString(5, String.join("\n", t.components()));
            ps.setString(6, t.label());
            ps.setObject(7, OffsetDateTime.ofInstant(t.createdAt(), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    static boolean revoke(Connection c, String id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE access_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    static List<StoredToken> active(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT token_id, token_sha256, role, team, components, label,"
                + " created_at FROM access_tokens WHERE revoked_at IS NULL ORDER BY created_at, token_id");
             ResultSet rs = ps.executeQuery()) {
            List<StoredToken> out = new ArrayList<>();
            while (rs.next()) {
                String components = rs.getString(5);
                out.add(new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        components.isEmpty() ? List.of() : Arrays.asList(components.split("\n")), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
            return out;
        }
    }
}
