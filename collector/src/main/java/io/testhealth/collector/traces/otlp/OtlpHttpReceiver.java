package io.testhealth.collector.traces.otlp;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.testhealth.collector.access.WriteAccess;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ingest.ClientLimits;
import io.testhealth.collector.traces.TraceIngest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OTLP/HTTP on a port of its own ({@code testhealth.traces.otlp-http-port}, OTLP's is 4318), served by Vert.x like
 * the gRPC receiver: {@code POST /v1/traces}, protobuf or JSON, answered by {@link OtlpHttpExport} exactly as the
 * same path on the HTTP port is.
 *
 * <p>Off unless the port is set: the HTTP port already serves {@code /v1/traces}, so an exporter pointed at the
 * collector's URL needs nothing more; this port is for exporters that assume OTLP's standard one. Created when the
 * application starts, so a port in use stops the collector at once. The body is collected on the event loop up to
 * {@code testhealth.traces.max-request-bytes} as received (a compressed body past it expands past it too), then
 * decoded and stored on the worker pool. A body that stops arriving for {@code testhealth.ingest.body-idle-timeout}
 * is answered 408 and its connection closed, as on the HTTP port ({@link BodyIdleWatch}). The upload token is read from {@code Authorization}; a refusal is a
 * {@code google.rpc.Status} in the request's encoding, as OTLP's other errors.
 */
@Context
@Requires(property = "testhealth.traces.otlp-http-port")
public final class OtlpHttpReceiver {

    /** The path OTLP/HTTP exporters send traces to. */
    static final String PATH = "/v1/traces";
    private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpReceiver.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final TraceIngest traces;
    private final WriteAccess access;
    private final ClientLimits clients;
    private final Vertx vertx;
    private final BodyIdleWatch idleBodies;
    private final HttpServer server;

    public OtlpHttpReceiver(TraceIngest traces, WriteAccess access, ClientLimits clients,
                            @Value("${testhealth.traces.otlp-http-port}") int port,
                            @Value("${testhealth.traces.otlp-http-host:0.0.0.0}") String host) {
        this.traces = traces;
        this.access = access;
        this.clients = clients;
        if (port < 0 || port > 65_535) {
            throw new IllegalStateException("testhealth.traces.otlp-http-port must be a port from 0 to 65535 (4318 is"
                    + " OTLP's), or left unset to keep the receiver off; got " + port);
        }
        // Two event loops: collecting bodies is quick, decoding and storing run on the worker pool.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.idleBodies = new BodyIdleWatch(vertx, clients.bodyIdleTimeout());
        try {
            this.server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                            .setDecompressionSupported(false))
                    .requestHandler(this::handle).listen().toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the OTLP/HTTP receiver", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("the OTLP/HTTP receiver cannot listen on " + host + ":" + port
                    + " (testhealth.traces.otlp-http-port): " + e.getMessage(), e);
        }
        LOG.info("OTLP/HTTP receiver listening on {}:{}", host, server.actualPort());
    }

    /** The port listened on: the configured one, or the one picked for port 0. */
    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        String contentType = request.getHeader("Content-Type");
        boolean json = OtlpHttpExport.isJson(contentType);
        if (!request.path().equals(PATH)) {
            send(request, OtlpHttpExport.error(404, GrpcCodes.NOT_FOUND, "this port serves OTLP/HTTP traces only: POST "
                    + PATH, json, null));
            return;
        }
        if (request.method() != HttpMethod.POST) {
            send(request, OtlpHttpExport.error(405, GrpcCodes.UNIMPLEMENTED, PATH + " takes POST only", json, null));
            return;
        }
        WriteAccess.Decision decision = access.check(WriteScope.UPLOADS, request.getHeader("Authorization"));
        if (decision != WriteAccess.Decision.ALLOWED) {
            send(request, decision == WriteAccess.Decision.NO_TOKEN
                    ? OtlpHttpExport.error(401, GrpcCodes.UNAUTHENTICATED, "a bearer token is required"
                    + " (testhealth.api.upload-tokens): set OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<token>", json, null)
                    : OtlpHttpExport.error(403, GrpcCodes.PERMISSION_DENIED,
                    "the bearer token is not one of testhealth.api.upload-tokens", json, null));
            return;
        }
        int limit = traces.settings().maxRequestBytes();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        idleBodies.watch(request, () -> {
            refused[0] = true;
            // As the HTTP port: 408, and the connection closed, since the rest of the body may still come.
            request.response().putHeader("Connection", "close");
            send(request, OtlpHttpExport.error(408, GrpcCodes.DEADLINE_EXCEEDED,
                    BodyIdleWatch.message(clients.bodyIdleTimeout()), json, null))
                    .onComplete(sent -> request.connection().close());
        });
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                // Answer at once and close: the rest of an oversized body is not worth reading.
                request.response().putHeader("Connection", "close");
                send(request, OtlpHttpExport.error(413, GrpcCodes.RESOURCE_EXHAUSTED, "the request body is larger than "
                        + limit + " bytes (testhealth.traces.max-request-bytes): export smaller batches", json, null));
                request.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (refused[0]) {
                return;
            }
            long length = contentLength(request.getHeader("Content-Length"));
            vertx.<OtlpHttpExport.Answer>executeBlocking(() -> OtlpHttpExport.handle(traces, contentType,
                            request.getHeader("Content-Encoding"), length, request.getParam("component"),
                            new ByteArrayInputStream(body.getBytes())), false)
                    .onSuccess(answer -> send(request, answer))
                    .onFailure(failure -> {
                        LOG.error("Receiving spans failed", failure);
                        send(request, OtlpHttpExport.error(500, GrpcCodes.INTERNAL, "the spans could not be received", json, null));
                    });
        });
    }

    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Future<Void> send(HttpServerRequest request, OtlpHttpExport.Answer answer) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return Future.succeededFuture();
        }
        response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType());
        if (answer.retryAfter() != null) {
            response.putHeader("Retry-After", answer.retryAfter());
        }
        return response.end(Buffer.buffer(answer.body()));
    }

    @PreDestroy
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(START_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
