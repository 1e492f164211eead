package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.durations.HistoryBuilder.RunSpec;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.testhealth.collector.analysis.durations.HistoryBuilder.WINDOW;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.test;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class E2eJobRunsTest {

    private static RunSpec in(String runId, Layer layer) {
        return RunSpec.passed(1.0).runId(runId).layer(layer, LayerSource.UPLOAD);
    }

    @Test
    void aJobRunIsE2eWhenEveryTestThatRanInItIsE2e() {
        // "pure": two e2e tests; "mixed": an e2e and a unit test; "unclassified": an e2e test and one nothing
        // classifies; "skipped-unit": an e2e test and a unit test that was skipped (it did not run); "unit": unit only.
        List<TestHistory> tests = List.of(
                test("Journeys", "pays").runs(in("pure", Layer.E2E), in("mixed", Layer.E2E), in("unclassified", Layer.E2E),
                        in("skipped-unit", Layer.E2E)).build(),
                test("Journeys", "ships").runs(in("pure", Layer.E2E)).build(),
                test("Money", "adds").runs(in("mixed", Layer.UNIT), in("skipped-unit", Layer.UNIT).outcome(Outcome.SKIPPED),
                        in("unit", Layer.UNIT)).build(),
                test("Checkout", "legacy").runs(RunSpec.passed(1.0).runId("unclassified")).build());
        var classifications = PyramidClassifier.classifyAll(tests, PyramidMapping.none(), WINDOW);
        assertEquals(Set.of("pure", "skipped-unit"), E2eJobRuns.of(tests, classifications, WINDOW));
    }
}
