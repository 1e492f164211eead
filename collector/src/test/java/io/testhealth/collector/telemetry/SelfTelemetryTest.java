package io.testhealth.collector.telemetry;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-instrumentation turned on, with an in-memory exporter in place of OTLP: an upload and a trace export each
 * leave their ingest spans, with what they stored.
 */
@MicronautTest
@Property(name = "spec.name", value = "SelfTelemetryTest")
@Property(name = "testhealth.telemetry.enabled", value = "true")
final class SelfTelemetryTest {

    /** Keeps what the collector exports. Only in this test's context. */
    @Singleton
    @Requires(property = "spec.name", value = "SelfTelemetryTest")
    static final class InMemoryExporter implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Inject
    EmbeddedServer server;

    @Inject
    SelfTelemetry telemetry;

    @Inject
    InMemoryExporter exported;

    private final HttpClient http = HttpClient.newHttpClient();

    private int post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private List<SpanData> named(String name) {
        List<SpanData> out = new ArrayList<>();
        exported.spans.stream().filter(s -> s.getName().equals(name)).forEach(out::add);
        return out;
    }

    @Test
    void anUploadAndATraceExportLeaveTheirIngestSpans() throws Exception {
        String junit = """
                <testsuite name="com.acme.TaxTest" tests="3">
                  <testcase classname="com.acme.TaxTest" name="rounds" time="0.01"/>
                  <testcase classname="com.acme.TaxTest" name="vat" time="0.02"/>
                  <testcase classname="com.acme.TaxTest" name="zero" time="0.03"><failure message="x"/></testcase>
                </testsuite>""";
        assertEquals(201, post("/api/v1/uploads?component=tax&pipeline=p-9&job=unit", "application/xml", junit));
        long t = Instant.now().minusSeconds(3600).getEpochSecond() * 1_000_000_000L;
        String otlp = """
                {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "fees"}}]},
                  "scopeSpans": [{"spans": [
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "0000000000000001", "name": "a", "kind": 1,
                     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                     "attributes": [{"key": "test.case.name", "value": {"stringValue": "FeeTest.a"}}]},
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "0000000000000002", "name": "b", "kind": 3,
                     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "attributes": []}]}]}]}
                """.formatted(t, t + 1_000_000, t + 2_000_000, t + 3_000_000);
        assertEquals(200, post("/v1/traces", "application/json", otlp));
        telemetry.flush();

        List<SpanData> uploads = named("testhealth.ingest.upload");
        List<SpanData> receives = named("testhealth.traces.receive");
        List<SpanData> runs = named("testhealth.ingest.run");
        assertEquals(1, uploads.size(), exported.spans.toString());
        assertEquals(1, receives.size(), exported.spans.toString());
        assertEquals(1, runs.size(), exported.spans.toString());
        SpanData upload = uploads.get(0);
        SpanData receive = receives.get(0);
        SpanData run = runs.get(0);
        assertAll(
                () -> assertTrue(telemetry.enabled()),
                () -> assertEquals("component:default/tax", upload.getAttributes().get(AttributeKey.stringKey("testhealth.component"))),
                () -> assertEquals(3L, upload.getAttributes().get(AttributeKey.longKey("testhealth.tests"))),
                () -> assertEquals("testhealth-collector",
                        upload.getResource().getAttribute(AttributeKey.stringKey("service.name"))),
                // two spans in the request, one of them a test
                () -> assertEquals(2L, receive.getAttributes().get(AttributeKey.longKey("testhealth.spans"))),
                () -> assertEquals(1L, receive.getAttributes().get(AttributeKey.longKey("testhealth.test_spans"))),
                () -> assertEquals(1L, receive.getAttributes().get(AttributeKey.longKey("testhealth.uploads"))),
                () -> assertEquals(receive.getSpanId(), run.getParentSpanId(), "the run's span is inside the receive span"),
                () -> assertEquals(receive.getTraceId(), run.getTraceId()),
                () -> assertEquals("component:default/fees", run.getAttributes().get(AttributeKey.stringKey("testhealth.component"))));
    }

    @Test
    void offItRecordsNothingAndStillRunsTheWork() {
        InMemoryExporter exporter = new InMemoryExporter();
        SelfTelemetry off = new SelfTelemetry(new TelemetrySettings(false, "http://localhost:4317", "grpc", "x"), exporter);
        assertAll(
                () -> assertEquals(Integer.valueOf(42), off.<Integer>inSpan("testhealth.ingest.upload", span -> 42)),
                () -> assertEquals(false, off.enabled()));
        off.flush();
        assertEquals(List.of(), exporter.spans);
    }
}
