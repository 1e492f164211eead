package io.testhealth.collector.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.metrics.TestHealthMetrics;
import jakarta.inject.Singleton;

/**
 * Turns a refused upload into the API's JSON error body with the status its reason calls for, and counts it: every
 * refusal passes here, so this is where the rejected-uploads metric is kept.
 */
@Produces
@Singleton
@Requires(classes = {IngestException.class, ExceptionHandler.class})
public final class ApiErrorHandler implements ExceptionHandler<IngestException, HttpResponse<ApiError>> {

    private final TestHealthMetrics metrics;

    public ApiErrorHandler(TestHealthMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, IngestException e) {
        metrics.rejected(e.reason());
        ApiError body = new ApiError(e.reason().code(), e.getMessage(), e.file(),
                e.line() > 0 ? e.line() : null, e.column() > 0 ? e.column() : null);
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(HttpStatus.valueOf(e.reason().httpStatus())).body(body);
        return e.retryAfterSeconds() > 0
                ? response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())) : response;
    }
}
