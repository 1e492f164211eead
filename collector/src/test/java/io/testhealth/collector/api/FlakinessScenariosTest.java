package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Histories whose answers are known by construction, uploaded through the real endpoint, for the three ways the
 * scorecard used to misjudge flakiness: an episode older than the window, CI re-runs sent without a commit, and the
 * invocations of a parameterized test. Each expected value is worked out by hand in the comment above it.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FlakinessScenariosTest {

    private static final String SUITE = "com.acme.StoryTest";

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private final Instant today = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private final ObjectMapper json = new ObjectMapper();

    /** One job run's upload of a Surefire-style report; an empty commit is left out of the query. */
    private void upload(String component, Instant at, String commit, String pipeline, int attempt, String... testcases) {
        String xml = "<testsuite name=\"" + SUITE + "\">" + String.join("", testcases) + "</testsuite>";
        String query = "component=" + component + "&team=team-stories&branch=main&job=test&pipeline=" + pipeline
                + "&attempt=" + attempt + (commit.isEmpty() ? "" : "&commit=" + commit)
                + "&startedAt=" + at + "&finishedAt=" + at.plus(Duration.ofMinutes(3));
        CollectorClient.Reply r = new CollectorClient(server.getURL())
                .upload(query, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
    }

    private static String passed(String name) {
        return "<testcase classname=\"" + SUITE + "\" name=\"" + name + "\" time=\"0.5\"/>";
    }

    private static String failed(String name) {
        return "<testcase classname=\"" + SUITE + "\" name=\"" + name + "\" time=\"0.5\"><failure message=\"expected 2"
                + " but was 3\" type=\"java.lang.AssertionError\"/></testcase>";
    }

    private static String passedOnRetry(String name) {
        return "<testcase classname=\"" + SUITE + "\" name=\"" + name + "\" time=\"0.5\"><flakyFailure"
                + " message=\"timeout\" type=\"java.net.SocketTimeoutException\" time=\"0.4\"/></testcase>";
    }

    @BeforeAll
    void uploadTheHistories() {
        // An old episode: one run a day for 72 days, from day -71 to day 0; every fifth day, from day -70 to day -5,
        // the test passed only on a retry (14 hard events). Between two events lie four clean runs, far fewer than the
        // ten the FIXED rule needs at least, and the events are five days apart, well inside the 28-day window: the
        // episode has been open since day -70, although the window only sees the last four weeks of it.
        for (int d = 71; d >= 0; d--) {
            boolean flaked = d >= 5 && d <= 70 && d % 5 == 0;
            upload("old-episode", today.minus(Duration.ofDays(d)), "c" + d, "p" + d, 1,
                    flaked ? passedOnRetry("wobbles") : passed("wobbles"), passed("steady"));
        }
        // CI re-runs without a commit: three pipelines whose job failed on attempt 1 and passed on attempt 2, and four
        // pipelines that passed at once; no upload names a commit.
        for (int p = 0; p < 7; p++) {
            Instant at = today.minus(Duration.ofDays(10 - p));
            if (p % 2 == 0 && p < 6) {
                upload("reruns-without-commit", at, "", "rr" + p, 1, failed("racy"), passed("calm"));
                upload("reruns-without-commit", at.plus(Duration.ofMinutes(20)), "", "rr" + p, 2, passed("racy"),
                        passed("calm"));
            } else {
                upload("reruns-without-commit", at, "", "rr" + p, 1, passed("racy"), passed("calm"));
            }
        }
        // A parameterized test: adds(int)[1] always passes and adds(int)[2] always fails, on eight distinct commits,
        // never retried. The inputs differ, so nothing is flaky: adds(int) failed in each of its 8 runs (one run per
        // job run, not 16), so it is BROKEN.
        for (int d = 8; d >= 1; d--) {
            upload("parameterized", today.minus(Duration.ofDays(d)), "k" + d, "q" + d, 1,
                    passed("adds(int)[1]"), failed("adds(int)[2]"), passed("other"));
        }
        // Invocations are not tests: in one of ten job runs, 12 invocations of loads(int) fail beside 2 passing tests.
        // Counted per row that is 12 of 14 failing (86%, at least 10): an infrastructure incident. Counted per test it
        // is 1 of 3 tests failing: no incident.
        for (int d = 10; d >= 1; d--) {
            List<String> cases = new ArrayList<>(List.of(passed("first"), passed("second")));
            for (int i = 1; i <= 12; i++) {
                cases.add(d == 5 ? failed("loads(int)[" + i + "]") : passed("loads(int)[" + i + "]"));
            }
            upload("many-invocations", today.minus(Duration.ofDays(d)), "m" + d, "m" + d, 1, cases.toArray(String[]::new));
        }
        scorecards.refreshAll();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + " -> " + r.body());
            return json.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode test(String component, String name) {
        JsonNode tests = get("/api/v1/components/" + component + "/tests?state=all&limit=100").path("tests");
        return StreamSupport.stream(tests.spliterator(), false).filter(t -> t.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + tests));
    }

    private static JsonNode check(JsonNode scorecard, String id) {
        JsonNode checks = scorecard.path("checks");
        return StreamSupport.stream(checks.spliterator(), false).filter(c -> c.path("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(id + " not in " + checks));
    }

    @Test
    void aFlakyEpisodeOlderThanTheWindowKeepsItsAge() {
        JsonNode wobbles = test("old-episode", "wobbles");
        JsonNode scorecard = get("/api/v1/components/old-episode/scorecard");
        JsonNode age = check(scorecard, "flake-age");
        // open since the retry on day -70: 70 days, and the time from the start of this hour until the report
        Instant computedAt = Instant.parse(scorecard.path("computedAt").asText());
        double expected = 70 + Duration.between(today, computedAt).toSeconds() / 86_400.0;
        assertAll(
                () -> assertEquals("flaky", wobbles.path("state").asText(), wobbles.toString()),
                () -> assertEquals(today.minus(Duration.ofDays(70)), Instant.parse(wobbles.path("flakySince").asText())),
                () -> assertEquals(expected, age.path("value").asDouble(), 1.0 / 1440, age + " at " + computedAt),
                () -> assertEquals("fail", age.path("status").asText().toLowerCase(), "70 days is over the 60 of Bronze"));
    }

    @Test
    void aReRunOfTheSameJobIsTheSameCodeWithoutACommit() {
        JsonNode racy = test("reruns-without-commit", "racy");
        JsonNode calm = test("reruns-without-commit", "calm");
        // 10 job runs (7 pipelines, 3 re-run): racy failed in 3 and each failure was passed by the next attempt
        assertAll(
                () -> assertEquals("flaky", racy.path("state").asText(), racy.toString()),
                () -> assertEquals(3, racy.path("flakyRuns").asInt()),
                () -> assertEquals(10, racy.path("runs").asInt()),
                () -> assertTrue(racy.path("reasons").toString().contains("pipeline rr0 job test (no commit sent)"),
                        racy.path("reasons").toString()),
                () -> assertEquals("healthy", calm.path("state").asText()));
    }

    @Test
    void theInvocationsOfAParameterizedTestAreOneRunPerJobRun() {
        JsonNode adds = test("parameterized", "adds(int)");
        JsonNode detail = get("/api/v1/tests/" + adds.path("testId").asText());
        List<String> invocations = new ArrayList<>();
        detail.path("runs").forEach(r -> invocations.add(r.path("invocation").asText() + "=" + r.path("outcome").asText()));
        assertAll(
                () -> assertEquals("broken", adds.path("state").asText(), adds.toString()),
                () -> assertEquals(8, adds.path("runs").asInt(), "one run per job run"),
                () -> assertEquals(8, adds.path("failedRuns").asInt()),
                () -> assertEquals(0, adds.path("flakyRuns").asInt()),
                () -> assertTrue(invocations.contains("1=passed") && invocations.contains("2=failed"),
                        "the detail keeps each invocation's outcome: " + invocations));
    }

    @Test
    void invocationsDoNotMakeAJobRunAnInfrastructureIncident() {
        JsonNode loads = test("many-invocations", "loads(int)");
        JsonNode report = get("/api/v1/components/many-invocations/scorecard");
        assertAll(
                () -> assertEquals(10, loads.path("runs").asInt(), "its run in the failing job counts: no incident"),
                () -> assertEquals(1, loads.path("failedRuns").asInt()),
                () -> assertTrue(report.path("incidents").isArray(), report.toString()),
                () -> assertEquals(0, report.path("incidents").size(), report.path("incidents").toString()));
    }
}
