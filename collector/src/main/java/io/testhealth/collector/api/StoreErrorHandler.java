package io.testhealth.collector.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.testhealth.collector.store.StoreException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store failure as the API's JSON error: while the database is unreachable, {@code 503 store-unavailable} with
 * {@code Retry-After}, so that a CI job's retry sends the upload again once it is back (nothing of a refused upload
 * was stored); any other store failure is a {@code 500 internal-error} that names none of its cause.
 */
@Produces
@Singleton
final class StoreErrorHandler implements ExceptionHandler<StoreException, HttpResponse<ApiError>> {

    /** The code of an answer given while the database is unreachable. */
    static final String STORE_UNAVAILABLE = "store-unavailable";
    /** Long enough for a restarting database, short enough for a CI job waiting on its upload. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StoreErrorHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, StoreException e) {
        if (e.unavailable()) {
            LOG.warn("{} {}: the database is unavailable ({}); answered 503", request.getMethodName(), request.getPath(),
                    e.getMessage(), e);
            return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                    .body(ApiError.of(STORE_UNAVAILABLE, "the collector's database is unavailable, nothing of this"
                            + " request was stored: send it again after the Retry-After seconds (GET /health says"
                            + " when the database is back)"));
        }
        LOG.error("{} {} failed in the store", request.getMethodName(), request.getPath(), e);
        return HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiErrorResponses.internalError());
    }
}
