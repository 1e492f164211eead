package io.testhealth.collector.review;

import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.HealthReport.MemberRow;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Week-by-week trends of one component or team: the reports as of each past week end, from {@link AsOfReports}
 * (so the weekly review and every trend share what was computed), and the stored report for the running week.
 *
 * <p>A first request for {@code n} weeks costs {@code n - 1} analyses of a component (of each of its components for a
 * team); later ones are lookups while the reports are kept.
 */
@Singleton
public final class WeeklyTrendsService {

    /** Weeks shown when the caller does not say. */
    public static final int DEFAULT_WEEKS = 8;
    /** The most weeks one request may ask for: half a year. */
    public static final int MAX_WEEKS = 26;

    private final AsOfReports asOf;

    public WeeklyTrendsService(AsOfReports asOf) {
        this.asOf = asOf;
    }

    /**
     * The trends of a component.
     *
     * @param current its stored report
     * @param weeks   how many weeks, from 1 to {@link #MAX_WEEKS}, the running week included
     */
    public WeeklyTrends component(HealthReport current, int weeks) {
        return trends(current, weeks, end -> asOf.component(current.subject(), end));
    }

    /**
     * The trends of a team, pooled week by week from the components that are its members now.
     *
     * @param current its stored report
     * @param weeks   how many weeks, from 1 to {@link #MAX_WEEKS}, the running week included
     */
    public WeeklyTrends team(HealthReport current, int weeks) {
        List<String> members = current.members().stream().map(MemberRow::component).toList();
        return trends(current, weeks, end -> asOf.team(current.subject(), members, end));
    }

    private WeeklyTrends trends(HealthReport current, int weeks, Function<Instant, Optional<HealthReport>> asOfEnd) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("weeks must be from 1 to " + MAX_WEEKS + ", got " + weeks);
        }
        List<IsoWeek> span = new ArrayList<>(weeks);
        IsoWeek week = IsoWeek.of(asOf.now());
        for (int i = 0; i < weeks; i++) {
            span.add(0, week);
            week = week.previous();
        }
        List<HealthReport> past = new ArrayList<>(weeks - 1);
        for (IsoWeek w : span.subList(0, weeks - 1)) {
            past.add(asOfEnd.apply(w.end()).orElse(null));
        }
        return WeeklyTrends.of(current, span, past);
    }
}
