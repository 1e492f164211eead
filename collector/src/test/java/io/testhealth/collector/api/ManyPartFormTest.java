package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real {@code allure-results} folder sent as a form, one part per file: hundreds to thousands of parts.
 */
@MicronautTest
final class ManyPartFormTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Test
    void aFormOf129PartsIsStoredWhole() {
        assertStored(129);
    }

    @Test
    void aFormOfTenThousandAllureResultsIsStoredWhole() {
        assertStored(10_000);
    }

    private void assertStored(int parts) {
        String boundary = "----testhealth" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        for (int i = 0; i < parts; i++) {
            String result = "{\"uuid\":\"u" + i + "\",\"historyId\":\"h" + i + "\",\"name\":\"case" + i
                    + "\",\"fullName\":\"shop.Suite" + (i % 7) + "#case" + i + "\",\"status\":\"" + (i % 5 == 0 ? "failed" : "passed")
                    + "\",\"start\":" + (1_000L * i) + ",\"stop\":" + (1_000L * i + 250) + "}";
            write(form, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + UUID.randomUUID()
                    + "-result.json\"\r\nContent-Type: application/json\r\n\r\n" + result + "\r\n");
        }
        write(form, "--" + boundary + "--\r\n");
        String uploadId = "form-" + parts + "-" + UUID.randomUUID();
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=forms&uploadId=" + uploadId,
                form.toByteArray(), "multipart/form-data; boundary=" + boundary);
        assertEquals(201, r.status(), r.json().toString());
        assertEquals(parts, r.count("tests"));
        // one in five failed: i = 0, 5, 10, ... below parts
        assertEquals((parts + 4) / 5, r.count("failed"));
        assertEquals(parts, StoredRows.count(store, "test_results", "upload_id", uploadId));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
