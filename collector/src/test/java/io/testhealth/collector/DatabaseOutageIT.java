package io.testhealth.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.store.TcpProxy;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged collector on PostgreSQL, its connections going through a TCP proxy that the test stops (every
 * connection cut, new ones refused) while clients keep uploading, and starts again, with the collector's shipped
 * settings: during the outage uploads are answered 503 {@code store-unavailable} with {@code Retry-After} within a
 * few seconds and never 500, scorecards are still read (200, the last reports), {@code /health} answers 503 DOWN;
 * once the proxy is back the same process stores uploads again, with no restart. In the database at the end: every
 * upload answered 201 is there exactly once with all its results, no upload answered 503 is there in part, and no
 * result is without its upload.
 *
 * <p>It prints the time from the cut to the first 503, the slowest 503, and the time from the database's return to
 * the first upload stored again. A 503 comes at once when the upload's pooled connection is cut, and after the pool's
 * connection time-out (3 s) when it waits for a new one. The return takes a few seconds because the pool does not
 * connect for a waiting upload: its one connecting thread retries with a back-off that doubles up to 5 s (HikariCP's,
 * not configurable), and an upload that was waiting meanwhile may still get its 503. {@code -Dtesthealth.test.outage-answer-seconds} widens the bound on a 503's wait
 * (default 10 s: the pool's 3 s connection time-out and a loaded machine) for a measurement on a slower machine.
 *
 * <p>PostgreSQL only: an embedded DuckDB file cannot go away under its own process; the in-process
 * {@code api.DatabaseOutageTest} checks the same answers without the packaging.
 */
final class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENT = "component:default/outage";
    private static final int CLIENTS = 3;
    /** Long enough for every client to be refused several times, and for the health check to see it. */
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final Duration OUTAGE_ANSWER = Duration.ofSeconds(Long.getLong("testhealth.test.outage-answer-seconds", 10));
    /** The pool finds the database again on its next connection attempt: a guard against a hang, not a measure. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String schema = TestPostgres.newSchema("outage_it");
    /** The slowest 503 any upload got, in milliseconds. */
    private final AtomicLong slowest503 = new AtomicLong();

    @AfterEach
    void dropSchema() {
        TestPostgres.dropSchema(schema);
    }

    @Test
    void uploadsAreRefused503DuringAnOutageAndStoredAgainAfterItWithNothingLostOrHalfStored(@TempDir Path folder)
            throws Exception {
        int port = PackagedCollector.freePort();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> wrongAnswers = new ArrayList<>();
        try (TcpProxy proxy = TcpProxy.toServerOf(TestPostgres.url())) {
            Process collector = PackagedCollector.start(folder, port, Map.of("testhealth.store.kind", "postgres",
                    "testhealth.store.postgres.url", proxy.jdbcUrl(TestPostgres.url()),
                    "testhealth.store.postgres.schema", schema));
            try {
                long starting = System.nanoTime();
                PackagedCollector.awaitHealthy(http, port, Duration.ofSeconds(60), collector);
                Duration started = Duration.ofNanos(System.nanoTime() - starting);
                Upload first = upload(port, "before", 3);
                assertEquals(201, first.status(), first.body());
                acknowledged.put("before", 3);
                HttpResponse<String> scorecardBefore = get(port, "/api/v1/components/outage/scorecard");
                assertEquals(200, scorecardBefore.statusCode(), scorecardBefore.body());

                // Clients upload without a pause through the cut and the return, each upload with an id of its own.
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger sequence = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        while (!done.get()) {
                            int n = sequence.incrementAndGet();
                            int tests = 1 + n % 7;
                            Upload u = upload(port, "loop-" + n, tests);
                            statuses.merge(u.status(), 1, Integer::sum);
                            if (u.status() == 201) {
                                acknowledged.put("loop-" + n, tests);
                            } else if (u.status() == 503 && u.refusedAsUnavailable()) {
                                refused.add("loop-" + n);
                            } else {
                                synchronized (wrongAnswers) {
                                    wrongAnswers.add(u.status() + " " + u.retryAfter() + " " + u.body());
                                }
                            }
                        }
                        return null;
                    }));
                }
                awaitSize(acknowledged, 4, RECOVERY);

                long cut = System.nanoTime();
                proxy.stop();
                // An upload sent once the database is gone: how long until it is told so.
                Upload during = upload(port, "during", 2);
                Duration firstRefusal = Duration.ofNanos(System.nanoTime() - cut);
                assertEquals(503, during.status(), during.body());
                assertTrue(during.refusedAsUnavailable(), during.retryAfter() + " " + during.body());
                assertTrue(during.latency().compareTo(OUTAGE_ANSWER) < 0, "503 after " + during.latency());

                HttpResponse<String> scorecard = get(port, "/api/v1/components/outage/scorecard");
                assertEquals(200, scorecard.statusCode(), scorecard.body());
                assertEquals(COMPONENT, JSON.readTree(scorecard.body()).path("ref").asText(), scorecard.body());
                HttpResponse<String> health = get(port, "/health");
                assertEquals(503, health.statusCode(), health.body());
                JsonNode healthBody = JSON.readTree(health.body());
                assertEquals("DOWN", healthBody.path("details").path("store").path("status").asText(), health.body());
                assertFalse(health.body().contains("127.0.0.1") || health.body().contains(schema),
                        "no address or schema in /health: " + health.body());

                long remaining = OUTAGE.toNanos() - (System.nanoTime() - cut);
                if (remaining > 0) {
                    TimeUnit.NANOSECONDS.sleep(remaining);
                }
                int acknowledgedBeforeReturn = acknowledged.size();
                long back = System.nanoTime();
                proxy.start();
                // The CI job's retry: the refused upload again, as it was, until it is stored.
                Upload retried = upload(port, "during", 2);
                int retries = 1;
                while (retried.status() == 503 && System.nanoTime() - back < RECOVERY.toNanos()) {
                    retries++;
                    assertTrue(retried.refusedAsUnavailable(), retried.retryAfter() + " " + retried.body());
                    Thread.sleep(100);
                    retried = upload(port, "during", 2);
                }
                Duration recovery = Duration.ofNanos(System.nanoTime() - back);
                assertEquals(201, retried.status(), "not stored again within " + RECOVERY + ": " + retried.body());
                acknowledged.put("during", 2);
                awaitSize(acknowledged, acknowledgedBeforeReturn + 1 + 2 * CLIENTS, RECOVERY);
                PackagedCollector.awaitHealthy(http, port, RECOVERY, collector);
                Duration healthy = Duration.ofNanos(System.nanoTime() - back);

                done.set(true);
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                clients.shutdown();
                assertTrue(collector.isAlive(), "the collector exited");
                assertEquals(List.of(), wrongAnswers, "answers other than 201 and 503 store-unavailable");
                assertTrue(refused.size() >= CLIENTS, "the clients were refused too seldom to test anything: " + statuses);

                Map<String, long[]> stored = storedUploads();
                for (Map.Entry<String, Integer> a : acknowledged.entrySet()) {
                    long[] row = stored.get(a.getKey());
                    assertTrue(row != null, "acknowledged upload " + a.getKey() + " is not stored");
                    assertEquals(1, row[0], "rows of acknowledged upload " + a.getKey());
                    assertEquals(a.getValue().longValue(), row[2], "results of acknowledged upload " + a.getKey());
                }
                int refusedYetStored = 0;
                for (String id : refused) {
                    long[] row = stored.get(id);
                    if (row != null) {
                        // cut after the commit reached the server, before its answer came back: whole, or not at all
                        refusedYetStored++;
                        assertEquals(row[1], row[2], "refused upload " + id + " is stored in part");
                    }
                }
                for (Map.Entry<String, long[]> s : stored.entrySet()) {
                    assertTrue(acknowledged.containsKey(s.getKey()) || refused.contains(s.getKey()),
                            "stored but never sent: " + s.getKey());
                }
                assertEquals(0, count("SELECT count(*) FROM test_results t WHERE NOT EXISTS (SELECT 1 FROM uploads u"
                        + " WHERE u.upload_id = t.upload_id AND u.component = t.component)"), "results without their upload");

                System.out.println("DatabaseOutageIT: healthy " + started.toMillis() + " ms after the start; first 503 " + firstRefusal.toMillis() + " ms after the cut, slowest 503 "
                        + slowest503.get() + " ms; stored again " + recovery.toMillis() + " ms after the database's return (attempt "
                        + retries + "), /health"
                        + " 200 after " + healthy.toMillis() + " ms; statuses " + new TreeMap<>(statuses) + "; "
                        + acknowledged.size() + " acknowledged, " + refused.size() + " refused (" + refusedYetStored
                        + " of them stored whole by a commit whose answer was cut)");
                assertTrue(slowest503.get() < OUTAGE_ANSWER.toMillis(), "a 503 took " + slowest503.get() + " ms");
            } finally {
                collector.destroy();
                if (!collector.waitFor(30, TimeUnit.SECONDS)) {
                    collector.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private record Upload(int status, String retryAfter, String body, Duration latency) {
        boolean refusedAsUnavailable() {
            // Retry-After in seconds (RFC 9110 allows a date too; a CI job's retry loop reads seconds)
            return status == 503 && retryAfter != null && retryAfter.matches("[1-9][0-9]?")
                    && body.contains("\"error\":\"store-unavailable\"");
        }
    }

    private Upload upload(int port, String id, int tests) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"Outage\">");
        for (int i = 0; i < tests; i++) {
            xml.append("<testcase classname=\"com.acme.Outage\" name=\"").append(id).append('-').append(i)
                    .append("\" time=\"0.0").append(i).append("\"/>");
        }
        xml.append("</testsuite>");
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/uploads?component=outage&pipeline=" + id + "&uploadId=" + id))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(xml.toString())).build(), HttpResponse.BodyHandlers.ofString());
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (r.statusCode() == 503) {
                slowest503.accumulateAndGet(latency.toMillis(), Math::max);
            }
            return new Upload(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body(), latency);
        } catch (IOException e) {
            throw new AssertionError("upload " + id + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(OUTAGE_ANSWER).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Per upload id: its rows in {@code uploads}, the results its row says it has, the result rows it has. */
    private Map<String, long[]> storedUploads() throws SQLException {
        Map<String, long[]> stored = new HashMap<>();
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            c.setSchema(schema);
            try (ResultSet rs = s.executeQuery("SELECT u.upload_id, count(*), max(u.test_results), max((SELECT count(*)"
                    + " FROM test_results t WHERE t.upload_id = u.upload_id AND t.component = u.component)) FROM uploads u"
                    + " WHERE u.component = '" + COMPONENT + "' GROUP BY u.upload_id")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return stored;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            c.setSchema(schema);
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitSize(Map<?, ?> map, int size, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (map.size() < size) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + size + " uploads acknowledged within " + timeout);
            Thread.sleep(20);
        }
    }
}
