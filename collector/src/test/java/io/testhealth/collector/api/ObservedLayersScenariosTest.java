package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.review.IsoWeek;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Layers seen in test spans, sent as OTLP/JSON to {@code POST /v1/traces} and read back through the scorecard, the
 * tests, the test page and the weekly review: a test whose name gives no layer is counted in the layer its spans show;
 * a declared layer the spans contradict is shown, not graded; and a job run whose JUnit report arrived before its
 * spans keeps what the spans showed.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ObservedLayersScenariosTest {

    private static final String TEAM = "team-traced";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    EmbeddedServer server;

    /** When the job runs started: two hours ago, on a whole minute, inside the window and (but on Monday
     * mornings) in this ISO week. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    /**
     * One test span: {@code inside} is what runs within it, {@code "db"} (a PostgreSQL query: integration),
     * {@code "internal"} (a span that calls nothing: unit, since instrumentation was on) or {@code null} (no span at
     * all and no agent named: unknown).
     */
    private record TestSpan(String suite, String name, String inside) {
    }

    /** The OTLP/JSON request of one job run's test spans, 100 ms apart, 40 ms each. */
    private String otlpJson(String component, String pipeline, List<TestSpan> tests) {
        long t = t0.getEpochSecond() * 1_000_000_000L;
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            TestSpan s = tests.get(i);
            String id = "%016x".formatted(0x100L + 2L * i);
            long start = t + i * 100_000_000L;
            spans.add("""
                    {"traceId": "%s", "spanId": "%s", "name": "%s", "kind": 1,
                     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                     "attributes": [{"key": "test.case.name", "value": {"stringValue": "%s.%s"}},
                                    {"key": "test.suite.name", "value": {"stringValue": "%s"}},
                                    {"key": "test.case.result.status", "value": {"stringValue": "pass"}}]}"""
                    .formatted(TRACE, id, s.name(), start, start + 40_000_000L, s.suite(), s.name(), s.suite()));
            if (s.inside() != null) {
                String attributes = s.inside().equals("db")
                        ? "[{\"key\": \"db.system.name\", \"value\": {\"stringValue\": \"postgresql\"}}]" : "[]";
                spans.add("""
                        {"traceId": "%s", "spanId": "%016x", "parentSpanId": "%s", "name": "inside", "kind": %d,
                         "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "attributes": %s}"""
                        .formatted(TRACE, 0x101L + 2L * i, id, s.inside().equals("db") ? 3 : 1, start + 5_000_000L,
                                start + 15_000_000L, attributes));
            }
        }
        return """
                {"resourceSpans": [{
                  "resource": {"attributes": [
                    {"key": "service.name", "value": {"stringValue": "%s"}},
                    {"key": "testhealth.team", "value": {"stringValue": "%s"}},
                    {"key": "cicd.pipeline.run.id", "value": {"stringValue": "%s"}},
                    {"key": "cicd.pipeline.task.name", "value": {"stringValue": "test"}}]},
                  "scopeSpans": [{"scope": {"name": "junit-otel"}, "spans": [%s]}]}]}
                """.formatted(component, TEAM, pipeline, String.join(",\n", spans));
    }

    private void sendSpans(String component, String pipeline, TestSpan... tests) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(otlpJson(component, pipeline, List.of(tests)))).build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{}", r.body(), "no span was refused");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JUnit report of the same job run (same component, pipeline and job): one passing test, no layer. */
    private void sendJUnit(String component, String pipeline, String suite, String name) {
        String xml = "<testsuite name=\"" + suite + "\"><testcase classname=\"" + suite + "\" name=\"" + name
                + "\" time=\"0.05\"/></testsuite>";
        CollectorClient.Reply r = client().upload("component=" + component + "&team=" + TEAM + "&pipeline=" + pipeline
                + "&job=test&startedAt=" + t0, xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
    }

    private JsonNode get(String path) {
        CollectorClient.Text r = client().get(path, "application/json");
        assertEquals(200, r.status(), path + " -> " + r.body());
        return r.json();
    }

    private JsonNode test(String component, String name) {
        JsonNode tests = get("/api/v1/components/" + component + "/tests").path("tests");
        return StreamSupport.stream(tests.spliterator(), false).filter(t -> t.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + tests));
    }

    private static JsonNode check(JsonNode scorecard, String id) {
        return StreamSupport.stream(scorecard.path("checks").spliterator(), false)
                .filter(c -> c.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + scorecard.path("checks")));
    }

    @Test
    void testsNamedForNoLayerAreCountedInTheLayerTheirSpansShow() {
        String component = "traced-story";
        // Checkout.pays queries PostgreSQL: integration, from its spans (the name says nothing).
        // CartTest.adds is unit by the runners' naming; its spans query PostgreSQL too: declared unit, observed
        //   integration. The declaration stands, and the two disagree.
        // Ledger.posts has a span inside that calls nothing: unit, from its spans.
        // Receipt.prints has no span inside and no agent named: unknown, which is no evidence: unknown.
        sendSpans(component, "tr-1", new TestSpan("Checkout", "pays", "db"),
                new TestSpan("com.acme.CartTest", "adds", "db"), new TestSpan("Ledger", "posts", "internal"),
                new TestSpan("Receipt", "prints", null));

        JsonNode scorecard = get("/api/v1/components/" + component + "/scorecard");
        JsonNode pyramid = scorecard.path("pyramid");
        JsonNode coverage = check(scorecard, "classification-ownership-coverage");
        String adds = test(component, "adds").path("testId").asText();
        assertAll(
                // by hand: unit 2 (adds by naming, posts by trace), integration 1 (pays), e2e 0, unknown 1 (prints)
                () -> assertEquals(2, pyramid.path("unit").path("tests").asInt(), pyramid.toString()),
                () -> assertEquals(1, pyramid.path("integration").path("tests").asInt(), pyramid.toString()),
                () -> assertEquals(0, pyramid.path("e2e").path("tests").asInt(), pyramid.toString()),
                () -> assertEquals(1, pyramid.path("unknown").path("tests").asInt(), pyramid.toString()),
                // 3 of 4 tests have a layer and an owner (the team, from the spans' resource)
                () -> assertEquals(0.75, coverage.path("value").asDouble(), coverage.toString()),
                () -> assertTrue(coverage.path("explanation").asText().startsWith(
                        "3 of 4 tests have a known layer and an owner (75.0%): Receipt.prints (no layer)."),
                        coverage.toString()),
                () -> assertTrue(coverage.path("explanation").asText().contains(
                        "1 test's declared layer is not the one its spans show (not graded): CartTest.adds"
                                + " (unit by naming, spans show integration)."), coverage.toString()),
                () -> assertEquals(1, scorecard.path("layerDisagreements").path("tests").asInt(), scorecard.toString()),
                () -> assertEquals(List.of(adds), ids(scorecard.path("layerDisagreements").path("examples"), "testId")),
                () -> assertEquals("naming", scorecard.path("layerDisagreements").path("examples").path(0)
                        .path("source").asText(), scorecard.toString()),
                () -> assertEquals("integration", scorecard.path("layerDisagreements").path("examples").path(0)
                        .path("observed").asText(), scorecard.toString()),
                () -> assertTrue(client().get("/prometheus", null).body().lines().anyMatch(line ->
                        line.startsWith("testhealth_component_layer_disagreements{")
                                && line.contains("component=\"" + component + "\"") && line.endsWith(" 1.0")),
                        "the gauge of the one disagreement"),

                () -> assertEquals("trace", test(component, "pays").path("layerSource").asText()),
                () -> assertEquals("integration", test(component, "pays").path("layer").asText()),
                () -> assertEquals("trace", test(component, "posts").path("layerSource").asText()),
                () -> assertEquals("naming", test(component, "adds").path("layerSource").asText()),
                () -> assertTrue(test(component, "prints").path("layer").isNull()));
    }

    @Test
    void theWeeklyReviewListsTheDisagreementsOfEachComponent() {
        String component = "reviewed-story";
        sendSpans(component, "rv-1", new TestSpan("com.acme.StockTest", "counts", "db"),
                new TestSpan("com.acme.PriceTest", "rounds", "internal"));
        String counts = test(component, "counts").path("testId").asText();
        IsoWeek week = IsoWeek.of(t0);
        JsonNode review = get("/api/v1/reports/weekly?week=" + week + "&team=" + TEAM);
        JsonNode row = StreamSupport.stream(review.path("dataQuality").path("components").spliterator(), false)
                .filter(c -> c.path("component").asText().equals("component:default/" + component)).findFirst()
                .orElseThrow(() -> new AssertionError(component + " not in " + review.path("dataQuality")));
        String markdown = client().get("/api/v1/reports/weekly?week=" + week + "&team=" + TEAM + "&format=markdown",
                null).body();
        JsonNode coverage = check(get("/api/v1/components/" + component + "/scorecard"),
                "classification-ownership-coverage");
        assertAll(
                // shown, not graded: both tests have a layer and an owner, so coverage is 2 of 2 and Gold
                () -> assertEquals(1.0, coverage.path("value").asDouble(), coverage.toString()),
                () -> assertEquals("Gold", coverage.path("level").asText(), coverage.toString()),
                () -> assertTrue(coverage.path("explanation").asText().endsWith("1 test's declared layer is not the one"
                        + " its spans show (not graded): StockTest.counts (unit by naming, spans show integration)."),
                        coverage.toString()),
                // StockTest is unit by naming and queries a database; PriceTest is unit by naming and by its spans
                () -> assertEquals(2, row.path("tests").asInt(), row.toString()),
                () -> assertEquals(0, row.path("unclassified").asInt(), row.toString()),
                () -> assertEquals(1, row.path("layerDisagreements").asInt(), row.toString()),
                () -> assertEquals(List.of(counts), ids(row.path("layerDisagreementExamples"))),
                () -> assertTrue(markdown.contains("Declared ≠ observed"), markdown),
                () -> assertTrue(markdown.contains(counts), markdown));
    }

    @Test
    void spansArrivingAfterTheJUnitReportOfTheirJobRunStillGiveTheLayer() {
        // The report first: Ledger.posts, no layer (the name says nothing). Then the spans of the same job run: it
        // queried PostgreSQL. The run is stored once, from the report; the layer is the one its spans showed.
        sendJUnit("matched-story", "m-1", "Ledger", "posts");
        sendSpans("matched-story", "m-1", new TestSpan("Ledger", "posts", "db"));
        // The other order: spans first, then the report, which is matched and not stored again.
        sendSpans("matched-rev-story", "m-2", new TestSpan("Ledger", "posts", "db"));
        sendJUnit("matched-rev-story", "m-2", "Ledger", "posts");

        JsonNode reportFirst = test("matched-story", "posts");
        JsonNode spansFirst = test("matched-rev-story", "posts");
        JsonNode detail = get("/api/v1/tests/" + java.net.URLEncoder.encode(reportFirst.path("testId").asText(),
                StandardCharsets.UTF_8));
        JsonNode pyramid = get("/api/v1/components/matched-story/scorecard").path("pyramid");
        assertAll(
                () -> assertEquals(1, reportFirst.path("runs").asInt(), "matched, not counted twice: " + reportFirst),
                () -> assertEquals("integration", reportFirst.path("layer").asText(), reportFirst.toString()),
                () -> assertEquals("trace", reportFirst.path("layerSource").asText(), reportFirst.toString()),
                () -> assertEquals(1, pyramid.path("integration").path("tests").asInt(), pyramid.toString()),
                () -> assertEquals("integration", detail.path("runs").path(0).path("observedLayer").asText(),
                        detail.toString()),
                () -> assertEquals("database postgresql", detail.path("runs").path(0).path("observedEvidence").path(0)
                        .asText(), detail.toString()),
                () -> assertEquals(0.05, detail.path("runs").path(0).path("attempts").path(0).path("durationSeconds")
                        .asDouble(), 1e-9, "the report's run is the one kept: " + detail),
                () -> assertEquals(1, spansFirst.path("runs").asInt(), spansFirst.toString()),
                () -> assertEquals("integration", spansFirst.path("layer").asText(), spansFirst.toString()),
                () -> assertEquals("trace", spansFirst.path("layerSource").asText(), spansFirst.toString()));
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
