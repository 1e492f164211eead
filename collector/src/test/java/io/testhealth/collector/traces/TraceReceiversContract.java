package io.testhealth.collector.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.micronaut.runtime.server.EmbeddedServer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.traces.otlp.OtlpGrpcReceiver;
import io.testhealth.collector.traces.otlp.OtlpHttpReceiver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace receivers as exporters meet them: spans produced by the OpenTelemetry SDK and sent by its OTLP exporters
 * over HTTP (protobuf, gzip) and gRPC, hand-written OTLP/JSON and Zipkin JSON, read back through the collector's API;
 * refusals that store nothing; limits; idempotency. Run once per store by the subclasses.
 */
abstract class TraceReceiversContract {

    /** Limits the subclasses configure, small enough to reach in a test. */
    static final int MAX_SPANS = 2_000;
    static final int MAX_REQUEST_BYTES = 1_000_000;

    static Map<String, Object> receiverProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("testhealth.traces.grpc.enabled", "true");
        p.put("testhealth.traces.grpc.host", "127.0.0.1");
        p.put("testhealth.traces.grpc.port", "0");
        p.put("testhealth.traces.otlp-http-port", "0");
        p.put("testhealth.traces.otlp-http-host", "127.0.0.1");
        p.put("testhealth.traces.max-spans-per-request", Integer.toString(MAX_SPANS));
        p.put("testhealth.traces.max-request-bytes", Integer.toString(MAX_REQUEST_BYTES));
        return p;
    }

    @Inject
    EmbeddedServer server;

    @Inject
    OtlpGrpcReceiver grpc;

    @Inject
    ScorecardService scorecards;

    @Inject
    OtlpHttpReceiver otlpHttp;

    /** A connection to the store the collector writes, for counting rows. */
    abstract Connection connection() throws SQLException;

    /** When the runs happened: two hours ago, on a whole minute, inside every analysis window. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));

    private TraceHttp http() {
        return new TraceHttp(server.getURL());
    }

    private Instant at(long millis) {
        return t0.plusMillis(millis);
    }

    /**
     * One CI job's test spans, as a JUnit OpenTelemetry integration would write them, under a job span from 0 to
     * 30 s: {@code addsItems} passes in 0.250 s (with an HTTP client span inside it, which is no test);
     * {@code total} fails in 0.480 s and passes on retry in 0.300 s; {@code discount} is skipped in 0.001 s;
     * {@code checkout} fails by its span status in 1.500 s.
     */
    private void runOneJob(SpanExporter exporter, String component, String pipelineRun) {
        io.opentelemetry.sdk.resources.Resource resource = io.opentelemetry.sdk.resources.Resource.create(Attributes.builder()
                .put("service.name", component).put("cicd.pipeline.run.id", pipelineRun)
                .put("vcs.ref.head.revision", "9f1c2e7").put("vcs.ref.head.name", "main").build());
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofMinutes(10)).build())
                .build();
        Tracer tracer = provider.get("io.testhealth.test");
        Span job = tracer.spanBuilder("unit-tests").setNoParent().setStartTimestamp(at(0))
                .setAttribute("cicd.pipeline.task.name", "unit-tests").startSpan();
        Context inJob = Context.root().with(job);

        Span adds = testSpan(tracer, inJob, "addsItems", "pass", 1_000);
        Span call = tracer.spanBuilder("GET /prices").setParent(Context.root().with(adds)).setStartTimestamp(at(1_050))
                .setAttribute("http.request.method", "GET").setAttribute("server.address", "localhost").startSpan();
        call.end(at(1_100));
        adds.end(at(1_250));

        Span first = testSpan(tracer, inJob, "total", "fail", 2_000);
        first.recordException(new AssertionError("expected 12 but was 13"));
        first.setStatus(StatusCode.ERROR);
        first.end(at(2_480));
        testSpan(tracer, inJob, "total", "pass", 2_500).end(at(2_800));

        testSpan(tracer, inJob, "discount", "skipped", 3_000).end(at(3_001));

        Span checkout = tracer.spanBuilder("checkout").setParent(inJob).setStartTimestamp(at(4_000))
                .setAttribute("test.case.name", "com.acme.CartTest.checkout")
                .setAttribute("test.suite.name", "com.acme.CartTest").startSpan();
        checkout.setStatus(StatusCode.ERROR, "timeout after 1.5s");
        checkout.end(at(5_500));
        job.end(at(30_000));

        CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
        assertTrue(flushed.isSuccess(), "the exporter's batch was not accepted");
        provider.shutdown().join(30, TimeUnit.SECONDS);
    }

    private Span testSpan(Tracer tracer, Context parent, String method, String status, long startMillis) {
        return tracer.spanBuilder(method).setParent(parent).setStartTimestamp(at(startMillis))
                .setAttribute("test.case.name", "com.acme.CartTest." + method)
                .setAttribute("test.suite.name", "com.acme.CartTest")
                .setAttribute("test.case.result.status", status).startSpan();
    }

    /** The tests of the component by name, after the reports were computed. */
    private Map<String, JsonNode> tests(String component) {
        scorecards.refreshAll();
        Map<String, JsonNode> byName = new HashMap<>();
        http().getJson("/api/v1/components/" + component + "/tests?state=all&limit=100").path("tests")
                .forEach(t -> byName.put(t.path("name").asText(), t));
        return byName;
    }

    private JsonNode onlyRun(JsonNode test) {
        JsonNode runs = http().getJson("/api/v1/tests/" + test.path("testId").asText()).path("runs");
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0);
    }

    private void assertTheJob(String component, String pipelineRun) {
        Map<String, JsonNode> tests = tests(component);
        assertEquals(4, tests.size(), tests.keySet().toString());
        JsonNode adds = onlyRun(tests.get("addsItems"));
        JsonNode total = onlyRun(tests.get("total"));
        JsonNode discount = onlyRun(tests.get("discount"));
        JsonNode checkout = onlyRun(tests.get("checkout"));
        assertAll(
                () -> assertEquals("com.acme.CartTest", tests.get("total").path("suite").asText()),
                () -> assertEquals(pipelineRun, adds.path("pipeline").asText()),
                () -> assertEquals("unit-tests", adds.path("job").asText()),
                () -> assertEquals(1, adds.path("attempt").asInt()),
                () -> assertEquals("9f1c2e7", adds.path("commit").asText()),
                () -> assertEquals("main", adds.path("branch").asText()),
                () -> assertEquals(t0, Instant.parse(adds.path("startedAt").asText())),
                () -> assertEquals("passed", adds.path("outcome").asText()),
                () -> assertEquals(0.25, adds.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                // its HTTP client span called localhost; the other tests had no spans inside and no agent
                () -> assertEquals("integration", adds.path("observedLayer").asText()),
                () -> assertEquals("calls localhost", adds.path("observedEvidence").get(0).asText()),
                () -> assertEquals("unknown", discount.path("observedLayer").asText()),
                () -> assertEquals("flaky", total.path("outcome").asText()),
                () -> assertEquals(2, total.path("attempts").size()),
                () -> assertEquals("failed", total.path("attempts").get(0).path("status").asText()),
                () -> assertEquals(0.48, total.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("java.lang.AssertionError", total.path("attempts").get(0).path("failureType").asText()),
                () -> assertEquals("expected 12 but was 13", total.path("attempts").get(0).path("failureMessage").asText()),
                () -> assertEquals("passed", total.path("attempts").get(1).path("status").asText()),
                () -> assertEquals(0.3, total.path("attempts").get(1).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("skipped", discount.path("outcome").asText()),
                () -> assertEquals(0.001, discount.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("failed", checkout.path("outcome").asText()),
                () -> assertEquals(1.5, checkout.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("timeout after 1.5s", checkout.path("failureMessage").asText()));
    }

    @Test
    void theSdksHttpProtobufExporterWithGzipStoresTheJobsTests() {
        runOneJob(OtlpHttpSpanExporter.builder().setEndpoint(http().base().resolve("/v1/traces").toString())
                .setCompression("gzip").build(), "cart-http", "run-301");
        assertTheJob("cart-http", "run-301");
    }

    @Test
    void theSdksHttpExporterSendsToOtlpsOwnPortServedByVertx() {
        runOneJob(OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + otlpHttp.port() + "/v1/traces")
                .setCompression("gzip").build(), "cart-4318", "run-303");
        assertTheJob("cart-4318", "run-303");
    }

    /**
     * A test JVM instrumented as the Java agent would: one test reaches its database over JDBC and a stub over HTTP,
     * both on this machine; the other calls the deployed orders service. The first is integration, the second e2e,
     * and each says why.
     */
    @Test
    void aTestUsingJdbcAndALocalStubIsIntegrationAndOneCallingAnotherServiceIsE2e() {
        io.opentelemetry.sdk.resources.Resource resource = io.opentelemetry.sdk.resources.Resource.create(
                Attributes.builder().put("service.name", "checkout-layers").put("cicd.pipeline.run.id", "run-377")
                        .put("cicd.pipeline.task.name", "it").build());
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                        .setEndpoint(http().base().resolve("/v1/traces").toString()).build())
                        .setScheduleDelay(Duration.ofMinutes(10)).build())
                .build();
        Tracer tracer = provider.get("io.testhealth.test");
        Context root = Context.root();

        Span stored = testSpan(tracer, root, "storesTheOrder", "pass", 1_000);
        Context inStored = Context.root().with(stored);
        tracer.spanBuilder("INSERT orders").setParent(inStored).setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                .setStartTimestamp(at(1_010)).setAttribute("db.system", "postgresql")
                .setAttribute("net.peer.name", "localhost").setAttribute("db.statement", "INSERT INTO orders VALUES (?)")
                .startSpan().end(at(1_030));
        tracer.spanBuilder("POST /fraud-check").setParent(inStored)
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT).setStartTimestamp(at(1_040))
                .setAttribute("http.request.method", "POST").setAttribute("server.address", "127.0.0.1")
                .startSpan().end(at(1_060));
        stored.end(at(1_100));

        Span placed = testSpan(tracer, root, "placesAnOrderEndToEnd", "pass", 2_000);
        tracer.spanBuilder("GET /orders/42").setParent(Context.root().with(placed))
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT).setStartTimestamp(at(2_010))
                .setAttribute("http.request.method", "GET").setAttribute("server.address", "orders.staging.acme.internal")
                .setAttribute("peer.service", "orders").startSpan().end(at(2_200));
        placed.end(at(2_300));

        assertTrue(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess(), "the export was not accepted");
        provider.shutdown().join(30, TimeUnit.SECONDS);

        Map<String, JsonNode> tests = tests("checkout-layers");
        JsonNode integration = onlyRun(tests.get("storesTheOrder"));
        JsonNode e2e = onlyRun(tests.get("placesAnOrderEndToEnd"));
        assertAll(
                () -> assertEquals("integration", integration.path("observedLayer").asText()),
                () -> assertTrue(integration.path("observedEvidence").toString().contains("database postgresql"),
                        integration.path("observedEvidence").toString()),
                () -> assertEquals("e2e", e2e.path("observedLayer").asText()),
                () -> assertTrue(e2e.path("observedEvidence").toString().contains("orders"),
                        e2e.path("observedEvidence").toString()));
    }

    /** The SDK's exporter sends protobuf only; OTLP/JSON on the own port is the hand-written request. */
    @Test
    void otlpJsonOnOtlpsOwnPortIsAnsweredAsOnTheHttpPort() {
        TraceHttp own = new TraceHttp(url("http://127.0.0.1:" + otlpHttp.port()));
        TraceHttp.Reply r = own.post("/v1/traces", otlpJson("billing-4318").getBytes(StandardCharsets.UTF_8),
                "application/json; charset=utf-8");
        assertEquals(200, r.status(), r.text());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("{}", r.text());
        Map<String, JsonNode> tests = tests("billing-4318");
        assertEquals(2, tests.size(), tests.keySet().toString());
        assertEquals("failed", onlyRun(tests.get("test_refund")).path("outcome").asText());
        assertEquals(0.125, onlyRun(tests.get("test_total")).path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9);
    }

    @Test
    void otlpsOwnPortRefusesOtherPathsBadBodiesAndOversizedOnes() {
        TraceHttp own = new TraceHttp(url("http://127.0.0.1:" + otlpHttp.port()));
        TraceHttp.Reply wrongPath = own.post("/v1/metrics", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        TraceHttp.Reply notJson = own.post("/v1/traces", "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8),
                "application/json");
        TraceHttp.Reply tooLarge = own.post("/v1/traces", new byte[MAX_REQUEST_BYTES + 1], "application/x-protobuf");
        assertAll(
                () -> assertEquals(404, wrongPath.status(), wrongPath.text()),
                () -> assertEquals(400, notJson.status(), notJson.text()),
                // google.rpc.Status in JSON: INVALID_ARGUMENT is 3
                () -> assertEquals(3, notJson.json().path("code").asInt(), notJson.text()),
                () -> assertEquals(413, tooLarge.status()),
                // protobuf google.rpc.Status: RESOURCE_EXHAUSTED is 8
                () -> assertEquals(8, com.google.rpc.Status.parseFrom(tooLarge.body()).getCode()));
    }

    private static java.net.URL url(String s) {
        try {
            return java.net.URI.create(s).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theSdksGrpcExporterWithGzipStoresTheJobsTests() {
        runOneJob(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpc.port()).setCompression("gzip").build(),
                "cart-grpc", "run-302");
        assertTheJob("cart-grpc", "run-302");
    }

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";

    /**
     * OTLP/JSON as the specification writes it: hex ids, lowerCamelCase, 64-bit times as strings or numbers, enums as
     * names or numbers. Two tests of a pytest run: {@code test_total[3-4]} passes in 0.125 s, {@code test_refund}
     * errors (span status by name) in 2.000 s; one span that is no test.
     */
    private String otlpJson(String service) {
        long t = t0.getEpochSecond() * 1_000_000_000L;
        return """
                {"resourceSpans": [{
                  "resource": {"attributes": [
                    {"key": "service.name", "value": {"stringValue": "%s"}},
                    {"key": "cicd.pipeline.run.id", "value": {"stringValue": "gh-7781"}},
                    {"key": "cicd.pipeline.task.name", "value": {"stringValue": "pytest"}},
                    {"key": "testhealth.attempt", "value": {"intValue": "2"}}]},
                  "scopeSpans": [{"scope": {"name": "pytest-otel"}, "spans": [
                    {"traceId": "%s", "spanId": "00f067aa0ba902b7", "name": "test_total[3-4]", "kind": "SPAN_KIND_INTERNAL",
                     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                     "attributes": [{"key": "test.case.name", "value": {"stringValue": "tests/test_cart.py::test_total[3-4]"}},
                                    {"key": "test.case.result.status", "value": {"stringValue": "pass"}}],
                     "status": {"code": 1}},
                    {"traceId": "%s", "spanId": "00f067aa0ba902b8", "name": "test_refund", "kind": 1,
                     "startTimeUnixNano": %d, "endTimeUnixNano": %d,
                     "attributes": [{"key": "test.case.name", "value": {"stringValue": "tests/test_cart.py::test_refund"}}],
                     "events": [{"name": "exception", "timeUnixNano": "%d", "attributes": [
                        {"key": "exception.type", "value": {"stringValue": "KeyError"}},
                        {"key": "exception.message", "value": {"stringValue": "'refund_id'"}}]}],
                     "status": {"code": "STATUS_CODE_ERROR", "message": "KeyError"}},
                    {"traceId": "%s", "spanId": "00f067aa0ba902b9", "parentSpanId": "00f067aa0ba902b8", "name": "SELECT",
                     "kind": 3, "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                     "attributes": [{"key": "db.system.name", "value": {"stringValue": "postgresql"}}]}
                  ]}]}]}
                """.formatted(service, TRACE, t + 5_000_000_000L, t + 5_125_000_000L,
                TRACE, t + 6_000_000_000L, t + 8_000_000_000L, t + 7_000_000_000L,
                TRACE, t + 6_100_000_000L, t + 6_200_000_000L);
    }

    @Test
    void handWrittenOtlpJsonIsStoredAndAnsweredInJson() {
        TraceHttp.Reply r = http().post("/v1/traces", otlpJson("billing-json").getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(200, r.status(), r.text());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("{}", r.text(), "nothing was refused, so partialSuccess is left out");
        Map<String, JsonNode> tests = tests("billing-json");
        assertEquals(2, tests.size(), tests.keySet().toString());
        JsonNode total = onlyRun(tests.get("test_total"));
        JsonNode refund = onlyRun(tests.get("test_refund"));
        assertAll(
                () -> assertEquals("tests/test_cart.py", tests.get("test_total").path("suite").asText()),
                () -> assertEquals("3-4", total.path("invocation").asText()),
                () -> assertEquals("gh-7781", total.path("pipeline").asText()),
                () -> assertEquals("pytest", total.path("job").asText()),
                () -> assertEquals(2, total.path("attempt").asInt()),
                () -> assertEquals(0.125, total.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("failed", refund.path("outcome").asText()),
                () -> assertEquals(2.0, refund.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("KeyError", refund.path("failureType").asText()),
                () -> assertEquals("'refund_id'", refund.path("failureMessage").asText()),
                () -> assertEquals("integration", refund.path("observedLayer").asText()),
                () -> assertEquals("database postgresql", refund.path("observedEvidence").get(0).asText()),
                () -> assertEquals("unknown", total.path("observedLayer").asText()));
    }

    @Test
    void zipkinJsonIsStoredWithMicrosecondTimes() {
        long us = t0.getEpochSecond() * 1_000_000L;
        String body = """
                [{"traceId": "463ac35c9f6413ad", "id": "72485a3953bb6124", "name": "search finds",
                  "timestamp": %d, "duration": 2500,
                  "localEndpoint": {"serviceName": "search-zipkin"},
                  "tags": {"test.case.name": "SearchTest.finds", "test.suite.name": "SearchTest",
                           "test.case.result.status": "pass", "cicd.pipeline.run.id": "z-11", "cicd.pipeline.task.name": "it"}},
                 {"traceId": "463ac35c9f6413ad", "id": "72485a3953bb6125", "name": "search ranks",
                  "timestamp": %d, "duration": 1250000,
                  "localEndpoint": {"serviceName": "search-zipkin"},
                  "tags": {"test.case.name": "SearchTest.ranks", "test.suite.name": "SearchTest",
                           "error": "ranking differs", "cicd.pipeline.run.id": "z-11", "cicd.pipeline.task.name": "it"}},
                 {"traceId": "463ac35c9f6413ad", "id": "72485a3953bb6126", "parentId": "72485a3953bb6125", "kind": "CLIENT",
                  "name": "get", "timestamp": %d, "duration": 900,
                  "localEndpoint": {"serviceName": "search-zipkin"}, "remoteEndpoint": {"serviceName": "es", "port": 9200}}]
                """.formatted(us, us + 10_000, us + 10_100);
        TraceHttp.Reply r = http().post("/api/v2/spans", body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(202, r.status(), r.text());
        assertEquals(3, r.json().path("spans").asInt());
        assertEquals(2, r.json().path("testSpans").asInt());
        Map<String, JsonNode> tests = tests("search-zipkin");
        JsonNode finds = onlyRun(tests.get("finds"));
        JsonNode ranks = onlyRun(tests.get("ranks"));
        assertAll(
                () -> assertEquals("z-11", finds.path("pipeline").asText()),
                () -> assertEquals("it", finds.path("job").asText()),
                // 2,500 µs and 1,250,000 µs
                () -> assertEquals(0.0025, finds.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("passed", finds.path("outcome").asText()),
                () -> assertEquals(1.25, ranks.path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9),
                () -> assertEquals("failed", ranks.path("outcome").asText()),
                () -> assertEquals("ranking differs", ranks.path("failureMessage").asText()));
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** A protobuf request of {@code count} test spans of one run, 40 ms each, 100 ms apart. */
    private ExportTraceServiceRequest protoRequest(String service, int count, int firstSpan) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        long t = t0.getEpochSecond() * 1_000_000_000L;
        for (int i = 0; i < count; i++) {
            long start = t + (firstSpan + i) * 100_000_000L;
            scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE)))
                    .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("%016x".formatted(0x1000L + firstSpan + i))))
                    .setName("t" + (firstSpan + i)).setStartTimeUnixNano(start).setEndTimeUnixNano(start + 40_000_000L)
                    .addAttributes(kv("test.case.name", "com.acme.ManyTest.t" + (firstSpan + i))));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", service))
                        .addAttributes(kv("cicd.pipeline.run.id", "p-" + service)))
                .addScopeSpans(scope)).build();
    }

    private long rows(String table, String component) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE component = ?")) {
            s.setString(1, "component:default/" + component);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameSpansSentAgainAreCountedOnceAndNewSpansOfTheRunAreAdded() {
        byte[] first = protoRequest("retry-proto", 3, 0).toByteArray();
        assertEquals(200, http().post("/v1/traces", first, "application/x-protobuf").status());
        assertEquals(200, http().post("/v1/traces", first, "application/x-protobuf").status());
        assertEquals(3, rows("test_results", "retry-proto"));
        assertEquals(1, rows("uploads", "retry-proto"));
        // the exporter's next batch of the same job: another upload of the same run
        assertEquals(200, http().post("/v1/traces", protoRequest("retry-proto", 2, 3).toByteArray(), "application/x-protobuf").status());
        assertEquals(5, rows("test_results", "retry-proto"));
        assertEquals(2, rows("uploads", "retry-proto"));
        assertEquals(1, rows("runs", "retry-proto"));
    }

    private TraceHttp.Reply junit(String component, String... names) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"com.acme.ManyTest\">");
        for (String n : names) {
            xml.append("<testcase classname=\"com.acme.ManyTest\" name=\"").append(n).append("\" time=\"0.05\"/>");
        }
        xml.append("</testsuite>");
        return http().post("/api/v1/uploads?component=" + component + "&pipeline=p-" + component,
                xml.toString().getBytes(StandardCharsets.UTF_8), "application/xml");
    }

    @Test
    void aRunSentAsSpansAndAsJUnitCountsEachTestOnceWhicheverCameFirst() {
        // spans first (t0, t1), then the JUnit report of the same job run (t0, t1, t2): only t2 is new
        assertEquals(200, http().post("/v1/traces", protoRequest("matched-run", 2, 0).toByteArray(), "application/x-protobuf").status());
        TraceHttp.Reply report = junit("matched-run", "t0", "t1", "t2");
        assertEquals(201, report.status(), report.text());
        assertEquals(3, report.json().path("counts").path("tests").asInt());
        assertEquals(1, report.json().path("testResults").asInt());
        assertTrue(report.json().path("warnings").toString().contains("already reported as test spans were not stored again (2 matched)"),
                report.text());
        assertEquals(3, rows("test_results", "matched-run"));
        Map<String, JsonNode> tests = tests("matched-run");
        // t0 keeps its span's exact 0.040 s, not the report's 0.05 s
        assertEquals(0.04, onlyRun(tests.get("t0")).path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9);

        // the report first (t0), then spans (t0, t1): only t1 is new
        assertEquals(201, junit("matched-rev", "t0").status());
        assertEquals(200, http().post("/v1/traces", protoRequest("matched-rev", 2, 0).toByteArray(), "application/x-protobuf").status());
        assertEquals(2, rows("test_results", "matched-rev"));
        assertEquals(0.05, onlyRun(tests("matched-rev").get("t0")).path("attempts").get(0).path("durationSeconds").asDouble(), 1e-9);

        // two reports of one run are never matched with each other: t0 ran twice
        TraceHttp.Reply second = junit("matched-rev", "t0", "t3");
        assertEquals(201, second.status(), second.text());
        assertEquals(2, second.json().path("testResults").asInt());
        assertEquals(4, rows("test_results", "matched-rev"));
    }

    @Test
    void tenExportersAtOnceAreAllStored() throws Exception {
        // as many concurrent requests as the blocking executor has threads and the pool has connections, and more
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                byte[] body = protoRequest("concurrent-" + e, 5, 0).toByteArray();
                statuses.add(pool.submit(() -> http().post("/v1/traces", body, "application/x-protobuf").status()));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertEquals(200, status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
        }
        for (int e = 0; e < 10; e++) {
            assertEquals(5, rows("test_results", "concurrent-" + e));
        }
    }

    @Test
    void refusedTestSpansAreCountedInPartialSuccessAndTheOthersStored() {
        ExportTraceServiceRequest good = protoRequest("partial-proto", 2, 0);
        long t = t0.getEpochSecond() * 1_000_000_000L;
        ExportTraceServiceRequest request = good.toBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE)))
                        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00000000000000aa")))
                        .setStartTimeUnixNano(t).setEndTimeUnixNano(t + 1)
                        .addAttributes(kv("test.case.name", "com.acme.Orphan.noService"))))).build();
        TraceHttp.Reply r = http().post("/v1/traces", request.toByteArray(), "application/x-protobuf");
        assertEquals(200, r.status());
        ExportTraceServiceResponse response;
        try {
            response = ExportTraceServiceResponse.parseFrom(r.body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, response.getPartialSuccess().getRejectedSpans());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("com.acme.Orphan.noService"),
                response.getPartialSuccess().getErrorMessage());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("service.name"));
        assertEquals(2, rows("test_results", "partial-proto"));

        TraceHttp.Reply json = http().post("/v1/traces", otlpJson("unknown_service:python").getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(200, json.status());
        assertEquals("2", json.json().path("partialSuccess").path("rejectedSpans").asText());
    }

    @Test
    void malformedBodiesAreRefusedWith400AndStoreNothing() {
        byte[] proto = protoRequest("malformed-proto", 4, 0).toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(proto, proto.length - 7);
        TraceHttp.Reply cut = http().post("/v1/traces", truncated, "application/x-protobuf");
        assertEquals(400, cut.status());
        com.google.rpc.Status status;
        try {
            status = com.google.rpc.Status.parseFrom(cut.body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertEquals(3, status.getCode(), "INVALID_ARGUMENT");
        assertTrue(status.getMessage().contains("not an OTLP ExportTraceServiceRequest"), status.getMessage());

        String json = otlpJson("malformed-json");
        TraceHttp.Reply broken = http().post("/v1/traces", json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(400, broken.status());
        assertTrue(broken.json().path("message").asText().contains("not valid JSON"), broken.text());

        // base64 where OTLP/JSON wants hex: the first span's id
        TraceHttp.Reply base64 = http().post("/v1/traces", json.replace("00f067aa0ba902b7", "APBnqguhArc=")
                .getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(400, base64.status());
        assertTrue(base64.json().path("message").asText().contains("resourceSpans[0].scopeSpans[0].spans[0].spanId"), base64.text());

        TraceHttp.Reply zipkin = http().post("/api/v2/spans", "[{\"traceId\": \"xyz\", \"id\": \"72485a3953bb6124\"}]"
                .getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(400, zipkin.status());
        assertTrue(zipkin.json().path("message").asText().contains("[0].traceId"), zipkin.text());

        assertAll(
                () -> assertEquals(0, rows("test_results", "malformed-proto")),
                () -> assertEquals(0, rows("uploads", "malformed-json")),
                () -> assertEquals(0, rows("test_results", "malformed-json")));
    }

    @Test
    void requestsPastALimitAre413AndNameTheSetting() {
        TraceHttp.Reply many = http().post("/v1/traces", protoRequest("limits-proto", MAX_SPANS + 1, 0).toByteArray(),
                "application/x-protobuf");
        assertEquals(413, many.status());
        TraceHttp.Reply big = http().post("/v1/traces", new byte[MAX_REQUEST_BYTES + 1], "application/x-protobuf");
        assertEquals(413, big.status());
        // 2 MB of zeros compress to about 2 kB: the limit is on what they expand to
        TraceHttp.Reply bomb = http().post("/v1/traces", TraceHttp.gzip(new byte[2 * MAX_REQUEST_BYTES]),
                "application/x-protobuf", "Content-Encoding", "gzip");
        assertEquals(413, bomb.status());
        TraceHttp.Reply zipkin = http().post("/api/v2/spans", new byte[MAX_REQUEST_BYTES + 1], "application/json");
        assertEquals(413, zipkin.status());
        try {
            assertTrue(com.google.rpc.Status.parseFrom(many.body()).getMessage().contains("testhealth.traces.max-spans-per-request"));
            assertTrue(com.google.rpc.Status.parseFrom(big.body()).getMessage().contains("testhealth.traces.max-request-bytes"));
            assertTrue(com.google.rpc.Status.parseFrom(bomb.body()).getMessage().contains("testhealth.traces.max-request-bytes"));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertTrue(zipkin.json().path("message").asText().contains("testhealth.traces.max-request-bytes"), zipkin.text());
        assertEquals(0, rows("test_results", "limits-proto"));
    }

    @Test
    void theGrpcReceiverRefusesMoreSpansThanTheLimitAndStoresNone() {
        InMemorySpanExporter finished = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(io.opentelemetry.sdk.resources.Resource.create(Attributes.builder()
                        .put("service.name", "limits-grpc").build()))
                .addSpanProcessor(SimpleSpanProcessor.create(finished)).build();
        Tracer tracer = provider.get("io.testhealth.test");
        for (int i = 0; i <= MAX_SPANS; i++) {
            tracer.spanBuilder("t" + i).setStartTimestamp(at(i)).setAttribute("test.case.name", "com.acme.Big.t" + i)
                    .startSpan().end(at(i + 1));
        }
        List<SpanData> spans = finished.getFinishedSpanItems(); // before the shutdown, which empties the exporter
        provider.shutdown().join(30, TimeUnit.SECONDS);
        SpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpc.port()).build();
        CompletableResultCode tooMany = exporter.export(spans).join(30, TimeUnit.SECONDS);
        CompletableResultCode withinLimit = exporter.export(spans.subList(0, 10)).join(30, TimeUnit.SECONDS);
        exporter.shutdown().join(30, TimeUnit.SECONDS);
        assertTrue(tooMany.isDone());
        assertEquals(false, tooMany.isSuccess());
        assertEquals(true, withinLimit.isSuccess());
        assertEquals(10, rows("test_results", "limits-grpc"));
    }
}
