package io.testhealth.collector.scorecards;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.durations.HistoryBuilder.RunSpec;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.analysis.pyramid.PyramidClassifier;
import io.testhealth.collector.analysis.pyramid.PyramidMapping;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.testhealth.collector.analysis.durations.HistoryBuilder.T0;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.WINDOW;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class LayerCountsTest {

    private static final List<TestHistory> TESTS = List.of(
            test("Unit", "ran").runs(RunSpec.passed(1.0).layer(Layer.UNIT, LayerSource.UPLOAD),
                    RunSpec.passed(2.0).layer(Layer.UNIT, LayerSource.UPLOAD)).build(),
            test("E2e", "skippedOnly").runs(RunSpec.passed(5.0).layer(Layer.E2E, LayerSource.UPLOAD)
                    .outcome(Outcome.SKIPPED)).build(),
            test("Unknown", "unclassified").runs(RunSpec.passed(1.0)).build());

    private static LayerCounts counts(TimeWindow window) {
        return LayerCounts.of(TESTS, PyramidClassifier.classifyAll(TESTS, PyramidMapping.none(), WINDOW), window);
    }

    @Test
    void countsTheTestsTheScorecardCountsNotOnesThatWereOnlySkipped() {
        LayerCounts c = counts(WINDOW);
        assertAll(
                () -> assertEquals(2, c.all().tests(), "the skipped-only E2E test is not part of the suite"),
                () -> assertEquals(1, c.unit().tests()),
                () -> assertEquals(2, c.unit().runs()),
                () -> assertEquals(3.0, c.unit().seconds(), 1e-9),
                () -> assertEquals(0, c.e2e().tests()),
                () -> assertEquals(1, c.unknown().tests()));
    }

    @Test
    void countsNoTestThatLastRanBeforeTheWindow() {
        TimeWindow later = new TimeWindow(T0.plus(Duration.ofDays(400)), T0.plus(Duration.ofDays(428)));
        assertEquals(0, counts(later).all().tests());
    }
}
