package io.testhealth.collector.scorecards;

import io.micronaut.json.JsonMapper;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.AnalysisRepository.ScorecardDay;
import io.testhealth.collector.store.AnalysisRepository.Snapshot;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;
import io.testhealth.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The latest report of every subject of one kind (components or teams): saved in the store with the day's
 * scorecard, and kept in memory so that a read is a lookup.
 *
 * <p>Several collectors may share one store (PostgreSQL behind a load balancer). Each save of a subject's report
 * gets the next revision in the store; a collector asked for a report first compares the stored revision with the
 * one it holds (one indexed lookup) and takes the stored report when it is newer, so that a read on one collector is
 * current right after an upload answered by another. A report is only ever replaced by one of a greater revision, so
 * a slow read of an older save never undoes a newer one. When the store does not answer, reads get what memory holds.
 */
final class StoredReports {

    private static final Logger LOG = LoggerFactory.getLogger(StoredReports.class);
    /** Test rows' text kept for the next save, over all subjects of a kind: 16 MB (ASCII). */
    static final long KEPT_ROW_TEXT_CHARS = 16L << 20;

    private final SubjectKind kind;
    private final AnalysisRepository repository;
    private final JsonMapper json;
    /** Whether other collectors may save reports in the same store. */
    private final boolean shared;
    /** Which stored reports may be held: a store may keep reports of subjects that no longer exist. */
    private final Predicate<String> admitted;
    private final Map<String, HealthReport> reports = new ConcurrentHashMap<>();
    /** Writes the reports saved, reusing the text of unchanged test rows. */
    private final ReportText text;
    /** The store's revision of each report held; changed only together with {@link #reports}, under this. */
    private final Map<String, Long> revisions = new ConcurrentHashMap<>();

    /**
     * @param admitted which subjects' stored reports may be held (teams: those a component held names; a store
     *                 written before former teams were deleted may keep others)
     */
    StoredReports(SubjectKind kind, AnalysisRepository repository, JsonMapper json, Predicate<String> admitted) {
        this.text = new ReportText(json, KEPT_ROW_TEXT_CHARS);
        this.kind = kind;
        this.admitted = admitted;
        this.repository = repository;
        this.json = json;
        this.shared = repository.replicaLocks().shared();
    }

    /** The report held in memory, or {@code null}. */
    HealthReport get(String subject) {
        return reports.get(subject);
    }

    boolean has(String subject) {
        return reports.containsKey(subject);
    }

    /** Every report held in memory. */
    Collection<HealthReport> all() {
        return reports.values();
    }

    Set<String> subjects() {
        return new HashSet<>(reports.keySet());
    }

    /**
     * The subject's latest report: the one held, unless another collector saved a newer one (then that one, now
     * held too).
     */
    HealthReport latest(String subject) {
        if (shared && admitted.test(subject)) {
            try {
                long stored = repository.revision(kind, subject);
                if (stored > revisions.getOrDefault(subject, 0L)) {
                    repository.snapshot(kind, subject).ifPresent(this::adopt);
                }
            } catch (StoreException e) {
                LOG.debug("The store did not answer for the report of {}; serving the one held", subject, e);
            }
        }
        return reports.get(subject);
    }

    /**
     * Takes every report another collector saved since this one last looked (one query for the revisions, one per
     * newer report); a team whose stored report another collector deleted is dropped. Nothing to do when no other
     * collector shares the store.
     *
     * @return whether any report held changed
     */
    boolean catchUp() {
        if (!shared) {
            return false;
        }
        boolean changed = false;
        try {
            Map<String, Long> stored = repository.revisions(kind);
            for (Map.Entry<String, Long> e : stored.entrySet()) {
                if (e.getValue() > revisions.getOrDefault(e.getKey(), 0L) && admitted.test(e.getKey())) {
                    changed |= repository.snapshot(kind, e.getKey()).map(this::adopt).orElse(false);
                }
            }
            if (kind == SubjectKind.TEAM) {
                for (String subject : subjects()) {
                    if (!stored.containsKey(subject)) {
                        changed |= forget(subject);
                    }
                }
            }
        } catch (StoreException e) {
            LOG.debug("The store did not answer for the {} reports; serving the ones held", kind, e);
        }
        return changed;
    }

    /** Saves the report and its day's scorecard, and holds it. */
    void save(HealthReport report) {
        try {
            String text = this.text.write(report);
            long revision = repository.saveSnapshot(new Snapshot(kind, report.subject(), report.computedAt(), text));
            String scorecard = AsciiJson.of(json.writeValueAsBytes(report.scorecard()));
            repository.saveScorecardDay(new ScorecardDay(kind, report.subject(),
                    report.computedAt().atZone(ZoneOffset.UTC).toLocalDate(), report.scorecard().level(),
                    report.scorecard().grade(), scorecard));
            hold(report.subject(), report, revision);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the report of " + report.subject(), e);
        }
    }

    /** Holds the stored reports of admitted subjects, unless newer ones are held (at start). */
    void load() {
        for (Snapshot s : repository.snapshots(kind)) {
            if (admitted.test(s.subject())) {
                adopt(s);
            }
        }
    }

    /** Stops holding a subject's report (its stored one is the caller's to delete); whether one was held. */
    synchronized boolean forget(String subject) {
        text.forget(subject);
        revisions.remove(subject);
        return reports.remove(subject) != null;
    }

    /** Stops holding the reports of subjects not in {@code current}. */
    synchronized void retain(Set<String> current) {
        reports.keySet().retainAll(current);
        revisions.keySet().retainAll(current);
    }

    private boolean adopt(Snapshot s) {
        try {
            return hold(s.subject(), json.readValue(s.json(), HealthReport.class), s.revision());
        } catch (IOException e) {
            throw new UncheckedIOException("the stored report of " + s.subject() + " cannot be read", e);
        }
    }

    /** Holds the report unless one of a greater revision is held already. */
    private synchronized boolean hold(String subject, HealthReport report, long revision) {
        if (revision < revisions.getOrDefault(subject, 0L)) {
            return false;
        }
        reports.put(subject, report);
        revisions.put(subject, revision);
        return true;
    }
}
