package io.testhealth.collector.scorecards;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the stored reports current in the background: uploads through the API bring their component's report up to
 * date before they are answered ({@link ScorecardService#update}); this catches up with what they did not cover
 * (uploads stored by another path, such as the demo loader; quarantine changes; a recompute that failed, retried
 * with a growing delay), and recomputes every report once a day, since verdicts age without new uploads (STALE,
 * FIXED) and the window moves.
 */
@Singleton
public final class AnalysisRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisRefresher.class);

    private final ScorecardService scorecards;
    private final ReportFreshness freshness;
    private final boolean refreshOnStart;

    /**
     * @param refreshOnStart whether to compute every report once after start ({@code testhealth.analysis.refresh-on-start},
     *                       default true; benchmarks turn it off to time the refresh themselves)
     */
    public AnalysisRefresher(ScorecardService scorecards, ReportFreshness freshness,
                             @Value("${testhealth.analysis.refresh-on-start:true}") boolean refreshOnStart) {
        this.scorecards = scorecards;
        this.freshness = freshness;
        this.refreshOnStart = refreshOnStart;
    }

    /** Marks a component as changed by something other than an upload (a quarantine). */
    public void changed(String component) {
        freshness.committed(component);
    }

    /**
     * Components whose report does not yet reflect all their stored uploads: waiting for a recompute, being
     * recomputed, or failing.
     */
    public Set<String> pending() {
        return freshness.stale();
    }

    /**
     * Every {@code refresh-delay} seconds, brings up to date the reports that are behind their commits, and retries
     * failed ones whose delay has passed; a setting of an hour holds these back (tests that need a component with
     * uploads and no report yet do so, together with {@code testhealth.analysis.update-on-upload: false}).
     */
    @Scheduled(fixedDelay = "${testhealth.analysis.refresh-delay:5}s", initialDelay = "${testhealth.analysis.refresh-delay:5}s")
    void refreshChanged() {
        // Reports saved by other collectors sharing the store (nothing to do on the embedded store): the gauges of
        // every collector then say the same.
        try {
            scorecards.catchUp();
        } catch (RuntimeException e) {
            LOG.error("Taking the reports saved by other collectors failed; will retry", e);
        }
        for (String component : new TreeSet<>(freshness.due(Instant.now()))) {
            try {
                scorecards.update(component, scorecards.component(component));
            } catch (RuntimeException e) {
                LOG.error("Bringing the report of {} up to date failed; will retry", component, e);
            }
        }
    }

    /** Computes every report once after start, so that reports exist for history written by an earlier version. */
    @Scheduled(initialDelay = "1s")
    void refreshAtStart() {
        if (refreshOnStart) {
            scorecards.refreshAll();
        }
    }

    /** Recomputes every report once a day, just after midnight UTC. */
    @Scheduled(cron = "0 10 0 * * *", zoneId = "UTC")
    void refreshDaily() {
        scorecards.refreshAll();
    }
}
