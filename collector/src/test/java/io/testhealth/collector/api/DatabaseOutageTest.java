package io.testhealth.collector.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.testhealth.collector.store.TcpProxy;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away under a running collector (a TCP proxy between them is stopped) and comes back: uploads are
 * answered 503 with {@code Retry-After} in seconds, not after the pool's old 30 s and not 500; the stored reports are
 * still read; {@code /health} says the store is down; after the database is back, uploads are stored again and every
 * upload that was acknowledged is there.
 *
 * <p>PostgreSQL only: the embedded DuckDB file cannot go away under its own process.
 */
final class DatabaseOutageTest {

    /** What "within a few seconds" must not exceed on a loaded machine: the old pool alone waited 30 s. */
    private static final Duration OUTAGE_ANSWER = Duration.ofSeconds(20);
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private final ExecutorService waiting = Executors.newCachedThreadPool();
    private final String schema = TestPostgres.newSchema("outage");

    @AfterEach
    void dropSchema() {
        waiting.shutdownNow();
        TestPostgres.dropSchema(schema);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a hang, not a measure
    void uploadsAreAnswered503DuringAnOutageReadsGoOnAndNothingAcknowledgedIsLost() throws Exception {
        Path spool = Files.createTempDirectory("testhealth-outage-");
        try (TcpProxy proxy = TcpProxy.toServerOf(TestPostgres.url());
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "testhealth.store.kind", "postgres",
                     "testhealth.store.postgres.url", proxy.jdbcUrl(TestPostgres.url()),
                     "testhealth.store.postgres.schema", schema,
                     "testhealth.store.postgres.connection-timeout", "2s",
                     "testhealth.analysis.refresh-delay", "1",
                     "testhealth.ingest.spool-dir", spool.toString()), "test")) {
            CollectorClient client = new CollectorClient(server.getURL());
            List<String> acknowledged = new ArrayList<>();

            CollectorClient.Reply before = client.upload("component=outage&uploadId=before", report("Before", 3), "application/xml");
            assertEquals(201, before.status(), before.json().toString());
            acknowledged.add("before");
            awaitStatus(200, () -> client.get("/api/v1/components/outage/scorecard", null).status(), RECOVERY);

            proxy.stop();

            Answer during = within(OUTAGE_ANSWER, () -> post(server, "component=outage&uploadId=during", report("During", 2)));
            assertEquals(503, during.status(), during.body());
            assertTrue(during.body().contains("\"error\":\"store-unavailable\""), during.body());
            assertEquals(String.valueOf(StoreErrorHandler.RETRY_AFTER_SECONDS), during.retryAfter());

            CollectorClient.Text scorecard = within(OUTAGE_ANSWER, () -> client.get("/api/v1/components/outage/scorecard", null));
            assertEquals(200, scorecard.status(), scorecard.body());
            assertEquals("component:default/outage", scorecard.json().path("ref").asText(), scorecard.body());
            CollectorClient.Text components = within(OUTAGE_ANSWER, () -> client.get("/api/v1/components", null));
            assertEquals(200, components.status(), components.body());

            CollectorClient.Text health = within(OUTAGE_ANSWER, () -> client.get("/health", null));
            assertEquals(503, health.status(), health.body());
            assertEquals("DOWN", health.json().path("status").asText(), health.body());
            assertEquals("DOWN", health.json().path("details").path("store").path("status").asText(), health.body());

            proxy.start();

            // the CI job's retry: the same upload again, until the database answers
            awaitStatus(201, () -> post(server, "component=outage&uploadId=during", report("During", 2)).status(), RECOVERY);
            acknowledged.add("during");
            CollectorClient.Reply after = client.upload("component=outage&uploadId=after", report("After", 4), "application/xml");
            assertEquals(201, after.status(), after.json().toString());
            acknowledged.add("after");
            assertEquals(200, client.get("/health", null).status());

            // every acknowledged upload whole: 3 + 2 + 4 test results, in three uploads
            assertEquals(acknowledged, stored("SELECT upload_id FROM uploads WHERE component = 'component:default/outage'"
                    + " ORDER BY CASE upload_id WHEN 'before' THEN 1 WHEN 'during' THEN 2 ELSE 3 END"));
            assertEquals(List.of("9"), stored("SELECT count(*) FROM test_results"));
        }
    }

    private static byte[] report(String suite, int tests) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + suite + "\">");
        for (int i = 0; i < tests; i++) {
            xml.append("<testcase classname=\"").append(suite).append("\" name=\"t").append(i).append("\" time=\"0.")
                    .append(i + 1).append("\"/>");
        }
        return xml.append("</testsuite>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private record Answer(int status, String retryAfter, String body) {
    }

    private static Answer post(EmbeddedServer server, String query, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/uploads?" + query))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> stored(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect()) {
            c.setSchema(schema);
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }

    private <T> T within(Duration deadline, Supplier<T> call) throws Exception {
        return CompletableFuture.supplyAsync(call, waiting).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitStatus(int expected, Supplier<Integer> call, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        int last = call.get();
        while (last != expected) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + expected + " within " + deadline + ", last " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            last = call.get();
        }
    }
}
