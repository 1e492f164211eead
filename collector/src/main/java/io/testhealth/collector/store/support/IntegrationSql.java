package io.testhealth.collector.store.support;

import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SQL of {@link io.testhealth.collector.store.IntegrationRepository}, the same on PostgreSQL and DuckDB. */
final class IntegrationSql {

    /**
     * An upsert: in the update, columns qualified by the table are the stored row's (bare ones are ambiguous on
     * PostgreSQL) and every expression sees it as it was, so the newer sighting's descriptive columns win and the seen
     * times only widen.
     */
    private static final String UPSERT = "INSERT INTO integration_edges (component, caller, target_kind, target,"
            + " protocol, test_id, suite, name, observed_layer, status, contract, environment, first_seen, last_seen)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (component, caller, target_kind, target, test_id, environment) DO UPDATE SET"
            + " protocol = CASE WHEN excluded.last_seen >= integration_edges.last_seen THEN excluded.protocol ELSE integration_edges.protocol END,"
            + " suite = CASE WHEN excluded.last_seen >= integration_edges.last_seen THEN excluded.suite ELSE integration_edges.suite END,"
            + " name = CASE WHEN excluded.last_seen >= integration_edges.last_seen THEN excluded.name ELSE integration_edges.name END,"
            + " observed_layer = CASE WHEN excluded.last_seen >= integration_edges.last_seen THEN excluded.observed_layer ELSE integration_edges.observed_layer END,"
            + " status = CASE WHEN excluded.last_seen >= integration_edges.last_seen THEN excluded.status ELSE integration_edges.status END,"
            + " contract = CASE WHEN excluded.last_seen >= integration_edges.last_seen THEN excluded.contract ELSE integration_edges.contract END,"
            + " first_seen = least(integration_edges.first_seen, excluded.first_seen),"
            + " last_seen = greatest(integration_edges.last_seen, excluded.last_seen)";

    private static final String OF_COMPONENT = "SELECT component, caller, target_kind, target, protocol, test_id, suite,"
            + " name, observed_layer, status, contract, environment, last_seen FROM integration_edges"
            + " WHERE component = ? OR caller = ? OR (target_kind = 'service' AND target = ?)"
            + " ORDER BY caller, target_kind, target, test_id, environment, component";

    private IntegrationSql() {
    }

    /** The key a row is stored under. */
    private record Key(String component, IntegrationEdge edge, String testId, String environment) {
    }

    static void record(Connection c, Collection<EdgeSighting> sightings) throws SQLException {
        // One row per key in the batch (the newest sighting, seen times widened), so no statement meets its own row.
        Map<Key, EdgeSighting> newest = new LinkedHashMap<>();
        Map<Key, Instant> earliest = new LinkedHashMap<>();
        for (EdgeSighting s : sightings) {
            Key k = new Key(s.component(), s.edge(), s.testId(), s.environment());
            newest.merge(k, s, (a, b) -> b.seenAt().isAfter(a.seenAt()) ? b : a);
            earliest.merge(k, s.seenAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Map.Entry<Key, EdgeSighting> e : newest.entrySet()) {
                EdgeSighting s = e.getValue();
                ps.setString(1, s.component());
                ps.setString(2, s.edge().caller());
                ps.setString(3, s.edge().kind().id());
                ps.setString(4, s.edge().target());
                ps.setString(5, s.edge().protocol());
                ps.setString(6, s.testId());
                ps.setString(7, s.suite());
                ps.setString(8, s.name());
                ps.setString(9, s.observedLayer());
                ps.setString(10, s.status());
                ps.setString(11, s.contract());
                ps.setString(12, s.environment());
                ps.setTimestamp(13, Timestamp.from(earliest.get(e.getKey())));
                ps.setTimestamp(14, Timestamp.from(s.seenAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<EdgeSighting> of(Connection c, String component, String componentName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OF_COMPONENT)) {
            ps.setString(1, component);
            ps.setString(2, componentName);
            ps.setString(3, componentName);
            try (ResultSet rs = ps.executeQuery()) {
                List<EdgeSighting> out = new ArrayList<>();
                while (rs.next()) {
                    IntegrationEdge edge = new IntegrationEdge(rs.getString(2), IntegrationEdge.Kind.parse(rs.getString(3)),
                            rs.getString(4), rs.getString(5));
                    out.add(new EdgeSighting(rs.getString(1), edge, rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                            rs.getTimestamp(13).toInstant()));
                }
                return out;
            }
        }
    }
}
