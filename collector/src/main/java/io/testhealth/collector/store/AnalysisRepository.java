package io.testhealth.collector.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What analysis keeps: the latest computed report of each component and team (so reads are one lookup, not a
 * recomputation), one scorecard per subject and day (so trends and week-over-week deltas are cheap), and the
 * quarantine list.
 */
public interface AnalysisRepository {

    /** Kinds of subject an analysis is kept for. */
    enum SubjectKind { COMPONENT, TEAM }

    /**
     * The latest analysis of a subject, as JSON.
     *
     * @param kind       component or team
     * @param subject    full reference ({@code component:default/payments}, {@code group:default/team-a})
     * @param computedAt when it was computed
     * @param json       the report
     * @param revision   how many times the subject's report was saved, this save included (0 for one not saved yet):
     *                   what tells a collector that another one sharing the store saved a newer report
     */
    record Snapshot(SubjectKind kind, String subject, Instant computedAt, String json, long revision) {

        /** A snapshot to save: its revision is the store's to give. */
        public Snapshot(SubjectKind kind, String subject, Instant computedAt, String json) {
            this(kind, subject, computedAt, json, 0);
        }
    }

    /**
     * The scorecard of a subject on one day (UTC).
     *
     * @param level Bronze/Silver/Gold or {@code none}
     * @param grade A-F
     * @param json  the whole scorecard
     */
    record ScorecardDay(SubjectKind kind, String subject, LocalDate day, String level, String grade, String json) {
    }

    /**
     * A quarantined test: still run and measured, but skipped or ignored by CI that reads the list.
     *
     * @param component full component reference
     * @param testId    the test's id
     * @param suite     its suite, for people reading the list
     * @param name      its name
     * @param by        who quarantined it
     * @param reason    why
     * @param ticket    link to the ticket that tracks the fix, or empty
     * @param expiresAt when the quarantine ends by itself, or {@code null}
     * @param createdAt when it was quarantined
     */
    record QuarantineEntry(String component, String testId, String suite, String name, String by, String reason,
                           String ticket, Instant expiresAt, Instant createdAt) {
    }

    /**
     * One change of a test's quarantine, as kept for its history.
     *
     * @param action    {@code quarantined} (it was not quarantined before), {@code changed} (its quarantine was
     *                  replaced: new reason, ticket or expiry) or {@code released}
     * @param by        who did it; for a release, empty when the caller did not say
     * @param reason    why: the quarantine's reason, or for a release empty
     * @param ticket    the quarantine's ticket, or empty
     * @param expiresAt the quarantine's expiry, or {@code null} (always for a release)
     * @param at        when it happened
     */
    record QuarantineEvent(String action, String by, String reason, String ticket, Instant expiresAt, Instant at) {
        /** The action of a test put in quarantine. */
        public static final String QUARANTINED = "quarantined";
        /** The action of a quarantined test whose quarantine was replaced. */
        public static final String CHANGED = "changed";
        /** The action of a test released from quarantine. */
        public static final String RELEASED = "released";
    }

    /**
     * Replaces the latest snapshot of its subject.
     *
     * @return the revision it was saved as: one more than the previous save's, 1 for the first
     */
    long saveSnapshot(Snapshot snapshot);

    /** The revision of every stored snapshot of a kind, by subject: one small query, read to find reports saved elsewhere. */
    Map<String, Long> revisions(SubjectKind kind);

    /** The revision of a subject's stored snapshot, or 0 when it has none. */
    long revision(SubjectKind kind, String subject);

    /**
     * The locks that serialise work between the collectors sharing this store: none for a store only one process
     * opens (the embedded one).
     */
    default ReplicaLocks replicaLocks() {
        return ReplicaLocks.SINGLE_PROCESS;
    }

    /** The latest snapshot of a subject. */
    Optional<Snapshot> snapshot(SubjectKind kind, String subject);

    /** The latest snapshots of every subject of a kind. */
    List<Snapshot> snapshots(SubjectKind kind);

    /**
     * Deletes the snapshots of a kind whose subject is not among {@code subjects}: a team no component belongs to any
     * more (after an ownership change) would otherwise be read back at the next start and listed as if it existed.
     * The subjects' daily scorecards are kept: they are the history of the days the subject did exist.
     *
     * @param subjects the subjects of the kind that exist now
     * @return the subjects whose snapshot was deleted, ordered
     */
    List<String> removeSnapshotsExcept(SubjectKind kind, Set<String> subjects);

    /** Stores or replaces the scorecard of a subject for its day. */
    void saveScorecardDay(ScorecardDay day);

    /** Scorecards of a subject from {@code from} to {@code to}, both included, oldest first. */
    List<ScorecardDay> scorecardHistory(SubjectKind kind, String subject, LocalDate from, LocalDate to);

    /** Scorecards of every subject of a kind on one day. */
    List<ScorecardDay> scorecardsOn(SubjectKind kind, LocalDate day);

    /**
     * Quarantines a test, or updates its quarantine, and adds the change to its history (at the entry's
     * {@code createdAt}).
     */
    void quarantine(QuarantineEntry entry);

    /**
     * Releases a test from quarantine and adds the release to its history; {@code false} (and nothing added) when it
     * was not quarantined.
     *
     * @param by who releases it, or empty when not said
     * @param at when
     */
    boolean release(String component, String testId, String by, Instant at);

    /** The changes of a test's quarantine, oldest first. */
    List<QuarantineEvent> quarantineHistory(String component, String testId);

    /** The quarantined tests of a component (expired entries included; callers decide what expiry means). */
    List<QuarantineEntry> quarantined(String component);
}
