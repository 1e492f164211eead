package io.testhealth.collector.api;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body over the configured limit is refused with 413, the limit and the setting to change, and stores nothing. */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.ingest.max-upload-bytes", value = "2000")
@Property(name = "testhealth.ingest.max-entries", value = "3")
@Property(name = "testhealth.ingest.max-test-cases", value = "5")
final class UploadLimitTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Test
    void refusesBodiesOverTheLimitNamingIt() {
        String xml = "<testsuite>" + "<testcase classname=\"C\" name=\"t\"/>".repeat(100) + "</testsuite>";
        CollectorClient.Reply r = new CollectorClient(server.getURL())
                .upload("component=big&uploadId=too-big", xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(413, r.status());
        assertEquals("too-large", r.text("error"));
        assertTrue(r.text("message").contains("2000") && r.text("message").contains("testhealth.ingest.max-upload-bytes"), r.text("message"));
        assertEquals(0, StoredRows.count(store, "uploads", "upload_id", "too-big"));
    }

    /**
     * Five test cases pass; six in one upload do not, even split across two files of a form and even when they are
     * retries of two tests (each retry is a test case to read).
     */
    @Test
    void refusesUploadsWithMoreTestCasesThanTheLimitNamingIt() {
        CollectorClient client = new CollectorClient(server.getURL());
        StringBuilder five = new StringBuilder("<testsuite>");
        for (int i = 0; i < 5; i++) {
            five.append("<testcase classname=\"C\" name=\"t").append(i).append("\"/>");
        }
        five.append("</testsuite>");
        CollectorClient.Reply fits = client.upload("component=many-cases&uploadId=five-cases",
                five.toString().getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, fits.status(), fits.json().toString());

        String boundary = "----cases" + java.util.UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"TEST-1.xml\"\r\n\r\n"
                + "<testsuite>" + "<testcase classname=\"C\" name=\"a\"/>".repeat(3) + "</testsuite>\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"TEST-2.xml\"\r\n\r\n"
                + "<testsuite>" + "<testcase classname=\"C\" name=\"b\"/>".repeat(3) + "</testsuite>\r\n"
                + "--" + boundary + "--\r\n";
        CollectorClient.Reply r = client.upload("component=many-cases&uploadId=six-cases",
                form.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary);
        assertEquals(413, r.status(), r.json().toString());
        assertEquals("too-large", r.text("error"));
        assertTrue(r.text("message").contains("5") && r.text("message").contains("testhealth.ingest.max-test-cases"),
                r.text("message"));
        assertEquals(0, StoredRows.count(store, "uploads", "upload_id", "six-cases"));
        assertEquals(5, StoredRows.count(store, "test_results", "component", "component:default/many-cases"));
    }

    @Test
    void refusesArchivesWithTooManyFiles() throws Exception {
        byte[] zip = UploadControllerTest.zip(java.util.Map.of("1.xml", "<testsuite/>", "2.xml", "<testsuite/>",
                "3.xml", "<testsuite/>", "4.xml", "<testsuite/>"));
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=big", zip, "application/zip");
        assertEquals(413, r.status());
        assertTrue(r.text("message").contains("testhealth.ingest.max-entries"));
    }

    @Test
    void refusesFormsWithTooManyFilesNamingTheLimit() {
        String boundary = "----limit" + java.util.UUID.randomUUID();
        StringBuilder form = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f\"; filename=\"TEST-")
                    .append(i).append(".xml\"\r\n\r\n<testsuite/>\r\n");
        }
        form.append("--").append(boundary).append("--\r\n");
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=big&uploadId=four-parts",
                form.toString().getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary);
        assertEquals(413, r.status(), r.json().toString());
        assertEquals("too-large", r.text("error"));
        assertTrue(r.text("message").contains("3") && r.text("message").contains("testhealth.ingest.max-entries"), r.text("message"));
        assertEquals(0, StoredRows.count(store, "uploads", "upload_id", "four-parts"));
    }
}
