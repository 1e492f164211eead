package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.review.IsoWeek;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weekly trends through the real endpoint: a component uploaded into the four weeks before this one must show, week
 * by week, the numbers of its report as of each week end, nothing (not zeros) for the week before its first upload,
 * and its stored report for the running week.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TrendsControllerTest {

    private static final String COMPONENT = "trend-shop";
    private static final String REF = "component:default/" + COMPONENT;
    private static final String TEAM = "trend-team";

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private IsoWeek current;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    /**
     * W-4: tests a and b, three runs; W-3: test c joins and fails once before passing on retry; W-2 and W-1: a, b
     * and c pass, with the first run of each week on a branch and a failed run of b on main in W-2.
     */
    @BeforeAll
    void uploadFourWeeksOfHistory() {
        current = IsoWeek.of(Instant.now());
        IsoWeek w4 = current.previous().previous().previous().previous();
        IsoWeek week = w4;
        for (int w = 4; w >= 1; w--) {
            for (int i = 0; i < 3; i++) {
                Instant at = week.start().plus(Duration.ofDays(1)).plus(Duration.ofHours(6L * i));
                String branch = i == 0 && w < 3 ? "feature-x" : "main";
                String xml = "<testsuite name=\"com.acme.CartTest\">" + passed("a")
                        + (w == 2 && i == 2 ? failed("b") : passed("b"))
                        + (w == 4 ? "" : w == 3 && i == 1 ? retried("c") : passed("c")) + "</testsuite>";
                upload(at, "w" + w + "-" + i, branch, xml);
            }
            week = IsoWeek.of(week.end());
        }
        scorecards.refreshAll();
    }

    private void upload(Instant startedAt, String pipeline, String branch, String xml) {
        String query = "component=" + COMPONENT + "&team=" + TEAM + "&branch=" + branch + "&commit=c-" + pipeline
                + "&job=test&pipeline=" + pipeline + "&startedAt=" + startedAt + "&finishedAt=" + startedAt.plusSeconds(420);
        CollectorClient.Reply r = client().upload(query, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
    }

    private static String passed(String name) {
        return "<testcase classname=\"com.acme.CartTest\" name=\"" + name + "\" time=\"0.5\"/>";
    }

    private static String failed(String name) {
        return "<testcase classname=\"com.acme.CartTest\" name=\"" + name + "\" time=\"0.5\">"
                + "<failure message=\"expected 2\" type=\"java.lang.AssertionError\"/></testcase>";
    }

    private static String retried(String name) {
        return "<testcase classname=\"com.acme.CartTest\" name=\"" + name + "\" time=\"0.5\">"
                + "<flakyFailure message=\"timeout\" type=\"java.net.SocketTimeoutException\" time=\"2\"/></testcase>";
    }

    private JsonNode trends(String query) {
        CollectorClient.Text r = client().get("/api/v1/components/" + COMPONENT + "/trends" + query, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> weeks(JsonNode trends) {
        List<String> weeks = new ArrayList<>();
        trends.path("points").forEach(p -> weeks.add(p.path("week").asText()));
        return weeks;
    }

    private static List<String> expectedWeeks(IsoWeek last, int count) {
        List<String> weeks = new ArrayList<>();
        IsoWeek w = last;
        for (int i = 0; i < count; i++) {
            weeks.add(0, w.toString());
            w = w.previous();
        }
        return weeks;
    }

    @Test
    void eachPastWeekHoldsTheReportAsOfItsEnd() {
        JsonNode points = trends("?weeks=6").path("points");
        IsoWeek week = IsoWeek.of(current.previous().previous().previous().previous().start()); // W-4
        for (int i = 1; i <= 4; i++, week = IsoWeek.of(week.end())) {
            JsonNode p = points.get(i);
            HealthReport asOf = scorecards.computeComponent(REF, week.end(), scorecards.thresholds().windowDays())
                    .orElseThrow();
            double passRate = (double) asOf.facts().defaultBranchPassedJobRuns() / asOf.facts().defaultBranchJobRuns();
            assertAll(week.toString(),
                    () -> assertEquals(asOf.computedAt(), Instant.parse(p.path("asOf").asText())),
                    () -> assertTrue(p.path("complete").asBoolean()),
                    () -> assertEquals(asOf.scorecard().grade(), p.path("grade").asText()),
                    () -> assertEquals(asOf.scorecard().level(), p.path("level").asText()),
                    () -> assertEquals(asOf.metrics().tests(), p.path("tests").asLong()),
                    () -> assertEquals(asOf.metrics().flakyTests(), p.path("flakyTests").asLong()),
                    () -> assertEquals(asOf.metrics().flakyRunRate(), p.path("flakyRunRate").asDouble(), 1e-12),
                    () -> assertEquals(passRate, p.path("defaultBranchPassRate").asDouble(), 1e-12),
                    () -> assertEquals(asOf.metrics().timeLostToFlakesSeconds(),
                            p.path("timeLostToFlakesSeconds").asDouble(), 1e-9),
                    () -> assertEquals(asOf.pyramid().unknown().share(), p.path("pyramid").path("unknown").asDouble(), 1e-12),
                    () -> assertEquals(asOf.pyramid().unit().share(), p.path("pyramid").path("unit").asDouble(), 1e-12));
        }
        assertAll(
                () -> assertEquals(2, points.get(1).path("tests").asLong(), "W-4 ran a and b"),
                () -> assertEquals(3, points.get(2).path("tests").asLong(), "c joined in W-3"),
                () -> assertTrue(points.get(2).path("timeLostToFlakesSeconds").asDouble() > 0, "c's failed attempt"),
                () -> assertEquals(7.0 / 8, points.get(3).path("defaultBranchPassRate").asDouble(), 1e-12,
                        "as of W-2: 3 main runs in W-4, 3 in W-3 and 2 in W-2, where b failed once"));
    }

    @Test
    void theWeekBeforeTheFirstUploadHasNoNumbers() {
        JsonNode first = trends("?weeks=6").path("points").get(0);
        assertAll(
                () -> assertEquals(expectedWeeks(current, 6).get(0), first.path("week").asText()),
                () -> assertTrue(first.path("grade").isNull(), first.toString()),
                () -> assertTrue(first.path("tests").isNull(), first.toString()),
                () -> assertTrue(first.path("flakyRunRate").isNull(), first.toString()),
                () -> assertTrue(first.path("defaultBranchPassRate").isNull(), first.toString()),
                () -> assertTrue(first.path("pyramid").isNull(), first.toString()));
    }

    @Test
    void theRunningWeekIsTheStoredReport() {
        JsonNode trends = trends("?weeks=6");
        JsonNode last = trends.path("points").get(5);
        HealthReport stored = scorecards.component(REF).orElseThrow();
        assertAll(
                () -> assertEquals(REF, trends.path("ref").asText()),
                () -> assertEquals("component", trends.path("kind").asText()),
                () -> assertEquals("group:default/" + TEAM, trends.path("team").asText()),
                () -> assertEquals(current.toString(), last.path("week").asText()),
                () -> assertFalse(last.path("complete").asBoolean()),
                () -> assertEquals(stored.computedAt(), Instant.parse(last.path("asOf").asText())),
                () -> assertEquals(stored.scorecard().grade(), last.path("grade").asText()),
                () -> assertEquals(stored.metrics().tests(), last.path("tests").asLong()));
    }

    @Test
    void defaultsToEightWeeksOldestFirst() {
        assertEquals(expectedWeeks(current, 8), weeks(trends("")));
        assertEquals(List.of(current.toString()), weeks(trends("?weeks=1")));
        assertEquals(26, weeks(trends("?weeks=26")).size());
    }

    @Test
    void refusesWeeksOutsideOneToTwentySix() {
        for (String weeks : List.of("0", "27", "-1", "eight", "1.5")) {
            CollectorClient.Text r = client().get("/api/v1/components/" + COMPONENT + "/trends?weeks=" + weeks, null);
            assertAll(weeks,
                    () -> assertEquals(400, r.status(), r.body()),
                    () -> assertEquals("invalid-request", r.json().path("error").asText()),
                    () -> assertTrue(r.json().path("message").asText().contains("weeks must be a number from 1 to 26"),
                            r.body()));
        }
    }

    @Test
    void aTeamsTrendsPoolItsComponentsWeekByWeek() {
        CollectorClient.Text r = client().get("/api/v1/teams/" + TEAM + "/trends?weeks=6", null);
        JsonNode json = r.json();
        JsonNode points = json.path("points");
        assertAll(
                () -> assertEquals(200, r.status(), r.body()),
                () -> assertEquals("team", json.path("kind").asText()),
                () -> assertEquals("group:default/" + TEAM, json.path("ref").asText()),
                () -> assertEquals(expectedWeeks(current, 6), weeks(json)),
                () -> assertTrue(points.get(0).path("grade").isNull(), points.get(0).toString()),
                () -> assertEquals(2, points.get(1).path("tests").asLong()),
                () -> assertEquals(3, points.get(4).path("tests").asLong()),
                () -> assertEquals(scorecards.team("group:default/" + TEAM).orElseThrow().scorecard().grade(),
                        points.get(5).path("grade").asText()));
    }
}
