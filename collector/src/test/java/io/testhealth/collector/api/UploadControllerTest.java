package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload contract as a CI job meets it: statuses, bodies, idempotency, archives, and all-or-nothing. */
@MicronautTest
@OnEachStore
final class UploadControllerTest {

    private static final String PASSING = """
            <testsuite name="com.acme.A"><testcase classname="com.acme.A" name="one" time="0.5"/>
            <testcase classname="com.acme.A" name="two" time="1,5"><skipped/></testcase></testsuite>""";
    private static final String RETRIED = """
            <testsuite name="com.acme.B"><testcase classname="com.acme.B" name="flaky" time="1">
            <failure message="timeout"/></testcase><testcase classname="com.acme.B" name="flaky" time="1"/></testsuite>""";

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    private static String run() {
        return "component=payments&branch=main&commit=abc123&job=test&pipeline=" + UUID.randomUUID();
    }

    @Test
    void answersCreatedWithWhatItUnderstood() {
        CollectorClient.Reply r = client().upload(run(), bytes(PASSING), "application/xml");
        assertAll(
                () -> assertEquals(201, r.status()),
                () -> assertEquals("component:default/payments", r.text("component")),
                () -> assertEquals("junit", r.text("format")),
                () -> assertEquals(2, r.count("tests")),
                () -> assertEquals(1, r.count("passed")),
                () -> assertEquals(1, r.count("skipped")),
                () -> assertEquals(0, r.count("flaky")),
                () -> assertEquals(2.0, r.json().path("durationSeconds").asDouble()),
                () -> assertTrue(r.json().path("warnings").isArray()),
                () -> assertFalse(r.text("uploadId").isBlank()),
                () -> assertFalse(r.text("runId").isBlank()));
    }

    @Test
    void aRepeatedUploadIsAnsweredWithTheFirstReceiptAndCountedOnce() {
        String query = run();
        CollectorClient.Reply first = client().upload(query, bytes(PASSING), "application/xml");
        CollectorClient.Reply again = client().upload(query, bytes(PASSING), "application/xml");
        assertEquals(201, first.status());
        assertEquals(200, again.status());
        assertTrue(again.json().path("duplicate").asBoolean());
        assertEquals(first.text("uploadId"), again.text("uploadId"));
        assertEquals(2, StoredRows.count(store, "test_results", "upload_id", first.text("uploadId")));
    }

    @Test
    void anExplicitUploadIdIsTheIdempotencyKey() {
        String query = run() + "&uploadId=ci-" + UUID.randomUUID();
        CollectorClient.Reply first = client().upload(query, bytes(PASSING), "application/xml");
        CollectorClient.Reply retry = client().upload(query, bytes(PASSING), "application/xml");
        CollectorClient.Reply reused = client().upload(query, bytes(RETRIED), "application/xml");
        assertEquals(201, first.status());
        assertEquals(200, retry.status());
        assertTrue(retry.json().path("duplicate").asBoolean());
        assertEquals(first.text("runId"), retry.text("runId"));
        assertEquals(409, reused.status(), "another upload under the same id is refused (see UploadIdScopeTest)");
    }

    @Test
    void uploadsOfOneJobRunShareTheRun() {
        String query = run();
        CollectorClient.Reply a = client().upload(query, bytes(PASSING), "application/xml");
        CollectorClient.Reply b = client().upload(query, bytes(RETRIED), "application/xml");
        CollectorClient.Reply rerun = client().upload(query + "&attempt=2", bytes(RETRIED), "application/xml");
        assertEquals(a.text("runId"), b.text("runId"));
        assertFalse(a.text("runId").equals(rerun.text("runId")), "a CI re-run is a run of its own");
        assertEquals(1, StoredRows.count(store, "runs", "run_id", a.text("runId")));
    }

    @Test
    void readsZipsOfReportFoldersAndGroupsRetries() throws IOException {
        byte[] zip = zip(Map.of(
                "target/surefire-reports/TEST-com.acme.A.xml", PASSING,
                "target/failsafe-reports/TEST-com.acme.B.xml", RETRIED,
                "target/surefire-reports/com.acme.A.txt", "Tests run: 2",
                "target/failsafe-reports/failsafe-summary.xml", "<failsafe-summary result=\"255\"/>"));
        CollectorClient.Reply r = client().upload(run(), zip, "application/zip");
        assertAll(
                () -> assertEquals(201, r.status(), r.json().toString()),
                () -> assertEquals(4, r.count("tests")),
                () -> assertEquals(1, r.count("failed")),
                () -> assertEquals(3, r.json().path("testResults").asLong(), "the retry is an attempt, not a test"),
                () -> assertTrue(r.json().path("warnings").toString().contains("failsafe-summary.xml")));
        assertEquals(1, StoredRows.count(store, "test_results", "layer", "integration") > 0 ? 1 : 0,
                "failsafe-reports/ marks integration tests");
    }

