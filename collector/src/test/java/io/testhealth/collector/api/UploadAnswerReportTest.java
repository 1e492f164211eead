package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload's answer says what it changed in its component's report ({@code componentReport}), on a history small
 * enough to grade by hand with the shipped thresholds (thresholds-v1.yml, version 2026.11-1).
 */
@MicronautTest
@OnEachStore
final class UploadAnswerReportTest {

    private static final String SUITE = "com.acme.LedgerTest";

    @Inject
    EmbeddedServer server;

    private CollectorClient.Reply upload(int pipeline, String flakyTest) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + SUITE + "\">");
        for (int t = 0; t < 10; t++) {
            String name = "t" + t;
            xml.append("<testcase classname=\"" + SUITE + "\" name=\"" + name + "\" time=\"0.2\">");
            if (name.equals(flakyTest)) {
                xml.append("<flakyFailure message=\"deadlock\" type=\"java.sql.SQLTransientException\"/>");
            }
            xml.append("</testcase>");
        }
        xml.append("</testsuite>");
        // One team (which owns every test without an owner of its own), every test declared unit, the default branch.
        return new CollectorClient(server.getURL()).upload("component=grading&team=grading-team&layer=unit&branch=main"
                        + "&job=test&pipeline=p" + pipeline, xml.toString().getBytes(StandardCharsets.UTF_8),
                "application/xml");
    }

    @Test
    void theAnswerGivesGradeAndLevelBeforeAndAfterAndTheTestsThatBecameFlaky() {
        CollectorClient.Reply first = upload(1, null);
        assertEquals(201, first.status(), first.json().toString());
        JsonNode firstReport = first.json().path("componentReport");
        assertAll("the first upload of a component",
                () -> assertTrue(firstReport.path("updated").asBoolean(), firstReport.toString()),
                () -> assertTrue(firstReport.path("before").isNull(), "no report before the first upload"),
                () -> assertEquals(0, firstReport.path("becameFlaky").path("count").asInt()));

        for (int p = 2; p <= 10; p++) {
            assertEquals(201, upload(p, null).status());
        }
        // Ten job runs of ten passing unit tests, all on main, all owned by the team. Checks with data:
        //   flaky test ratio 0/10 tests = 0 <= 0.01 Gold; flaky run rate 0/10 job runs = 0 <= 0.005 Gold;
        //   pipelines broken by flakes 0/10 pipelines Gold; default-branch pass rate 10/10 = 1.0 >= 0.98 Gold;
        //   flake age: no open flaky test, Gold; quarantine hygiene: none quarantined, Gold;
        //   pyramid: every test unit, nothing above it, top-heaviness 0 <= 0.10 and ordered, Gold;
        //   classification and ownership 10/10 = 1.0 >= 0.98 Gold.
        //   PR feedback (no other branch) and E2E duration (no E2E job) have no data.
        // 8 checks with data (Silver and Gold need 7), all Gold: level Gold, grade A.
        CollectorClient.Reply eleventh = upload(11, "t3");
        assertEquals(201, eleventh.status(), eleventh.json().toString());
        JsonNode change = eleventh.json().path("componentReport");
        // t3 failed, then passed on the rerun in job run 11: hard evidence, flaky (11 runs, past the 5 of a new test).
        //   flaky test ratio 1/10 = 0.10 > 0.05: below Bronze; flaky run rate 1/11 = 0.091 > 0.03: below Bronze;
        //   pipelines broken by flakes 0/11 (p11 passed on the rerun): Gold; default-branch pass rate 11/11: Gold;
        //   flake age: one open flaky test, flaky since today, median 0 days <= 14: Gold; the rest as before.
        // Two checks below Bronze: level none, and grade D (below Bronze on one or two checks).
        assertAll("the upload that made t3 flaky",
                () -> assertTrue(change.path("updated").asBoolean(), change.toString()),
                () -> assertEquals("A", change.path("before").path("grade").asText(), change.toString()),
                () -> assertEquals("Gold", change.path("before").path("level").asText()),
                () -> assertEquals("D", change.path("after").path("grade").asText()),
                () -> assertEquals("none", change.path("after").path("level").asText()),
                () -> assertEquals(1, change.path("becameFlaky").path("count").asInt()),
                () -> assertEquals("t3", change.path("becameFlaky").path("tests").get(0).path("name").asText()),
                () -> assertEquals(SUITE, change.path("becameFlaky").path("tests").get(0).path("suite").asText()),
                () -> assertEquals(0, change.path("becameFixed").path("count").asInt()),
                () -> assertEquals(0, change.path("becameBroken").path("count").asInt()));

        CollectorClient.Reply repeat = upload(11, "t3");
        assertAll("a repeat changes nothing",
                () -> assertEquals(200, repeat.status()),
                () -> assertTrue(repeat.json().path("componentReport").isNull(), repeat.json().toString()));
    }
}
