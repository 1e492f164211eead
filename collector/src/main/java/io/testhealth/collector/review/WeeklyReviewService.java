package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Computes the weekly review: the reports of every component as of the end of the week and of the three weeks
 * before it, handed to the pure {@link WeeklyReviewBuilder}. The reports as of past week ends come from
 * {@link AsOfReports}, which computes them from the history and keeps them for a while.
 */
@Singleton
public final class WeeklyReviewService {

    /** The subject of the organisation total. */
    public static final String ORGANISATION = "organisation";

    private final ScorecardService scorecards;
    private final AsOfReports asOf;

    public WeeklyReviewService(ScorecardService scorecards, AsOfReports asOf) {
        this.scorecards = scorecards;
        this.asOf = asOf;
    }

    /** The week that is running now. */
    public IsoWeek currentWeek() {
        return IsoWeek.of(asOf.now());
    }

    /** The last week that has ended: the default of the review. */
    public IsoWeek lastCompleteWeek() {
        return currentWeek().previous();
    }

    /** Whether the week has begun, so that it has anything to review. */
    public boolean hasStarted(IsoWeek week) {
        return !week.start().isAfter(asOf.now());
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
        Instant now = asOf.now();
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

    private ReviewSnapshot snapshot(List<String> components, Instant moment) {
        return asOf.snapshot(components, moment, ORGANISATION);
    }
}
