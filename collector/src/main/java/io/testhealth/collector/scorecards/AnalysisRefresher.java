package io.testhealth.collector.scorecards;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.testhealth.collector.ingest.UploadStored;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the stored reports current: a component's report is recomputed a few seconds after it received uploads
 * (several uploads of one pipeline cost one refresh), and every report once a day, since verdicts age without new
 * uploads (STALE, FIXED).
 */
@Singleton
public final class AnalysisRefresher implements ApplicationEventListener<UploadStored> {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisRefresher.class);

    private final ScorecardService scorecards;
    private final boolean refreshOnStart;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /**
     * @param refreshOnStart whether to compute every report once after start ({@code testhealth.analysis.refresh-on-start},
     *                       default true; benchmarks turn it off to time the refresh themselves)
     */
    public AnalysisRefresher(ScorecardService scorecards,
                             @Value("${testhealth.analysis.refresh-on-start:true}") boolean refreshOnStart) {
        this.scorecards = scorecards;
        this.refreshOnStart = refreshOnStart;
    }

    @Override
    public void onApplicationEvent(UploadStored event) {
        changed.add(event.component());
    }

    /** Marks a component as changed by something other than an upload (a quarantine). */
    public void changed(String component) {
        changed.add(component);
    }

    /**
     * Components whose report does not yet reflect all their stored uploads: queued for the next refresh or being
     * refreshed now. A component leaves the queue for the refresh before the refresh ends, so both are counted.
     */
    public Set<String> pending() {
        Set<String> all = new HashSet<>(refreshing);
        all.addAll(changed);
        return all;
    }

    /**
     * Recomputes the reports of components that changed since the last run, every {@code refresh-delay} seconds from
     * the first: a report is that long behind its uploads at most, and a setting of an hour holds refreshes back
     * (tests that need a component with uploads and no report yet do so).
     */
    @Scheduled(fixedDelay = "${testhealth.analysis.refresh-delay:5}s", initialDelay = "${testhealth.analysis.refresh-delay:5}s")
    void refreshChanged() {
        if (changed.isEmpty()) {
            return;
        }
        Set<String> batch = new HashSet<>(changed);
        refreshing.addAll(batch);
        changed.removeAll(batch);
        try {
            scorecards.refresh(batch);
        } catch (RuntimeException e) {
            changed.addAll(batch);
            LOG.error("Refreshing the reports of {} failed; will retry", batch, e);
        } finally {
            refreshing.removeAll(batch);
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
