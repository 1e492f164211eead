package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.testhealth.collector.metrics.TestHealthMetrics;
import io.testhealth.collector.retention.RetentionService;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test's raw spans as a user reads them: test spans exported by the OpenTelemetry SDK's OTLP/HTTP exporter
 * (protobuf) to the running collector, then {@code GET /api/v1/tests/{testId}/spans}; a retried export; the retention
 * pass deleting spans past {@code spans-days} while results and edges stay. Once per store.
 *
 * <p>The job run exported (times from {@code t}, the job's start), worked out by hand:
 * <pre>
 * job "it"                                    0 ms .. 30 s            (CI job span: not kept)
 *   saves (test, pass)                    1,000 ms .. 1,300 ms        300 ms
 *     SELECT orders (client, postgresql)  1,010 ms .. 1,012.5 ms      offset 10, 2.5 ms
 *     POST /payments (client, error 503)  1,050 ms .. 1,250 ms        offset 50, 200 ms
 *       encode (internal)                 1,060 ms .. 1,060.125 ms    offset 60, 0.125 ms
 *   lists (test, pass)                    2,000 ms .. 2,040 ms        40 ms, nothing below it
 * GET /health (server, no test)           3,000 ms .. 3,001 ms        not kept
 * </pre>
 * Kept: two test runs, 4 + 1 spans of the 7 exported. Breadth first, the test's own calls come before what they
 * did, and the SDK exports each span when it ends, so the SELECT (ended first) comes before the POST.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.retention.initial-delay", value = "1h")
final class TestSpansApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENT = "orders-spans";

    @Inject
    EmbeddedServer server;
    @Inject
    ScorecardService scorecards;
    @Inject
    TestHistoryStore store;
    @Inject
    RetentionService retention;
    @Inject
    MeterRegistry registry;
    /** Registers the retention counters before the first read. */
    @Inject
    TestHealthMetrics metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Exports one job run's spans to the collector in one request with the SDK's OTLP/HTTP exporter; answers the
     * spans exported. The spans are recorded as the SDK ends them and sent together: a test span's subtree is found
     * within one request, as an exporter's batch of a test JVM holds it.
     */
    private List<SpanData> exportJob(String component, String pipeline, Instant t, boolean withKafka) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", component)
                        .put("cicd.pipeline.run.id", pipeline).build()))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        Tracer tracer = provider.get("io.testhealth.test");
        Span job = tracer.spanBuilder("it").setNoParent().setStartTimestamp(t)
                .setAttribute("cicd.pipeline.task.name", "it").startSpan();
        Context inJob = Context.root().with(job);

        Span saves = tracer.spanBuilder("saves").setParent(inJob).setStartTimestamp(t.plusMillis(1_000))
                .setAttribute("test.case.name", "com.acme.OrdersIT.saves")
                .setAttribute("test.suite.name", "com.acme.OrdersIT")
                .setAttribute("test.case.result.status", "pass").startSpan();
        Context inSaves = Context.root().with(saves);
        tracer.spanBuilder("SELECT orders").setParent(inSaves).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t.plusMillis(1_010)).setAttribute("db.system.name", "postgresql")
                .setAttribute("db.query.text", "SELECT * FROM orders WHERE id = $1")
                .setAttribute("db.password", "hunter2").startSpan().end(t.plusNanos(1_012_500_000L));
        if (withKafka) {
            tracer.spanBuilder("orders publish").setParent(inSaves).setSpanKind(SpanKind.PRODUCER)
                    .setStartTimestamp(t.plusMillis(1_020)).setAttribute("messaging.system", "kafka")
                    .startSpan().end(t.plusMillis(1_030));
        }
        Span post = tracer.spanBuilder("POST /payments").setParent(inSaves).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(t.plusMillis(1_050)).setAttribute("http.request.method", "POST")
                .setAttribute("peer.service", "payments").setAttribute("http.response.status_code", 503L).startSpan();
        tracer.spanBuilder("encode").setParent(Context.root().with(post)).setStartTimestamp(t.plusMillis(1_060))
                .startSpan().end(t.plusNanos(1_060_125_000L));
        post.setStatus(StatusCode.ERROR, "503 from payments");
        post.end(t.plusMillis(1_250));
        saves.end(t.plusMillis(1_300));

        tracer.spanBuilder("lists").setParent(inJob).setStartTimestamp(t.plusMillis(2_000))
                .setAttribute("test.case.name", "com.acme.OrdersIT.lists")
                .setAttribute("test.suite.name", "com.acme.OrdersIT")
                .setAttribute("test.case.result.status", "pass").startSpan().end(t.plusMillis(2_040));
        job.end(t.plusMillis(30_000));
        tracer.spanBuilder("GET /health").setNoParent().setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(t.plusMillis(3_000)).startSpan().end(t.plusMillis(3_001));
        // read before the shutdown, which empties the exporter (a simple processor exported each span as it ended)
        List<SpanData> sent = exporter.getFinishedSpanItems();
        provider.shutdown().join(30, TimeUnit.SECONDS);
        export(sent);
        return sent;
    }

    /** Sends {@code spans} in one request with the SDK's OTLP/HTTP exporter (protobuf). */
    private void export(List<SpanData> spans) {
        SpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(server.getURL() + "/v1/traces").build();
        assertTrue(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess(), "the export was not accepted");
        exporter.shutdown().join(30, TimeUnit.SECONDS);
    }

    private record Reply(int status, JsonNode json, String text) {
    }

    private Reply get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().startsWith("{") ? JSON.readTree(r.body()) : null, r.body());
    }

    private Map<String, String> testIds(String component) throws Exception {
        scorecards.refreshAll();
        Map<String, String> ids = new HashMap<>();
        for (JsonNode t : get("/api/v1/components/" + component + "/tests?state=all&limit=100").json().path("tests")) {
            ids.put(t.path("name").asText(), t.path("testId").asText());
        }
        return ids;
    }

    private static Instant job(Instant start) {
        return start.truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void aTestsSpansAreReadBackAsTheTreeExportedOnceThoughTheExportWasRetried() throws Exception {
        Instant t = job(Instant.now().minus(Duration.ofHours(2)));
        List<SpanData> sent = exportJob(COMPONENT, "p-1", t, false);
        assertEquals(7, sent.size());
        // the same request again, as an exporter retrying a batch whose answer it did not get
        export(sent);

        Map<String, String> ids = testIds(COMPONENT);
        Reply saves = get("/api/v1/tests/" + ids.get("saves") + "/spans");
        Reply lists = get("/api/v1/tests/" + ids.get("lists") + "/spans");

        assertEquals(200, saves.status(), saves.text());
        JsonNode runs = saves.json().path("runs");
        assertEquals(1, runs.size(), "the retried export stored nothing again: " + runs);
        JsonNode run = runs.get(0);
        JsonNode spans = run.path("spans");
        String traceId = sent.get(0).getTraceId();
        String savesId = spanId(sent, "saves");
        String postId = spanId(sent, "POST /payments");
        assertAll(
                () -> assertEquals("component:default/" + COMPONENT, saves.json().path("component").asText()),
                () -> assertEquals(14, saves.json().path("keptDays").asInt()),
                () -> assertEquals("p-1", run.path("pipeline").asText()),
                () -> assertEquals("it", run.path("job").asText()),
                () -> assertEquals(1, run.path("attempt").asInt()),
                () -> assertEquals(traceId, run.path("traceId").asText()),
                () -> assertEquals(t.plusMillis(1_000), Instant.parse(run.path("startedAt").asText())),
                () -> assertEquals(300.0, run.path("durationMs").asDouble()),
                () -> assertEquals(0, run.path("droppedSpans").asInt()),
                () -> assertEquals(List.of("saves", "SELECT orders", "POST /payments", "encode"), names(spans)),
                // the tree: the test span is the root, the calls under it, encode under the POST
                () -> assertTrue(spans.get(0).path("parentSpanId").isNull()),
                () -> assertEquals(savesId, spans.get(0).path("spanId").asText()),
                () -> assertEquals(savesId, spans.get(1).path("parentSpanId").asText()),
                () -> assertEquals(savesId, spans.get(2).path("parentSpanId").asText()),
                () -> assertEquals(postId, spans.get(3).path("parentSpanId").asText()),
                () -> assertEquals(List.of(0.0, 10.0, 50.0, 60.0), numbers(spans, "offsetMs")),
                () -> assertEquals(List.of(300.0, 2.5, 200.0, 0.125), numbers(spans, "durationMs")),
                () -> assertEquals(t.plusNanos(1_060_000_000L), Instant.parse(spans.get(3).path("startedAt").asText())),
                () -> assertEquals(List.of("internal", "client", "client", "internal"), texts(spans, "kind")),
                () -> assertEquals(List.of(COMPONENT, COMPONENT, COMPONENT, COMPONENT), texts(spans, "service")),
                () -> assertEquals(List.of("ok", "ok", "error", "ok"), texts(spans, "status")),
                () -> assertEquals("503 from payments", spans.get(2).path("statusMessage").asText()),
                () -> assertEquals(503, spans.get(2).path("attributes").path("http.response.status_code").asInt()),
                () -> assertTrue(spans.get(2).path("attributes").path("http.response.status_code").isIntegralNumber()),
                () -> assertEquals("postgresql", spans.get(1).path("attributes").path("db.system.name").asText()),
                () -> assertEquals("[redacted]", spans.get(1).path("attributes").path("db.password").asText(),
                        "a secret in an attribute is redacted as in a failure message"));
        assertAll(
                () -> assertEquals(200, lists.status()),
                () -> assertEquals(1, lists.json().path("runs").size()),
                () -> assertEquals(List.of("lists"), names(lists.json().path("runs").get(0).path("spans"))),
                () -> assertEquals(40.0, lists.json().path("runs").get(0).path("durationMs").asDouble()),
                // two test runs' rows: the job, GET /health (no test) and nothing else are kept raw
                () -> assertEquals(2, StoredRows.count(store, "test_spans", "component", "component:default/" + COMPONENT)),
                () -> assertTrue(get("/api/v1/tests/" + ids.get("saves")).json().path("spansKept").asBoolean()));
    }

    @Test
    void aKnownTestWithoutSpansHasAnEmptyListAndAnUnknownOneIsNotFound() throws Exception {
        String xml = "<testsuite name=\"com.acme.PlainTest\"><testcase classname=\"com.acme.PlainTest\" name=\"adds\""
                + " time=\"0.05\"/></testsuite>";
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(server.getURL()
                        + "/api/v1/uploads?component=plain-spans&pipeline=p-2"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, upload.statusCode(), upload.body());
        String adds = testIds("plain-spans").get("adds");

        Reply spans = get("/api/v1/tests/" + adds + "/spans");
        Reply unknown = get("/api/v1/tests/no-such-test/spans");
        Reply tooMany = get("/api/v1/tests/" + adds + "/spans?limit=51");
        assertAll(
                () -> assertEquals(200, spans.status(), spans.text()),
                () -> assertEquals(0, spans.json().path("runs").size()),
                () -> assertFalse(get("/api/v1/tests/" + adds).json().path("spansKept").asBoolean()),
                () -> assertEquals(404, unknown.status()),
                () -> assertEquals("not-found", unknown.json().path("error").asText(), unknown.text()),
                () -> assertEquals(400, tooMany.status()),
                () -> assertEquals("invalid-request", tooMany.json().path("error").asText(), tooMany.text()));
    }

    @Test
    void spansOlderThanSpansDaysGoWhileTheResultsAndEdgesTheyImpliedStay() throws Exception {
        String component = "retained-spans";
        // 15 days ago: saves also published to Kafka (an edge no later run shows). 2 hours ago: the same job again.
        Instant old = job(Instant.now().minus(Duration.ofDays(15)));
        Instant recent = job(Instant.now().minus(Duration.ofHours(2)));
        exportJob(component, "p-old", old, true);
        exportJob(component, "p-new", recent, false);
        String saves = testIds(component).get("saves");
        Reply before = get("/api/v1/tests/" + saves + "/spans");
        assertEquals(2, before.json().path("runs").size(), before.text());
        double deletedBefore = deletedSpanRows();
        JsonNode detailBefore = get("/api/v1/tests/" + saves).json();
        JsonNode edgesBefore = get("/api/v1/components/" + component + "/integrations").json();

        retention.expire().orElseThrow();

        JsonNode runs = get("/api/v1/tests/" + saves + "/spans").json().path("runs");
        JsonNode detail = get("/api/v1/tests/" + saves).json();
        JsonNode edges = get("/api/v1/components/" + component + "/integrations").json();
        assertAll(
                () -> assertEquals(1, runs.size()),
                () -> assertEquals("p-new", runs.get(0).path("pipeline").asText()),
                // the old run lost saves' and lists' spans: two rows
                () -> assertEquals(2.0, deletedSpanRows() - deletedBefore),
                () -> assertEquals(List.of("p-new", "p-old"), texts(detail.path("runs"), "pipeline"),
                        "both results stay (90 days and more)"),
                () -> assertEquals(detailBefore.path("runs"), detail.path("runs"), "the results, unchanged"),
                () -> assertEquals(detailBefore.path("observed"), detail.path("observed"), "the observed layer"),
                () -> assertTrue(detail.path("spansKept").asBoolean(), "the recent run's spans"),
                () -> assertEquals(edgesBefore, edges, "the integration map, unchanged"),
                () -> assertTrue(edges.toString().contains("kafka"), "the edge only the old run showed stays: " + edges));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesTheSpansOfATest() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL()
                + "/openapi/test-health-collector-v1.yml")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> doc = new Yaml().load(r.body());
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths"))
                .get("/api/v1/tests/{testId}/spans")).get("get");
        Map<String, Object> responses = (Map<String, Object>) get.get("responses");
        assertAll(
                () -> assertTrue(String.valueOf(responses.get("200")).contains("TestSpansResponse")),
                () -> assertTrue(String.valueOf(responses.get("404")).contains("`not-found`")),
                () -> assertTrue(String.valueOf(responses.get("404")).contains("ApiError")),
                () -> assertTrue(String.valueOf(get.get("parameters")).contains("limit")),
                () -> assertTrue(r.body().contains("SpanView")),
                () -> assertTrue(r.body().contains("spansKept")));
    }

    private double deletedSpanRows() {
        return registry.get("testhealth_retention_rows_deleted").tag("table", "test_spans").counter().count();
    }

    private static String spanId(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow().getSpanId();
    }

    private static List<String> names(JsonNode spans) {
        return texts(spans, "name");
    }

    private static List<String> texts(JsonNode nodes, String field) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static List<Double> numbers(JsonNode nodes, String field) {
        List<Double> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.path(field).asDouble()));
        return out;
    }
}
