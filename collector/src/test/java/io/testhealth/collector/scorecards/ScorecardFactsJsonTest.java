package io.testhealth.collector.scorecards;

import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Facts as stored in a report document: read back as written, and as stored before disagreements were counted. */
final class ScorecardFactsJsonTest {

    private static ScorecardFacts facts(long disagreements, List<ScorecardFacts.LayerDisagreement> shown) {
        return new ScorecardFacts(20, 1, 10, 1, 10, 0, 5, 5, 0, List.of(3.0), 0, 0, List.of(), List.of(), List.of(),
                0.1, true, 20, 18, Map.of(CheckId.CLASSIFICATION_OWNERSHIP_COVERAGE, List.of("Receipt.prints (no layer)")),
                disagreements, shown);
    }

    @Test
    void disagreementsAreStoredAndAReportStoredWithoutThemReadsAsNone() throws Exception {
        // the collector's own setting (application.yml): every field written, empty or null
        try (ObjectMapper.CloseableObjectMapper json = ObjectMapper.create(
                Map.of("micronaut.serde.serialization.inclusion", "always"))) {
            check(json);
        }
    }

    private static void check(ObjectMapper json) throws IOException {
        ScorecardFacts written = facts(1, List.of(new ScorecardFacts.LayerDisagreement("t1", "CartTest.adds", "unit",
                "naming", "integration")));
        String text = json.writeValueAsString(written);
        String older = json.writeValueAsString(facts(0, List.of()))
                .replace(",\"layerDisagreements\":0", "").replace(",\"layerDisagreementExamples\":[]", "");
        ScorecardFacts old = json.readValue(older, ScorecardFacts.class);
        assertAll(
                () -> assertEquals(written, json.readValue(text, ScorecardFacts.class)),
                () -> assertFalse(older.contains("layerDisagreement"), older),
                () -> assertEquals(0, old.layerDisagreements()),
                () -> assertEquals(List.of(), old.layerDisagreementExamples()),
                () -> assertEquals(18, old.testsClassifiedAndOwned()));
    }
}
