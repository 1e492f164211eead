package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
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
 * Computes the weekly review: the reports of every component as of the end of the week and of the three weeks
 * before it, handed to the pure {@link WeeklyReviewBuilder}.
 *
 * <p>Past reports are computed on demand from the history rather than read from stored snapshots, so a review of
 * any past week is available even when no refresh ran at its end. That costs an analysis per component per week
 * end, so the reports as of a moment that has passed are kept for {@link #CACHE_TTL}: the organisation page, the
 * team pages and the next week's review read the same week ends. Uploads that arrive late for a past week show
 * once the cached reports expire.
 */
@Singleton
public final class WeeklyReviewService {

    /** The subject of the organisation total. */
    public static final String ORGANISATION = "organisation";

    /** How long reports as of a past moment are reused. */
    static final Duration CACHE_TTL = Duration.ofHours(1);
    private static final int CACHE_SIZE = 16;

    private final ScorecardService scorecards;
    private final Clock clock;
    private final Map<Instant, Cached> cache = new ConcurrentHashMap<>();

    /** Reports as of one moment, for one list of components, and when they were computed. */
    private record Cached(List<String> components, ReviewSnapshot snapshot, Instant computedAt) {
    }

    @Inject
    public WeeklyReviewService(ScorecardService scorecards) {
        this(scorecards, Clock.systemUTC());
    }

    /** With a clock of the caller's, so tests can choose "now". */
    public WeeklyReviewService(ScorecardService scorecards, Clock clock) {
        this.scorecards = scorecards;
        this.clock = clock;
    }

    /** The week that is running now. */
    public IsoWeek currentWeek() {
        return IsoWeek.of(clock.instant());
    }

    /** The last week that has ended: the default of the review. */
    public IsoWeek lastCompleteWeek() {
        return currentWeek().previous();
    }

    /** Whether the week has begun, so that it has anything to review. */
    public boolean hasStarted(IsoWeek week) {
        return !week.start().isAfter(clock.instant());
    }

    /**
     * The review of a week.
     *
     * @param team      full group reference, or {@code null} for every team
     * @param namespace the namespace of the components to include, or {@code null} for all
     * @return empty when {@code team} is given and no component belongs to it, now or in the week
     * @throws IllegalArgumentException when the week has not begun
     */
    public Optional<WeeklyReview> review(IsoWeek week, @Nullable String team, @Nullable String namespace) {
        Instant now = clock.instant();
        if (!hasStarted(week)) {
            throw new IllegalArgumentException("week " + week + " has not begun yet (it starts " + week.start() + ")");
        }
        List<String> components = scorecards.components().stream()
                .filter(c -> namespace == null || namespace.equals(c.namespace()))
                .map(HealthReport::subject).toList();
        IsoWeek w1 = week.previous();
        IsoWeek w2 = w1.previous();
        IsoWeek w3 = w2.previous();
        ReviewSnapshot current = snapshot(components, week.end().isBefore(now) ? week.end() : now);
        if (team != null && current.teams().stream().noneMatch(t -> t.subject().equals(team))
                && scorecards.teams().stream().noneMatch(t -> t.subject().equals(team))) {
            return Optional.empty();
        }
        ReviewSnapshot previous = snapshot(components, w1.end());
        List<ReviewSnapshot> history = List.of(snapshot(components, w3.end()), snapshot(components, w2.end()));
        return Optional.of(WeeklyReviewBuilder.build(week, current, previous, history, team, namespace));
    }

    private ReviewSnapshot snapshot(List<String> components, Instant asOf) {
        Instant now = clock.instant();
        if (!asOf.isBefore(now)) {
            return compute(components, asOf);
        }
        Cached hit = cache.get(asOf);
        if (hit != null && hit.components().equals(components) && hit.computedAt().plus(CACHE_TTL).isAfter(now)) {
            return hit.snapshot();
        }
        ReviewSnapshot computed = compute(components, asOf);
        if (cache.size() >= CACHE_SIZE) {
            cache.keySet().stream().min(Comparator.naturalOrder()).ifPresent(cache::remove);
        }
        cache.put(asOf, new Cached(components, computed, now));
        return computed;
    }

    private ReviewSnapshot compute(List<String> components, Instant asOf) {
        int days = scorecards.thresholds().windowDays();
        List<HealthReport> reports = new ArrayList<>();
        for (String ref : components) {
            scorecards.computeComponent(ref, asOf, days).ifPresent(reports::add);
        }
        List<HealthReport> teams = scorecards.computeTeams(reports, asOf);
        List<HealthReport> all = scorecards.computeTeams(reports.stream().map(WeeklyReviewService::inOrganisation).toList(), asOf);
        return new ReviewSnapshot(asOf, reports, teams, all.isEmpty() ? null : all.get(0));
    }

    /** The same report, counted in the organisation: pooling by team then pools every component into one. */
    private static HealthReport inOrganisation(HealthReport r) {
        return new HealthReport(r.kind(), r.subject(), r.name(), r.namespace(), ORGANISATION, r.computedAt(),
                r.windowDays(), r.lastRunAt(), r.scorecard(), r.metrics(), r.pyramid(), r.tests(), r.slowestSuites(),
                r.durationRegressions(), r.jobRuns(), r.failureGroups(), r.incidents(), r.members(), r.facts(), r.layerCounts());
    }
}
