package io.testhealth.collector.scorecards;

import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.analysis.pyramid.Classification;
import io.testhealth.collector.analysis.pyramid.PyramidProfile;
import io.testhealth.collector.analysis.pyramid.PyramidShape;
import io.testhealth.collector.model.Layer;

import java.util.List;
import java.util.Map;

/**
 * Tests, runs and seconds per pyramid layer, kept as counts so that a team's pyramid is the sum of its components'
 * (shares of shares would weigh a small component like a large one). Counted the way
 * {@link PyramidShape} counts: every test the window ran ({@link TimeWindow#ran}), its counted runs in the window and
 * their cost.
 *
 * @param unit        unit tests
 * @param integration integration tests (contract tests included)
 * @param e2e         end-to-end tests
 * @param unknown     tests without a known layer
 * @param contract    contract tests, a part of {@code integration}
 */
@Serdeable
public record LayerCounts(Count unit, Count integration, Count e2e, Count unknown, int contract) {

    /** One layer's tests, runs and seconds. */
    @Serdeable
    public record Count(int tests, long runs, double seconds) {
        Count plus(Count o) {
            return new Count(tests + o.tests, runs + o.runs, seconds + o.seconds);
        }
    }

    private static final Count ZERO = new Count(0, 0, 0);

    /** No tests at all. */
    public static LayerCounts empty() {
        return new LayerCounts(ZERO, ZERO, ZERO, ZERO, 0);
    }

    /** Counts the tests of one component by their classification. */
    public static LayerCounts of(List<TestHistory> histories, Map<String, Classification> classifications, TimeWindow window) {
        LayerCounts counts = empty();
        for (TestHistory h : histories) {
            if (!window.ran(h)) {
                continue;
            }
            Classification c = classifications.get(h.testId());
            long runs = 0;
            double seconds = 0;
            for (TestRunFact f : h.runs()) {
                if (f.counts() && window.contains(f.job().startedAt())) {
                    runs++;
                    if (f.costSeconds() != null && Double.isFinite(f.costSeconds()) && f.costSeconds() >= 0) {
                        seconds += f.costSeconds();
                    }
                }
            }
            Count one = new Count(1, runs, seconds);
            Layer layer = c == null ? null : c.layer();
            counts = counts.add(layer, one, c != null && c.contract());
        }
        return counts;
    }

    private LayerCounts add(Layer layer, Count one, boolean isContract) {
        if (layer == null) {
            return new LayerCounts(unit, integration, e2e, unknown.plus(one), contract);
        }
        return switch (layer) {
            case UNIT -> new LayerCounts(unit.plus(one), integration, e2e, unknown, contract);
            case INTEGRATION -> new LayerCounts(unit, integration.plus(one), e2e, unknown, contract + (isContract ? 1 : 0));
            case E2E -> new LayerCounts(unit, integration, e2e.plus(one), unknown, contract);
        };
    }

    /** The sum of two components' counts. */
    public LayerCounts plus(LayerCounts o) {
        return new LayerCounts(unit.plus(o.unit), integration.plus(o.integration), e2e.plus(o.e2e),
                unknown.plus(o.unknown), contract + o.contract);
    }

    /** All tests. */
    public Count all() {
        return unit.plus(integration).plus(e2e).plus(unknown);
    }

    /** Tests with a known layer. */
    public int classified() {
        return unit.tests() + integration.tests() + e2e.tests();
    }

    /** Whether unit ≥ integration ≥ e2e by test count; {@code null} when no test is classified. */
    public Boolean ordered() {
        return classified() == 0 ? null : unit.tests() >= integration.tests() && integration.tests() >= e2e.tests();
    }

    /** Top-heaviness against a profile over classified tests; {@code null} when no test is classified. */
    public Double topHeaviness(PyramidProfile profile) {
        int n = classified();
        return n == 0 ? null : PyramidShape.topHeaviness((double) integration.tests() / n, (double) e2e.tests() / n, profile);
    }
}
