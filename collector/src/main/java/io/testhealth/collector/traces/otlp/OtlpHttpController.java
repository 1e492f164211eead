package io.testhealth.collector.traces.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.swagger.v3.oas.annotations.Hidden;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.traces.ReceivedSpan;
import io.testhealth.collector.traces.RequestBody;
import io.testhealth.collector.traces.TraceIngest;
import io.testhealth.collector.traces.TraceReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * OTLP/HTTP: {@code POST /v1/traces} on the collector's HTTP port, so an exporter pointed at
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:8080} sends here unchanged.
 *
 * <p>Answers as the OTLP specification asks: 200 with an {@code ExportTraceServiceResponse} in the request's
 * encoding, whose {@code partial_success} counts the test spans refused and says why; 400 for a body that cannot be
 * decoded, 413 past a limit (both with a {@code google.rpc.Status}, not retryable, nothing stored); 503 with
 * {@code Retry-After} when the store fails, since a retry then helps (uploads already stored are recognised by their
 * ids and not counted twice).
 */
@Controller
public final class OtlpHttpController {

    static final String PROTOBUF = "application/x-protobuf";
    private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpController.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a client is asked to wait before retrying after a store failure. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final TraceIngest traces;

    public OtlpHttpController(TraceIngest traces) {
        this.traces = traces;
    }

    /** Receives one OTLP export request. */
    // Left out of the OpenAPI document: OTLP's specification documents this endpoint, and its errors are
    // google.rpc.Status messages, not the API's error body.
    @Hidden
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/v1/traces", consumes = {PROTOBUF, MediaType.APPLICATION_JSON}, produces = {PROTOBUF, MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> export(HttpRequest<?> request,
                                       @Nullable @QueryValue String component,
                                       @Body InputStream body) {
        boolean json = request.getContentType().map(t -> t.getSubtype().equalsIgnoreCase("json")).orElse(false);
        try {
            Optional<ComponentRef> ref = componentParameter(component);
            RequestBody.checkDeclaredLength(request.getContentLength(), traces.settings());
            byte[] bytes = RequestBody.read(body, request.getHeaders().get(HttpHeaders.CONTENT_ENCODING), traces.settings());
            List<ReceivedSpan> spans;
            if (json) {
                spans = OtlpJsonDecoder.decode(bytes, traces::checkSpanCount);
            } else {
                ExportTraceServiceRequest export = OtlpProtoDecoder.parse(bytes);
                traces.checkSpanCount(OtlpProtoDecoder.spanCount(export));
                spans = OtlpProtoDecoder.decode(export);
            }
            TraceReceipt receipt = traces.receive(spans, ReportFormat.OTLP, ref);
            return HttpResponse.ok(json ? jsonResponse(receipt) : response(receipt).toByteArray())
                    .contentType(json ? MediaType.APPLICATION_JSON : PROTOBUF);
        } catch (IngestException e) {
            return error(HttpStatus.valueOf(e.reason().httpStatus()), grpcCode(e), e.getMessage(), json);
        } catch (StoreException e) {
            LOG.error("Storing spans failed; the exporter is asked to retry", e);
            return error(HttpStatus.SERVICE_UNAVAILABLE, GrpcCodes.UNAVAILABLE,
                    "the store is unavailable: retry later", json).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        } catch (IOException e) {
            return error(HttpStatus.BAD_REQUEST, GrpcCodes.INVALID_ARGUMENT, "the body could not be read: " + e.getMessage(), json);
        }
    }

    static Optional<ComponentRef> componentParameter(@Nullable String component) {
        if (component == null || component.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ComponentRef.parse(component));
        } catch (IllegalArgumentException e) {
            throw new IngestException(IngestException.Reason.INVALID_REQUEST, e.getMessage());
        }
    }

    /** The protobuf answer; {@code partial_success} is left unset when nothing was refused, as the spec asks. */
    static ExportTraceServiceResponse response(TraceReceipt receipt) {
        ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
        if (receipt.rejectedSpans() > 0) {
            b.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(receipt.rejectedSpans())
                    .setErrorMessage(receipt.errorMessage()));
        }
        return b.build();
    }

    /** The JSON answer, by the protobuf JSON mapping (a 64-bit count is a decimal string). */
    private static byte[] jsonResponse(TraceReceipt receipt) {
        ObjectNode root = JSON.createObjectNode();
        if (receipt.rejectedSpans() > 0) {
            root.putObject("partialSuccess").put("rejectedSpans", Long.toString(receipt.rejectedSpans()))
                    .put("errorMessage", receipt.errorMessage());
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int grpcCode(IngestException e) {
        return switch (e.reason()) {
            case TOO_LARGE -> GrpcCodes.RESOURCE_EXHAUSTED;
            case UNSUPPORTED_FORMAT -> GrpcCodes.UNIMPLEMENTED;
            default -> GrpcCodes.INVALID_ARGUMENT;
        };
    }

    /** An error answer: a {@code google.rpc.Status} in the request's encoding. */
    private static MutableHttpResponse<byte[]> error(HttpStatus status, int code, String message, boolean json) {
        byte[] body;
        if (json) {
            ObjectNode root = JSON.createObjectNode().put("code", code).put("message", message);
            body = root.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            body = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).build().toByteArray();
        }
        return HttpResponse.<byte[]>status(status).body(body).contentType(json ? MediaType.APPLICATION_JSON : PROTOBUF);
    }
}
