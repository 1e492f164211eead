package io.testhealth.collector.review;

import io.testhealth.collector.review.WeeklyReview.Shares;
import io.testhealth.collector.review.WeeklyTrends.Point;
import io.testhealth.collector.scorecards.CheckId;
import io.testhealth.collector.scorecards.HealthReport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trend points from hand-made reports: which numbers a point takes, and when a week has no data. */
final class WeeklyTrendsTest {

    private static final IsoWeek W45 = IsoWeek.parse("2026-W45");
    private static final IsoWeek W46 = IsoWeek.parse("2026-W46");
    private static final IsoWeek W47 = IsoWeek.parse("2026-W47");
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    private static HealthReport withTests(String grade, String level) {
        return Reports.component("shop", Reports.TEAM_A).grade(grade, level).flaky(1, 0.04, 12.5)
                .defaultBranch(10, 9).pyramid(0.6, 0.2, 0.1, 0.1, 0.05)
                .check(CheckId.PR_FEEDBACK_TIME.id(), "pass", 14.0)
                .tests(Reports.test("t1", "healthy", "ann", null), Reports.test("t2", "flaky", "ann", null))
                .build();
    }

    @Test
    void aPastWeeksPointHoldsItsReportsNumbersAsOfTheWeekEnd() {
        HealthReport current = withTests("B", "Silver");
        WeeklyTrends trends = WeeklyTrends.of(current, List.of(W47, W48), List.of(withTests("D", "none")));

        Point past = trends.points().get(0);
        assertAll(
                () -> assertEquals("2026-W47", past.week()),
                () -> assertEquals(W47.end(), past.asOf()),
                () -> assertTrue(past.complete()),
                () -> assertEquals("D", past.grade()),
                () -> assertEquals("none", past.level()),
                () -> assertEquals(10L, past.tests(), "the report's count of tests that ran"),
                () -> assertEquals(1L, past.flakyTests()),
                () -> assertEquals(0.04, past.flakyRunRate()),
                () -> assertEquals(0.9, past.defaultBranchPassRate(), 1e-12, "9 of 10 default-branch job runs passed"),
                () -> assertEquals(12.5, past.timeLostToFlakesSeconds()),
                () -> assertEquals(14.0, past.prFeedbackP95Minutes()),
                () -> assertEquals(new Shares(0.6, 0.2, 0.1, 0.1), past.pyramid()));
    }

    @Test
    void theRunningWeeksPointIsTheStoredReportAsOfItsComputation() {
        HealthReport current = withTests("B", "Silver");
        WeeklyTrends trends = WeeklyTrends.of(current, List.of(W47, W48), List.of(withTests("D", "none")));

        Point last = trends.points().get(1);
        assertAll(
                () -> assertEquals("2026-W48", last.week()),
                () -> assertEquals(current.computedAt(), last.asOf()),
                () -> assertFalse(last.complete(), "the report was computed before the week ended"),
                () -> assertEquals("B", last.grade()),
                () -> assertEquals(current.subject(), trends.ref()),
                () -> assertEquals("component", trends.kind()),
                () -> assertEquals(Reports.TEAM_A, trends.team()),
                () -> assertEquals("28d", trends.window()));
    }

    @Test
    void aWeekWithoutReportOrWithoutAnyTestInItsWindowIsNullNotZero() {
        HealthReport empty = Reports.component("shop", Reports.TEAM_A).build();
        WeeklyTrends trends = WeeklyTrends.of(withTests("C", "Bronze"), List.of(W45, W46, W47),
                Arrays.asList(null, empty));

        for (Point p : trends.points().subList(0, 2)) {
            assertAll(p.week(),
                    () -> assertNull(p.grade()),
                    () -> assertNull(p.level()),
                    () -> assertNull(p.tests()),
                    () -> assertNull(p.flakyTests()),
                    () -> assertNull(p.flakyRunRate()),
                    () -> assertNull(p.defaultBranchPassRate()),
                    () -> assertNull(p.timeLostToFlakesSeconds()),
                    () -> assertNull(p.prFeedbackP95Minutes()),
                    () -> assertNull(p.pyramid()),
                    () -> assertTrue(p.complete()));
        }
        assertEquals("C", trends.points().get(2).grade());
    }

    @Test
    void aPointWithoutThePrFeedbackCheckHasNoP95() {
        HealthReport noCheck = Reports.component("shop", Reports.TEAM_A)
                .tests(Reports.test("t1", "healthy", "ann", null)).build();

        assertNull(WeeklyTrends.of(noCheck, List.of(W48), List.of()).points().get(0).prFeedbackP95Minutes());
    }

    @Test
    void refusesPastReportsThatDoNotMatchTheWeeks() {
        assertThrows(IllegalArgumentException.class,
                () -> WeeklyTrends.of(withTests("C", "Bronze"), List.of(W47, W48), List.of()));
    }
}
