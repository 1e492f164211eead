package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.metrics.ScrapeText;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small histories whose scorecard checks are known by hand, sent through the real upload endpoint and read back
 * through the scorecard API and the Prometheus scrape: the percentile checks, "pipelines broken by flaky tests" and
 * the layer of tests named by the test runners' defaults.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ScorecardChecksScenariosTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(20));

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    /** One job run: its pipeline, job, attempt, branch, commit, start hour and wall time, and its test cases. */
    private void jobRun(String component, String pipeline, String job, int attempt, String branch, String commit,
                        int hour, int wallMinutes, String layer, String... testcases) {
        String xml = "<testsuite name=\"com.acme.Scenario\">" + String.join("", testcases) + "</testsuite>";
        Instant at = start.plus(Duration.ofHours(hour));
        String query = "component=" + component + "&team=team-checks&branch=" + branch + "&job=" + job
                + "&commit=" + commit + "&attempt=" + attempt + "&pipeline=" + pipeline + "&startedAt=" + at
                + "&finishedAt=" + at.plus(Duration.ofMinutes(wallMinutes)) + (layer == null ? "" : "&layer=" + layer);
        CollectorClient.Reply r = client().upload(query, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
    }

    private static String passed(String name) {
        return "<testcase classname=\"com.acme.Scenario\" name=\"" + name + "\" time=\"0.1\"/>";
    }

    private static String failed(String name, String message) {
        return "<testcase classname=\"com.acme.Scenario\" name=\"" + name + "\" time=\"0.1\"><failure message=\""
                + message + "\" type=\"java.lang.AssertionError\"/></testcase>";
    }

    private static String passedOnRetry(String name) {
        return "<testcase classname=\"com.acme.Scenario\" name=\"" + name + "\" time=\"0.2\"><flakyFailure"
                + " message=\"timeout\" type=\"java.net.SocketTimeoutException\" time=\"0.3\"/></testcase>";
    }

    @BeforeAll
    void uploadTheHistories() {
        // PR feedback: 21 pipelines on a feature branch, one job each, of 1, 2, ..., 21 minutes, uploaded in the
        // scrambled order 1, 9, 17, 4, ... (i * 8 mod 21, plus 1); and five 90-minute pipelines on the default
        // branch, which the check leaves out because it measures feedback on changes under review. Two of them say
        // main as GitHub spells it, refs/heads/main: the same branch.
        for (int i = 0; i < 21; i++) {
            int minutes = (i * 8) % 21 + 1;
            jobRun("pr-feedback-story", "pr" + i, "build", 1, "feature/cart", "c" + i, i, minutes, null,
                    passed("adds"), passed("removes"));
        }
        for (int i = 0; i < 5; i++) {
            jobRun("pr-feedback-story", "main" + i, "build", 1, i < 2 ? "refs/heads/main" : "main", "m" + i, 22 + i, 90,
                    null, passed("adds"), passed("removes"));
        }

        // E2E duration: seven E2E job runs of 70, 10, 60, 20, 50, 30 and 40 minutes.
        int[] e2eMinutes = {70, 10, 60, 20, 50, 30, 40};
        for (int i = 0; i < e2eMinutes.length; i++) {
            jobRun("e2e-story", "e" + i, "e2e", 1, "main", "c" + i, 2 * i, e2eMinutes[i], "e2e",
                    passed("user checks out"), passed("user pays"));
        }

        // Pipelines broken by flaky tests: twelve pipelines p1..p12 on main, each a unit and an integration job.
        // "wobbly" is FLAKY: it passed on retry in p2 and failed then passed on a re-run of p10's unit job.
        //   p5:  only the unit job failed, by wobbly alone                          -> broken by flakes
        //   p8:  the unit job failed by wobbly, the integration job by a real bug   -> not broken by flakes
        //   p10: unit attempt 1 failed by wobbly, attempt 2 passed                  -> broken by flakes (a re-run)
        //   p11: the unit job failed by wobbly, and a smoke job was an incident     -> not broken by flakes
        // Hand count: 2 of 12 pipelines (p5, p10) = 1/6. Judged per job, p8 and p11 would count too: 4 of 12.
        for (int p = 1; p <= 12; p++) {
            String pipeline = "p" + p;
            String commit = "k" + p;
            int hour = 10 * p;
            String wobbly = switch (p) {
                case 2 -> passedOnRetry("wobbly");
                case 5, 8, 10, 11 -> failed("wobbly", "expected 200 but was 503");
                default -> passed("wobbly");
            };
            jobRun("pipelines-story", pipeline, "unit", 1, "main", commit, hour, 3, null, wobbly, passed("steady"));
            if (p == 10) {
                jobRun("pipelines-story", pipeline, "unit", 2, "main", commit, hour + 1, 3, null, passed("wobbly"),
                        passed("steady"));
            }
            String total = p == 8 ? failed("total", "expected EUR 30.00 but was EUR 30.01") : passed("total");
            jobRun("pipelines-story", pipeline, "integration", 1, "main", commit, hour, 5, null, total, passed("ledger"));
            if (p == 11) {
                List<String> smoke = new ArrayList<>();
                for (int t = 0; t < 10; t++) {
                    smoke.add(failed("smoke" + t, "Connection refused: db:5432"));
                }
                jobRun("pipelines-story", pipeline, "smoke", 1, "main", commit, hour, 2, null, smoke.toArray(String[]::new));
            }
        }
        // Unit layers by the runners' names: a Gradle report (no surefire-reports path) of four unit classes by
        // Surefire's default names, one *IT and one class no rule covers, uploaded twice.
        for (int i = 0; i < 2; i++) {
            String query = "component=gradle-story&team=team-checks&branch=main&job=test&commit=g" + i + "&pipeline=g" + i
                    + "&filename=build/test-results/test/TEST-com.acme.cart.xml";
            CollectorClient.Reply r = client().upload(query, GRADLE_REPORT.getBytes(StandardCharsets.UTF_8), "application/xml");
            assertEquals(201, r.status(), r.json().toString());
        }
        scorecards.refreshAll();
    }

    private static final String GRADLE_REPORT = """
            <testsuites>
            <testsuite name="com.acme.cart.CartTest">
              <testcase classname="com.acme.cart.CartTest" name="adds" time="0.01"/>
              <testcase classname="com.acme.cart.CartTest" name="removes" time="0.01"/>
            </testsuite>
            <testsuite name="com.acme.cart.PriceCalculatorTests">
              <testcase classname="com.acme.cart.PriceCalculatorTests" name="rounds" time="0.02"/>
            </testsuite>
            <testsuite name="com.acme.cart.TestDiscounts">
              <testcase classname="com.acme.cart.TestDiscounts" name="applies" time="0.01"/>
            </testsuite>
            <testsuite name="com.acme.cart.CheckoutIT">
              <testcase classname="com.acme.cart.CheckoutIT" name="pays" time="2.5"/>
            </testsuite>
            <testsuite name="com.acme.cart.Checkout">
              <testcase classname="com.acme.cart.Checkout" name="legacy" time="0.3"/>
            </testsuite>
            </testsuites>""";

    private JsonNode scorecard(String component) {
        CollectorClient.Text r = client().get("/api/v1/components/" + component + "/scorecard", "application/json");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonNode check(JsonNode scorecard, String id) {
        return StreamSupport.stream(scorecard.path("checks").spliterator(), false)
                .filter(c -> c.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + scorecard.path("checks")));
    }

    /** The pipelines an explanation names after its colon, sorted. */
    private static List<String> examples(String explanation) {
        String list = explanation.substring(explanation.indexOf(": ") + 2, explanation.indexOf(". "));
        return java.util.Arrays.stream(list.split(", ")).sorted().toList();
    }

    private double quantile(String metric, String component, String quantile) {
        return ScrapeText.scrape(URI.create(server.getURL() + "/prometheus")).value(metric,
                Map.of("component", component, "quantile", quantile));
    }

    @Test
    void prFeedbackTimeIsTheNearestRankP95OfFeatureBranchPipelines() {
        JsonNode sc = scorecard("pr-feedback-story");
        JsonNode pr = check(sc, "pr-feedback-time");
        JsonNode mainline = check(sc, "default-branch-pass-rate");
        // 1..21 sorted: p95 has rank ceil(0.95 * 21) = ceil(19.95) = 20, the value 20 (Silver: at most 20, Gold 10);
        // p50 has rank ceil(10.5) = 11, the value 11 minutes = 660 s; p95 = 1200 s. Had the two refs/heads/main
        // pipelines been taken for PR pipelines, 23 values would give rank ceil(21.85) = 22, the value 90.
        assertAll(
                () -> assertEquals(1.0, mainline.path("value").asDouble(), mainline.toString()),
                () -> assertTrue(mainline.path("explanation").asText().startsWith("5 of 5 job runs on the default branch"),
                        mainline.toString()),
                () -> assertEquals(20.0, pr.path("value").asDouble(), pr.toString()),
                () -> assertEquals("Silver", pr.path("level").asText()),
                () -> assertTrue(pr.path("explanation").asText().contains("is 20.0 min over 21 runs"), pr.toString()),
                () -> assertEquals(1200.0, quantile("testhealth_component_pr_pipeline_wall_seconds", "pr-feedback-story", "0.95")),
                () -> assertEquals(660.0, quantile("testhealth_component_pr_pipeline_wall_seconds", "pr-feedback-story", "0.5")));
    }

    @Test
    void e2eDurationIsTheNearestRankMedianOfE2eJobRuns() {
        JsonNode sc = scorecard("e2e-story");
        JsonNode e2e = check(sc, "e2e-duration");
        // 10, 20, ..., 70 sorted: p50 has rank ceil(0.5 * 7) = 4, the value 40 (Bronze: at most 45, Silver 30).
        assertAll(
                () -> assertEquals(40.0, e2e.path("value").asDouble(), e2e.toString()),
                () -> assertEquals("Bronze", e2e.path("level").asText()),
                () -> assertEquals(2400.0, quantile("testhealth_component_e2e_job_wall_seconds", "e2e-story", "0.5")),
                () -> assertTrue(sc.path("pyramid").path("e2eSuite").toString().contains("40.0 min at the median"),
                        sc.path("pyramid").path("e2eSuite").toString()));
    }

    @Test
    void testsNamedByTheRunnersDefaultsAreUnitTestsAndTheRestStaysUnknown() {
        JsonNode sc = scorecard("gradle-story");
        JsonNode pyramid = sc.path("pyramid");
        // CartTest (2 tests), PriceCalculatorTests (1), TestDiscounts (1) are unit: 4; CheckoutIT is integration: 1;
        // Checkout is unknown: 1. Classified shares 4/5 unit, 1/5 integration, 0 e2e against 70/20/10:
        // TH = max(0, 0 - 0.10) + max(0, (0 + 0.20) - (0.10 + 0.20)) = 0, ordered (4 >= 1 >= 0).
        // Naming only *IT, the one integration test would be all the classified tests: TH = 0 + (1 - 0.30) = 0.70.
        assertAll(
                () -> assertEquals(4, pyramid.path("unit").path("tests").asInt(), pyramid.toString()),
                () -> assertEquals(1, pyramid.path("integration").path("tests").asInt()),
                () -> assertEquals(0, pyramid.path("e2e").path("tests").asInt()),
                () -> assertEquals(1, pyramid.path("unknown").path("tests").asInt()),
                () -> assertEquals(5.0 / 6, pyramid.path("classificationCoverage").asDouble(), 1e-12),
                () -> assertEquals(0.0, check(sc, "pyramid-top-heaviness").path("value").asDouble(), 1e-12),
                () -> assertTrue(pyramid.path("ordered").asBoolean()));
    }

    @Test
    void aPipelineCountsAsBrokenByFlakesOnlyWhenEveryFailedJobFailedOnlyByFlakyTests() {
        JsonNode sc = scorecard("pipelines-story");
        JsonNode broken = check(sc, "pipelines-broken-by-flakes");
        assertAll(
                () -> assertEquals(2.0 / 12, broken.path("value").asDouble(), 1e-12, broken.toString()),
                () -> assertTrue(broken.path("explanation").asText()
                        .startsWith("2 of 12 pipelines failed only because of flaky tests (16.7%): pipeline p"),
                        broken.toString()),
                () -> assertEquals(List.of("pipeline p10", "pipeline p5"), examples(broken.path("explanation").asText())),
                () -> assertEquals(1, sc.path("incidents").size(), "p11's smoke job is the incident"));
    }
}
