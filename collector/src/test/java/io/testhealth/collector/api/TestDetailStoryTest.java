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
 * What a test's page tells beyond its numbers: the latest stack trace of each failure group (kept cut and redacted)
 * and who quarantined or released the test, when and why.
 */
@MicronautTest
@OnEachStore
final class TestDetailStoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Three frames: the part of a trace its fingerprint is computed from. */
    private static final String HEAD = "java.lang.AssertionError: expected 3 items but was 2\n"
            + "\tat com.acme.Cart.total(Cart.java:10)\n"
            + "\tat com.acme.CartTest.total(CartTest.java:20)\n"
            + "\tat org.junit.Runner.run(Runner.java:30)\n";
    /** One frame line of 20 characters: tab, "at ", 15 characters, newline. */
    private static final String DEEP_FRAME = "\tat x.Y.z(Y.java:1)\n";

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private CollectorClient.Text send(String method, String path, String body) {
        return new CollectorClient(server.getURL()).send(method, path, body);
    }

    private static String failing(String type, String message, String trace) {
        return "<testsuite><testcase classname=\"com.acme.Cart\" name=\"total\" time=\"2\"><failure type=\"" + type
                + "\" message=\"" + message + "\">" + trace + "</failure></testcase></testsuite>";
    }

    private String uploadDays(String component, String... reports) throws Exception {
        for (int day = 1; day <= reports.length; day++) {
            String query = "component=" + component + "&team=shop&pipeline=p" + day + "&branch=main&commit=c" + day
                    + "&runUrl=https://ci.example/runs/" + day + "&startedAt=2026-12-0" + day + "T10:00:00Z";
            assertEquals(201, new CollectorClient(server.getURL()).upload(query,
                    reports[day - 1].getBytes(StandardCharsets.UTF_8), "application/xml").status());
        }
        scorecards.refreshAll();
        return JSON.readTree(send("GET", "/api/v1/components/" + component + "/tests?state=all", null).body())
                .path("tests").get(0).path("testId").asText();
    }

    @Test
    void eachFailureGroupShowsItsLatestStackTraceCutAtTheLimitAndRedacted() throws Exception {
        String shortTrace = HEAD + "\tat org.junit.Runner.main(Runner.java:40)";
        // 500 deep frames of 20 characters: the trace is HEAD plus 10 000 characters, over the 8 000 kept
        String longTrace = HEAD + DEEP_FRAME.repeat(500);
        int longLength = HEAD.length() + 10_000;
        String npe = "java.lang.NullPointerException: cart is null\n\tat com.acme.Cart.load(Cart.java:5)\n"
                + "sent Authorization: Bearer abcdefghijk123";
        String testId = uploadDays("cart-story",
                failing("java.lang.AssertionError", "expected 3 items but was 2", shortTrace),
                failing("java.lang.AssertionError", "expected 3 items but was 2", longTrace),
                failing("java.lang.NullPointerException", "cart is null", npe));

        JsonNode groups = JSON.readTree(send("GET", "/api/v1/tests/" + testId, null).body()).path("failureGroups");
        String latestOfFirst = groups.get(0).path("latestTrace").asText();
        assertAll(
                () -> assertEquals(2, groups.size(), groups.toString()),
                // day 1 and day 2 share type, message and the three frames: one group, whose latest trace is day 2's
                () -> assertEquals(2, groups.get(0).path("failures").asInt()),
                () -> assertEquals(longTrace.substring(0, 8000), latestOfFirst.substring(0, 8000)),
                () -> assertTrue(latestOfFirst.substring(8000).matches("…\\[cut " + (longLength - 8000)
                        + " chars #[0-9a-f]{8}]"), latestOfFirst.substring(8000)),
                // the credentials go, the scheme stays
                () -> assertEquals("java.lang.NullPointerException: cart is null\n\tat com.acme.Cart.load(Cart.java:5)\n"
                        + "sent Authorization: Bearer [redacted]", groups.get(1).path("latestTrace").asText()));
    }

    @Test
    void aTraceShorterThanTheLimitIsKeptWholeAndAFailureWithoutOneHasNone() throws Exception {
        String trace = HEAD + "\tat org.junit.Runner.main(Runner.java:40)";
        String testId = uploadDays("cart-story-short",
                failing("java.lang.AssertionError", "expected 3 items but was 2", trace),
                "<testsuite><testcase classname=\"com.acme.Cart\" name=\"total\" time=\"2\">"
                        + "<failure type=\"java.lang.IllegalStateException\" message=\"closed\"/></testcase></testsuite>");

        JsonNode groups = JSON.readTree(send("GET", "/api/v1/tests/" + testId, null).body()).path("failureGroups");
        assertAll(
                () -> assertEquals(2, groups.size(), groups.toString()),
                () -> assertEquals("closed", groups.get(0).path("message").asText(), "the newer of two single failures"),
                () -> assertEquals("", groups.get(0).path("latestTrace").asText()),
                () -> assertEquals(trace, groups.get(1).path("latestTrace").asText()));
    }

    @Test
    void quarantineReleaseAndQuarantineAgainAreThreeEventsInOrder() throws Exception {
        String testId = uploadDays("cart-quarantine-story",
                "<testsuite><testcase classname=\"com.acme.Cart\" name=\"total\" time=\"2\"/></testsuite>");
        assertEquals(200, send("PUT", "/api/v1/tests/" + testId + "/quarantine",
                "{\"by\":\"ann\",\"reason\":\"times out on CI\",\"ticket\":\"T-1\"}").status());
        assertEquals(204, send("DELETE", "/api/v1/tests/" + testId + "/quarantine?by=bob", null).status());
        assertEquals(200, send("PUT", "/api/v1/tests/" + testId + "/quarantine",
                "{\"by\":\"carl\",\"reason\":\"flaky again\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}").status());

        JsonNode detail = JSON.readTree(send("GET", "/api/v1/tests/" + testId, null).body());
        JsonNode history = detail.path("quarantineHistory");
        assertAll(
                () -> assertEquals(3, history.size(), history.toString()),
                () -> assertEquals("quarantined", history.get(0).path("action").asText()),
                () -> assertEquals("ann", history.get(0).path("by").asText()),
                () -> assertEquals("times out on CI", history.get(0).path("reason").asText()),
                () -> assertEquals("T-1", history.get(0).path("ticket").asText()),
                () -> assertTrue(history.get(0).path("expiresAt").isNull()),
                () -> assertEquals("released", history.get(1).path("action").asText()),
                () -> assertEquals("bob", history.get(1).path("by").asText()),
                () -> assertEquals("", history.get(1).path("reason").asText()),
                () -> assertEquals("quarantined", history.get(2).path("action").asText()),
                () -> assertEquals("carl", history.get(2).path("by").asText()),
                () -> assertEquals("2099-01-01T00:00:00Z", history.get(2).path("expiresAt").asText()),
                () -> assertTrue(history.get(0).path("at").asText().compareTo(history.get(1).path("at").asText()) <= 0),
                () -> assertTrue(history.get(1).path("at").asText().compareTo(history.get(2).path("at").asText()) <= 0),
                () -> assertEquals("carl", detail.path("quarantine").path("by").asText()));

        // a second quarantine while quarantined replaces it: a change, not a new quarantine
        assertEquals(200, send("PUT", "/api/v1/tests/" + testId + "/quarantine",
                "{\"by\":\"carl\",\"reason\":\"flaky again\",\"ticket\":\"T-2\"}").status());
        JsonNode changed = JSON.readTree(send("GET", "/api/v1/tests/" + testId, null).body()).path("quarantineHistory");
        assertAll(
                () -> assertEquals(4, changed.size()),
                () -> assertEquals("changed", changed.get(3).path("action").asText()),
                () -> assertEquals("T-2", changed.get(3).path("ticket").asText()));
    }

    @Test
    void pipelinesThatReasonsAndExplanationsNameLinkToTheirNewestRun() throws Exception {
        String passes = "<testsuite><testcase classname=\"com.acme.Pay\" name=\"refund\" time=\"1\"/></testsuite>";
        String flaky = "<testsuite><testcase classname=\"com.acme.Pay\" name=\"refund\" time=\"1\">"
                + "<flakyFailure message=\"timeout\" type=\"java.net.SocketTimeoutException\"/></testcase></testsuite>";
        // ten daily runs, enough to judge the test and score the checks: p2 passes on retry (no link), p9 passes on
        // retry (linked), p1 passes (linked, and named nowhere), the others pass without a link
        for (int day = 1; day <= 10; day++) {
            boolean retried = day == 2 || day == 9;
            String query = "component=pay-story&team=shop&pipeline=p" + day + "&job=unit&branch=main&commit=c" + day
                    + "&startedAt=2026-11-" + (20 + day) + "T10:00:00Z"
                    + (day == 1 || day == 9 ? "&runUrl=https://ci.example/runs/" + day : "");
            assertEquals(201, new CollectorClient(server.getURL()).upload(query,
                    (retried ? flaky : passes).getBytes(StandardCharsets.UTF_8), "application/xml").status());
        }
        scorecards.refreshAll();

        JsonNode scorecard = JSON.readTree(send("GET", "/api/v1/components/pay-story/scorecard", null).body());
        JsonNode tests = JSON.readTree(send("GET", "/api/v1/components/pay-story/tests?state=all", null).body());
        String reasons = tests.path("tests").get(0).path("reasons").toString();
        String flakyRunRate = "";
        for (JsonNode check : scorecard.path("checks")) {
            if (check.path("id").asText().equals("flaky-run-rate")) {
                flakyRunRate = check.path("explanation").asText();
            }
        }
        String explanation = flakyRunRate;
        assertAll(
                // the texts name p2 and p9; p2 has no link
                () -> assertTrue(reasons.contains("last in pipeline p9"), reasons),
                () -> assertTrue(explanation.contains("pipeline p2 job unit, pipeline p9 job unit"), explanation),
                () -> assertEquals("{\"p9\":\"https://ci.example/runs/9\"}", scorecard.path("pipelineRuns").toString()),
                () -> assertEquals("{\"p9\":\"https://ci.example/runs/9\"}", tests.path("pipelineRuns").toString()));
    }
}
