package io.testhealth.collector.review;

import io.testhealth.collector.scorecards.HealthReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static io.testhealth.collector.review.Reports.TEAM_A;
import static io.testhealth.collector.review.Reports.component;
import static io.testhealth.collector.review.Reports.team;
import static io.testhealth.collector.review.Reports.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both renderings of one review: every section present, Δ signed, the page self-contained and escaped. */
final class WeeklyReviewRenderersTest {

    private static final String HOSTILE = "<script>alert('x')</script> | \"quoted\"";

    private static WeeklyReview review() {
        IsoWeek week = IsoWeek.parse("2026-W47");
        Instant inWeek = Instant.parse("2026-11-18T10:00:00Z");
        HealthReport before = team(TEAM_A).grade("C", "Bronze").flaky(2, 0.02, 100).build();
        HealthReport now = team(TEAM_A).grade("B", "Silver").flaky(5, 0.01, 30).build();
        HealthReport pay = component("payments", TEAM_A).tests(test(HOSTILE, "flaky", "group:default/alice", inWeek))
                .suite("com.acme.SlowSuite", 120).disagreeing("touchesDb").build();
        ReviewSnapshot current = new ReviewSnapshot(week.end(), List.of(pay), List.of(now), null);
        ReviewSnapshot previous = new ReviewSnapshot(week.previous().end(), List.of(), List.of(before), null);
        return WeeklyReviewBuilder.build(week, current, previous, List.of(), null, null);
    }

    @Test
    void markdownHasEverySectionAndSignedDeltas() {
        String md = WeeklyReviewMarkdown.render(review());
        assertAll(
                () -> assertTrue(md.startsWith("# Weekly test health review: 2026-W47")),
                () -> assertTrue(md.contains("## 1. Headline KPIs")),
                () -> assertTrue(md.contains("## 2. Teams ranked")),
                () -> assertTrue(md.contains("## 3. Scorecard movements")),
                () -> assertTrue(md.contains("## 4. New flaky tests by owner")),
                () -> assertTrue(md.contains("### alice (1)")),
                () -> assertTrue(md.contains("## 5. Fixed")),
                () -> assertTrue(md.contains("## 6. Re-flaked")),
                () -> assertTrue(md.contains("## 7. Top flaky tests by impact")),
                () -> assertTrue(md.contains("## 8. Slowest suites and duration regressions")),
                () -> assertTrue(md.contains("com.acme.SlowSuite")),
                () -> assertTrue(md.contains("## 9. Pyramid drift")),
                () -> assertTrue(md.contains("## 10. Data quality")),
                () -> assertTrue(md.contains("| Without owner | Declared ≠ observed | Examples |"), "the column"),
                () -> assertTrue(md.contains("5 (+3 ▲)"), "flaky tests with a signed Δ"),
                () -> assertTrue(md.contains("1.0% (−1.0 pp ▼)"), "rates in percentage points"),
                () -> assertTrue(md.contains("C → B ▲"), "grade change with its arrow"),
                () -> assertTrue(md.contains("2 → 5"), "the trend"),
                () -> assertFalse(md.contains("<script>"), "raw HTML escaped"),
                () -> assertTrue(md.contains("\\<script\\>"), "escaped, not dropped"),
                () -> assertFalse(md.contains("</script> |"), "a pipe in a name cannot split the cell"));
    }

    @Test
    void htmlIsOneSelfContainedEscapedDocumentWithSparklinesAndPyramidBars() {
        String html = WeeklyReviewHtml.render(review());
        assertAll(
                () -> assertTrue(html.startsWith("<!DOCTYPE html>")),
                () -> assertEquals(1, count(html, "<html"), "one document"),
                () -> assertTrue(html.strip().endsWith("</html>")),
                () -> assertTrue(html.contains("<style>")),
                () -> assertTrue(html.contains("<svg class=\"spark\""), "sparklines"),
                () -> assertTrue(html.contains("<polyline"), "with a line through the known weeks"),
                () -> assertTrue(html.contains("<svg class=\"bar\""), "pyramid bars"),
                () -> assertFalse(html.contains("http"), "no external resources or links"),
                () -> assertFalse(Pattern.compile("<script|<link|src=|href=|@import|url\\(", Pattern.CASE_INSENSITIVE)
                        .matcher(html).find(), "nothing loaded or run"),
                () -> assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | &quot;quoted&quot;")),
                () -> assertEquals(10, count(html, "<h2>"), "ten sections"),
                () -> assertTrue(html.contains("Declared ≠ observed"), "the data-quality column"));
    }

    /** A team whose first data is in the third of the four weeks. */
    private static WeeklyReview reviewOfATeamThatStartedLastWeek() {
        IsoWeek week = IsoWeek.parse("2026-W47");
        HealthReport before = team(TEAM_A).grade("C", "Bronze").flaky(2, 0.02, 100).build();
        HealthReport now = team(TEAM_A).grade("B", "Silver").flaky(5, 0.01, 30).build();
        ReviewSnapshot empty3 = ReviewSnapshot.empty(week.previous().previous().previous().end());
        ReviewSnapshot empty2 = ReviewSnapshot.empty(week.previous().previous().end());
        ReviewSnapshot previous = new ReviewSnapshot(week.previous().end(), List.of(), List.of(before), null);
        ReviewSnapshot current = new ReviewSnapshot(week.end(), List.of(), List.of(now), null);
        return WeeklyReviewBuilder.build(week, current, previous, List.of(empty3, empty2), null, null);
    }

    @Test
    void markdownShowsWeeksWithoutDataAsDashesNotZeros() {
        String md = WeeklyReviewMarkdown.render(reviewOfATeamThatStartedLastWeek());
        assertAll(
                () -> assertTrue(md.contains("| team-a | – → – → C → B | – → – → 2 → 5 | – → – → 2.0% → 1.0% |"), md),
                () -> assertFalse(md.contains("0 → 2"), "no zero before the first week with data"));
    }

    @Test
    void htmlSparklineStartsAtTheFirstWeekWithData() {
        String html = WeeklyReviewHtml.render(reviewOfATeamThatStartedLastWeek());
        String flakyTests = WeeklyReviewHtml.sparkline(java.util.Arrays.asList(null, null, 2.0, 5.0), "t");
        assertAll(
                () -> assertTrue(html.contains("– → – → C → B"), "the grade trend under the grade"),
                () -> assertTrue(html.contains("<title>– → – → 2 → 5</title>"), "the sparkline's title"),
                () -> assertTrue(flakyTests.contains("points=\"42.0,16.0 62.0,2.0\""), flakyTests),
                () -> assertEquals(1, count(flakyTests, "<polyline"), "one line, over the two known weeks only: the first two are a gap"));
    }

    @Test
    void sparklineLeavesAGapForUnknownWeeks() {
        String svg = WeeklyReviewHtml.sparkline(java.util.Arrays.asList(1.0, null, 2.0, 3.0), "t");
        assertEquals(1, count(svg, "<polyline"), "a lone point before the gap draws no line");
        assertTrue(svg.contains("<circle"), "the current week is marked");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
