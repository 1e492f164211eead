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

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test's detail, as its page in Backstage shows it: failures grouped by fingerprint (most frequent first, the
 * latest run's message and link), the component's team and the test's quarantine.
 */
@MicronautTest
@OnEachStore
final class TestDetailFailureGroupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private CollectorClient.Text send(String method, String path, String body) {
        return new CollectorClient(server.getURL()).send(method, path, body);
    }

    private static String failing(String type, String message) {
        return "<testsuite><testcase classname=\"com.acme.Cart\" name=\"total\" time=\"2\"><failure type=\"" + type
                + "\" message=\"" + message + "\"/></testcase></testsuite>";
    }

    @Test
    void failuresAreGroupedByFingerprintMostFrequentFirstWithTheLatestRunOfEach() throws Exception {
        // Oldest to newest: day 1 and day 3 fail alike, day 2 fails otherwise, day 4 passes.
        String[] reports = {
                failing("java.lang.AssertionError", "expected 3 items but was 2"),
                failing("java.lang.NullPointerException", "cart is null"),
                failing("java.lang.AssertionError", "expected 3 items but was 2"),
                "<testsuite><testcase classname=\"com.acme.Cart\" name=\"total\" time=\"2\"/></testsuite>"};
        for (int day = 1; day <= reports.length; day++) {
            String query = "component=cart-detail&team=shop&pipeline=p" + day + "&branch=main&commit=c" + day
                    + "&runUrl=https://ci.example/runs/" + day + "&startedAt=2026-12-0" + day + "T10:00:00Z"
                    + "&finishedAt=2026-12-0" + day + "T10:01:00Z";
            assertEquals(201, new CollectorClient(server.getURL()).upload(query,
                    reports[day - 1].getBytes(StandardCharsets.UTF_8), "application/xml").status());
        }
        scorecards.refreshAll();
        String testId = JSON.readTree(send("GET", "/api/v1/components/cart-detail/tests?state=all", null).body())
                .path("tests").get(0).path("testId").asText();
        assertEquals(200, send("PUT", "/api/v1/tests/" + testId + "/quarantine",
                "{\"by\":\"ann\",\"reason\":\"fails on CI\",\"ticket\":\"T-7\"}").status());

        JsonNode detail = JSON.readTree(send("GET", "/api/v1/tests/" + testId, null).body());
        JsonNode groups = detail.path("failureGroups");
        assertAll(
                () -> assertEquals("group:default/shop", detail.path("team").asText()),
                () -> assertEquals("28d", detail.path("window").asText()),
                () -> assertEquals(4, detail.path("runs").size()),
                () -> assertEquals(2, groups.size(), groups.toString()),
                () -> assertEquals(2, groups.get(0).path("failures").asInt()),
                () -> assertEquals("java.lang.AssertionError", groups.get(0).path("type").asText()),
                () -> assertEquals("expected 3 items but was 2", groups.get(0).path("message").asText()),
                () -> assertEquals("2026-12-01T10:00:00Z", groups.get(0).path("firstSeen").asText()),
                () -> assertEquals("2026-12-03T10:00:00Z", groups.get(0).path("lastSeen").asText()),
                () -> assertEquals("https://ci.example/runs/3", groups.get(0).path("latestRunUrl").asText()),
                () -> assertEquals(1, groups.get(1).path("failures").asInt()),
                () -> assertEquals("cart is null", groups.get(1).path("message").asText()),
                () -> assertTrue(!groups.get(0).path("fingerprint").asText().equals(groups.get(1).path("fingerprint").asText())),
                () -> assertEquals("ann", detail.path("quarantine").path("by").asText()),
                () -> assertEquals("T-7", detail.path("quarantine").path("ticket").asText()));

        assertEquals(204, send("DELETE", "/api/v1/tests/" + testId + "/quarantine", null).status());
        JsonNode released = JSON.readTree(send("GET", "/api/v1/tests/" + testId, null).body());
        assertTrue(released.path("quarantine").isNull() || released.path("quarantine").isMissingNode(), released.toString());
    }
}
