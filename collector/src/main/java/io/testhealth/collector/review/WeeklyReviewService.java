package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes the weekly review: the reports of every component as of the end of the week and of the three weeks
 * before it, handed to the pure {@link WeeklyReviewBuilder}.
 *
 * <p>Past reports are computed on demand from the history rather than read from stored snapshots, so a review of
 * any past week is available even when no refresh ran at its end. That costs four analyses per component per
 * request; the review is read weekly, so it is not cached.
 */
@Singleton
public final class WeeklyReviewService {

    /** The subject of the organisation total. */
    public static final String ORGANISATION = "organisation";

    private final ScorecardService scorecards;
    private final Clock clock;

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
