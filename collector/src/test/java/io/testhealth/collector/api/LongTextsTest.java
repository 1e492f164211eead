package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names and failure messages longer than their limits are stored cut, with a marker, and the upload says so: one
 * upload with a name of megabytes no longer makes every read of its component as large.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class LongTextsTest implements TestPropertyProvider {

    private static final int MAX_NAME = 100;
    private static final int MAX_MESSAGE = 300;

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("testhealth.ingest.max-name-chars", String.valueOf(MAX_NAME),
                "testhealth.ingest.max-message-chars", String.valueOf(MAX_MESSAGE));
    }

    @Test
    void namesAndMessagesOverTheLimitsAreCutWithAMarkerAndTheUploadSaysSo() {
        String component = "long-" + UUID.randomUUID().toString().substring(0, 8);
        // two 3 MB names with the same first 100 characters, different ends: still two tests once cut
        String common = "n".repeat(3_000_000);
        String suite = "com.acme." + "S".repeat(150);
        String message = "expected [" + "m".repeat(50_000) + "]";
        String xml = "<testsuite name=\"" + suite + "\">"
                + "<testcase classname=\"" + suite + "\" name=\"" + common + "A\" time=\"1\">"
                + "<failure message=\"" + message + "\" type=\"java.lang.AssertionError\"/></testcase>"
                + "<testcase classname=\"" + suite + "\" name=\"" + common + "B\" time=\"2\"/>"
                + "<testcase classname=\"" + suite + "\" name=\"short\" time=\"3\"/></testsuite>";
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=" + component,
                xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
        assertEquals(3, r.count("tests"));
        assertEquals(3, r.json().path("testResults").asLong());
        assertTrue(r.json().path("warnings").toString().contains("testhealth.ingest.max-name-chars"), r.json().toString());

        List<String> names = StoredRows.strings(store, "SELECT name FROM test_results WHERE component = 'component:default/"
                + component + "' ORDER BY duration_seconds");
        assertEquals(3, names.size(), names.toString());
        // kept: the first 100 characters; dropped: 3,000,001 - 100 = 2,999,901
        assertTrue(names.get(0).startsWith("n".repeat(MAX_NAME) + "…[cut 2999901 chars #"), names.get(0).substring(0, 130));
        assertTrue(names.get(1).startsWith("n".repeat(MAX_NAME) + "…[cut 2999901 chars #"), names.get(1).substring(0, 130));
        assertTrue(!names.get(0).equals(names.get(1)), "two long names stay two tests");
        assertTrue(names.get(0).length() < MAX_NAME + 40, "length " + names.get(0).length());
        assertEquals("short", names.get(2));

        List<String> suites = StoredRows.strings(store, "SELECT DISTINCT suite FROM test_results WHERE component = 'component:default/"
                + component + "'");
        // "com.acme." (9) + 150 S: 159 characters, 59 over the limit
        assertEquals(List.of("com.acme." + "S".repeat(91) + "…[cut 59 chars #"), List.of(suites.get(0).substring(0, suites.get(0).length() - 9)));

        List<String> messages = StoredRows.strings(store, "SELECT failure_message FROM test_results WHERE component = 'component:default/"
                + component + "' AND failure_message IS NOT NULL");
        // "expected [" (10) + 50,000 m + "]" (1): 50,011 characters, 49,711 over the limit of 300
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).startsWith("expected [" + "m".repeat(MAX_MESSAGE - 10) + "…[cut 49711 chars #"),
                messages.get(0).substring(0, 320));
    }
}
