package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quarantining a test through the API: who, why, ticket and expiry; CI's list; the scorecard sees it; release. */
@MicronautTest
@OnEachStore
final class QuarantineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private CollectorClient.Text send(String method, String path, String body) {
        return new CollectorClient(server.getURL()).send(method, path, body);
    }

    @Test
    void aQuarantinedTestIsListedForCiShownInItsRowAndCanBeReleased() throws Exception {
        String xml = "<testsuite><testcase classname=\"com.acme.QTest\" name=\"shaky\" time=\"1\"/>"
                + "<testcase classname=\"com.acme.QTest\" name=\"solid\" time=\"1\"/></testsuite>";
        for (int i = 0; i < 3; i++) {
            assertEquals(201, new CollectorClient(server.getURL()).upload("component=quarantine-story&team=q&pipeline=q" + i,
                    xml.getBytes(StandardCharsets.UTF_8), "application/xml").status());
        }
        scorecards.refreshAll();
        JsonNode tests = JSON.readTree(send("GET", "/api/v1/components/quarantine-story/tests?sort=name", null).body()).path("tests");
        String shaky = tests.get(0).path("testId").asText();

        CollectorClient.Text incomplete = send("PUT", "/api/v1/tests/" + shaky + "/quarantine", "{\"reason\":\"flaky\"}");
        assertEquals(400, incomplete.status());
        assertTrue(incomplete.body().contains("'by'"));

        String expires = Instant.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        CollectorClient.Text put = send("PUT", "/api/v1/tests/" + shaky + "/quarantine",
                "{\"by\":\"ann\",\"reason\":\"times out on CI\",\"ticket\":\"https://jira/T-1\",\"expiresAt\":\"" + expires + "\"}");
        assertEquals(200, put.status(), put.body());

        JsonNode list = JSON.readTree(send("GET", "/api/v1/components/quarantine-story/quarantine", null).body());
        String text = send("GET", "/api/v1/components/quarantine-story/quarantine?format=text", null).body();
        scorecards.refresh(java.util.Set.of("component:default/quarantine-story"));
        JsonNode row = JSON.readTree(send("GET", "/api/v1/components/quarantine-story/tests?sort=name", null).body()).path("tests").get(0);
        JsonNode hygiene = JSON.readTree(send("GET", "/api/v1/components/quarantine-story/scorecard", null).body()).path("checks").get(5);
        assertAll(
                () -> assertEquals(1, list.size()),
                () -> assertEquals("ann", list.get(0).path("by").asText()),
                () -> assertEquals("https://jira/T-1", list.get(0).path("ticket").asText()),
                () -> assertEquals(expires, list.get(0).path("expiresAt").asText()),
                () -> assertEquals("com.acme.QTest#shaky\n", text),
                () -> assertTrue(row.path("quarantined").asBoolean()),
                () -> assertEquals("quarantine-hygiene", hygiene.path("id").asText()),
                () -> assertTrue(hygiene.path("explanation").asText().startsWith("1 tests are quarantined"), hygiene.toString()));

        assertEquals(204, send("DELETE", "/api/v1/tests/" + shaky + "/quarantine", null).status());
        assertEquals(404, send("DELETE", "/api/v1/tests/" + shaky + "/quarantine", null).status());
        assertEquals("", send("GET", "/api/v1/components/quarantine-story/quarantine?format=text", null).body());
    }

    @Test
    void unknownComponentsAndTestsAreExplained() throws Exception {
        CollectorClient.Text component = send("GET", "/api/v1/components/nobody-uploads/scorecard", null);
        CollectorClient.Text test = send("GET", "/api/v1/tests/0000000000000000", null);
        CollectorClient.Text window = send("GET", "/api/v1/components/x/scorecard?window=forever", null);
        assertAll(
                () -> assertEquals(404, component.status()),
                () -> assertTrue(component.body().contains("component=nobody-uploads")),
                () -> assertEquals(404, test.status()),
                () -> assertEquals(400, window.status()),
                () -> assertTrue(window.body().contains("28d")));
    }
}
