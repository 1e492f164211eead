package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteAccess;
import io.testhealth.collector.access.WriteScope;

/**
 * Refuses a write without one of its scope's tokens, before the controller runs and so before the request body is
 * read: an upload of gigabytes without a token is answered at once and never spooled to disk. A client that waits
 * for {@code 100 Continue} (curl does for bodies over 1 MiB) is answered without being asked for its body; what a
 * client sends regardless is read and dropped by the server, never stored.
 *
 * <p>Which requests are writes is read from the matched route's {@link TokenGuarded} annotation, not from the path,
 * so every spelling of a path that reaches a guarded method is checked. Requests that match no route pass on to the
 * router's own 404 or 405.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class WriteTokenFilter implements Ordered {

    /** The challenge of every 401 (RFC 6750). */
    static final String CHALLENGE = "Bearer realm=\"test-health\"";

    private final WriteAccess access;

    WriteTokenFilter(WriteAccess access) {
        this.access = access;
    }

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> requireToken(HttpRequest<?> request) {
        WriteScope scope = RouteAttributes.getRouteMatch(request)
                .flatMap(route -> route.getAnnotationMetadata().enumValue(TokenGuarded.class, WriteScope.class))
                .orElse(null);
        if (scope == null) {
            return null;
        }
        return switch (access.check(scope, request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> null;
            case NO_TOKEN -> HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    .body(ApiError.of("unauthorized", scope.action() + " need a token: set"
                            + " Authorization: Bearer <token> (" + scope.setting() + ")"));
            case WRONG_TOKEN -> HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                    .body(ApiError.of("forbidden", "the bearer token is not one of " + scope.setting()
                            + ": check the secret the client sends (the token may have been rotated)"));
        };
    }

    /** With the other security checks: after metrics and tracing, so refused requests are still measured. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
