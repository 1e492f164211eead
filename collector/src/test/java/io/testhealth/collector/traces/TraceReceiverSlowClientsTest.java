package io.testhealth.collector.traces;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.traces.otlp.OtlpGrpcReceiver;
import io.testhealth.collector.traces.otlp.OtlpHttpReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace receivers' own ports drop a request whose body stops arriving, under the HTTP port's rule
 * ({@code testhealth.ingest.body-idle-timeout}, 1 s here), and leave a body that keeps arriving, however slowly, alone.
 * Each stalled request is answered: 408 with a {@code google.rpc.Status} on OTLP/HTTP, {@code DEADLINE_EXCEEDED} on
 * OTLP/gRPC, both naming the setting.
 */
@MicronautTest
@Property(name = "testhealth.ingest.body-idle-timeout", value = "1s")
@Property(name = "testhealth.traces.grpc.enabled", value = "true")
@Property(name = "testhealth.traces.grpc.host", value = "127.0.0.1")
@Property(name = "testhealth.traces.otlp-http-port", value = "0")
@Property(name = "testhealth.traces.otlp-http-host", value = "127.0.0.1")
final class TraceReceiverSlowClientsTest {

    private static final Duration IDLE = Duration.ofSeconds(1);
    /** Far above the time-out on a loaded machine, far below "never". */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SETTING = "testhealth.ingest.body-idle-timeout";

    @Inject
    OtlpHttpReceiver otlpHttp;

    @Inject
    OtlpGrpcReceiver grpc;

    @Test
    void aStalledBodyOnTheOtlpHttpPortIsAnswered408AndOtherExportsAreServedMeanwhile() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", otlpHttp.port())) {
            stalled.setSoTimeout((int) DEADLINE.toMillis());
            long start = System.nanoTime();
            OutputStream out = stalled.getOutputStream();
            out.write(head(100_000).getBytes(StandardCharsets.US_ASCII));
            out.write("{\"resourceSpans\":[".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            TraceHttp own = new TraceHttp(URI.create("http://127.0.0.1:" + otlpHttp.port()).toURL());
            TraceHttp.Reply other = own.post("/v1/traces", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            assertEquals(200, other.status(), other.text());

            // everything until the collector closes the connection; a read past the deadline fails the test
            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"code\":4"), "DEADLINE_EXCEEDED in the google.rpc.Status: " + answer);
            assertTrue(answer.contains(SETTING), answer);
            assertTrue(took.compareTo(IDLE) >= 0, "answered before the body was idle for " + IDLE + ": " + took);
        }
    }

    @Test
    void aBodyThatKeepsTricklingInIsNotCutOff() throws Exception {
        String body = "{\"resourceSpans\":[]}";
        int pauses = 12;
        try (Socket slow = new Socket("127.0.0.1", otlpHttp.port())) {
            slow.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = slow.getOutputStream();
            out.write(head(body.length() + pauses).getBytes(StandardCharsets.US_ASCII));
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // a space every 300 ms for 3.6 s: three times the time-out in all, never idle for it
            for (int i = 0; i < pauses; i++) {
                TimeUnit.MILLISECONDS.sleep(300);
                out.write(' ');
                out.flush();
            }
            byte[] status = slow.getInputStream().readNBytes("HTTP/1.1 200".length());
            assertEquals("HTTP/1.1 200", new String(status, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aStalledGrpcMessageEndsTheCallWithDeadlineExceeded() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false));
            long start = System.nanoTime();
            HttpClientResponse response = client.request(HttpMethod.POST, grpc.port(), "127.0.0.1",
                            "/opentelemetry.proto.collector.trace.v1.TraceService/Export")
                    .compose(request -> {
                        request.exceptionHandler(reset -> { }); // the server resets the stream after its answer
                        request.setChunked(true).putHeader("content-type", "application/grpc").putHeader("te", "trailers");
                        // a message announced as 1,000 bytes (flag 0, length big-endian), of which 3 come
                        request.write(Buffer.buffer(new byte[] {0, 0, 0, 0x03, (byte) 0xE8, 0x0A, 0x01, 0x02}));
                        return request.response();
                    })
                    .toCompletionStage().toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("4", response.getHeader("grpc-status"), "DEADLINE_EXCEEDED, headers " + response.headers());
            assertTrue(response.getHeader("grpc-message").contains(SETTING), response.getHeader("grpc-message"));
            assertTrue(took.compareTo(IDLE) >= 0, "answered before the message was idle for " + IDLE + ": " + took);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String head(int contentLength) {
        return "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n";
    }
}
