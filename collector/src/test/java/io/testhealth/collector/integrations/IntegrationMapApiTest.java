package io.testhealth.collector.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integration map as a team reads it: test spans and staging spans sent over OTLP/HTTP (JSON), then
 * {@code GET /api/v1/components/checkout/integrations}. Once per store.
 *
 * <p>The spans, and the map they imply (worked out by hand from the rules in {@code traces.IntegrationEdges},
 * {@code traces.ContractTests} and {@link IntegrationMap}):
 * <ul>
 *   <li>test {@code CheckoutIT.paysOrder} (passes) calls {@code peer.service=payments} over HTTP and PostgreSQL;</li>
 *   <li>test {@code PaymentsPactTest.createsCharge} (fails) has {@code pact.provider=payments} and calls the Pact
 *       mock on localhost: a Pact test covering checkout → payments, and an edge checkout → host localhost;</li>
 *   <li>test {@code CartTest.adds} calls nothing: on no edge;</li>
 *   <li>staging spans of checkout: gRPC to inventory, a Kafka producer, HTTP to payments, and a server span (no
 *       edge); staging spans of ledger calling checkout; production spans of checkout calling fraud (production is
 *       not observed: ignored).</li>
 * </ul>
 * Edges: checkout→postgresql, →localhost, →kafka, →inventory, →payments, ledger→checkout: 6. Untested: kafka,
 * inventory, ledger→checkout: 3. With a contract: localhost and payments (both exercised by the Pact test): 2 of 6;
 * service edges inventory, payments, ledger→checkout: 1 of 3 with a contract.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.traces.observed-environments", value = "staging,qa")
