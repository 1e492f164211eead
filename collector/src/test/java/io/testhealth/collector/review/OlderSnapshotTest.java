package io.testhealth.collector.review;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.HealthReport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report stored by a collector that did not keep pipeline run links yet still reads, with none. */
@MicronautTest(startApplication = false)
final class OlderSnapshotTest {

    @Inject
    JsonMapper json;

    @Test
    void aSnapshotWithoutPipelineRunsReadsWithAnEmptyMap() throws Exception {
        HealthReport report = Reports.component("payments", "group:default/team-a").build();
        String text = new String(json.writeValueAsBytes(report), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"pipelineRuns\":{}"), "written as an empty object");
        String older = text.replace(",\"pipelineRuns\":{}", "").replace("\"pipelineRuns\":{},", "");
        assertFalse(older.contains("pipelineRuns"));

        HealthReport read = json.readValue(older, HealthReport.class);
        assertEquals(Map.of(), read.pipelineRuns());
        assertEquals(report.subject(), read.subject());
    }
}
