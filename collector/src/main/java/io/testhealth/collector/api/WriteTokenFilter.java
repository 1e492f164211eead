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
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import io.testhealth.collector.model.ComponentRef;
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
 * so every spelling of a path that reaches a guarded method is checked; reads are the {@code GET}s of routes declared
 * under {@code /api/}. Requests that match no route pass on to the router's own 404 or 405. A missing or unknown
 * token is answered 401, a known token that does not allow the request 403 (an upload token's component is the
 * {@code component} parameter); what each token allows is {@code access.WriteAccess}'s rule.
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
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null) {
            return null;
        }
        WriteScope scope = route.getAnnotationMetadata().enumValue(TokenGuarded.class, WriteScope.class)
                .orElse(isApiRead(request, route) ? WriteScope.READS : null);
        if (scope == null) {
            return null;
        }
        String component = null;
        if (scope == WriteScope.UPLOADS) {
            component = request.getParameters().getFirst("component").map(WriteTokenFilter::componentRef).orElse(null);
        }
        String team = scope == WriteScope.UPLOADS ? request.getParameters().getFirst("team").orElse(null) : null;
        return switch (access.check(scope, request.getHeaders().get(HttpHeaders.AUTHORIZATION), component, team)) {
            case ALLOWED -> null;
            case NO_TOKEN -> HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    .body(ApiError.of("unauthorized", capitalised(scope.action()) + " need a token: set"
                            + " Authorization: Bearer <token> (" + scope.setting() + ")"));
            case UNKNOWN_TOKEN -> HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"")
                    .body(ApiError.of("unauthorized", "the bearer token is not one the collector knows (" + scope.setting()
                            + " or a created token): check the secret the client sends (the token may have been rotated"
                            + " or revoked)"));
            case NOT_PERMITTED -> HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                    .body(ApiError.of("forbidden", "the bearer token does not allow " + scope.action()
                            + (component == null ? "" : " to " + component)
                            + ": it is a token of another role, or an upload token scoped to other components or"
                            + " another team" + (scope == WriteScope.UPLOADS && component == null
                            ? " (a scoped token sends reports to /api/v1/uploads?component=..., not spans)" : "")));
        };
    }

    /**
     * Whether the request reads the API: a {@code GET} or {@code HEAD} of a route declared under {@code /api/}. The
     * route's declared template is read, not the request's path, so any spelling the router accepts counts alike;
     * health, metrics and the OpenAPI document are outside {@code /api/} and stay open.
     */
    private static boolean isApiRead(HttpRequest<?> request, RouteMatch<?> route) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            return false;
        }
        return route instanceof UriRouteMatch<?, ?> uri
                && uri.getRouteInfo().getUriMatchTemplate().toPathString().startsWith("/api/");
    }

    /** The component reference as stored ({@code component:ns/name}); a malformed one matches no scoped token. */
    private static String componentRef(String parameter) {
        try {
            return ComponentRef.parse(parameter).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** With the other security checks: after metrics and tracing, so refused requests are still measured. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
