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
 * Weeks before a component's first upload are no data in the weekly review, never a report of zeros: of the four
 * weeks of the last complete week's review, {@code steady-shop} uploads from the second on and {@code new-shop} from
 * the third on, so the first week has no data at all, and each team's and the organisation's numbers are over the
 * components that had data.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class WeeklyReportWeeksWithoutDataTest {

    private static final String STEADY_TEAM = "group:default/steady-team";
    private static final String NEW_TEAM = "group:default/new-team";

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    /** The last complete week: the fourth of the four its review shows. */
    private IsoWeek week;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    @BeforeAll
    void uploadFromTheSecondAndTheThirdWeekOn() {
        week = IsoWeek.of(Instant.now()).previous();
        IsoWeek w1 = week.previous();
        IsoWeek w2 = w1.previous();
        for (IsoWeek w : List.of(w2, w1, week)) {
            upload("steady-shop", "steady-team", w);
        }
        for (IsoWeek w : List.of(w1, week)) {
            upload("new-shop", "new-team", w);
        }
        scorecards.refreshAll();
    }

    /** Two runs of two passing tests in the week. */
    private void upload(String component, String team, IsoWeek week) {
        for (int i = 0; i < 2; i++) {
            Instant at = week.start().plus(Duration.ofDays(1)).plus(Duration.ofHours(6L * i));
            String pipeline = component + "-" + week + "-" + i;
            String xml = "<testsuite name=\"com.acme.ShopTest\">" + passed("a") + passed("b") + "</testsuite>";
            String query = "component=" + component + "&team=" + team + "&branch=main&commit=c-" + pipeline
                    + "&job=test&pipeline=" + pipeline + "&startedAt=" + at + "&finishedAt=" + at.plusSeconds(300);
            CollectorClient.Reply r = client().upload(query, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
            assertEquals(201, r.status(), r.json().toString());
        }
    }

    private static String passed(String name) {
        return "<testcase classname=\"com.acme.ShopTest\" name=\"" + name + "\" time=\"0.5\"/>";
    }

    private JsonNode review(IsoWeek week) {
        CollectorClient.Text r = client().get("/api/v1/reports/weekly?week=" + week, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonNode headline(JsonNode review, String subject) {
        for (JsonNode k : review.path("headline")) {
            if (k.path("subject").asText().equals(subject)) {
                return k;
            }
        }
        throw new AssertionError(subject + " not in the headline: " + review.path("headline"));
    }

    /** The trend as text, {@code null} for a week without data: {@code [null, null, 2.0, 2.0]}. */
    private static String trend(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.isNull() ? "null" : v.asText()));
        return out.toString();
    }

    @Test
    void aTeamThatStartedInTheThirdWeekHasNoNumbersBefore() {
        JsonNode k = headline(review(week), NEW_TEAM);
        assertAll(
                () -> assertEquals("[null, null, 2.0, 2.0]", trend(k.path("tests").path("trend"))),
                () -> assertEquals("[null, null, 0.0, 0.0]", trend(k.path("flakyTests").path("trend"))),
                () -> assertEquals("[null, null, 1.0, 1.0]", trend(k.path("defaultBranchPassRate").path("trend"))),
                () -> assertTrue(k.path("gradeTrend").get(0).isNull(), k.toString()),
                () -> assertTrue(k.path("gradeTrend").get(1).isNull(), k.toString()),
                () -> assertFalse(k.path("gradeTrend").get(2).isNull(), k.toString()),
                () -> assertEquals(0.0, k.path("tests").path("delta").asDouble(-1), "both weeks had data"));
    }

    @Test
    void theWeekAfterNoDataHasNoDeltaAndCountsAsNew() {
        JsonNode r = review(week.previous());
        JsonNode k = headline(r, NEW_TEAM);
        List<String> moves = new ArrayList<>();
        r.path("movements").path("subjects").forEach(m -> moves.add(m.path("subject").asText() + " "
                + m.path("direction").asText()));
        assertAll(
                () -> assertEquals("[null, null, null, 2.0]", trend(k.path("tests").path("trend"))),
                () -> assertTrue(k.path("tests").path("previous").isNull(), k.toString()),
                () -> assertTrue(k.path("tests").path("delta").isNull(), k.toString()),
                () -> assertTrue(k.path("flakyRunRate").path("delta").isNull(), k.toString()),
                () -> assertTrue(k.path("previousGrade").isNull(), k.toString()),
                () -> assertTrue(moves.contains(NEW_TEAM + " new"), moves.toString()),
                () -> assertTrue(moves.contains("component:default/new-shop new"), moves.toString()),
                () -> assertEquals(0, r.path("pyramidDrift").size(), "no drift from an empty pyramid"));
    }

    @Test
    void theOrganisationPoolsOnlyComponentsWithDataAndHasNoNumbersForAWeekWithoutAny() {
        JsonNode org = headline(review(week), "organisation");
        JsonNode earlier = headline(review(week.previous().previous()), "organisation");
        assertAll(
                () -> assertEquals("[null, 2.0, 4.0, 4.0]", trend(org.path("tests").path("trend"))),
                () -> assertTrue(org.path("gradeTrend").get(0).isNull(), org.toString()),
                () -> assertEquals("[null, null, null, 2.0]", trend(earlier.path("tests").path("trend"))),
                () -> assertTrue(earlier.path("tests").path("delta").isNull(), earlier.toString()),
                () -> assertTrue(earlier.path("previousGrade").isNull(), earlier.toString()));
    }

    @Test
    void markdownAndHtmlShowWeeksWithoutDataAsDashes() {
        String md = client().get("/api/v1/reports/weekly?week=" + week.previous() + "&format=markdown", null).body();
        String html = client().get("/api/v1/reports/weekly?week=" + week.previous() + "&format=html", null).body();
        String row = md.lines().filter(l -> l.startsWith("| new-team |")).reduce((a, b) -> b).orElseThrow();
        assertAll(
                () -> assertTrue(row.startsWith("| new-team | – → – → – → "), row),
                () -> assertFalse(md.contains("| - → "), "no grade '-' for a week without data:\n" + md),
                () -> assertTrue(html.contains("– → – → – → "), "the grade trend under the grade"),
                () -> assertFalse(html.contains("- → -"), "no grade '-' for a week without data"));
    }
}
