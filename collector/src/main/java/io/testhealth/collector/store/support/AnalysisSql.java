package io.testhealth.collector.store.support;

import io.testhealth.collector.store.AnalysisRepository.QuarantineEntry;
import io.testhealth.collector.store.AnalysisRepository.QuarantineEvent;
import io.testhealth.collector.store.AnalysisRepository.ScorecardDay;
import io.testhealth.collector.store.AnalysisRepository.Snapshot;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of what analysis keeps ({@code analysis_snapshots}, {@code scorecard_days}, {@code quarantine}), the
 * same for both stores: every write is one {@code INSERT ... ON CONFLICT ... DO UPDATE}, which PostgreSQL and DuckDB
 * both accept, so a repeated save replaces rather than fails.
 *
 * <p>Subject kinds are stored lower-case, like every enum in the history. Text that the records allow to be
 * {@code null} is stored as empty text; instants are bound as UTC {@link OffsetDateTime}s and days as
 * {@link LocalDate}s, which both drivers map to {@code timestamptz} and {@code date}.
 */
public final class AnalysisSql {

    private static final String SAVE_SNAPSHOT = "INSERT INTO analysis_snapshots (subject_kind, subject, computed_at,"
            + " payload, revision) VALUES (?, ?, ?, ?, 1) ON CONFLICT (subject_kind, subject)"
            + " DO UPDATE SET computed_at = excluded.computed_at, payload = excluded.payload,"
            + " revision = analysis_snapshots.revision + 1 RETURNING revision";
    private static final String SNAPSHOT_COLUMNS = "SELECT subject_kind, subject, computed_at, payload, revision"
            + " FROM analysis_snapshots WHERE subject_kind = ?";

    private static final String SAVE_DAY = "INSERT INTO scorecard_days (subject_kind, subject, day, level, grade,"
            + " payload) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subject_kind, subject, day)"
            + " DO UPDATE SET level = excluded.level, grade = excluded.grade, payload = excluded.payload";
    private static final String DAY_COLUMNS = "SELECT subject_kind, subject, day, level, grade, payload"
            + " FROM scorecard_days WHERE subject_kind = ?";

    /** An update keeps {@code created_at}: the entry was quarantined when it was first quarantined. */
    private static final String QUARANTINE = "INSERT INTO quarantine (component, test_id, suite, name,"
            + " quarantined_by, reason, ticket, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (component, test_id) DO UPDATE SET suite = excluded.suite, name = excluded.name,"
            + " quarantined_by = excluded.quarantined_by, reason = excluded.reason, ticket = excluded.ticket,"
            + " expires_at = excluded.expires_at";
    private static final String QUARANTINE_HISTORY = "SELECT action, actor, reason, ticket, expires_at, happened_at"
            + " FROM quarantine_events WHERE component = ? AND test_id = ? ORDER BY happened_at, seq";
    private static final String QUARANTINED = "SELECT component, test_id, suite, name, quarantined_by, reason,"
            + " ticket, expires_at, created_at FROM quarantine WHERE component = ? ORDER BY created_at, test_id";

    private AnalysisSql() {
    }

