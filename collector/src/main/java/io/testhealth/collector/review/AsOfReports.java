package io.testhealth.collector.review;

import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports as of a past moment, computed from the history on demand: what the weekly review compares week against
 * week and what the weekly trends plot. Stored reports exist only for the moments a refresh ran (and the demo
 * history is written in one go), so a past week end's report is recomputed from the runs that had started by then.
 *
 * <p>That costs an analysis per component and moment, so a report as of a moment that has passed is kept for
 * {@link #CACHE_TTL}, per component: the organisation page, the team pages, the next week's review and every
 * component's trends read the same week ends. Reports as of now or later are never kept, since runs still arrive.
 *
 * <p>Why a time limit rather than dropping reports when uploads arrive: almost every upload is of the running week,
 * which no kept report covers, so dropping on each upload would throw away the past weeks of every active component
 * many times an hour for nothing. A late upload (a run that started before a kept moment) shows once the kept
 * report expires, within the hour; weekly numbers can wait that long.
 *
 * <p>Memory: at most {@link #MOMENTS} moments are kept (the oldest goes first), each with the reports asked for at
 * it: enough for 26 weeks of trends and the review's four week ends together.
 *
 * <p>A component with no test run in the window as of a moment (before its first upload, or a month after its last)
 * has no report as of it ({@link WeekData}): it takes no part in that moment's team and organisation reports, which
 * pool the components that had data, and a week where none had any has no team or organisation report at all.
 */
@Singleton
public final class AsOfReports {

    /** How long a report as of a past moment is reused. */
    static final Duration CACHE_TTL = Duration.ofHours(1);
    /** How many moments reports are kept for. */
    static final int MOMENTS = 32;

    private final ScorecardService scorecards;
    private final Clock clock;
    private final Map<Instant, Map<String, Kept>> kept = new ConcurrentHashMap<>();

    /** A component's report as of a moment (empty when it had no data then), and when it was computed. */
    private record Kept(Optional<HealthReport> report, Instant computedAt) {
    }

    @Inject
    public AsOfReports(ScorecardService scorecards) {
        this(scorecards, Clock.systemUTC());
    }

    /** With a clock of the caller's, so tests can choose "now". */
    public AsOfReports(ScorecardService scorecards, Clock clock) {
        this.scorecards = scorecards;
        this.clock = clock;
    }

    /** The moment it is now, by this service's clock. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * A component's report over the default window as of {@code asOf}.
     *
     * @return empty when no test of the component ran in the window as of then
     */
    public Optional<HealthReport> component(String reference, Instant asOf) {
        Instant now = clock.instant();
        if (!asOf.isBefore(now)) {
            return compute(reference, asOf);
        }
        if (!kept.containsKey(asOf)) {
            evictOldestBeyond(MOMENTS - 1);
        }
        Map<String, Kept> atMoment = kept.computeIfAbsent(asOf, m -> new ConcurrentHashMap<>());
        Kept hit = atMoment.get(reference);
        if (hit != null && hit.computedAt().plus(CACHE_TTL).isAfter(now)) {
            return hit.report();
        }
        Optional<HealthReport> computed = compute(reference, asOf);
        atMoment.put(reference, new Kept(computed, now));
        return computed;
    }

    /**
     * The reports of some components as of {@code asOf}, with their teams and the organisation pooled from them: only
     * the components with data then, so a team without any is missing and the organisation is {@code null}.
     *
     * @param organisation the subject of the organisation total
     */
    public ReviewSnapshot snapshot(List<String> components, Instant asOf, String organisation) {
        List<HealthReport> reports = new ArrayList<>();
        for (String ref : components) {
            component(ref, asOf).ifPresent(reports::add);
        }
        List<HealthReport> teams = scorecards.computeTeams(reports, asOf);
        List<HealthReport> all = scorecards.computeTeams(reports.stream().map(r -> inTeam(r, organisation)).toList(), asOf);
        return new ReviewSnapshot(asOf, reports, teams, all.isEmpty() ? null : all.get(0));
    }

    /**
     * A team's report as of {@code asOf}, pooled from the reports of its components as of then.
     *
     * @param members the team's components, by full reference
     * @return empty when none of them had data as of then
     */
    public Optional<HealthReport> team(String team, List<String> members, Instant asOf) {
        List<HealthReport> reports = new ArrayList<>();
        for (String ref : members) {
            component(ref, asOf).ifPresent(r -> reports.add(inTeam(r, team)));
        }
        return scorecards.computeTeams(reports, asOf).stream().filter(t -> t.subject().equals(team)).findFirst();
    }

    private Optional<HealthReport> compute(String reference, Instant asOf) {
        return scorecards.computeComponent(reference, asOf, scorecards.thresholds().windowDays())
                .filter(WeekData::hasData);
    }

    private void evictOldestBeyond(int size) {
        while (kept.size() > size) {
            kept.keySet().stream().min(Comparator.naturalOrder()).ifPresent(kept::remove);
        }
    }

    /** The same report, counted in {@code team}: pooling by team then pools every such report into one. */
    private static HealthReport inTeam(HealthReport r, String team) {
        if (r.team().equals(team)) {
            return r;
        }
        return new HealthReport(r.kind(), r.subject(), r.name(), r.namespace(), team, r.computedAt(),
                r.windowDays(), r.lastRunAt(), r.scorecard(), r.metrics(), r.pyramid(), r.tests(), r.slowestSuites(),
                r.durationRegressions(), r.jobRuns(), r.failureGroups(), r.incidents(), r.members(), r.facts(), r.layerCounts(),
                r.pipelineRuns());
    }
}
