package io.testhealth.collector.scorecards;

import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.store.HistoryQueries;
import jakarta.inject.Singleton;

/**
 * Tells a subject without a report that is waiting for one from a subject the collector never heard of. A
 * component's first report is computed before its first upload is answered, but uploads stored by another path, a
 * history written before reports were kept (until the first refresh after start) and a first analysis that failed
 * leave runs without a report, so "no report" alone does not mean "unknown".
 */
@Singleton
public final class PendingReports {

    private final HistoryQueries queries;
    private final ScorecardService scorecards;
    private final AnalysisRefresher refresher;
    private final OwnershipResolver ownership;

    public PendingReports(HistoryQueries queries, ScorecardService scorecards, AnalysisRefresher refresher,
                          OwnershipResolver ownership) {
        this.queries = queries;
        this.scorecards = scorecards;
        this.refresher = refresher;
        this.ownership = ownership;
    }

    /**
     * Whether runs of the component were stored: then a missing report is only not computed yet. One probe of the
     * index on the component's runs, so it stays cheap for a client that polls.
     */
    public boolean hasRuns(String component) {
        return queries.component(component).isPresent();
    }

    /**
     * Whether a team's report is on its way: a stored component report names the team (its team report is being
     * pooled), or a component waiting for its refresh belongs to the team by its latest upload or the catalog. Only
     * the components waiting for a refresh are looked up, each by index, so this costs nothing while none waits.
     *
     * <p>Not seen: a team whose only components have runs from before reports were kept, in the seconds before the
     * first refresh after start computes them.
     */
    public boolean awaitsTeam(String team) {
        if (scorecards.components().stream().anyMatch(c -> c.team().equals(team))) {
            return true;
        }
        return refresher.pending().stream().anyMatch(c -> queries.component(c)
                .map(summary -> ownership.teamOf(c, summary.team()).equals(team)).orElse(false));
    }
}
