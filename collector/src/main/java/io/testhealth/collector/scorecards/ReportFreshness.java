package io.testhealth.collector.scorecards;

import io.micronaut.context.event.ApplicationEventListener;
import io.testhealth.collector.ingest.UploadStored;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Whether each component's stored report covers everything committed for it, and the one lock under which its
 * report is recomputed.
 *
 * <p>Every commit that changes a component's history (an upload, a quarantine) takes the next number of the
 * component's counter, right after its commit ({@link UploadStored} is published synchronously by the committing
 * thread). A recompute notes the counter when it starts: the history it then reads holds every commit numbered up
 * to there, so when it ends the report <em>covers</em> that number. A caller waiting for its own commit to show
 * ({@link #bringUpToDate}) takes the lock, and returns at once when a recompute that started after its commit has
 * meanwhile covered it: concurrent uploads to one component share recomputes instead of queueing one each.
 *
 * <p>A failed recompute leaves the last good report in place and is retried with a growing delay (from
 * {@code testhealth.analysis.refresh-delay} seconds, doubling, at most an hour); the failure is kept for the
 * reports' status and the metrics until a recompute succeeds.
 */
@Singleton
public final class ReportFreshness implements ApplicationEventListener<UploadStored> {

    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Map<String, Component> components = new ConcurrentHashMap<>();
    private final Duration firstRetry;

    public ReportFreshness(AnalysisConfiguration config) {
        this.firstRetry = Duration.ofSeconds(Math.max(1, config.refreshDelay()));
    }

    @Override
    public void onApplicationEvent(UploadStored event) {
        committed(event.component());
    }

    /** Notes a commit that changes what the component's report says (an upload, a quarantine). */
    public void committed(String component) {
        state(component).commits.incrementAndGet();
    }

    /**
     * Components whose report does not yet cover all their commits (waiting for a recompute, being recomputed, or
     * failing): what the background refresher looks at, and what tells "no report yet" from "unknown".
     */
    public Set<String> stale() {
        Set<String> out = new HashSet<>();
        components.forEach((c, s) -> {
            if (s.commits.get() > s.covered || s.failure != null) {
                out.add(c);
            }
        });
        return out;
    }

    /** Stale components whose retry is due by {@code now}: those without a failure, and failing ones past their delay. */
    Set<String> due(Instant now) {
        Set<String> out = new HashSet<>();
        components.forEach((c, s) -> {
            AnalysisFailure f = s.failure;
            if (f != null ? !f.nextAttemptAt().isAfter(now) : s.commits.get() > s.covered) {
                out.add(c);
            }
        });
        return out;
    }

    /** The failure of the component's latest recompute, while no recompute has succeeded since. */
    public Optional<AnalysisFailure> failure(String component) {
        Component s = components.get(component);
        return s == null ? Optional.empty() : Optional.ofNullable(s.failure);
    }

    /** Every component whose latest recompute failed. */
    public Map<String, AnalysisFailure> failures() {
        Map<String, AnalysisFailure> out = new java.util.TreeMap<>();
        components.forEach((c, s) -> {
            if (s.failure != null) {
                out.put(c, s.failure);
            }
        });
        return out;
    }

    /** Whether the component's report covers every commit noted for it (and its latest recompute did not fail). */
    public boolean current(String component) {
        Component s = components.get(component);
        return s == null || s.failure == null && s.covered >= s.commits.get();
    }

    /**
     * Recomputes the component's report under its lock unless a recompute that started after every commit noted so
     * far has covered them meanwhile.
     *
     * @param recompute computes and stores the report, as of when it is called; throws when the analysis fails
     * @param now       for the failure's time and next attempt
     * @return what happened: recomputed by this call, covered by another's, or failed (last good report kept)
     */
    Outcome bringUpToDate(String component, Supplier<HealthReport> recompute, Supplier<Instant> now) {
        Component s = state(component);
        long mine = s.commits.get();
        s.lock.lock();
        try {
            if (s.covered >= mine && s.failure == null) {
                return Outcome.COVERED;
            }
            if (s.failure != null && s.failure.nextAttemptAt().isAfter(now.get())) {
                return new Outcome(false, false, s.failure, null); // backing off: the refresher retries when due
            }
            return recomputeLocked(component, s, recompute, now);
        } finally {
            s.lock.unlock();
        }
    }

    /** Recomputes the component's report under its lock, whatever it covers (the daily refresh, a thresholds change). */
    Outcome recompute(String component, Supplier<HealthReport> recompute, Supplier<Instant> now) {
        Component s = state(component);
        s.lock.lock();
        try {
            return recomputeLocked(component, s, recompute, now);
        } finally {
            s.lock.unlock();
        }
    }

    private Outcome recomputeLocked(String component, Component s, Supplier<HealthReport> recompute, Supplier<Instant> now) {
        long start = s.commits.get();
        try {
            recompute.get();
        } catch (RuntimeException e) {
            AnalysisFailure previous = s.failure;
            Instant at = now.get();
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            s.failure = new AnalysisFailure(previous == null ? at : previous.since(), attempts, describe(e),
                    at.plus(backoff(attempts)));
            return new Outcome(false, true, s.failure, e);
        }
        s.covered = Math.max(s.covered, start);
        s.failure = null;
        return Outcome.RECOMPUTED;
    }

    /** The delay before the next attempt after {@code attempts} failures: doubling from the first, at most an hour. */
    Duration backoff(int attempts) {
        Duration d = firstRetry;
        for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** The exception's class and message, without its stack: what the status and the upload's answer show. */
    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private Component state(String component) {
        return components.computeIfAbsent(component, c -> new Component());
    }

    /**
     * The result of bringing a report up to date.
     *
     * @param recomputed whether this call recomputed the report (else another call's recompute covered it)
     * @param attempted  whether a recompute ran in this call
     * @param failure    the failure when the recompute failed; the last good report stays
     * @param cause      the exception of that failure, for the log
     */
    record Outcome(boolean recomputed, boolean attempted, AnalysisFailure failure, RuntimeException cause) {
        static final Outcome COVERED = new Outcome(false, false, null, null);
        static final Outcome RECOMPUTED = new Outcome(true, true, null, null);

        boolean failed() {
            return failure != null;
        }
    }

    /** One component's counters, lock and failure. */
    private static final class Component {
        private final AtomicLong commits = new AtomicLong();
        private final ReentrantLock lock = new ReentrantLock();
        /** The highest commit number the stored report covers; written under {@link #lock}. */
        private volatile long covered;
        /** The latest recompute's failure, until one succeeds; written under {@link #lock}. */
        private volatile AnalysisFailure failure;
    }
}
