package io.testhealth.collector.traces.otlp;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.testhealth.collector.access.WriteAccess;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ingest.ClientLimits;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.traces.TraceIngest;
import io.testhealth.collector.traces.TraceReceipt;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OTLP/gRPC: {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}, served by Vert.x's gRPC server on
 * its own port (4317 by default) with the OTLP message classes and no generated service stubs.
 *
 * <p>Created when the application starts, so a port already in use stops the collector at once. Requests are decoded
 * on Vert.x's event loop and stored on its worker pool. Status codes follow OTLP: {@code INVALID_ARGUMENT} for bad
 * data and {@code RESOURCE_EXHAUSTED} without retry information past a limit (neither is retried),
 * {@code UNAVAILABLE} when the store fails (retried); the token of {@code testhealth.api.upload-tokens} is read from
 * the {@code authorization} metadata. A request message that stops arriving for
 * {@code testhealth.ingest.body-idle-timeout} ends the call with {@code DEADLINE_EXCEEDED} ({@link BodyIdleWatch}).
 */
@Context
@Requires(property = "testhealth.traces.grpc.enabled", value = "true")
public final class OtlpGrpcReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcReceiver.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    /** HTTP/2's {@code CANCEL} error code, for resetting a stream. */
    private static final long CANCEL = 0x8;

    private final TraceIngest traces;
    private final WriteAccess access;
    private final Vertx vertx;
    private final HttpServer server;

    public OtlpGrpcReceiver(TraceIngest traces, WriteAccess access, GrpcSettings settings, ClientLimits clients) {
        this.traces = traces;
        this.access = access;
        // Two event loops: decoding is quick, the store work runs on the worker pool.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(settings.maxMessageBytes()));
        grpc.callHandler(TraceServiceGrpc.getExportMethod(), this::export);
        BodyIdleWatch idleBodies = new BodyIdleWatch(vertx, clients.bodyIdleTimeout());
        String idleMessage = BodyIdleWatch.message(clients.bodyIdleTimeout());
        try {
            this.server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
                    .requestHandler(request -> {
                        // Watched below the gRPC layer, which reads the message whole before the call sees it.
                        idleBodies.watch(request, () -> endStalled(request, idleMessage));
                        grpc.handle(request);
                    }).listen().toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the OTLP/gRPC receiver", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("the OTLP/gRPC receiver cannot listen on " + settings.host() + ":"
                    + settings.port() + " (testhealth.traces.grpc.port): " + e.getMessage(), e);
        }
        LOG.info("OTLP/gRPC receiver listening on {}:{}", settings.host(), server.actualPort());
    }

    /** The port listened on: the configured one, or the one picked for port 0. */
    public int port() {
        return server.actualPort();
    }

    private void export(GrpcServerRequest<ExportTraceServiceRequest, ExportTraceServiceResponse> request) {
        WriteAccess.Decision decision = access.check(WriteScope.UPLOADS, request.headers().get("authorization"));
        if (decision != WriteAccess.Decision.ALLOWED) {
            request.response().status(decision == WriteAccess.Decision.NOT_PERMITTED ? GrpcStatus.PERMISSION_DENIED
                    : GrpcStatus.UNAUTHENTICATED).statusMessage(switch (decision) {
                        case NO_TOKEN -> "a bearer token is required (testhealth.api.upload-tokens): set"
                                + " OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<token>";
                        case UNKNOWN_TOKEN -> "the bearer token is not one the collector knows";
                        default -> "the bearer token does not allow uploads of spans: an unscoped upload token does";
                    }).end();
            return;
        }
        request.handler(message -> vertx.<TraceReceipt>executeBlocking(() -> {
                    traces.checkSpanCount(OtlpProtoDecoder.spanCount(message));
                    return traces.receive(OtlpProtoDecoder.decode(message), ReportFormat.OTLP,
                            OtlpHttpExport.componentParameter(request.headers().get("x-testhealth-component")));
                }, false)
                .onSuccess(receipt -> request.response().end(OtlpHttpExport.response(receipt)))
                .onFailure(failure -> fail(request, failure)));
        request.invalidMessageHandler(invalid -> request.response().status(GrpcStatus.INVALID_ARGUMENT)
                .statusMessage("the message is not an OTLP ExportTraceServiceRequest: " + invalid.getMessage()).end());
    }

    private static void fail(GrpcServerRequest<ExportTraceServiceRequest, ExportTraceServiceResponse> request,
                             Throwable failure) {
        GrpcStatus status;
        String message = failure.getMessage();
        if (failure instanceof IngestException e) {
            status = e.reason() == IngestException.Reason.TOO_LARGE ? GrpcStatus.RESOURCE_EXHAUSTED : GrpcStatus.INVALID_ARGUMENT;
        } else if (failure instanceof StoreException) {
            LOG.error("Storing spans failed; the exporter is asked to retry", failure);
            status = GrpcStatus.UNAVAILABLE;
            message = "the store is unavailable: retry later";
        } else {
            LOG.error("Receiving spans failed", failure);
            status = GrpcStatus.INTERNAL;
            message = "the spans could not be received";
        }
        request.response().status(status).statusMessage(message).end();
    }

    /**
     * Ends a call whose request message stopped arriving: a trailers-only answer with {@code DEADLINE_EXCEEDED} and the
     * setting named, then the stream reset so that the rest of the message is not read (the connection's other
     * streams go on).
     */
    private static void endStalled(HttpServerRequest request, String message) {
        HttpServerResponse response = request.response();
        response.putHeader("content-type", "application/grpc")
                .putHeader("grpc-status", String.valueOf(GrpcStatus.DEADLINE_EXCEEDED.code))
                .putHeader("grpc-message", message)
                .end()
                .onComplete(ended -> response.reset(CANCEL));
    }

    @PreDestroy
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(START_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