final class IntegrationMapApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private final HttpClient http = HttpClient.newHttpClient();
    private final long t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2)).getEpochSecond()
            * 1_000_000_000L;

    private record Reply(int status, JsonNode json) {
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    private Reply post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/traces"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build());
    }

    private static String attr(String key, String value) {
        return "{\"key\": \"" + key + "\", \"value\": {\"stringValue\": \"" + value + "\"}}";
    }

    /** One span; {@code kind} 2 server, 3 client, 4 producer. */
    private String span(int id, int parent, int kind, long startMillis, String... attributes) {
        long start = t0 + startMillis * 1_000_000L;
        return "{\"traceId\": \"" + TRACE + "\", \"spanId\": \"" + "%016x".formatted(id) + "\""
                + (parent == 0 ? "" : ", \"parentSpanId\": \"" + "%016x".formatted(parent) + "\"")
                + ", \"name\": \"s" + id + "\", \"kind\": " + kind + ", \"startTimeUnixNano\": \"" + start
                + "\", \"endTimeUnixNano\": \"" + (start + 50_000_000L) + "\", \"attributes\": ["
                + String.join(", ", attributes) + "]}";
    }

    private static String request(List<String> resource, List<String> spans) {
        return "{\"resourceSpans\": [{\"resource\": {\"attributes\": [" + String.join(", ", resource)
                + "]}, \"scopeSpans\": [{\"spans\": [" + String.join(", ", spans) + "]}]}]}";
    }

    private String testRun() {
        List<String> spans = new ArrayList<>();
        spans.add(span(0x10, 0, 1, 0, attr("test.case.name", "com.shop.CheckoutIT.paysOrder"),
                attr("test.suite.name", "com.shop.CheckoutIT"), attr("test.case.result.status", "pass")));
        spans.add(span(0x11, 0x10, 3, 10, attr("http.request.method", "POST"), attr("peer.service", "payments")));
        spans.add(span(0x12, 0x10, 3, 20, attr("db.system.name", "postgresql")));
        spans.add(span(0x20, 0, 1, 1_000, attr("test.case.name", "com.shop.PaymentsPactTest.createsCharge"),
                attr("test.suite.name", "com.shop.PaymentsPactTest"), attr("pact.provider", "payments"),
                attr("test.case.result.status", "fail")));
        spans.add(span(0x21, 0x20, 3, 1_010, attr("http.method", "GET"), attr("server.address", "localhost")));
        spans.add(span(0x30, 0, 1, 2_000, attr("test.case.name", "com.shop.CartTest.adds"),
                attr("test.suite.name", "com.shop.CartTest"), attr("test.case.result.status", "pass")));
        return request(List.of(attr("service.name", "checkout"), attr("cicd.pipeline.run.id", "p-41")), spans);
    }

    private String staging() {
        String checkout = request(List.of(attr("service.name", "checkout"), attr("deployment.environment.name", "staging")),
                List.of(span(0x40, 0, 2, 5_000, attr("http.request.method", "POST")),
                        span(0x41, 0x40, 3, 5_010, attr("rpc.system", "grpc"), attr("peer.service", "inventory")),
                        span(0x42, 0x40, 4, 5_020, attr("messaging.system", "kafka")),
                        span(0x43, 0x40, 3, 5_030, attr("http.method", "POST"), attr("peer.service", "payments"))));
        String ledger = request(List.of(attr("service.name", "ledger"), attr("deployment.environment", "staging")),
                List.of(span(0x50, 0, 3, 6_000, attr("http.request.method", "GET"), attr("peer.service", "checkout"))));
        String production = request(List.of(attr("service.name", "checkout"), attr("deployment.environment.name", "production")),
                List.of(span(0x60, 0, 3, 7_000, attr("http.request.method", "GET"), attr("peer.service", "fraud"))));
        return "{\"resourceSpans\": [" + inner(checkout) + ", " + inner(ledger) + ", " + inner(production) + "]}";
    }

    private static String inner(String request) {
        return request.substring("{\"resourceSpans\": [".length(), request.length() - 2);
    }

    private Map<String, JsonNode> edgesByName(JsonNode answer) {
        Map<String, JsonNode> out = new HashMap<>();
        answer.path("edges").forEach(e -> out.put(e.path("caller").asText() + ">" + e.path("kind").asText() + ":"
                + e.path("target").asText(), e));
        return out;
    }

    private static JsonNode test(JsonNode edge, String name) {
        for (JsonNode t : edge.path("tests")) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no test " + name + " on " + edge);
    }

    @Test
    void testSpansAndStagingSpansMakeTheMapWithUntestedPointsAndContractShare() throws Exception {
        assertEquals(200, post(testRun()).status());
        assertEquals(200, post(staging()).status());
        // an exporter's retry of the same batch changes nothing
        assertEquals(200, post(testRun()).status());
        scorecards.refreshAll();

        Reply r = get("/api/v1/components/checkout/integrations");
        assertEquals(200, r.status(), r.json().toString());
        Map<String, JsonNode> edges = edgesByName(r.json());
        JsonNode payments = edges.get("checkout>service:payments");
        JsonNode db = edges.get("checkout>database:postgresql");
        JsonNode local = edges.get("checkout>host:localhost");
        JsonNode coverage = r.json().path("contractCoverage");
        assertAll(
                () -> assertEquals("component:default/checkout", r.json().path("component").asText()),
                () -> assertEquals(List.of("checkout>database:postgresql", "checkout>host:localhost",
                        "checkout>messaging:kafka", "checkout>service:inventory", "checkout>service:payments",
                        "ledger>service:checkout"), names(r.json())),
                () -> assertEquals(3, r.json().path("untestedIntegrationPoints").asInt()),
                () -> assertEquals(false, edges.get("checkout>service:inventory").path("tested").asBoolean()),
                () -> assertEquals("[\"grpc\"]", edges.get("checkout>service:inventory").path("protocols").toString()),
                () -> assertEquals("[\"staging\"]", edges.get("ledger>service:checkout").path("observedIn").toString()),
                () -> assertEquals(true, payments.path("tested").asBoolean()),
                () -> assertEquals(true, payments.path("hasContract").asBoolean()),
                () -> assertEquals("[\"http\",\"pact\"]", payments.path("protocols").toString()),
                () -> assertEquals("[\"staging\"]", payments.path("observedIn").toString()),
                () -> assertEquals(2, payments.path("tests").size()),
                () -> assertEquals("passed", test(payments, "paysOrder").path("lastStatus").asText()),
                () -> assertEquals("e2e", test(payments, "paysOrder").path("observedLayer").asText()),
                () -> assertTrue(test(payments, "paysOrder").path("contract").isNull()),
                () -> assertTrue(test(payments, "paysOrder").hasNonNull("state"), payments.toString()),
                () -> assertEquals("failed", test(payments, "createsCharge").path("lastStatus").asText()),
                () -> assertEquals("pact", test(payments, "createsCharge").path("contract").asText()),
                () -> assertEquals("integration", test(local, "createsCharge").path("observedLayer").asText()),
                () -> assertEquals(false, db.path("hasContract").asBoolean()),
                () -> assertEquals(1, db.path("tests").size()),
                () -> assertEquals(6, coverage.path("edges").asInt()),
                () -> assertEquals(2, coverage.path("edgesWithContract").asInt()),
                () -> assertEquals(2.0 / 6, coverage.path("share").asDouble(), 1e-12),
                () -> assertEquals(3, coverage.path("serviceEdges").asInt()),
                () -> assertEquals(1, coverage.path("serviceEdgesWithContract").asInt()),
                () -> assertEquals(1.0 / 3, coverage.path("serviceShare").asDouble(), 1e-12));

        // ledger's own map has the one edge it calls, untested
        Reply ledger = get("/api/v1/components/ledger/integrations");
        assertEquals(200, ledger.status(), ledger.json().toString());
        assertEquals(List.of("ledger>service:checkout"), names(ledger.json()));
        assertTrue(ledger.json().path("contractCoverage").path("share").asDouble() == 0.0);
    }

    /**
     * A test's page shows the layer its spans showed beside the declared one: paysOrder called payments
     * ({@code peer.service}: e2e) and PostgreSQL in its one run from spans (the resent batch is the same run), and its
     * spans are on those two edges; CartTest.adds had spans but no call inside and no agent on its resource: unknown,
     * not unit.
     */
    @Test
    void aTestsDetailHasTheLayerItsSpansShowed() throws Exception {
        assertEquals(200, post(testRun()).status());
        assertEquals(200, post(testRun()).status());
        scorecards.refreshAll();
        Map<String, String> ids = new HashMap<>();
        Reply tests = get("/api/v1/components/checkout/tests?state=all&limit=50");
        assertEquals(200, tests.status(), tests.json().toString());
        tests.json().path("tests").forEach(t -> ids.put(t.path("name").asText(), t.path("testId").asText()));

        JsonNode pays = get("/api/v1/tests/" + ids.get("paysOrder")).json().path("observed");
        JsonNode adds = get("/api/v1/tests/" + ids.get("adds")).json().path("observed");
        assertAll(
                () -> assertEquals("e2e", pays.path("layer").asText(), pays.toString()),
                () -> assertEquals(1, pays.path("runs").asInt()),
                () -> assertEquals(2, pays.path("edges").asInt()),
                () -> assertEquals("[\"calls service payments\",\"database postgresql\"]", pays.path("evidence").toString()),
                () -> assertEquals("unknown", adds.path("layer").asText(), adds.toString()),
                () -> assertEquals(1, adds.path("runs").asInt()),
                () -> assertEquals(0, adds.path("edges").asInt()),
                () -> assertEquals(0, adds.path("evidence").size()));
    }

    private static List<String> names(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("edges").forEach(e -> out.add(e.path("caller").asText() + ">" + e.path("kind").asText() + ":"
                + e.path("target").asText()));
        return out;
    }

    @Test
    void anUnknownComponentIsAJsonErrorAsEverywhereInTheApi() throws Exception {
        Reply unknown = get("/api/v1/components/nobody-calls-me/integrations");
        Reply bad = get("/api/v1/components/" + "x".repeat(300) + "/integrations");
        assertAll(
                () -> assertEquals(404, unknown.status()),
                () -> assertEquals("unknown-component", unknown.json().path("error").asText()),
                () -> assertTrue(unknown.json().path("message").asText().contains("nobody-calls-me")),
                () -> assertEquals(400, bad.status(), bad.json().toString()),
                () -> assertEquals("invalid-request", bad.json().path("error").asText()));
    }
}
