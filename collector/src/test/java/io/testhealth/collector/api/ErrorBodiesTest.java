package io.testhealth.collector.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the API answers has one JSON body, {@code error} and {@code message} (see {@link ApiError}), whoever
 * refuses the request: the collector's own checks, the framework's router and body binding, Netty's decoder, or a
 * bug. Each request is sent over HTTP to the running application, as a client would send it.
 */
@MicronautTest
@Property(name = "spec.name", value = "ErrorBodiesTest")
@Property(name = "micronaut.server.max-request-size", value = ErrorBodiesTest.MAX_REQUEST_BYTES)
final class ErrorBodiesTest {

    /** The framework's body limit in this test: 1 MiB, so that a 2 MiB quarantine body is over it. */
    static final String MAX_REQUEST_BYTES = "1048576";

    /** Where an answer would give away how the collector is built: class names of Java, its libraries or ours. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.micronaut|io\\.netty|com\\.fasterxml|io\\.testhealth|org\\.duckdb)\\.[a-z]"
                    + "|Exception|\\tat |\\$\\{|\\[Source:");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A test id that no upload produced; the body is refused before the controller looks it up. */
    private static final String TEST_ID = "0123456789abcdef";

    @Inject
    EmbeddedServer server;

    /** An answer as the client received it. */
    private record Answer(int status, Optional<String> contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type"), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery));
    }

    /**
     * Checks the one shape: the status, {@code application/json}, a stable {@code error} code, a message, none of
     * the framework's HATEOAS fields and nothing of the implementation.
     */
    private static void assertApiError(Answer a, int status, String code) {
        assertEquals(status, a.status(), a.body());
        JsonNode json = a.json();
        List<String> fields = new java.util.ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertAll(
                () -> assertTrue(a.contentType().orElse("").startsWith("application/json"), a.contentType().toString()),
                () -> assertEquals(code, json.path("error").asText(), a.body()),
                () -> assertTrue(json.path("message").asText().length() > 20, "a sentence saying what to do: " + a.body()),
                () -> assertTrue(List.of("error", "message", "file", "line", "column").containsAll(fields),
                        "only the fields of ApiError: " + fields),
                () -> assertFalse(a.body().contains("_links") || a.body().contains("_embedded"), a.body()),
                () -> assertFalse(INTERNALS.matcher(a.body()).find(), "nothing of the implementation: " + a.body()));
    }

    @Test
    void anEmptyUploadIsAMalformedReportNotABindingError() {
        Answer raw = send(request("/api/v1/uploads?component=empty-body").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.noBody()));
        Answer zip = send(request("/api/v1/uploads?component=empty-zip").header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])));
        assertApiError(raw, 400, "malformed-report");
        assertApiError(zip, 400, "malformed-report");
        assertTrue(raw.json().path("message").asText().contains("empty"), raw.body());
    }

    @Test
    void malformedJsonIsAnInvalidRequestLocatedInTheBody() {
        Answer a = send(request("/api/v1/tests/" + TEST_ID + "/quarantine").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"by\": \"ann\",\n \"reason\": flaky}")));
        assertApiError(a, 400, "invalid-request");
        assertTrue(a.json().path("message").asText().contains("JSON"), a.body());
        assertEquals(2, a.json().path("line").asInt(), "the broken value is on the body's second line: " + a.body());
    }

    @Test
    void aMissingJsonBodyIsAnInvalidRequest() {
        Answer a = send(request("/api/v1/tests/" + TEST_ID + "/quarantine").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertApiError(a, 400, "invalid-request");
    }

    @Test
    void aJsonValueOfTheWrongTypeIsAnInvalidRequest() {
        Answer a = send(request("/api/v1/tests/" + TEST_ID + "/quarantine").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"by\":\"ann\",\"reason\":\"slow\",\"expiresAt\":\"next week\"}")));
        assertApiError(a, 400, "invalid-request");
    }

    @Test
    void aMethodTheRouteDoesNotTakeIsNotAllowed() {
        Answer a = send(request("/api/v1/uploads").DELETE());
        assertApiError(a, 405, "method-not-allowed");
        assertEquals(Optional.of("POST"), a.raw().headers().firstValue("Allow"));
        assertTrue(a.json().path("message").asText().contains("POST"), a.body());
    }

    @Test
    void anAcceptTheEndpointCannotAnswerIsNotAcceptable() {
        Answer a = send(request("/api/v1/components").header("Accept", "text/csv").GET());
        assertApiError(a, 406, "not-acceptable");
        assertTrue(a.json().path("message").asText().contains("application/json"), a.body());
    }

    @Test
    void aBodyTypeTheEndpointDoesNotReadIsUnsupported() {
        Answer a = send(request("/api/v1/tests/" + TEST_ID + "/quarantine").header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("by=ann")));
        assertApiError(a, 415, "unsupported-media-type");
        assertTrue(a.json().path("message").asText().contains("application/json"), a.body());
    }

    @Test
    void anUnknownPathIsNotFound() {
        Answer a = send(request("/api/v1/scorecards/payments").GET());
        assertApiError(a, 404, "not-found");
        assertTrue(a.json().path("message").asText().contains("/openapi/"), "points at the list of endpoints: " + a.body());
    }

    @Test
    void aTenKilobyteUriIsTooLongNotTooLarge() {
        Answer a = send(request("/api/v1/uploads?component=" + "c".repeat(10 * 1024))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<testsuite/>")));
        assertApiError(a, 414, "uri-too-long");
    }

    @Test
    void sixtyFourKilobytesOfHeadersAreTooLargeHeadersNotATooLargeBody() {
        Answer a = send(request("/api/v1/components").header("X-Padding", "p".repeat(64 * 1024)).GET());
        assertApiError(a, 431, "headers-too-large");
    }

    @Test
    void aBodyOverTheServersLimitIsPayloadTooLarge() {
        byte[] body = ("{\"by\":\"ann\",\"reason\":\"" + "r".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Answer a = send(request("/api/v1/tests/" + TEST_ID + "/quarantine").header("Content-Type", "application/json")
                .expectContinue(true).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertApiError(a, 413, "payload-too-large");
        assertTrue(a.json().path("message").asText().contains(MAX_REQUEST_BYTES), a.body());
    }

    @Test
    void anUnexpectedExceptionIsAGenericInternalErrorLoggedWithItsStackTrace() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        Answer a;
        try {
            a = send(request("/api/v1/faulty").GET());
        } finally {
            root.detachAppender(log);
        }
        assertApiError(a, 500, "internal-error");
        assertFalse(a.body().contains("db.internal") || a.body().contains("admin"), a.body());
        assertTrue(log.list.stream().anyMatch(e -> e.getThrowableProxy() != null
                        && FaultyController.SECRET.equals(e.getThrowableProxy().getMessage())
                        && e.getThrowableProxy().getStackTraceElementProxyArray().length > 0),
                "the exception is logged with its stack trace");
    }

    @Test
    void theCollectorsOwnRefusalsHaveTheSameShape() {
        Answer unknown = send(request("/api/v1/components/never-uploaded/scorecard").GET());
        Answer badLayer = send(request("/api/v1/uploads?component=shape&layer=huge").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<testsuite/>")));
        assertApiError(unknown, 404, "unknown-component");
        assertApiError(badLayer, 400, "invalid-request");
    }
}
