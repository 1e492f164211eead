package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.scorecards.HealthReport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The reports of every component and team as of one moment: what the weekly review compares week against week.
 *
 * <p>Kept as a plain value so that {@link WeeklyReviewBuilder} can be fed hand-made reports in tests.
 *
 * <p>Only subjects with data as of the moment are in it ({@link WeekData}): the review reads a subject missing from
 * a week as "no data that week", never as zeros.
 *
 * @param asOf         the moment the reports were computed for
 * @param components   reports of the components with data
 * @param teams        team reports pooled from those components
 * @param organisation all those components pooled into one report, or {@code null} when not computed or when no
 *                     component had data
 */
public record ReviewSnapshot(Instant asOf, List<HealthReport> components, List<HealthReport> teams,
                             @Nullable HealthReport organisation) {

    public ReviewSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        components = List.copyOf(components);
        teams = List.copyOf(teams);
    }

    /** A snapshot with no reports, for weeks before any upload. */
    public static ReviewSnapshot empty(Instant asOf) {
        return new ReviewSnapshot(asOf, List.of(), List.of(), null);
    }
}
