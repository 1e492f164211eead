package io.testhealth.collector.traces.otlp;

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
import io.swagger.v3.oas.annotations.Hidden;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.traces.TraceIngest;

import java.io.InputStream;

/**
 * OTLP/HTTP: {@code POST /v1/traces} on the collector's HTTP port, so an exporter pointed at
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:8080} sends here unchanged.
 *
 * <p>Answers as the OTLP specification asks, by {@link OtlpHttpExport}, which the receiver on 4318 shares.
 */
@Controller
public final class OtlpHttpController {

    private final TraceIngest traces;

    public OtlpHttpController(TraceIngest traces) {
        this.traces = traces;
    }

    /** Receives one OTLP export request; {@link OtlpHttpExport} decides the answer. */
    // Left out of the OpenAPI document: OTLP's specification documents this endpoint, and its errors are
    // google.rpc.Status messages, not the API's error body.
    @Hidden
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/v1/traces", consumes = {OtlpHttpExport.PROTOBUF, MediaType.APPLICATION_JSON},
            produces = {OtlpHttpExport.PROTOBUF, MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> export(HttpRequest<?> request,
                                       @Nullable @QueryValue String component,
                                       @Body InputStream body) {
        OtlpHttpExport.Answer answer = OtlpHttpExport.handle(traces, request.getHeaders().get(HttpHeaders.CONTENT_TYPE),
                request.getHeaders().get(HttpHeaders.CONTENT_ENCODING), request.getContentLength(), component, body);
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.status()))
                .body(answer.body()).contentType(answer.contentType());
        if (answer.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, answer.retryAfter());
        }
        return response;
    }
}
