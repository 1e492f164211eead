package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.review.WeeklyReview.Shares;
import io.testhealth.collector.scorecards.CheckId;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.HealthReport.CheckView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A component's or team's headline numbers week by week: one point per ISO week, oldest first, the last being the
 * running week. A past week's point is the report as of the end of that week; the running week's is the stored
 * report, as the scorecard shows it.
 *
 * @param kind      {@code component} or {@code team}
 * @param ref       full reference ({@code component:default/payments}, {@code group:default/team-a})
 * @param name      the reference's name part
 * @param namespace the reference's namespace
 * @param team      a component's team (empty when none), a team's own reference
 * @param window    the analysis window of every point, {@code 28d}
 * @param points    one per week, oldest first
 */
@Serdeable
public record WeeklyTrends(String kind, String ref, String name, String namespace, String team, String window,
                           List<Point> points) {

    public WeeklyTrends {
        points = List.copyOf(points);
    }

    /**
     * A week's numbers. Everything after {@code complete} is {@code null} when, as of {@code asOf}, no test of the
     * subject had run in the window: a week before its first upload reads as "no data", never as zeros.
     *
     * @param week                    the ISO week, {@code 2026-W47}
     * @param asOf                    the moment the numbers are as of: the end of a past week, or when the stored
     *                                report of the running week was computed
     * @param complete                whether the week has ended
     * @param grade                   A to F, or {@code -} when no check had enough data
     * @param level                   Gold, Silver, Bronze or none
     * @param tests                   tests that ran in the window
     * @param flakyTests              of those, tests in state FLAKY
     * @param flakyRunRate            share of job runs with a flaky test run, {@code null} without job runs
     * @param defaultBranchPassRate   share of default-branch job runs without a failed test, incidents excluded;
     *                                {@code null} without such job runs
     * @param timeLostToFlakesSeconds CI time spent on failed attempts of flaky runs
     * @param prFeedbackP95Minutes    the PR feedback check's value: p95 pipeline wall time on other branches than the
     *                                default; {@code null} below the 20 pipelines with known wall times it needs
     * @param pyramid                 shares of tests per layer ({@code unknown}: not classified)
     */
    @Serdeable
    public record Point(String week, Instant asOf, boolean complete, @Nullable String grade, @Nullable String level,
                        @Nullable Long tests, @Nullable Long flakyTests, @Nullable Double flakyRunRate,
                        @Nullable Double defaultBranchPassRate, @Nullable Double timeLostToFlakesSeconds,
                        @Nullable Double prFeedbackP95Minutes, @Nullable Shares pyramid) {

        /**
         * The point of a week from the subject's report as of {@code asOf}.
         *
         * @param report the report, or {@code null} when the subject had no data by then
         */
        static Point of(IsoWeek week, Instant asOf, @Nullable HealthReport report) {
            boolean complete = !asOf.isBefore(week.end());
            if (!WeekData.hasData(report)) {
                return new Point(week.toString(), asOf, complete, null, null, null, null, null, null, null, null, null);
            }
            return new Point(week.toString(), asOf, complete, report.scorecard().grade(), report.scorecard().level(),
                    report.metrics().tests(), report.metrics().flakyTests(), report.metrics().flakyRunRate(),
                    WeeklyReviewBuilder.defaultBranchPassRate(report), report.metrics().timeLostToFlakesSeconds(),
                    checkValue(report, CheckId.PR_FEEDBACK_TIME), WeeklyReviewBuilder.shares(report.pyramid()));
        }
    }

    /**
     * The trends of a subject.
     *
     * @param current the subject's stored report, which names it and gives the running week's point
     * @param weeks   the weeks, oldest first, the last being the running week
     * @param past    the subject's reports as of the ends of all weeks but the last, oldest first ({@code null}
     *                where it had no data by then)
     */
    static WeeklyTrends of(HealthReport current, List<IsoWeek> weeks, List<HealthReport> past) {
        if (past.size() != weeks.size() - 1) {
            throw new IllegalArgumentException(weeks.size() + " weeks need " + (weeks.size() - 1)
                    + " past reports, got " + past.size());
        }
        List<Point> points = new ArrayList<>(weeks.size());
        for (int i = 0; i < past.size(); i++) {
            points.add(Point.of(weeks.get(i), weeks.get(i).end(), past.get(i)));
        }
        points.add(Point.of(weeks.get(weeks.size() - 1), current.computedAt(), current));
        return new WeeklyTrends(current.kind(), current.subject(), current.name(), current.namespace(), current.team(),
                current.windowDays() + "d", points);
    }

    private static Double checkValue(HealthReport report, CheckId check) {
        return report.scorecard().checks().stream().filter(c -> c.id().equals(check.id())).findFirst()
                .map(CheckView::value).orElse(null);
    }
}
