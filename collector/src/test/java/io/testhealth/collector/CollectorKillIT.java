package io.testhealth.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged collector ({@code target/collector.jar}, built by {@code mvn package}) killed with SIGKILL in the
 * middle of uploads, five times, on each store (one DuckDB file; one PostgreSQL schema): after each restart it
 * answers {@code /health} within 10 s, and at the end every upload the clients saw acknowledged (201) is stored whole,
 * with as many results as it was sent, and nothing is stored partly (an upload's receipt and its result rows agree,
 * and no result is without its upload).
 */
final class CollectorKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 5;
    private static final int CLIENTS = 4;
    /**
     * Longest time from starting the process again to its first healthy answer. 10 s by default; a loaded machine
     * (the JVM's own start is most of it) may pass {@code -Dtesthealth.test.restart-seconds} to measure anyway.
     */
    private static final Duration RESTART_BOUND = Duration.ofSeconds(Long.getLong("testhealth.test.restart-seconds", 10));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Where the collector under test keeps its history, and how the test reads it afterwards. */
    enum Store {
        DUCKDB, POSTGRES
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void acknowledgedUploadsSurviveKillNineAndNothingIsHalfStored(Store kind, @TempDir Path folder) throws Exception {
        Database database = new Database(kind, folder);
        try {
            killAndRestart(database, folder);
        } finally {
            database.drop();
        }
    }

    private void killAndRestart(Database database, Path folder) throws Exception {
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger sequence = new AtomicInteger();
        List<Duration> restarts = new ArrayList<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

        for (int round = 0; round < ROUNDS; round++) {
            int port = PackagedCollector.freePort();
            long start = System.nanoTime();
            Process collector = start(folder, database, port);
            try {
                PackagedCollector.awaitHealthy(http, port, Duration.ofSeconds(60), collector);
                if (round > 0) {
                    // the first start is a cold one on an empty file; every later one follows a kill
                    restarts.add(Duration.ofNanos(System.nanoTime() - start));
                }
                // Clients upload until the kill; each upload has its own id and 1 to 40 test cases.
                AtomicBoolean killed = new AtomicBoolean();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                for (int c = 0; c < CLIENTS; c++) {
                    clients.submit(() -> {
                        while (!killed.get()) {
                            int n = sequence.incrementAndGet();
                            int tests = 1 + n % 40;
                            String id = "kill-" + n;
                            try {
                                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                + "/api/v1/uploads?component=crash-" + (n % 3) + "&pipeline=p" + n + "&uploadId=" + id))
                                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/xml")
                                        .POST(HttpRequest.BodyPublishers.ofString(report(n, tests))).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                statuses.merge(r.statusCode(), 1, Integer::sum);
                                if (r.statusCode() == 201) {
                                    JsonNode body = JSON.readTree(r.body());
                                    assertEquals(tests, body.path("testResults").asInt(), r.body());
                                    acknowledged.put(id, tests);
                                }
                            } catch (IOException e) {
                                // the kill: this upload was never acknowledged
                            }
                        }
                        return null;
                    });
                }
                // Kill while uploads are under way: once this round has seen a few acknowledgements (a fresh JVM on
                // a busy machine answers its first uploads slowly), a little later each round.
                int before = acknowledged.size();
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged.size() < before + 3 && System.nanoTime() < waitUntil) {
                    Thread.sleep(20);
                }
                Thread.sleep(50L * round);
                collector.destroyForcibly();
                killed.set(true);
                collector.waitFor(30, TimeUnit.SECONDS);
                clients.shutdown();
                assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
            } finally {
                collector.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        // One last start: it must open the file left by the last kill, then stop cleanly so the file can be read.
        int port = PackagedCollector.freePort();
        long start = System.nanoTime();
        Process last = start(folder, database, port);
        PackagedCollector.awaitHealthy(http, port, Duration.ofSeconds(60), last);
        restarts.add(Duration.ofNanos(System.nanoTime() - start));
        last.destroy();
        assertTrue(last.waitFor(30, TimeUnit.SECONDS));

        assertTrue(acknowledged.size() >= ROUNDS, "too few uploads were acknowledged to test anything: " + acknowledged.size() + ", statuses " + statuses);
        Map<String, long[]> stored = new HashMap<>();
        long orphans;
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT u.upload_id, u.test_results, (SELECT count(*) FROM test_results t"
                    + " WHERE t.upload_id = u.upload_id AND t.component = u.component) FROM uploads u")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM test_results t WHERE NOT EXISTS (SELECT 1 FROM uploads u"
                    + " WHERE u.upload_id = t.upload_id AND u.component = t.component)")) {
                rs.next();
                orphans = rs.getLong(1);
            }
        }
        for (Map.Entry<String, Integer> a : acknowledged.entrySet()) {
            long[] row = stored.get(a.getKey());
            assertTrue(row != null, "acknowledged upload " + a.getKey() + " is not stored");
            assertEquals(a.getValue().longValue(), row[1], "results of acknowledged upload " + a.getKey());
        }
        for (Map.Entry<String, long[]> u : stored.entrySet()) {
            assertEquals(u.getValue()[0], u.getValue()[1], "upload " + u.getKey() + " is stored partly");
        }
        assertEquals(0, orphans, "results without their upload");
        for (Duration d : restarts) {
            assertTrue(d.compareTo(RESTART_BOUND) < 0, "a restart took " + d + "; all: " + restarts);
        }
        System.out.println("CollectorKillIT on " + database.kind + ": " + ROUNDS + " kills, " + acknowledged.size()
                + " acknowledged uploads, "
                + stored.size() + " stored, statuses " + statuses + ", restarts " + restarts);
    }

    private static Process start(Path folder, Database database, int port) throws IOException {
        return PackagedCollector.start(folder, port, database.settings());
    }

    /** One store's database for one run of the test: a DuckDB file in its folder, or a PostgreSQL schema of its own. */
    private static final class Database {
        private final Store kind;
        private final Path file;
        private final String schema;

        Database(Store kind, Path folder) {
            this.kind = kind;
            this.file = folder.resolve("testhealth.duckdb");
            this.schema = kind == Store.POSTGRES ? TestPostgres.newSchema("kill_it") : null;
        }

        Map<String, String> settings() {
            return kind == Store.DUCKDB
                    ? Map.of("testhealth.store.kind", "duckdb", "testhealth.store.duckdb.path", file.toString())
                    : Map.of("testhealth.store.kind", "postgres", "testhealth.store.postgres.url", TestPostgres.url(),
                    "testhealth.store.postgres.schema", schema);
        }

        /** A connection to read what was stored, once the collector has stopped (DuckDB allows one process). */
        Connection connect() throws SQLException {
            if (kind == Store.DUCKDB) {
                return DriverManager.getConnection("jdbc:duckdb:" + file);
            }
            Connection c = TestPostgres.connect();
            c.setSchema(schema);
            return c;
        }

        void drop() {
            if (schema != null) {
                TestPostgres.dropSchema(schema);
            }
        }
    }

    private static String report(int n, int tests) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"Crash" + n + "\">");
        for (int i = 0; i < tests; i++) {
            xml.append("<testcase classname=\"com.acme.Crash").append(n).append("\" name=\"t").append(i)
                    .append("\" time=\"0.0").append(i % 10).append("\"/>");
        }
        return xml.append("</testsuite>").toString();
    }
}
