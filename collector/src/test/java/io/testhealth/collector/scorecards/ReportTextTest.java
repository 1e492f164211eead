package io.testhealth.collector.scorecards;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.review.Reports;
import io.testhealth.collector.scorecards.HealthReport.DurationRegressionView;
import io.testhealth.collector.scorecards.HealthReport.TestRow;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text a report is saved as: the whole report's JSON, whatever rows were reused, and only the rows that changed
 * written again.
 */
@MicronautTest(startApplication = false)
final class ReportTextTest {

    private static final ObjectMapper TREE = new ObjectMapper();
    private static final String TEAM = "group:default/team-text";

    @Inject
    JsonMapper json;

    /** Varied rows: a non-ASCII name, unknown durations, a regression with its commit, slow runs, quarantine. */
    private static TestRow row(String id, String state, int runs, Double p95) {
        return new TestRow(id, "com.acme.Caf\u00e9Test", "rend le r\u00e9sultat \u2014 " + id, "unit", "naming", false,
                state, List.of("failed then passed on a re-run of the same commit, " + runs / 4 + " times"),
                runs / 100.0, 0.01 * runs / 10, 0.5, runs / 5, runs, runs / 3, runs / 60.0, 0.25, 12.5 * runs, runs % 3,
                p95 == null ? null : p95 / 2, p95, 31.25 * runs, Instant.parse("2026-12-01T10:15:30Z"),
                state.equals("flaky") ? Instant.parse("2026-11-30T08:00:00Z") : null, null, "team-text",
                runs % 2 == 0, p95 == null ? null : new DurationRegressionView(p95 / 3, p95, 3.0, 0.004, "9f1c2e7",
                Instant.parse("2026-11-28T00:00:00Z")), List.of("run-" + runs, "run-" + (runs + 1)));
    }

    private void assertSameJson(HealthReport report, String text) throws Exception {
        assertEquals(TREE.readTree(json.writeValueAsBytes(report)), TREE.readTree(text));
        assertTrue(text.chars().allMatch(c -> c < 128), "ASCII only");
        assertEquals(report, json.readValue(text.getBytes(StandardCharsets.US_ASCII), HealthReport.class));
    }

    @Test
    void theTextIsTheJsonOfTheWholeReport() throws Exception {
        HealthReport report = Reports.component("text-whole", TEAM)
                .tests(row("a", "flaky", 20, 1.5), row("b", "healthy", 7, null), row("c", "broken", 44, 0.25)).build();
        assertSameJson(report, new ReportText(json, 1 << 20).write(report));
    }

    @Test
    void aSecondSaveWritesOnlyTheRowsThatChangedAndIsStillTheWholeReport() throws Exception {
        ReportText text = new ReportText(json, 1 << 20);
        HealthReport first = Reports.component("text-changed", TEAM)
                .tests(row("a", "flaky", 20, 1.5), row("b", "healthy", 7, null), row("c", "broken", 44, 0.25)).build();
        text.write(first);
        // b ran again (8 runs now), d is new; a and c are equal to the rows written before
        HealthReport second = Reports.component("text-changed", TEAM)
                .tests(row("a", "flaky", 20, 1.5), row("c", "broken", 44, 0.25), row("b", "healthy", 8, null),
                        row("d", "new", 1, 3.0)).build();
        String saved = text.write(second);
        assertSameJson(second, saved);
        assertArrayEquals(new long[] {3 + 2, 2}, text.counts(), "written: 3, then b and d; reused: a and c");
    }

    @Test
    void aSubjectWhoseRowsAreOverTheLimitIsWrittenWholeEachTime() throws Exception {
        ReportText text = new ReportText(json, 100); // one row's text is longer than 100 characters
        HealthReport report = Reports.component("text-limit", TEAM).tests(row("a", "flaky", 20, 1.5)).build();
        text.write(report);
        String saved = text.write(report);
        assertSameJson(report, saved);
        assertArrayEquals(new long[] {2, 0}, text.counts());
    }

    @Test
    void aTeamReportWithoutTestsIsWrittenWhole() throws Exception {
        HealthReport team = Reports.team(TEAM).build();
        assertSameJson(team, new ReportText(json, 1 << 20).write(team));
    }
}
