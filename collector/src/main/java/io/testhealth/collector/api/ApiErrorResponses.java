package io.testhealth.collector.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of every error the framework answers by itself, in the API's one shape ({@link ApiError}): a route that
 * does not exist (404), a method (405), an {@code Accept} (406) or a {@code Content-Type} (415) the route does not
 * take, a body that is missing, is not JSON or does not fit (400), a request too large for the server (413, 414,
 * 431), and any exception no handler expected (500).
 *
 * <p>Replacing the framework's {@link ErrorResponseProcessor} is the one place all of these pass: its default
 * answers a HAL body ({@code _links}, {@code _embedded}) that no client of this API reads, and repeats exception
 * texts that name classes and, for a 500, whatever the exception carried. Here the code is chosen by the status, the
 * message is written for the client from what the cause says about the request (an argument's name, the media
 * types, a JSON parse location) and never from an exception's own text; a 500 says nothing of its cause, which the
 * framework logs with its stack trace before it asks for this body.
 *
 * <p>The collector's own refusals do not pass here: {@link ApiErrorHandler} and {@link ReadErrorHandlers} build the
 * same body with their own codes ({@code malformed-report}, {@code unknown-component}...).
 */
@Singleton
final class ApiErrorResponses implements ErrorResponseProcessor<ApiError> {

    /** A request the framework cannot bind or read: no body, not JSON, a value that does not convert. */
    static final String INVALID_REQUEST = "invalid-request";
    /** A path no endpoint serves: the code of a test that does not exist, too. */
    static final String NOT_FOUND = NotFoundException.NOT_FOUND;
    /** A path served, but not for this method. */
    static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    /** An {@code Accept} the endpoint cannot answer. */
    static final String NOT_ACCEPTABLE = "not-acceptable";
    /** A {@code Content-Type} the endpoint does not read. */
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    /** A body over the server's limit ({@code micronaut.server.max-request-size}). */
    static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    /** A request line (method, path and query) over Netty's limit. */
    static final String URI_TOO_LONG = "uri-too-long";
    /** Headers over Netty's limit. */
    static final String HEADERS_TOO_LARGE = "headers-too-large";
    /** Anything the collector did not expect: a bug or an unavailable database. */
    static final String INTERNAL_ERROR = "internal-error";

    /** Where the list of endpoints is, for a client that asked for one that does not exist. */
    static final String OPENAPI_DOCUMENT = "/openapi/test-health-collector-v1.yml";

    /** The property a serde decoding error names, {@code [Instant expiresAt]}: only its name is shown. */
    private static final Pattern DECODED_PROPERTY = Pattern.compile("property \\[[\\w.<>, ]+ (\\w+)]");

    private final NettyHttpServerConfiguration server;

