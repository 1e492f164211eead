package io.testhealth.collector.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The JSON error bodies of the read API: 404 for what is unknown or not computed yet (told apart by the code), 400
 * for unusable parameters.
 */
final class ReadErrorHandlers {

    private ReadErrorHandlers() {
    }

    @Produces
    @Singleton
    static final class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, NotFoundException e) {
            return HttpResponse.notFound(ApiError.of(e.code(), e.getMessage()));
        }
    }

    @Produces
    @Singleton
    static final class NoReportYet implements ExceptionHandler<NoReportYetException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, NoReportYetException e) {
            return HttpResponse.notFound(ApiError.of(NoReportYetException.CODE, e.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
    }

    @Produces
    @Singleton
    static final class BadRequest implements ExceptionHandler<BadRequestException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, BadRequestException e) {
            return HttpResponse.badRequest(ApiError.of(ApiErrorResponses.INVALID_REQUEST, e.getMessage()));
        }
    }
}
