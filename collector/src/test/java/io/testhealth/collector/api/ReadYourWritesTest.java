package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read your writes: once an upload is answered 201, every read of its component (scorecard, test list, quarantine)
 * and of its team already includes it, with no waiting and no polling. The background refresher keeps its default
 * delay of seconds here, so a read that only sees the upload after it would fail these tests.
 */
@MicronautTest
@OnEachStore
final class ReadYourWritesTest {

    @Inject
    EmbeddedServer server;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    private static byte[] suite(String suite, String... testCases) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + suite + "\">");
        for (String t : testCases) {
            xml.append(t);
        }
        return xml.append("</testsuite>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String passed(String suite, String name) {
        return "<testcase classname=\"" + suite + "\" name=\"" + name + "\" time=\"0.1\"/>";
    }

    /** Fails once, then passes on Surefire's rerun: a flaky run. */
    private static String flaky(String suite, String name) {
        return "<testcase classname=\"" + suite + "\" name=\"" + name + "\" time=\"0.1\">"
                + "<flakyFailure message=\"timed out\" type=\"java.net.SocketTimeoutException\"/></testcase>";
    }

    private JsonNode read(String path) {
        CollectorClient.Text r = client().get(path, null);
        assertEquals(200, r.status(), path + " answered " + r.body());
        return r.json();
    }

    private static Set<String> names(JsonNode tests) {
        Set<String> out = new HashSet<>();
        tests.path("tests").forEach(t -> out.add(t.path("name").asText()));
        return out;
    }

    @Test
    void aNewComponentsFirstUploadIsInEveryReadAsSoonAsItIsAnswered() {
        CollectorClient.Reply upload = client().upload("component=ryw-new&team=ryw-new-team&pipeline=p1&job=test",
                suite("com.acme.CartTest", passed("com.acme.CartTest", "adds"), passed("com.acme.CartTest", "removes")),
                "application/xml");
        assertEquals(201, upload.status(), upload.json().toString());

        JsonNode scorecard = read("/api/v1/components/ryw-new/scorecard");
        JsonNode tests = read("/api/v1/components/ryw-new/tests?state=all");
        JsonNode team = read("/api/v1/teams/ryw-new-team/scorecard");
        String testId = tests.path("tests").get(0).path("testId").asText();
        CollectorClient.Text quarantine = client().get("/api/v1/components/ryw-new/quarantine", null);
        assertAll(
                () -> assertEquals(1, scorecard.path("metrics").path("jobRuns").asLong(), scorecard.toString()),
                () -> assertEquals(2, scorecard.path("metrics").path("tests").asLong()),
                () -> assertEquals(Set.of("adds", "removes"), names(tests)),
                () -> assertEquals(1, team.path("metrics").path("jobRuns").asLong(), team.toString()),
                () -> assertEquals("component:default/ryw-new", team.path("components").get(0).path("component").asText()),
                () -> assertEquals(200, quarantine.status()));

        // A quarantine is a write too: the test row says so at once.
        CollectorClient.Text put = putQuarantine(testId);
        assertEquals(200, put.status(), put.body());
        JsonNode row = read("/api/v1/tests/" + testId).path("test");
        assertTrue(row.path("quarantined").asBoolean(), row.toString());
    }

    private CollectorClient.Text putQuarantine(String testId) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + "/api/v1/tests/"
                            + testId + "/quarantine")).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"by\":\"ann\",\"reason\":\"slow\"}")).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new CollectorClient.Text(response.statusCode(), "", response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anExistingComponentCountsTheNewRunAndListsATestThatJustBecameFlaky() {
        String suite = "com.acme.PaymentTest";
        for (int i = 1; i <= 10; i++) {
            CollectorClient.Reply r = client().upload("component=ryw-existing&team=ryw-team&branch=main&pipeline=p" + i
                    + "&job=test", suite(suite, passed(suite, "charges"), passed(suite, "refunds")), "application/xml");
            assertEquals(201, r.status(), r.json().toString());
        }
        assertEquals(10, read("/api/v1/components/ryw-existing/scorecard").path("metrics").path("jobRuns").asLong());

        CollectorClient.Reply eleventh = client().upload("component=ryw-existing&team=ryw-team&branch=main&pipeline=p11"
                + "&job=test", suite(suite, passed(suite, "charges"), flaky(suite, "refunds")), "application/xml");
        assertEquals(201, eleventh.status(), eleventh.json().toString());

        JsonNode scorecard = read("/api/v1/components/ryw-existing/scorecard");
        JsonNode flakyTests = read("/api/v1/components/ryw-existing/tests?state=flaky");
        JsonNode team = read("/api/v1/teams/ryw-team/scorecard");
        assertAll(
                () -> assertEquals(11, scorecard.path("metrics").path("jobRuns").asLong(), scorecard.toString()),
                () -> assertEquals(1, scorecard.path("metrics").path("flakyTests").asLong()),
                () -> assertEquals(Set.of("refunds"), names(flakyTests)),
                () -> assertEquals(11, team.path("metrics").path("jobRuns").asLong(), team.toString()),
                () -> assertEquals(1, team.path("metrics").path("flakyTests").asLong()));
    }

    @Test
    void aJobRunFromACiMachineWhoseClockIsAheadIsInTheReportAnsweredToIt() {
        // The CI machine's clock is 10 minutes ahead: the job "started" after the collector received its results.
        java.time.Instant ahead = java.time.Instant.now().plus(java.time.Duration.ofMinutes(10))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String suite = "com.acme.SkewTest";
        CollectorClient.Reply r = client().upload("component=ryw-skewed&team=ryw-skewed-team&pipeline=s1&job=test"
                        + "&startedAt=" + ahead + "&finishedAt=" + ahead.plus(java.time.Duration.ofMinutes(3)),
                suite(suite, passed(suite, "ahead")), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
        assertTrue(r.json().path("warnings").toString().contains("clock is ahead"), r.json().toString());

        JsonNode scorecard = read("/api/v1/components/ryw-skewed/scorecard");
        assertAll(
                () -> assertEquals(1, scorecard.path("metrics").path("jobRuns").asLong(), scorecard.toString()),
                () -> assertEquals(Set.of("ahead"), names(read("/api/v1/components/ryw-skewed/tests?state=all"))));
    }

    @Test
    void concurrentUploadsToOneComponentAreEachVisibleOnceAnswered() throws Exception {
        int uploads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                int n = i;
                Callable<String> oneUpload = () -> {
                    String suite = "com.acme.ConcurrentTest";
                    // Each upload brings a test of its own, so a read after its 201 shows whether it is covered.
                    CollectorClient.Reply r = client().upload("component=ryw-concurrent&team=ryw-concurrent-team"
                                    + "&pipeline=c" + n + "&job=test",
                            suite(suite, passed(suite, "shared"), passed(suite, "only-in-upload-" + n)), "application/xml");
                    if (r.status() != 201) {
                        return "upload " + n + " answered " + r.status() + ": " + r.json();
                    }
                    Set<String> seen = names(read("/api/v1/components/ryw-concurrent/tests?state=all&limit=100"));
                    return seen.contains("only-in-upload-" + n) ? "" : "upload " + n + " not in the tests read after its 201: " + seen;
                };
                answers.add(pool.submit(oneUpload));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> f : answers) {
                String problem = f.get();
                if (!problem.isEmpty()) {
                    problems.add(problem);
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
        JsonNode scorecard = read("/api/v1/components/ryw-concurrent/scorecard");
        JsonNode team = read("/api/v1/teams/ryw-concurrent-team/scorecard");
        assertAll(
                () -> assertEquals(uploads, scorecard.path("metrics").path("jobRuns").asLong(), scorecard.toString()),
                () -> assertEquals(uploads + 1, scorecard.path("metrics").path("tests").asLong()),
                () -> assertEquals(uploads, team.path("metrics").path("jobRuns").asLong()));
    }
}
