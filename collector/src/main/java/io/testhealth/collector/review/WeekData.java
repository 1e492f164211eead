package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.scorecards.HealthReport;

/**
 * The one rule for whether a subject has data as of a week end, shared by the weekly trends and the weekly review so
 * that both leave out the same weeks.
 *
 * <p>A report is computed for any component with stored runs, even as of a moment before its first run (or long after
 * its last): it then counts no test and grades {@code -}. Read as data, such a report would start trends with zeros,
 * make a new component's first Δ a jump from zero and pull team and organisation numbers towards it. So a week
 * without a test run in the window is no data: {@code null} in a trend, and no part of what a team or the
 * organisation pools.
 */
final class WeekData {

    private WeekData() {
    }

    /** Whether any test of the report ran in its window: the line between a week of zeros and one without data. */
    static boolean hasData(@Nullable HealthReport report) {
        return report != null && report.facts() != null && report.facts().testsKnown() > 0;
    }
}
