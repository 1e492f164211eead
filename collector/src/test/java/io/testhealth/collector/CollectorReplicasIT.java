package io.testhealth.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two collectors on one PostgreSQL schema, as {@code docker compose up --scale collector=2} behind a load balancer
 * would run them: both start at once (one migrates, the other waits for Flyway's lock), every upload reaches
 * both at the same moment (a CI retry that the balancer sends to the other replica), and each is stored once,
 * answered once as new and once as a repeat, with nothing in either log at ERROR.
 *
 * <p>Reads are current on either replica right after an upload answered by the other: each report saved gets a
 * revision, which a read compares with the one the replica holds, and recomputes of one report, like the pooling of
 * team reports, take a PostgreSQL advisory lock (docker/README.md, "Several collectors on one PostgreSQL").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class CollectorReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComposeFiles files = ComposeFiles.load();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<CollectorContainer> replicas = new ArrayList<>();
    private Path work;
    private String schema;

    @BeforeAll
    void startTwoReplicas() throws IOException {
        work = Files.createTempDirectory("testhealth-replicas");
        schema = TestPostgres.newSchema("replicas");
        // Each replica has a volume of its own (the image's anonymous /data volume): spools are never shared.
        replicas.add(CollectorContainer.start(files, "collector", work.resolve("replica-a"), schema));
        replicas.add(CollectorContainer.start(files, "collector", work.resolve("replica-b"), schema));
        replicas.forEach(r -> r.awaitHealthy(http));
    }

    @AfterAll
    void stop() throws IOException {
        replicas.forEach(CollectorContainer::close);
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void uploadsSentToBothReplicasAtOnceAreStoredOnce() throws Exception {
        long migrations;
        try (Stream<Path> sql = Files.list(ComposeFiles.repository().resolve("collector/src/main/resources/db/postgres"))) {
            migrations = sql.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
        assertEquals(migrations, count("SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE version IS NOT NULL"),
                "both replicas started at once; each migration ran once");

        // Twelve uploads of two components; upload i has 2 + i % 4 test cases. Half name an uploadId, half leave
        // the collector to derive it from content and metadata (which both replicas must derive alike).
        int uploads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(2 * uploads);
        try {
            List<Future<HttpResponse<String>>> onA = new ArrayList<>();
            List<Future<HttpResponse<String>>> onB = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < uploads; i++) {
                String query = query(i);
                String body = report(i);
                onA.add(pool.submit(() -> post(replicas.get(0), query, body, go)));
                onB.add(pool.submit(() -> post(replicas.get(1), query, body, go)));
            }
            go.countDown();
            for (int i = 0; i < uploads; i++) {
                HttpResponse<String> a = onA.get(i).get();
                HttpResponse<String> b = onB.get(i).get();
                JsonNode ja = JSON.readTree(a.body());
                JsonNode jb = JSON.readTree(b.body());
                int tests = 2 + i % 4;
                assertEquals(tests, ja.path("counts").path("tests").asInt(), "upload " + i + " on A: " + a.body());
                assertEquals(tests, jb.path("counts").path("tests").asInt(), "upload " + i + " on B: " + b.body());
                assertEquals(ja.path("uploadId").asText(), jb.path("uploadId").asText(), "one upload id for upload " + i);
                // One replica stored it (201), the other answered a repeat (200, duplicate), whichever came first.
                List<Integer> statuses = Stream.of(a.statusCode(), b.statusCode()).sorted().toList();
                assertEquals(List.of(200, 201), statuses, "upload " + i + ": A " + a.body() + ", B " + b.body());
                assertTrue(ja.path("duplicate").asBoolean() != jb.path("duplicate").asBoolean(),
                        "upload " + i + " is new on exactly one replica");
            }
        } finally {
            pool.shutdownNow();
        }

        // The other test's uploads go to another component.
        String ofThisTest = " WHERE component IN ('component:default/checkout', 'component:default/search')";
        assertEquals(uploads, count("SELECT count(*) FROM " + schema + ".uploads" + ofThisTest));
        // Three rounds of 2 + 3 + 4 + 5 test cases.
        assertEquals(3 * (2 + 3 + 4 + 5), count("SELECT count(*) FROM " + schema + ".test_results" + ofThisTest));
        // Upload i is pipeline 500 + i of its component: one run each.
        assertEquals(uploads, count("SELECT count(*) FROM " + schema + ".runs" + ofThisTest));

        for (CollectorContainer r : replicas) {
            List<String> errors = Files.readAllLines(r.log()).stream().filter(l -> l.contains(" ERROR ")).toList();
            assertTrue(errors.isEmpty(), r.log() + " has errors:\n" + String.join("\n", errors));
        }
    }

    @Test
    void aReadOnEitherReplicaRightAfterAnUploadToTheOtherIncludesIt() throws Exception {
        // Uploads alternate between the replicas, each read at once on the other one: the component's tests, its
        // scorecard and its team's scorecard count every upload so far. Then both replicas take one upload each at
        // the same moment: neither report may be saved over by one that misses the other upload.
        int uploads = 6;
        for (int i = 0; i < uploads; i++) {
            CollectorContainer writer = replicas.get(i % 2);
            CollectorContainer reader = replicas.get((i + 1) % 2);
            HttpResponse<String> answer = post(writer, crossQuery(i), crossReport(i), new CountDownLatch(0));
            assertEquals(201, answer.statusCode(), answer.body());
            assertCounts(reader, i + 1, "after upload " + i + " on replica " + (i % 2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<HttpResponse<String>> onA = pool.submit(() -> post(replicas.get(0), crossQuery(uploads), crossReport(uploads), go));
            Future<HttpResponse<String>> onB = pool.submit(() -> post(replicas.get(1), crossQuery(uploads + 1), crossReport(uploads + 1), go));
            go.countDown();
            assertEquals(201, onA.get().statusCode(), onA.get().body());
            assertEquals(201, onB.get().statusCode(), onB.get().body());
        } finally {
            pool.shutdownNow();
        }
        for (CollectorContainer r : replicas) {
            assertCounts(r, uploads + 2, "after two uploads at once, read on " + r.uri(""));
        }
    }

    /** The component's job runs and tests (upload i brings test case "case-i"), and its team's job runs. */
    private void assertCounts(CollectorContainer reader, int uploads, String when) throws Exception {
        JsonNode scorecard = get(reader, "api/v1/components/shared-reads/scorecard");
        JsonNode tests = get(reader, "api/v1/components/shared-reads/tests?state=all&limit=100");
        JsonNode team = get(reader, "api/v1/teams/shared-team/scorecard");
        List<String> names = new ArrayList<>();
        tests.path("tests").forEach(t -> names.add(t.path("name").asText()));
        assertEquals(uploads, scorecard.path("metrics").path("jobRuns").asInt(), when + ": " + scorecard.path("metrics"));
        assertEquals(uploads, names.size(), when + ": " + names);
        assertEquals(uploads, team.path("metrics").path("jobRuns").asInt(), when + ": team " + team.path("metrics"));
    }

    private JsonNode get(CollectorContainer replica, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(replica.uri(path)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static String crossQuery(int i) {
        return "component=shared-reads&team=shared-team&pipeline=" + (900 + i) + "&job=test&branch=main&commit=cafe" + i;
    }

    private static String crossReport(int i) {
        return "<testsuite name=\"com.acme.SharedTest\"><testcase classname=\"com.acme.SharedTest\" name=\"case-" + i
                + "\" time=\"0." + (i + 1) + "\"/></testsuite>";
    }

    private static String query(int i) {
        String component = i % 2 == 0 ? "checkout" : "search";
        String q = "component=" + component + "&pipeline=" + (500 + i) + "&job=test&branch=main&commit=c0ffee" + i;
        return i % 3 == 0 ? q : q + "&uploadId=ci-" + (500 + i) + "-test-1";
    }

    private static String report(int i) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"com.acme.Suite" + i + "Test\">\n");
        for (int t = 0; t < 2 + i % 4; t++) {
            xml.append("  <testcase classname=\"com.acme.Suite").append(i).append("Test\" name=\"case").append(t)
                    .append("\" time=\"0.0").append(t + 1).append('"');
            if ((i + t) % 5 == 0) {
                xml.append("><failure message=\"expected ").append(t).append("\"/></testcase>\n");
            } else {
                xml.append("/>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    private HttpResponse<String> post(CollectorContainer replica, String query, String body, CountDownLatch go) throws Exception {
        go.await();
        URI uri = replica.uri("api/v1/uploads?" + query);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
