package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.StoreUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a restart the collector answers reads at once from the reports it stored before, while the rebuild of every
 * report that follows each start is still running: here that rebuild is held ({@link HeldRebuild}) for as long as the
 * test reads, as a large history would hold it for minutes. Reads, the list of components and {@code /health} answer
 * within {@link #ANSWER} with the report of the first run, unchanged; once released, the rebuild replaces it.
 */
@OnEachStore
final class ReadsDuringStartUpRebuildTest {

    /** Far below a rebuild of a large history, far above a lookup in memory on a loaded machine. */
    private static final Duration ANSWER = Duration.ofSeconds(3);
    private static final String SCORECARD = "/api/v1/components/restarted/scorecard";

    @TempDir
    Path dir;

    /** The one database both starts of the collector open. */
    private Map<String, Object> database;

    @BeforeEach
    void newDatabase() {
        database = StoreUnderTest.newDatabase(ReadsDuringStartUpRebuildTest.class, dir.resolve("collector.duckdb"));
    }

    @Test
    void readsAnswerFromTheStoredReportsWhileTheStartUpRebuildRuns() throws Exception {
        JsonNode before;
        try (EmbeddedServer first = start(Map.of("testhealth.analysis.refresh-on-start", false))) {
            CollectorClient client = new CollectorClient(first.getURL());
            String xml = "<testsuite><testcase classname=\"com.acme.RestartTest\" name=\"passes\" time=\"1\"/>"
                    + "<testcase classname=\"com.acme.RestartTest\" name=\"fails\" time=\"2\"><failure message=\"no\"/>"
                    + "</testcase></testsuite>";
            CollectorClient.Reply upload = client.upload("component=restarted&team=restart-team&uploadId=r-1",
                    xml.getBytes(StandardCharsets.UTF_8), "application/xml");
            assertEquals(201, upload.status(), upload.json().toString());
            CollectorClient.Text read = client.get(SCORECARD, "application/json");
            assertEquals(200, read.status(), read.body());
            before = read.json();
        }

        try (EmbeddedServer second = start(Map.of("testhealth.analysis.refresh-on-start", true,
                "testhealth.test.held-rebuild", true))) {
            HeldRebuild rebuild = second.getApplicationContext().getBean(HeldRebuild.class);
            try {
                // the start-up rebuild (1 s after start) is under way and stays so until released
                assertTrue(rebuild.awaitHeld(60), "no rebuild of every report started");
                CollectorClient client = new CollectorClient(second.getURL());

                CollectorClient.Text health = within(() -> client.get("/health", null));
                assertEquals(200, health.status(), health.body());
                CollectorClient.Text scorecard = within(() -> client.get(SCORECARD, "application/json"));
                assertEquals(200, scorecard.status(), scorecard.body());
                assertEquals(before, scorecard.json(), "the report stored by the first run, as it was");
                CollectorClient.Text components = within(() -> client.get("/api/v1/components", "application/json"));
                assertEquals(200, components.status(), components.body());
                assertEquals("component:default/restarted", components.json().path(0).path("ref").asText(),
                        components.body());
            } finally {
                rebuild.release();
            }
            // let go, the rebuild replaces the report (and is over before the collector stops)
            awaitRecomputed(new CollectorClient(second.getURL()), before.path("computedAt").asText());
        }
    }

    private static void awaitRecomputed(CollectorClient client, String computedBefore) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String computed = computedBefore;
        while (computed.equals(computedBefore)) {
            assertTrue(System.nanoTime() < deadline, "the released rebuild stored no new report");
            Thread.sleep(100);
            computed = client.get(SCORECARD, "application/json").json().path("computedAt").asText();
        }
    }

    private EmbeddedServer start(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(database);
        settings.put("micronaut.server.port", -1);
        settings.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, settings, "test");
    }

    /** The read's answer, which must come within {@link #ANSWER}. */
    private static <T> T within(Supplier<T> read) throws Exception {
        long start = System.nanoTime();
        T answer = CompletableFuture.supplyAsync(read).get(ANSWER.toMillis() * 10, TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(ANSWER) < 0, "answered after " + took);
        return answer;
    }
}
