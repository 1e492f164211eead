package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.model.Layer;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which job runs are E2E job runs, whose wall time is "E2E duration": the one rule both the pyramid's E2E suite
 * judgement and the scorecard's E2E duration check use, so that the two never show different medians.
 *
 * <p>A job run in the window is an E2E job run when every test that ran in it (skipped and unknown-outcome runs do
 * not count as running) is classified {@link Layer#E2E}. A test of unknown layer in it disqualifies it, as does a
 * unit or integration test: the job's wall time would then be the time of more than an E2E suite.
 */
public final class E2eJobRuns {

    private E2eJobRuns() {
    }

    /**
     * The run ids of the E2E job runs among the tests' runs that started in the window, in first-seen order.
     *
     * @param classifications by test id; a test without one is of unknown layer
     */
    public static Set<String> of(List<TestHistory> histories, Map<String, Classification> classifications,
                                 TimeWindow window) {
        Set<String> onlyE2e = new LinkedHashSet<>();
        if (classifications.values().stream().noneMatch(c -> c != null && c.layer() == Layer.E2E)) {
            return onlyE2e; // no E2E test, so no E2E job run: the runs need not be read
        }
        Set<String> other = new HashSet<>();
        for (TestHistory h : histories) {
            Classification c = classifications.get(h.testId());
            boolean e2e = c != null && c.layer() == Layer.E2E;
            for (TestRunFact f : h.runs()) {
                if (!f.counts() || !window.contains(f.job().startedAt())) {
                    continue;
                }
                (e2e ? onlyE2e : other).add(f.job().runId());
            }
        }
        onlyE2e.removeAll(other);
        return onlyE2e;
    }
}