    ApiErrorResponses(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = decoderStatus(context.getRequest()).orElse(response.getStatus());
        ApiError body = body(status, context);
        return response.status(status).body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * The status of a request Netty could not decode. The framework answers every such request 413, as if its
     * body were too large, though a request line or headers over Netty's limits have statuses of their own.
     */
    private static Optional<HttpStatus> decoderStatus(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return Optional.empty();
        }
        DecoderResult result = netty.getNativeRequest().decoderResult();
        if (result.isSuccess()) {
            return Optional.empty();
        }
        if (result.cause() instanceof TooLongHttpLineException) {
            return Optional.of(HttpStatus.REQUEST_URI_TOO_LONG);
        }
        if (result.cause() instanceof TooLongHttpHeaderException) {
            return Optional.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        return Optional.empty();
    }

    private ApiError body(HttpStatus status, ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        String method = context.getRequest().getMethodName();
        return switch (status) {
            case NOT_FOUND -> ApiError.of(NOT_FOUND, "no endpoint answers " + method + " " + path(context.getRequest())
                    + ": the API's endpoints are listed in its OpenAPI document, " + OPENAPI_DOCUMENT);
            case METHOD_NOT_ALLOWED -> ApiError.of(METHOD_NOT_ALLOWED, cause instanceof NotAllowedException e
                    ? method + " is not allowed here: use " + String.join(" or ", e.getAllowedMethods().stream().sorted().toList())
                    + " (the Allow header lists them)"
                    : method + " is not allowed here: the Allow header lists the methods that are");
            case NOT_ACCEPTABLE -> ApiError.of(NOT_ACCEPTABLE, cause instanceof NotAcceptableException e
                    ? "this endpoint answers " + types(e.getProduceableContentTypes()) + ": send Accept: "
                    + types(e.getProduceableContentTypes()) + ", or no Accept header"
                    : "this endpoint cannot answer in the Accept header's types: send Accept: application/json");
            case UNSUPPORTED_MEDIA_TYPE -> ApiError.of(UNSUPPORTED_MEDIA_TYPE, cause instanceof UnsupportedMediaException e
                    ? "this endpoint reads " + types(e.getAcceptableContentTypes()) + ": send the body as "
                    + types(e.getAcceptableContentTypes()) + ", and say so in Content-Type"
                    : "this endpoint does not read a body of this Content-Type: send JSON, as application/json");
            case REQUEST_ENTITY_TOO_LARGE -> ApiError.of(PAYLOAD_TOO_LARGE, "the request body is over the "
                    + server.getMaxRequestSize() + " bytes the server reads (micronaut.server.max-request-size): send"
                    + " less, e.g. a report folder in several uploads");
            case REQUEST_URI_TOO_LONG -> ApiError.of(URI_TOO_LONG, "the request line is over the "
                    + server.getMaxInitialLineLength() + " bytes the server reads"
                    + " (micronaut.server.netty.max-initial-line-length): shorten the path and query parameters;"
                    + " component, branch and the other upload parameters are short names, not file contents");
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> ApiError.of(HEADERS_TOO_LARGE, "the request headers are over the "
                    + server.getMaxHeaderSize() + " bytes the server reads (micronaut.server.netty.max-header-size):"
                    + " send fewer or shorter headers");
            case BAD_REQUEST -> badRequest(cause);
            default -> status.getCode() >= 500
                    ? internalError()
                    : ApiError.of(INVALID_REQUEST, "the request was refused (HTTP " + status.getCode() + " "
                    + status.getReason() + "): check it against the OpenAPI document, " + OPENAPI_DOCUMENT);
        };
    }

    /** The body of a 500: it says nothing of the cause, which is logged. */
    static ApiError internalError() {
        return ApiError.of(INTERNAL_ERROR, "the collector failed to answer this request and logged why; try again,"
                + " and if it fails again tell its operators the time of the request");
    }

    /** A 400 of the framework's: what of the request could not be bound, and where a JSON body broke. */
    private static ApiError badRequest(Throwable cause) {
        JsonProcessingException json = find(cause, JsonProcessingException.class);
        if (json != null && !(cause instanceof ConversionErrorException)) {
            JsonLocation at = json.getLocation();
            boolean located = at != null && at.getLineNr() > 0;
            return new ApiError(INVALID_REQUEST, "the request body is not well-formed JSON"
                    + (located ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "")
                    + ": send one JSON object as the endpoint's request schema in " + OPENAPI_DOCUMENT + " describes",
                    null, located ? at.getLineNr() : null, located && at.getColumnNr() > 0 ? at.getColumnNr() : null);
        }
        if (cause instanceof UnsatisfiedBodyRouteException) {
            return ApiError.of(INVALID_REQUEST, "the request has no body: send a JSON object as the endpoint's request"
                    + " schema in " + OPENAPI_DOCUMENT + " describes");
        }
        if (cause instanceof UnsatisfiedRouteException e) {
            return ApiError.of(INVALID_REQUEST, "the request lacks '" + e.getArgument().getName() + "', which this"
                    + " endpoint needs: see its parameters in " + OPENAPI_DOCUMENT);
        }
        if (cause instanceof ConversionErrorException e) {
            String property = decodedProperty(e);
            return ApiError.of(INVALID_REQUEST, (property == null ? "a value of the request" : "'" + property + "'")
                    + " cannot be read as the type the endpoint takes (times are ISO-8601 instants like"
                    + " 2026-11-26T10:15:30Z, numbers are plain digits): see the endpoint's schema in " + OPENAPI_DOCUMENT);
        }
        return ApiError.of(INVALID_REQUEST, "the request cannot be read: check it against the endpoint's parameters"
                + " and request schema in " + OPENAPI_DOCUMENT);
    }

    /** The JSON property a body's conversion failed on, when the decoder named it. */
    private static String decodedProperty(ConversionErrorException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = DECODED_PROPERTY.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String types(Collection<String> types) {
        return types.isEmpty() ? "application/json" : String.join(" or ", types.stream().sorted().toList());
    }

    /** The request's path, cut short: it is repeated to the client, who may have sent kilobytes of it. */
    private static String path(HttpRequest<?> request) {
        String path = request.getPath();
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}