    /** Inserts or replaces the snapshot of its subject; returns its new revision. */
    public static long saveSnapshot(Connection c, Snapshot s) throws SQLException {
        try (PreparedStatement ps = prepare(c, SAVE_SNAPSHOT, kind(s.kind()), s.subject(),
                HistoryRows.utc(s.computedAt()), s.json()); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("saving the snapshot of " + s.subject() + " returned no revision");
            }
            return rs.getLong(1);
        }
    }

    /** The revision of every stored snapshot of a kind, by subject. */
    public static Map<String, Long> revisions(Connection c, SubjectKind kind) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT subject, revision FROM analysis_snapshots WHERE subject_kind = ?",
                kind(kind)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** The revision of one subject's snapshot, or 0 when it has none. */
    public static long revision(Connection c, SubjectKind kind, String subject) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT revision FROM analysis_snapshots WHERE subject_kind = ?"
                + " AND subject = ?", kind(kind), subject); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The snapshot of one subject. */
    public static Optional<Snapshot> snapshot(Connection c, SubjectKind kind, String subject) throws SQLException {
        List<Snapshot> found = snapshots(c, SNAPSHOT_COLUMNS + " AND subject = ?", kind(kind), subject);
        return found.stream().findFirst();
    }

    /** The snapshots of every subject of a kind, ordered by subject. */
    public static List<Snapshot> snapshots(Connection c, SubjectKind kind) throws SQLException {
        return snapshots(c, SNAPSHOT_COLUMNS + " ORDER BY subject", kind(kind));
    }

    /**
     * Deletes the snapshots of a kind whose subject is not in {@code keep}: the subjects are read first and deleted by
     * key, so the statement is the same whatever the number of subjects kept (a {@code NOT IN} list would not be).
     *
     * @return the deleted subjects, ordered
     */
    public static List<String> removeSnapshotsExcept(Connection c, SubjectKind kind, Set<String> keep)
            throws SQLException {
        List<String> removed = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT subject FROM analysis_snapshots WHERE subject_kind = ?"
                + " ORDER BY subject", kind(kind)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!keep.contains(rs.getString(1))) {
                    removed.add(rs.getString(1));
                }
            }
        }
        for (String subject : removed) {
            update(c, "DELETE FROM analysis_snapshots WHERE subject_kind = ? AND subject = ?", kind(kind), subject);
        }
        return removed;
    }

    /** Inserts or replaces the scorecard of a subject for its day. */
    public static void saveScorecardDay(Connection c, ScorecardDay d) throws SQLException {
        update(c, SAVE_DAY, kind(d.kind()), d.subject(), d.day(), d.level(), d.grade(), d.json());
    }

    /** The scorecards of a subject from {@code from} to {@code to}, both included, oldest first. */
    public static List<ScorecardDay> scorecardHistory(Connection c, SubjectKind kind, String subject, LocalDate from,
                                                      LocalDate to) throws SQLException {
        return days(c, DAY_COLUMNS + " AND subject = ? AND day BETWEEN ? AND ? ORDER BY day", kind(kind), subject,
                from, to);
    }

    /** The scorecards of every subject of a kind on one day, ordered by subject. */
    public static List<ScorecardDay> scorecardsOn(Connection c, SubjectKind kind, LocalDate day) throws SQLException {
        return days(c, DAY_COLUMNS + " AND day = ? ORDER BY subject", kind(kind), day);
    }

    /**
     * Inserts or updates a quarantine entry, keeping the first {@code createdAt} of the test, and adds the change to
     * the test's history at {@code createdAt}.
     */
    public static void quarantine(Connection c, QuarantineEntry e) throws SQLException {
        boolean existed;
        try (PreparedStatement ps = prepare(c, "SELECT 1 FROM quarantine WHERE component = ? AND test_id = ?",
                e.component(), e.testId()); ResultSet rs = ps.executeQuery()) {
            existed = rs.next();
        }
        update(c, QUARANTINE, e.component(), e.testId(), text(e.suite()), text(e.name()), text(e.by()),
                text(e.reason()), text(e.ticket()), HistoryRows.utc(e.expiresAt()), HistoryRows.utc(e.createdAt()));
        event(c, e.component(), e.testId(), new QuarantineEvent(existed ? QuarantineEvent.CHANGED
                : QuarantineEvent.QUARANTINED, e.by(), e.reason(), e.ticket(), e.expiresAt(), e.createdAt()));
    }

    /** Deletes a quarantine entry and adds the release to the history; {@code false} when there was none. */
    public static boolean release(Connection c, String component, String testId, String by, Instant at)
            throws SQLException {
        if (update(c, "DELETE FROM quarantine WHERE component = ? AND test_id = ?", component, testId) == 0) {
            return false;
        }
        event(c, component, testId, new QuarantineEvent(QuarantineEvent.RELEASED, by == null ? "" : by, "", "",
                null, at));
        return true;
    }

    /** The changes of a test's quarantine, oldest first (in the order written when two share an instant). */
    public static List<QuarantineEvent> quarantineHistory(Connection c, String component, String testId)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, QUARANTINE_HISTORY, component, testId); ResultSet rs = ps.executeQuery()) {
            List<QuarantineEvent> events = new ArrayList<>();
            while (rs.next()) {
                events.add(new QuarantineEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), instant(rs, 6)));
            }
            return events;
        }
    }

    private static void event(Connection c, String component, String testId, QuarantineEvent e) throws SQLException {
        update(c, "INSERT INTO quarantine_events (component, test_id, action, actor, reason, ticket, expires_at, happened_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", component, testId, e.action(), text(e.by()),
                text(e.reason()), text(e.ticket()), HistoryRows.utc(e.expiresAt()), HistoryRows.utc(e.at()));
    }

    /** The quarantine entries of a component, oldest first. */
    public static List<QuarantineEntry> quarantined(Connection c, String component) throws SQLException {
        try (PreparedStatement ps = prepare(c, QUARANTINED, component); ResultSet rs = ps.executeQuery()) {
            List<QuarantineEntry> entries = new ArrayList<>();
            while (rs.next()) {
                entries.add(new QuarantineEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9)));
            }
            return entries;
        }
    }

    private static List<Snapshot> snapshots(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            List<Snapshot> snapshots = new ArrayList<>();
            while (rs.next()) {
                snapshots.add(new Snapshot(kind(rs.getString(1)), rs.getString(2), instant(rs, 3), rs.getString(4),
                        rs.getLong(5)));
            }
            return snapshots;
        }
    }

    private static List<ScorecardDay> days(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            List<ScorecardDay> days = new ArrayList<>();
            while (rs.next()) {
                days.add(new ScorecardDay(kind(rs.getString(1)), rs.getString(2), day(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
            }
            return days;
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * A {@code date} column as a {@link LocalDate}, asked for by type: never through {@link java.sql.Date}, whose
     * conversion goes through the JVM's time zone.
     */
    private static LocalDate day(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String kind(SubjectKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static SubjectKind kind(String stored) {
        return SubjectKind.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    private static String text(String s) {
        return s == null ? "" : HistoryRows.text(s);
    }
}