    @Test
    void readsGzipContentEncodingAndMultipartForms() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes(PASSING));
        }
        CollectorClient.Reply gzipped = client().upload(run(), gz.toByteArray(), "application/xml", "Content-Encoding", "gzip");
        assertEquals(201, gzipped.status(), gzipped.json().toString());
        assertEquals(2, gzipped.count("tests"));

        String boundary = "----testhealth" + UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"TEST-A.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + PASSING + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"b\"; filename=\"TEST-B.xml\"\r\nContent-Type: application/xml\r\n\r\n"
                + RETRIED + "\r\n--" + boundary + "--\r\n";
        CollectorClient.Reply multipart = client().upload(run(), bytes(form), "multipart/form-data; boundary=" + boundary);
        assertEquals(201, multipart.status(), multipart.json().toString());
        assertEquals(4, multipart.count("tests"));
    }

    @Test
    void aBrokenFileRefusesTheWholeUploadAndStoresNothing() throws IOException {
        String id = "broken-" + UUID.randomUUID();
        byte[] zip = zip(Map.of("a/TEST-good.xml", PASSING, "b/TEST-cut.xml", "<testsuite>\n<testcase name=\"x\">"));
        long before = StoredRows.count(store, "test_results");
        CollectorClient.Reply r = client().upload(run() + "&uploadId=" + id, zip, "application/zip");
        assertAll(
                () -> assertEquals(400, r.status()),
                () -> assertEquals("malformed-report", r.text("error")),
                () -> assertEquals("b/TEST-cut.xml", r.text("file")),
                () -> assertEquals(2, r.json().path("line").asInt()),
                () -> assertEquals(before, StoredRows.count(store, "test_results")),
                () -> assertEquals(0, StoredRows.count(store, "uploads", "upload_id", id)));
    }

    @Test
    void refusesHostileArchives() throws IOException {
        CollectorClient.Reply slip = client().upload(run(), zip(Map.of("../../etc/TEST-evil.xml", PASSING)), "application/zip");
        assertEquals(400, slip.status());
        assertEquals("hostile-archive", slip.text("error"));

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bomb)) {
            out.putNextEntry(new ZipEntry("TEST-bomb.xml"));
            out.write(bytes("<testsuite><testcase name=\"t\"><system-out>"));
            byte[] spaces = bytes(" ".repeat(1 << 20));
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
            out.closeEntry();
        }
        CollectorClient.Reply bombed = client().upload(run(), bomb.toByteArray(), "application/zip");
        assertEquals(413, bombed.status());
        assertEquals("too-large", bombed.text("error"));
        assertTrue(bombed.text("message").contains("decompression bomb"));
    }

    @Test
    void explainsBadRequests() {
        CollectorClient.Reply noComponent = client().upload("pipeline=1", bytes(PASSING), "application/xml");
        CollectorClient.Reply badAttempt = client().upload(run() + "&attempt=zero", bytes(PASSING), "application/xml");
        CollectorClient.Reply badLayer = client().upload(run() + "&layer=huge", bytes(PASSING), "application/xml");
        CollectorClient.Reply empty = client().upload(run(), new byte[0], "application/xml");
        CollectorClient.Reply notReport = client().upload(run(), bytes("Tests run: 3, Failures: 0"), "text/plain");
        CollectorClient.Reply noReports = client().upload(run(), zipUnchecked(Map.of("readme.txt", "hi")), "application/zip");
        assertAll(
                () -> assertEquals(400, noComponent.status()),
                () -> assertTrue(noComponent.text("message").contains("component")),
                () -> assertEquals(400, badAttempt.status()),
                () -> assertEquals(400, badLayer.status()),
                () -> assertEquals(400, empty.status()),
                () -> assertEquals(400, notReport.status()),
                () -> assertEquals(422, noReports.status()),
                () -> assertEquals("no-reports", noReports.text("error")));
    }

    @Test
    void readsAllureResultsAndMergesAttemptsSharingAHistoryId() throws IOException {
        String first = "{\"uuid\":\"1\",\"historyId\":\"h1\",\"name\":\"buys\",\"fullName\":\"shop.Journeys#buys\",\"status\":\"broken\","
                + "\"statusDetails\":{\"message\":\"Timeout 30000ms exceeded\"},\"start\":1000,\"stop\":4000,"
                + "\"labels\":[{\"name\":\"layer\",\"value\":\"e2e\"},{\"name\":\"owner\",\"value\":\"ann\"}]}";
        String second = "{\"uuid\":\"2\",\"historyId\":\"h1\",\"name\":\"buys\",\"fullName\":\"shop.Journeys#buys\",\"status\":\"passed\","
                + "\"start\":5000,\"stop\":7000,\"labels\":[{\"name\":\"layer\",\"value\":\"e2e\"}]}";
        byte[] zip = zip(Map.of("allure-results/b-result.json", second, "allure-results/a-result.json", first,
                "allure-results/executor.json", "{\"name\":\"GitHub\"}", "allure-results/c-container.json", "{\"children\":[\"1\"]}"));
        CollectorClient.Reply r = client().upload(run(), zip, "application/zip");
        assertAll(
                () -> assertEquals(201, r.status(), r.json().toString()),
                () -> assertEquals("allure", r.text("format")),
                () -> assertEquals(2, r.count("tests")),
                () -> assertEquals(1, r.count("errors")),
                () -> assertEquals(1, r.json().path("testResults").asLong()),
                () -> assertEquals(5.0, r.json().path("durationSeconds").asDouble()),
                () -> assertEquals(1, StoredRows.count(store, "test_results", "upload_id", r.text("uploadId"))),
                () -> assertEquals(2, StoredRows.count(store, "test_attempts", "upload_id", r.text("uploadId"))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zipUnchecked(Map<String, String> files) {
        try {
            return zip(files);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(bytes(f.getValue()));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
