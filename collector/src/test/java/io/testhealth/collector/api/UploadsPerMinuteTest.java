package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.SettableClock;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads per client per minute, over HTTP with a clock the test moves: with a limit of 2 a minute, a client's third
 * upload at once is answered 429 {@code upload-rate-exceeded} naming the limit and its setting, with
 * {@code Retry-After} the seconds until the next is allowed, and stores nothing; once that time has passed on the
 * clock the same upload is stored. Other clients keep their own minute.
 *
 * <p>The expected waits by hand: 2 a minute is one upload per 30 s; two sent at {@code t} use the minute up, and the
 * first of them is 30 s old, its share back, at {@code t + 30 s}.
 */
@MicronautTest
@Property(name = "testhealth.ingest.max-uploads-per-minute", value = "2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class UploadsPerMinuteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T18:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Test
    void aThirdUploadInAMinuteIs429WithRetryAfterAndIsStoredOnceItsTimeHasCome() throws Exception {
        Instant t = clock.instant();
        assertEquals(201, upload("rate-a-1", "Bearer team-a").statusCode());
        assertEquals(201, upload("rate-a-2", "Bearer team-a").statusCode());

        HttpResponse<String> third = upload("rate-a-3", "Bearer team-a");
        assertEquals(429, third.statusCode(), third.body());
        JsonNode error = JSON.readTree(third.body());
        assertEquals("upload-rate-exceeded", error.path("error").asText(), third.body());
        assertTrue(error.path("message").asText().contains("2 uploads")
                && error.path("message").asText().contains("testhealth.ingest.max-uploads-per-minute"), third.body());
        assertEquals("30", third.headers().firstValue("Retry-After").orElse(null));
        assertEquals(0, StoredRows.count(store, "uploads", "upload_id", "rate-a-3"));

        // another token is another client, with a minute of its own
        assertEquals(201, upload("rate-b-1", "Bearer team-b").statusCode());

        clock.at(t.plusSeconds(29));
        HttpResponse<String> early = upload("rate-a-3", "Bearer team-a");
        assertEquals(429, early.statusCode(), early.body());
        assertEquals("1", early.headers().firstValue("Retry-After").orElse(null));

        // refusals used nothing up: at 30 s exactly one more is allowed, the next waits its 30 s
        clock.at(t.plusSeconds(30));
        HttpResponse<String> retried = upload("rate-a-3", "Bearer team-a");
        assertEquals(201, retried.statusCode(), retried.body());
        assertEquals(1, StoredRows.count(store, "uploads", "upload_id", "rate-a-3"));
        HttpResponse<String> next = upload("rate-a-4", "Bearer team-a");
        assertEquals(429, next.statusCode(), next.body());
        assertEquals("30", next.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void aClientWithoutATokenIsCountedByItsAddress() throws Exception {
        assertEquals(201, upload("rate-c-1", null).statusCode());
        assertEquals(201, upload("rate-c-2", null).statusCode());
        HttpResponse<String> third = upload("rate-c-3", null);
        assertEquals(429, third.statusCode(), third.body());
        assertEquals("upload-rate-exceeded", JSON.readTree(third.body()).path("error").asText());
        // a token makes the same address another client
        assertEquals(201, upload("rate-c-3", "Bearer team-c").statusCode());
    }

    private HttpResponse<String> upload(String id, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/uploads?component=rated&uploadId="
                        + id)).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<testsuite><testcase classname=\"Rated\" name=\"" + id
                        + "\"/></testsuite>"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
