package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.review.IsoWeek;
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
 * The weekly review through the real endpoint: a history uploaded into the last two complete weeks, one test clean in
 * the first and flaky in the second, must come back as a new flaky test of its owner, in all three formats.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class WeeklyReportControllerTest {

    private static final String COMPONENT = "weekly-shop";
    private static final String TEAM = "weekly-team";

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private IsoWeek week;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    /** Six clean runs in W-1, then three runs in W where {@code checkout} fails and passes on retry. */
    @BeforeAll
    void uploadTwoWeeksOfHistory() {
        week = IsoWeek.of(Instant.now()).previous();
        Instant w1 = week.previous().start().plus(Duration.ofDays(1));
        for (int i = 0; i < 6; i++) {
            upload(w1.plus(Duration.ofHours(6L * i)), "run-a" + i, false);
        }
        Instant w = week.start().plus(Duration.ofDays(1));
        for (int i = 0; i < 3; i++) {
            upload(w.plus(Duration.ofHours(6L * i)), "run-b" + i, true);
        }
        scorecards.refreshAll();
    }

    private void upload(Instant startedAt, String pipeline, boolean flaky) {
        String checkout = flaky
                ? testcase("checkout", "<failure message=\"timeout\"/>") + testcase("checkout", "")
                : testcase("checkout", "");
        String xml = "<testsuite name=\"com.acme.Cart\">" + checkout + testcase("total", "") + "</testsuite>";
        String query = "component=" + COMPONENT + "&team=" + TEAM + "&branch=main&commit=c-" + pipeline + "&job=test"
                + "&pipeline=" + pipeline + "&startedAt=" + startedAt + "&finishedAt=" + startedAt.plusSeconds(300);
        CollectorClient.Reply r = client().upload(query, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
    }

    private static String testcase(String name, String body) {
        return "<testcase classname=\"com.acme.Cart\" name=\"" + name + "\" time=\"1\"><properties>"
                + "<property name=\"owner\" value=\"alice\"/></properties>" + body + "</testcase>";
    }

    @Test
    void listsTheTestFlakyOnlyInTheLaterWeekAsNewWithItsOwner() {
        CollectorClient.Text r = client().get("/api/v1/reports/weekly?week=" + week, null);
        JsonNode json = r.json();
        List<String> newFlaky = new ArrayList<>();
        json.path("newFlaky").forEach(o -> o.path("tests").forEach(t -> newFlaky.add(o.path("owner").asText() + " "
                + t.path("name").asText() + " " + t.path("component").asText() + " " + t.path("previousState").asText())));
        assertAll(
                () -> assertEquals(200, r.status(), r.body()),
                () -> assertTrue(r.contentType().startsWith("application/json"), r.contentType()),
                () -> assertEquals(week.toString(), json.path("week").asText()),
                () -> assertTrue(json.path("complete").asBoolean()),
                () -> assertEquals(List.of("alice checkout component:default/" + COMPONENT + " healthy"), newFlaky),
                () -> assertTrue(json.path("topFlaky").toString().contains("checkout")),
                () -> assertEquals("group:default/" + TEAM, json.path("headline").path(0).path("subject").asText()),
                () -> assertEquals(1.0, json.path("headline").path(0).path("flakyTests").path("delta").asDouble(), r.body()));
    }

    @Test
    void theWeekBeforeHasNoNewFlakyTest() {
        JsonNode json = client().get("/api/v1/reports/weekly?week=" + week.previous() + "&team=" + TEAM, null).json();
        assertEquals(0, json.path("newFlaky").size(), json.toString());
        assertEquals("group:default/" + TEAM, json.path("team").asText());
    }

    @Test
    void servesMarkdownAndHtmlByFormatOrAcceptHeader() {
        CollectorClient.Text md = client().get("/api/v1/reports/weekly?week=" + week + "&format=markdown", null);
        CollectorClient.Text html = client().get("/api/v1/reports/weekly?week=" + week + "&format=html", null);
        CollectorClient.Text accepted = client().get("/api/v1/reports/weekly?week=" + week, "text/markdown");
        CollectorClient.Text browser = client().get("/api/v1/reports/weekly?week=" + week,
                "text/html,application/xhtml+xml,*/*;q=0.8");
        assertAll(
                () -> assertEquals(200, md.status(), md.body()),
                () -> assertTrue(md.contentType().startsWith("text/markdown"), md.contentType()),
                () -> assertTrue(md.body().contains("## 4. New flaky tests by owner")),
                () -> assertTrue(md.body().contains("checkout")),
                () -> assertEquals(200, html.status(), html.body()),
                () -> assertTrue(html.contentType().startsWith("text/html"), html.contentType()),
                () -> assertTrue(html.body().contains("<svg")),
                () -> assertTrue(accepted.contentType().startsWith("text/markdown"), accepted.contentType()),
                () -> assertTrue(browser.contentType().startsWith("text/html"), browser.contentType()));
    }

    @Test
    void defaultsToTheLastCompleteWeek() {
        JsonNode json = client().get("/api/v1/reports/weekly", null).json();
        assertEquals(IsoWeek.of(Instant.now()).previous().toString(), json.path("week").asText());
    }

    @Test
    void refusesABadWeekAndAnUnknownTeam() {
        CollectorClient.Text bad = client().get("/api/v1/reports/weekly?week=2026-47", null);
        CollectorClient.Text future = client().get("/api/v1/reports/weekly?week=" + IsoWeek.of(Instant.now().plus(Duration.ofDays(14))), null);
        CollectorClient.Text format = client().get("/api/v1/reports/weekly?format=pdf", null);
        CollectorClient.Text team = client().get("/api/v1/reports/weekly?week=" + week + "&team=nobody", null);
        CollectorClient.Text browser = client().get("/api/v1/reports/weekly?week=2026-47", "text/html");
        assertAll(
                () -> assertEquals(400, browser.status()),
                () -> assertTrue(browser.contentType().startsWith("application/json"), "errors are JSON whatever is accepted"),
                () -> assertEquals(400, bad.status()),
                () -> assertEquals("invalid-request", bad.json().path("error").asText()),
                () -> assertTrue(bad.json().path("message").asText().contains("2026-W47"), bad.body()),
                () -> assertEquals(400, future.status(), future.body()),
                () -> assertEquals(400, format.status(), format.body()),
                () -> assertEquals(404, team.status(), team.body()),
                () -> assertFalse(team.json().path("message").asText().isBlank()));
    }
}
