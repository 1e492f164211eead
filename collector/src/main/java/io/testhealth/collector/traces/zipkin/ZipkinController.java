package io.testhealth.collector.traces.zipkin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.api.ApiError;
import io.testhealth.collector.api.WriteTokenDocs;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.traces.RequestBody;
import io.testhealth.collector.traces.TraceIngest;
import io.testhealth.collector.traces.TraceReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Zipkin v2: {@code POST /api/v2/spans} on the collector's HTTP port, where Zipkin reporters and Jaeger's Zipkin
 * exporter send. Answers 202 like a Zipkin server, with what was understood in the body (Zipkin clients ignore it);
 * 400 for a body that is not Zipkin JSON, 413 past a limit, 503 when the store fails.
 */
@Controller
@Tag(name = "traces")
public final class ZipkinController {

    private static final Logger LOG = LoggerFactory.getLogger(ZipkinController.class);

    private final TraceIngest traces;

    public ZipkinController(TraceIngest traces) {
        this.traces = traces;
    }

    /**
     * What a Zipkin request was taken as.
     *
     * @param spans         spans received
     * @param testSpans     spans that report a test case
     * @param rejectedSpans test spans refused
     * @param errorMessage  why, or empty
     * @param uploads       job runs stored (or recognised as sent before)
     */
    @Serdeable
    public record ZipkinReply(int spans, int testSpans, int rejectedSpans, String errorMessage, int uploads) {
        static ZipkinReply of(TraceReceipt r) {
            return new ZipkinReply(r.spans(), r.testSpans(), r.rejectedSpans(), r.errorMessage(), r.uploads().size());
        }
    }

    /** Receives one Zipkin v2 JSON array of spans. */
    @Operation(summary = "Receive Zipkin v2 JSON spans",
            description = "Spans tagged `test.case.name` become test results, one upload per job run.")
    @ApiResponse(responseCode = "202", description = "Received, as a Zipkin server answers; the body says what was"
            + " understood (Zipkin reporters ignore it).")
    @ApiResponse(responseCode = "400", description = "`malformed-report`: not a JSON array of Zipkin v2 spans, the"
            + " message says where; `invalid-request`: a bad `component`. Nothing is stored.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "`too-large`: past `testhealth.traces.max-request-bytes`"
            + " (decompressed) or `testhealth.traces.max-spans-per-request`.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "`unavailable`: the store failed; retry after `Retry-After` seconds.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @WriteTokenDocs
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/api/v2/spans", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> spans(HttpRequest<?> request,
                                 @Parameter(description = "The component, when the spans' service name is not it.")
                                 @Nullable @QueryValue String component,
                                 @Body InputStream body) {
        try {
            Optional<ComponentRef> ref = Optional.empty();
            if (component != null && !component.isBlank()) {
                try {
                    ref = Optional.of(ComponentRef.parse(component));
                } catch (IllegalArgumentException e) {
                    throw new IngestException(IngestException.Reason.INVALID_REQUEST, e.getMessage());
                }
            }
            RequestBody.checkDeclaredLength(request.getContentLength(), traces.settings());
            byte[] bytes = RequestBody.read(body, request.getHeaders().get(HttpHeaders.CONTENT_ENCODING), traces.settings());
            TraceReceipt receipt = traces.receive(ZipkinJsonDecoder.decode(bytes, traces::checkSpanCount),
                    ReportFormat.ZIPKIN, ref);
            return HttpResponse.status(HttpStatus.ACCEPTED).body(ZipkinReply.of(receipt));
        } catch (IngestException e) {
            return HttpResponse.status(HttpStatus.valueOf(e.reason().httpStatus()))
                    .body(new ApiError(e.reason().code(), e.getMessage(), null, null, null));
        } catch (StoreException e) {
            LOG.error("Storing Zipkin spans failed; the reporter is asked to retry", e);
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(new ApiError("unavailable", "the store is unavailable: retry later", null, null, null));
        } catch (IOException e) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST)
                    .body(new ApiError("malformed-report", "the body could not be read: " + e.getMessage(), null, null, null));
        }
    }
}
