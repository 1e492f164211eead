package io.testhealth.collector.traces.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
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
import java.util.Locale;
import java.util.Optional;

/**
 * One OTLP/HTTP export request, from its headers and body to the answer the OTLP specification asks for: the one
 * place of that rule, whichever server received the request (Micronaut's on the HTTP port,
 * {@link OtlpHttpController}; Vert.x's on 4318, {@link OtlpHttpReceiver}).
 *
 * <p>200 with an {@code ExportTraceServiceResponse} in the request's encoding, whose {@code partial_success} counts
 * the test spans refused and says why; 400 for a body that cannot be decoded, 413 past a limit (both with a
 * {@code google.rpc.Status}, not retryable, nothing stored); 503 with {@code Retry-After} when the store fails,
 * since a retry then helps (uploads already stored are recognised by their ids and not counted twice).
 *
 * <p>Blocking: callers run it off their event loops.
 */
public final class OtlpHttpExport {

    /** OTLP's protobuf media type. */
    public static final String PROTOBUF = "application/x-protobuf";
    /** JSON's. */
    public static final String JSON_TYPE = "application/json";
    /** Seconds a client is asked to wait before retrying after a store failure. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpExport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpHttpExport() {
    }

    /**
     * The answer to send.
     *
     * @param status      HTTP status
     * @param contentType the answer's media type: the request's encoding
     * @param body        the encoded {@code ExportTraceServiceResponse} or {@code google.rpc.Status}
     * @param retryAfter  seconds for {@code Retry-After}, or {@code null}
     */
    public record Answer(int status, String contentType, byte[] body, String retryAfter) {
    }

    /** Whether a request's {@code Content-Type} asks for OTLP/JSON (else protobuf). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return base.endsWith("/json") || base.endsWith("+json");
    }

    /**
     * Handles one export.
     *
     * @param traces          the ingest entry point
     * @param contentType     the request's {@code Content-Type}, or {@code null}
     * @param contentEncoding its {@code Content-Encoding}, or {@code null}
     * @param contentLength   its declared length, or a negative number when unknown
     * @param component       the {@code component} query parameter, or {@code null}
     * @param body            the body as received
     */
    public static Answer handle(TraceIngest traces, String contentType, String contentEncoding, long contentLength,
                                String component, InputStream body) {
        boolean json = isJson(contentType);
        try {
            Optional<ComponentRef> ref = componentParameter(component);
            RequestBody.checkDeclaredLength(contentLength, traces.settings());
            byte[] bytes = RequestBody.read(body, contentEncoding, traces.settings());
            List<ReceivedSpan> spans;
            if (json) {
                spans = OtlpJsonDecoder.decode(bytes, traces::checkSpanCount);
            } else {
                ExportTraceServiceRequest export = OtlpProtoDecoder.parse(bytes);
                traces.checkSpanCount(OtlpProtoDecoder.spanCount(export));
                spans = OtlpProtoDecoder.decode(export);
            }
            TraceReceipt receipt = traces.receive(spans, ReportFormat.OTLP, ref);
            return new Answer(200, json ? JSON_TYPE : PROTOBUF, json ? jsonResponse(receipt) : response(receipt).toByteArray(), null);
        } catch (IngestException e) {
            return error(e.reason().httpStatus(), grpcCode(e), e.getMessage(), json, null);
        } catch (StoreException e) {
            LOG.error("Storing spans failed; the exporter is asked to retry", e);
            return error(503, GrpcCodes.UNAVAILABLE, "the store is unavailable: retry later", json, RETRY_AFTER_SECONDS);
        } catch (IOException e) {
            return error(400, GrpcCodes.INVALID_ARGUMENT, "the body could not be read: " + e.getMessage(), json, null);
        }
    }

    /** The component a request names ({@code ?component=}, gRPC's {@code x-testhealth-component}), if any. */
    static Optional<ComponentRef> componentParameter(String component) {
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
    static Answer error(int status, int code, String message, boolean json, String retryAfter) {
        byte[] body;
        if (json) {
            body = JSON.createObjectNode().put("code", code).put("message", message).toString().getBytes(StandardCharsets.UTF_8);
        } else {
            body = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).build().toByteArray();
        }
        return new Answer(status, json ? JSON_TYPE : PROTOBUF, body, retryAfter);
    }
}
