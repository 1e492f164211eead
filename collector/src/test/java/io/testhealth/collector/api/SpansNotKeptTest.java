package io.testhealth.collector.api;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code testhealth.retention.spans-days: 0} keeps no raw spans: the test runs are stored, their spans are not. */
@MicronautTest
@Property(name = "testhealth.retention.spans-days", value = "0")
final class SpansNotKeptTest {

    @Inject
    EmbeddedServer server;
    @Inject
    TestHistoryStore store;

    @Test
    void testSpansBecomeResultsAndNoRawSpansAreKept() throws Exception {
        long t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1)).getEpochSecond() * 1_000_000_000L;
        String body = """
                {"resourceSpans": [{"resource": {"attributes": [
                  {"key": "service.name", "value": {"stringValue": "unkept-spans"}}]},
                 "scopeSpans": [{"spans": [
                  {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "0000000000000010", "name": "saves",
                   "kind": 1, "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "attributes": [
                     {"key": "test.case.name", "value": {"stringValue": "com.acme.OrdersIT.saves"}}]},
                  {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "0000000000000011",
                   "parentSpanId": "0000000000000010", "name": "SELECT", "kind": 3, "startTimeUnixNano": "%d",
                   "endTimeUnixNano": "%d", "attributes": [
                     {"key": "db.system.name", "value": {"stringValue": "postgresql"}}]}]}]}]}
                """.formatted(t, t + 50_000_000L, t + 1_000_000L, t + 2_000_000L);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/traces")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, StoredRows.count(store, "test_results", "component", "component:default/unkept-spans"));
        assertEquals(0, StoredRows.count(store, "test_spans", "component", "component:default/unkept-spans"));
    }
}
