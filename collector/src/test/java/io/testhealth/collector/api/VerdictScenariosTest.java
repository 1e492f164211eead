package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Constructed histories fed through the real upload endpoint, and the verdicts the read API gives for them: each
 * story the flakiness rules must tell apart, told once.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class VerdictScenariosTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(20));
    private final List<String> indexWarnings = new ArrayList<>();
    private int pipeline = 1;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    /** One job run's upload of a surefire-style report with the given test cases. */
    private CollectorClient.Reply run(String component, int hour, String commit, String environment, int attempt,
                                      String pipelineId, String... testcases) {
        String xml = "<testsuite name=\"com.acme.ScenarioTest\">" + String.join("", testcases) + "</testsuite>";
        Instant at = start.plus(Duration.ofHours(hour));
        String query = "component=" + component + "&team=team-scenarios&branch=main&job=test&commit=" + commit
                + "&environment=" + environment + "&attempt=" + attempt + "&pipeline=" + pipelineId
                + "&startedAt=" + at + "&finishedAt=" + at.plus(Duration.ofMinutes(7));
        CollectorClient.Reply r = client().upload(query, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
        return r;
    }

    private CollectorClient.Reply run(String component, int hour, String commit, String... testcases) {
        return run(component, hour, commit, "linux", 1, "p" + (pipeline++), testcases);
    }

    private static String passed(String name) {
        return "<testcase classname=\"com.acme.ScenarioTest\" name=\"" + name + "\" time=\"0.1\"/>";
    }

    private static String failed(String name, String message) {
        return "<testcase classname=\"com.acme.ScenarioTest\" name=\"" + name + "\" time=\"0.1\"><failure message=\""
                + message + "\" type=\"java.lang.AssertionError\"/></testcase>";
    }

    private static String passedOnRetry(String name) {
        return "<testcase classname=\"com.acme.ScenarioTest\" name=\"" + name + "\" time=\"0.2\"><flakyFailure message=\"timeout\""
                + " type=\"java.net.SocketTimeoutException\" time=\"0.3\"/></testcase>";
    }

    @BeforeAll
    void uploadTheHistories() {
        for (int i = 0; i < 12; i++) {
            // flaky by retry: Surefire hid three failures behind reruns
            run("retry-story", i, "c" + i, passed("stable"), i % 4 == 1 ? passedOnRetry("wobbly") : passed("wobbly"));
            // environment-only: always fails on windows, always passes on linux
            run("env-story", 2 * i, "c" + i, "linux", 1, "pl" + i, passed("paths"));
            run("env-story", 2 * i + 1, "c" + i, "windows", 1, "pw" + i, failed("paths", "Illegal char : at index 2"));
        }
        // flaky by re-run: the same commit fails, then passes when the job is re-run
        for (int i = 0; i < 10; i++) {
            String p = "rr" + i;
            if (i == 4) {
                run("rerun-story", i * 2, "c4", "linux", 1, p, failed("racy", "expected 2 but was 3"));
                run("rerun-story", i * 2 + 1, "c4", "linux", 2, p, passed("racy"));
            } else {
                run("rerun-story", i * 2, "c" + i, "linux", 1, p, passed("racy"));
            }
        }
            // a genuine regression, later fixed: passes, fails from commit c10 to c13, passes again from c14; the fix is
        // proven by the tenth clean run (c23), less than 7 days before now, so the test is FIXED, not yet HEALTHY
        for (int i = 0; i < 26; i++) {
            boolean broken = i >= 10 && i < 14;
            run("regression-story", i * 16, "c" + i, broken ? failed("price", "expected EUR 10.00 but was EUR 10.01") : passed("price"));
        }
        // an infrastructure incident: in one run 11 of 12 tests fail at once (the database was down)
        for (int i = 0; i < 10; i++) {
            List<String> cases = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                cases.add(i == 5 && t > 0 ? failed("t" + t, "Connection refused: db:5432") : passed("t" + t));
            }
            run("incident-story", i, "c" + i, cases.toArray(String[]::new));
        }
        // a renamed test: oldName ran ten times, then it became newName
        for (int i = 0; i < 13; i++) {
            run("rename-story", i, "c" + i, passed(i < 10 ? "oldName" : "newName"));
        }
        // parameterized tests: named invocations share one test, index-only names warn
        CollectorClient.Reply params = run("params-story", 1, "c1", passed("adds(int, int)[1]"), passed("adds(int, int)[2]"),
                passed("[1]"), passed("[2]"));
        params.json().path("warnings").forEach(w -> indexWarnings.add(w.asText()));
        scorecards.refreshAll();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + " -> " + r.body());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode test(String component, String name) {
        JsonNode tests = get("/api/v1/components/" + component + "/tests?state=all&limit=100").path("tests");
        return StreamSupport.stream(tests.spliterator(), false).filter(t -> t.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + tests));
    }

    private static String reasons(JsonNode test) {
        return test.path("reasons").toString();
    }

    @Test
    void aTestThatPassesOnRetryIsFlakyAndSaysSo() {
        JsonNode wobbly = test("retry-story", "wobbly");
        assertAll(
                () -> assertEquals("flaky", wobbly.path("state").asText()),
                () -> assertEquals(3, wobbly.path("flakyRuns").asInt()),
                () -> assertTrue(reasons(wobbly).contains("passed on retry in 3 runs"), reasons(wobbly)),
                () -> assertTrue(wobbly.path("lower").asDouble() < wobbly.path("flakinessScore").asDouble()),
                () -> assertTrue(wobbly.path("timeLostSeconds").asDouble() > 0),
                () -> assertEquals("healthy", test("retry-story", "stable").path("state").asText()));
        JsonNode flakyList = get("/api/v1/components/retry-story/tests?state=flaky&sort=impact");
        assertEquals(1, flakyList.path("total").asInt());
    }

    @Test
    void aTestThatFailsAndPassesOnTheSameCommitIsFlaky() {
        JsonNode racy = test("rerun-story", "racy");
        assertEquals("flaky", racy.path("state").asText());
        assertTrue(reasons(racy).contains("passed and failed on commit c4"), reasons(racy));
    }

    @Test
    void aRegressionIsBrokenWhileItLastsAndFixedAfterNeverFlaky() {
        JsonNode now = test("regression-story", "price");
        assertEquals("fixed", now.path("state").asText(), reasons(now));
        assertTrue(reasons(now).contains("failed from commit c10"), reasons(now));
        Instant duringTheRegression = start.plus(Duration.ofHours(13 * 16 + 1));
        var then = scorecards.computeComponent("component:default/regression-story", duringTheRegression, 28).orElseThrow();
        var price = then.tests().stream().filter(t -> t.name().equals("price")).findFirst().orElseThrow();
        assertEquals("broken", price.state(), price.reasons().toString());
    }

    @Test
    void aTestFailingOnlyOnOneEnvironmentIsBrokenThereNotFlaky() {
        JsonNode paths = test("env-story", "paths");
        assertEquals("broken", paths.path("state").asText());
        assertTrue(reasons(paths).contains("fails only on windows"), reasons(paths));
    }

    @Test
    void anInfrastructureIncidentIsExcludedAndListed() {
        JsonNode scorecard = get("/api/v1/components/incident-story/scorecard");
        assertAll(
                () -> assertEquals(1, scorecard.path("incidents").size()),
                () -> assertEquals(11, scorecard.path("incidents").get(0).path("failed").asInt()),
                () -> assertEquals(0, scorecard.path("metrics").path("flakyTests").asInt()),
                () -> assertEquals("healthy", test("incident-story", "t3").path("state").asText()),
                () -> assertEquals(1.0, scorecard.path("metrics").path("passRate").asDouble(), "the incident is not a failed run"));
    }

    @Test
    void aRenamedTestStartsAsNewAndTheOldNameKeepsItsHistory() {
        JsonNode renamed = test("rename-story", "newName");
        JsonNode old = test("rename-story", "oldName");
        assertEquals("new", renamed.path("state").asText());
        assertEquals(3, renamed.path("runs").asInt());
        assertEquals(10, old.path("runs").asInt());
        assertFalse(old.path("testId").asText().equals(renamed.path("testId").asText()));
    }

    @Test
    void invocationsOfAParameterizedTestAreOneTestAndIndexOnlyNamesWarn() {
        JsonNode tests = get("/api/v1/components/params-story/tests?state=all").path("tests");
        List<String> names = StreamSupport.stream(tests.spliterator(), false).map(t -> t.path("name").asText()).sorted().toList();
        assertEquals(List.of("[1]", "[2]", "adds(int, int)"), names);
        assertTrue(indexWarnings.stream().anyMatch(w -> w.contains("only a parameter index")), indexWarnings.toString());
    }

    @Test
    void theTestDetailListsRunsWithAttempts() {
        String id = test("retry-story", "wobbly").path("testId").asText();
        JsonNode detail = get("/api/v1/tests/" + id);
        JsonNode runs = detail.path("runs");
        assertEquals("component:default/retry-story", detail.path("component").asText());
        assertEquals(12, runs.size());
        assertTrue(StreamSupport.stream(runs.spliterator(), false).anyMatch(r -> r.path("attempts").size() == 2
                && r.path("outcome").asText().equals("flaky")));
    }
}
