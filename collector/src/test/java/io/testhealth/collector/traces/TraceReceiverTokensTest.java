package io.testhealth.collector.traces;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.testhealth.collector.traces.otlp.OtlpGrpcReceiver;
import io.testhealth.collector.traces.otlp.OtlpHttpReceiver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With upload tokens configured, every trace receiver wants one, as uploads do. */
@MicronautTest
@Property(name = "testhealth.api.upload-tokens", value = "0123456789abcdef-trace-token")
@Property(name = "testhealth.traces.grpc.enabled", value = "true")
@Property(name = "testhealth.traces.grpc.host", value = "127.0.0.1")
@Property(name = "testhealth.traces.otlp-http-port", value = "0")
@Property(name = "testhealth.traces.otlp-http-host", value = "127.0.0.1")
final class TraceReceiverTokensTest {

    private static final String TOKEN = "0123456789abcdef-trace-token";

    @Inject
    EmbeddedServer server;

    @Inject
    OtlpGrpcReceiver grpc;

    @Inject
    OtlpHttpReceiver otlpHttp;

    @Test
    void theOwnOtlpHttpPortRefusesWithAGoogleRpcStatus() throws Exception {
        TraceHttp own = new TraceHttp(java.net.URI.create("http://127.0.0.1:" + otlpHttp.port()).toURL());
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        TraceHttp.Reply none = own.post("/v1/traces", empty, "application/json");
        TraceHttp.Reply wrong = own.post("/v1/traces", empty, "application/json", "Authorization", "Bearer wrong");
        TraceHttp.Reply right = own.post("/v1/traces", empty, "application/json", "Authorization", "Bearer " + TOKEN);
        // gRPC codes: UNAUTHENTICATED is 16, PERMISSION_DENIED 7
        assertEquals(401, none.status());
        assertEquals(16, none.json().path("code").asInt(), none.text());
        assertEquals(403, wrong.status());
        assertEquals(7, wrong.json().path("code").asInt(), wrong.text());
        assertEquals(200, right.status(), right.text());
        TraceHttp.Reply proto = own.post("/v1/traces", new byte[0], "application/x-protobuf");
        assertEquals(401, proto.status());
        assertEquals(16, com.google.rpc.Status.parseFrom(proto.body()).getCode());
    }

    @Test
    void httpReceiversRefuseARequestWithoutTheToken() {
        TraceHttp http = new TraceHttp(server.getURL());
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, http.post("/v1/traces", empty, "application/json").status());
        assertEquals(401, http.post("/v1/traces", empty, "application/json", "Authorization", "Bearer wrong").status());
        assertEquals(200, http.post("/v1/traces", empty, "application/json", "Authorization", "Bearer " + TOKEN).status());
        assertEquals(401, http.post("/api/v2/spans", "[]".getBytes(StandardCharsets.UTF_8), "application/json").status());
        assertEquals(202, http.post("/api/v2/spans", "[]".getBytes(StandardCharsets.UTF_8), "application/json",
                "Authorization", "Bearer " + TOKEN).status());
    }

    @Test
    void theGrpcReceiverReadsTheTokenFromTheAuthorizationMetadata() {
        assertEquals(false, export(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpc.port()).build()));
        assertEquals(false, export(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpc.port())
                .addHeader("Authorization", "Bearer wrong").build()));
        assertEquals(true, export(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + grpc.port())
                .addHeader("Authorization", "Bearer " + TOKEN).build()));
    }

    /** Whether one span the exporter sends is accepted. */
    private static boolean export(SpanExporter exporter) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", "token-check").build()))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        Span span = provider.get("io.testhealth.test").spanBuilder("no test").startSpan();
        span.end();
        boolean ok = provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess();
        provider.shutdown().join(30, TimeUnit.SECONDS);
        return ok;
    }
}
