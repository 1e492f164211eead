package io.testhealth.collector.metrics;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.HealthReport.CheckView;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scrape at {@code GET /prometheus} as Prometheus reads it: gauges equal to the stored report, counters and the
 * ingest histogram moved by real uploads, gauges gone with their subject, and no label naming a test or a run.
 */
@MicronautTest
@OnEachStore
final class TestHealthMetricsTest {

    private static final String REPORT = """
            <testsuite name="com.acme.PayTest">
            <testcase classname="com.acme.PayTest" name="pays" time="0.5"/>
            <testcase classname="com.acme.PayTest" name="refunds" time="1.5"><failure message="boom"/></testcase>
            <testcase classname="com.acme.PayTest" name="retries" time="1"><failure message="timeout"/></testcase>
            <testcase classname="com.acme.PayTest" name="retries" time="1"/>
            </testsuite>""";
    private static final Set<String> ALLOWED_LABELS = Set.of("component", "namespace", "team", "check", "state", "layer",
            "quantile", "outcome", "reason", "table", "le");

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    @Inject
    TestHealthMetrics metrics;

    private ScrapeText scrape() {
        return ScrapeText.scrape(URI.create(server.getURL() + "/prometheus"));
    }

    private int upload(String query, String body) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.getURL() + "/api/v1/uploads?" + query))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void countsUploadsResultsRejectionsAndIngestTime() {
        ScrapeText before = scrape();
        String run = "component=metrics-counting&team=team-a&branch=main&commit=c1&job=test&pipeline=" + UUID.randomUUID();
        assertEquals(201, upload(run, REPORT));
        assertEquals(200, upload(run, REPORT));
        assertEquals(400, upload(run, "<testsuite><testcase"));
        assertEquals(400, upload("component=metrics-counting&attempt=0", REPORT));
        ScrapeText after = scrape();
        assertAll(
                () -> assertEquals(1, delta(before, after, "testhealth_uploads_total", Map.of("outcome", "stored"))),
                () -> assertEquals(1, delta(before, after, "testhealth_uploads_total", Map.of("outcome", "duplicate"))),
                () -> assertEquals(2, delta(before, after, "testhealth_uploads_total", Map.of("outcome", "rejected"))),
                () -> assertEquals(1, delta(before, after, "testhealth_uploads_rejected_total", Map.of("reason", "malformed-report"))),
                () -> assertEquals(1, delta(before, after, "testhealth_uploads_rejected_total", Map.of("reason", "invalid-request"))),
                () -> assertEquals(0, delta(before, after, "testhealth_uploads_rejected_total", Map.of("reason", "too-large"))),
                // three tests: the retried one is one result with two attempts
                () -> assertEquals(3, delta(before, after, "testhealth_test_results_ingested_total", Map.of())),
                () -> assertEquals(1, delta(before, after, "testhealth_ingest_seconds_count", Map.of())),
                () -> assertEquals(1, delta(before, after, "testhealth_ingest_seconds_bucket", Map.of("le", "+Inf"))),
                () -> assertEquals(TestHealthMetrics.INGEST_BUCKETS.size() + 1,
                        after.of("testhealth_ingest_seconds_bucket", Map.of()).size()));
    }

    @Test
    void gaugesEqualTheStoredReportsAndLeaveWithTheirSubject() {
        String run = "component=metrics-gauges&team=team-gauges&branch=main&commit=c1&job=test&pipeline=" + UUID.randomUUID();
        assertEquals(201, upload(run, REPORT));
        scorecards.refreshAll();
        HealthReport component = scorecards.component("component:default/metrics-gauges").orElseThrow();
        HealthReport team = scorecards.team("group:default/team-gauges").orElseThrow();
        ScrapeText s = scrape();
        Map<String, String> c = Map.of("component", "metrics-gauges", "namespace", "default", "team", "team-gauges");
        Map<String, String> t = Map.of("team", "team-gauges");
        assertAll(
                () -> assertEquals(3.0, s.value("testhealth_component_tests", c)),
                () -> assertEquals(0.0, s.value("testhealth_component_layer_disagreements", c), "no spans were sent"),
                () -> assertEquals(component.metrics().tests(), s.value("testhealth_component_tests", c)),
                () -> assertEquals(component.metrics().jobRuns(), s.value("testhealth_component_job_runs", c)),
                () -> assertEquals(component.metrics().quarantinedTests(), s.value("testhealth_component_quarantined_tests", c)),
                () -> assertEquals(component.metrics().passRate(), s.value("testhealth_component_pass_rate", c)),
                () -> assertEquals(component.pyramid().unknown().share(),
                        s.value("testhealth_component_pyramid_share", with(c, "layer", "unknown"))),
                () -> assertEquals(4, s.of("testhealth_component_pyramid_share", c).size()),
                () -> assertEquals(component.metrics().states().size(), s.of("testhealth_component_tests_by_state", c).size()),
                () -> assertEquals(team.metrics().tests(), s.value("testhealth_team_tests", t)),
                () -> assertEquals(TestHealthMetrics.levelNumber(team.scorecard().level()), s.value("testhealth_team_level", t)));
        for (CheckView check : component.scorecard().checks()) {
            Map<String, String> labels = with(c, "check", check.id());
            assertEquals(TestHealthMetrics.levelNumber(check.level()), s.value("testhealth_component_check_level", labels), check.id());
            if (check.value() == null) {
                assertTrue(s.of("testhealth_component_check_value", labels).isEmpty(), check.id() + " has no value: no series");
            } else {
                assertEquals(check.value(), s.value("testhealth_component_check_value", labels), check.id());
            }
        }
        Double flakyRatio = component.scorecard().checks().stream().filter(x -> x.id().equals("flaky-test-ratio"))
                .findFirst().orElseThrow().value();
        if (flakyRatio == null) {
            assertTrue(s.of("testhealth_component_flaky_test_ratio", c).isEmpty(), "unknown ratio: no series");
        } else {
            assertEquals(flakyRatio, s.value("testhealth_component_flaky_test_ratio", c));
        }
        String grade = component.scorecard().grade();
        if (TestHealthMetrics.gradeNumber(grade) == null) {
            assertTrue(s.of("testhealth_component_grade", c).isEmpty(), "no grade yet: no series");
        } else {
            assertEquals(TestHealthMetrics.gradeNumber(grade), s.value("testhealth_component_grade", c));
        }

        List<HealthReport> others = scorecards.components().stream()
                .filter(r -> !r.subject().equals(component.subject())).toList();
        metrics.publish(others, scorecards.teams().stream().filter(r -> !r.subject().equals(team.subject())).toList());
        ScrapeText gone = scrape();
        assertTrue(gone.samples().stream().noneMatch(x -> "metrics-gauges".equals(x.labels().get("component"))
                || "team-gauges".equals(x.labels().get("team"))), "gauges of a vanished subject are removed");
        scorecards.refreshAll();
        assertEquals(3.0, scrape().value("testhealth_component_tests", c), "a refresh brings them back");
    }

    @Test
    void anUploadChangesTheGaugesOfItsComponentOnlyAndKeepsTheOthers() {
        String first = "component=metrics-changed&team=team-inc&branch=main&commit=c1&job=test&pipeline=";
        String second = "component=metrics-unchanged&team=team-inc&branch=main&commit=c1&job=test&pipeline=";
        assertEquals(201, upload(first + UUID.randomUUID(), REPORT));
        assertEquals(201, upload(second + UUID.randomUUID(), REPORT));
        Map<String, String> changed = Map.of("component", "metrics-changed", "namespace", "default", "team", "team-inc");
        Map<String, String> unchanged = Map.of("component", "metrics-unchanged", "namespace", "default", "team", "team-inc");
        assertEquals(1.0, scrape().value("testhealth_component_job_runs", changed));

        // The second job run of one component: the gauges are published from the reports as the upload is answered.
        assertEquals(201, upload(first + UUID.randomUUID(), REPORT));
        ScrapeText s = scrape();
        assertAll(
                () -> assertEquals(2.0, s.value("testhealth_component_job_runs", changed)),
                () -> assertEquals(1.0, s.value("testhealth_component_job_runs", unchanged)),
                () -> assertEquals(3.0, s.value("testhealth_component_tests", unchanged)),
                () -> assertEquals(6.0, s.value("testhealth_team_tests", Map.of("team", "team-inc")), "3 tests in each"));
    }

    @Test
    void noLabelNamesATestOrARun() {
        assertEquals(201, upload("component=metrics-labels&team=team-l&branch=main&commit=c1&job=test&pipeline="
                + UUID.randomUUID(), REPORT));
        scorecards.refreshAll();
        Set<String> ids = new HashSet<>();
        for (HealthReport r : scorecards.components()) {
            r.tests().forEach(row -> {
                ids.add(row.testId());
                ids.add(row.name());
                ids.add(row.suite());
            });
            r.jobRuns().forEach(j -> ids.add(j.runId()));
            r.incidents().forEach(i -> ids.add(i.runId()));
        }
        assertFalse(ids.isEmpty());
        List<ScrapeText.Sample> ours = scrape().samples().stream().filter(x -> x.name().startsWith("testhealth_")).toList();
        assertFalse(ours.isEmpty());
        for (ScrapeText.Sample x : ours) {
            assertTrue(ALLOWED_LABELS.containsAll(x.labels().keySet()), "unexpected label in " + x);
            assertTrue(x.labels().values().stream().noneMatch(ids::contains), "a label names a test or a run: " + x);
        }
        Set<String> names = new HashSet<>(Metric.seriesNames());
        for (ScrapeText.Sample x : ours) {
            assertTrue(names.contains(x.name()), x.name() + " is not in the catalogue (Metric)");
        }
    }

    private static double delta(ScrapeText before, ScrapeText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new java.util.LinkedHashMap<>(labels);
        out.put(key, value);
        return out;
    }
}
