package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values that no CI run can produce: each is refused with a 400 naming its parameter, or, inside a report, taken as
 * unknown with a warning; never a 500 and never a number that corrupts the history.
 */
@MicronautTest
final class OutOfRangeValuesTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    private CollectorClient client() {
        return new CollectorClient(server.getURL());
    }

    private static String allure(String name, String start, String stop) {
        return "{\"uuid\":\"" + UUID.randomUUID() + "\",\"historyId\":\"" + name + "\",\"name\":\"" + name
                + "\",\"fullName\":\"shop.Range#" + name + "\",\"status\":\"passed\",\"start\":" + start + ",\"stop\":" + stop + "}";
    }

    @Test
    void allureTimesAtTheEndsOfLongAreUnknownWithAWarning() {
        String id = "range-" + UUID.randomUUID();
        CollectorClient.Reply r = client().upload("component=ranges&uploadId=" + id,
                bytes(allure("extremes", Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE))), "application/json");
        assertAll(
                () -> assertEquals(201, r.status(), r.json().toString()),
                () -> assertEquals(1, r.count("tests")),
                () -> assertEquals(0.0, r.json().path("durationSeconds").asDouble()),
                () -> assertTrue(r.json().path("warnings").toString().contains("start"), r.json().toString()),
                () -> assertEquals(1, nullDurations(id)));
    }

    @Test
    void anAllureStopAtLongMaxAfterAStartAtZeroDoesNotBecomeADuration() {
        String id = "range-" + UUID.randomUUID();
        // 2026-11-26T10:00:00Z is 1,795,687,200,000 ms; the sane result took 2.5 s, the other one claims 9.2e15 s
        String sane = allure("sane", "1795687200000", "1795687202500");
        String absurd = allure("absurd", "0", Long.toString(Long.MAX_VALUE));
        byte[] zip = UploadControllerTest.zipUnchecked(java.util.Map.of("allure-results/a-result.json", sane,
                "allure-results/b-result.json", absurd));
        CollectorClient.Reply r = client().upload("component=ranges&uploadId=" + id, zip, "application/zip");
        assertAll(
                () -> assertEquals(201, r.status(), r.json().toString()),
                () -> assertEquals(2, r.count("tests")),
                () -> assertEquals(2.5, r.json().path("durationSeconds").asDouble()),
                () -> assertTrue(r.json().path("warnings").toString().contains("b-result.json"), r.json().toString()),
                () -> assertEquals(1, nullDurations(id)));
    }

    @Test
    void aJUnitTimeOfCenturiesIsUnknownWithAWarning() {
        String id = "range-" + UUID.randomUUID();
        String xml = "<testsuite name=\"S\"><testcase classname=\"S\" name=\"quick\" time=\"0.75\"/>"
                + "<testcase classname=\"S\" name=\"forever\" time=\"1e300\" timestamp=\"+999999999-01-01T00:00:00Z\"/>"
                + "<testcase classname=\"S\" name=\"twoDays\" time=\"172800\"/></testsuite>";
        CollectorClient.Reply r = client().upload("component=ranges&uploadId=" + id, bytes(xml), "application/xml");
        assertAll(
                () -> assertEquals(201, r.status(), r.json().toString()),
                () -> assertEquals(3, r.count("tests")),
                () -> assertEquals(0.75, r.json().path("durationSeconds").asDouble()),
                () -> assertTrue(r.json().path("warnings").toString().contains("forever"), r.json().toString()),
                () -> assertEquals(2, nullDurations(id)));
    }

    @Test
    void aStartInYear999999999IsRefusedNamingTheParameter() {
        CollectorClient.Reply r = client().upload("component=ranges&startedAt=%2B999999999-01-01T00:00:00Z",
                bytes("<testsuite><testcase classname=\"S\" name=\"t\"/></testsuite>"), "application/xml");
        assertRefused(r, "startedAt");
    }

    @Test
    void runTimesBeforeCiExistedOrInTheFutureAreRefused() {
        Instant tomorrowAndAnHour = Instant.now().plus(Duration.ofHours(25)).truncatedTo(ChronoUnit.SECONDS);
        String report = "<testsuite><testcase classname=\"S\" name=\"t\"/></testsuite>";
        assertRefused(client().upload("component=ranges&startedAt=1970-01-01T00:00:00Z", bytes(report), "application/xml"), "startedAt");
        assertRefused(client().upload("component=ranges&finishedAt=" + tomorrowAndAnHour, bytes(report), "application/xml"), "finishedAt");
    }

    @Test
    void aJobRunOfMoreThanSevenDaysIsRefused() {
        Instant start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        CollectorClient.Reply r = client().upload("component=ranges&startedAt=" + start + "&finishedAt=" + start.plus(Duration.ofDays(8)),
                bytes("<testsuite><testcase classname=\"S\" name=\"t\"/></testsuite>"), "application/xml");
        assertRefused(r, "finishedAt");
    }

    @Test
    void onlyHttpRunUrlsAreStored() {
        String report = "<testsuite><testcase classname=\"S\" name=\"t\"/></testsuite>";
        for (String url : new String[] {"javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
                "file:///etc/passwd", "//evil.example/run", "ci.example.com/run/1"}) {
            assertRefused(client().upload("component=ranges&runUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8),
                    bytes(report), "application/xml"), "runUrl");
        }
        String pipeline = UUID.randomUUID().toString();
        CollectorClient.Reply ok = client().upload("component=ranges&pipeline=" + pipeline + "&runUrl="
                + URLEncoder.encode("https://ci.example.com/acme/shop/actions/runs/42", StandardCharsets.UTF_8), bytes(report), "application/xml");
        assertEquals(201, ok.status(), ok.json().toString());
        assertEquals(1, StoredRows.count(store, "runs", "run_url", "https://ci.example.com/acme/shop/actions/runs/42"));
    }

    private static void assertRefused(CollectorClient.Reply r, String parameter) {
        assertAll(
                () -> assertEquals(400, r.status(), r.json().toString()),
                () -> assertEquals("invalid-request", r.text("error")),
                () -> assertTrue(r.text("message").startsWith(parameter), r.text("message")));
    }

    private long nullDurations(String uploadId) {
        try (Connection c = ((DuckDbHistoryStore) store).openConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM test_results WHERE upload_id = ? AND duration_seconds IS NULL")) {
            s.setString(1, uploadId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
