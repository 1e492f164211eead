package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test case repeated 400,000 times in one report (a retry loop gone wrong, a generated suite) is one test with
 * 400,000 attempts, stored whole. Merging each repetition into a copy of the attempts so far made this quadratic:
 * the upload never finished, and held its thread and its database connection meanwhile.
 */
@MicronautTest
@OnEachStore
final class RepeatedTestCasesTest {

    private static final int REPEATS = 400_000;

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against the hang, not a measure of speed
    void fourHundredThousandRepetitionsOfOneTestCaseAreOneTestWithEveryAttempt() {
        String component = "repeated-" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream xml = new ByteArrayOutputStream(REPEATS * 60);
        xml.writeBytes("<testsuite name=\"com.acme.Loop\">".getBytes(StandardCharsets.UTF_8));
        // every seventh repetition fails, the rest pass: 57,143 failures (i = 0, 7, ..., 399,994)
        byte[] passed = "<testcase classname=\"com.acme.Loop\" name=\"again\" time=\"0.001\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] failed = "<testcase classname=\"com.acme.Loop\" name=\"again\" time=\"0.001\"><failure message=\"no\"/></testcase>"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < REPEATS; i++) {
            xml.writeBytes(i % 7 == 0 ? failed : passed);
        }
        xml.writeBytes("</testsuite>".getBytes(StandardCharsets.UTF_8));

        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=" + component,
                xml.toByteArray(), "application/xml");

        assertEquals(201, r.status(), r.json().toString());
        assertEquals(REPEATS, r.count("tests"));
        assertEquals(57_143, r.count("failed"));
        assertEquals(REPEATS - 57_143, r.count("passed"));
        assertEquals(1, r.json().path("testResults").asLong());
        String ref = "'component:default/" + component + "'";
        assertEquals(List.of("400000"), StoredRows.strings(store, "SELECT attempts FROM test_results WHERE component = " + ref));
        // the last repetition (i = 399,999) passed after failures: a flaky run, by the corpus rules of retries
        assertEquals(List.of("flaky"), StoredRows.strings(store, "SELECT outcome FROM test_results WHERE component = " + ref));
    }
}
