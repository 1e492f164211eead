package io.testhealth.collector.analysis.durations;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: builds a {@link TestHistory} run by run, with defaults for everything a test does not care about.
 *
 * <p>Run {@code k} of a history (counting from 0) starts {@code k} hours after {@link #T0} and is called {@code run-k}
 * unless the spec names it, so histories built alike share job runs.
 */
public final class HistoryBuilder {

    /** When the first run of every fixture history starts. */
    public static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    /** A window holding every fixture run. */
    public static final TimeWindow WINDOW = new TimeWindow(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(365)));
    /** The default fixture component. */
    public static final String COMPONENT = "component:default/payments";

    private final String suite;
    private final String name;
    private String component = COMPONENT;
    private final List<RunSpec> runs = new ArrayList<>();

    private HistoryBuilder(String suite, String name) {
        this.suite = suite;
        this.name = name;
    }

    /** A test of {@link #COMPONENT}. */
    public static HistoryBuilder test(String suite, String name) {
        return new HistoryBuilder(suite, name);
    }

    /** Puts the test in another component. */
    public HistoryBuilder in(String component) {
        this.component = component;
        return this;
    }

    /** Adds passed runs on {@code main} with these durations (cost equal to duration). */
    public HistoryBuilder passed(double... durations) {
        for (double d : durations) {
            runs.add(RunSpec.passed(d));
        }
        return this;
    }

    /** Adds runs. */
    public HistoryBuilder runs(RunSpec... specs) {
        runs.addAll(List.of(specs));
        return this;
    }

    /** The history, runs oldest first. */
    public TestHistory build() {
        List<TestRunFact> facts = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
            RunSpec r = runs.get(k);
            String runId = r.runId() == null ? "run-" + k : r.runId();
            JobRun job = new JobRun(runId, component, "", "p-" + runId, r.job(), 1, "", r.branch(), "c" + k,
                    T0.plus(Duration.ofHours(k)));
            facts.add(new TestRunFact(job, r.outcome(), r.outcome() == Outcome.FLAKY ? 2 : 1,
                    r.outcome() == Outcome.FLAKY ? 1 : 0, r.duration(), r.cost(), "", "", "", r.layer(), r.labels(),
                    r.reportFile()));
        }
        String testId = component + "/" + suite + "/" + name;
        return new TestHistory(testId, component, suite, name, facts, facts.size(), T0);
    }

    /**
     * One run of a test; the withers return a changed copy.
     *
     * @param runId      the job run id, or {@code null} for {@code run-k}
     * @param job        the job name
     * @param branch     the branch
     * @param outcome    the outcome
     * @param duration   final attempt's duration, or {@code null}
     * @param cost       all attempts, or {@code null}
     * @param layer      declared layer, or {@code null}
     * @param labels     labels
     * @param reportFile report file
     */
    public record RunSpec(String runId, String job, String branch, Outcome outcome, Double duration, Double cost,
                          DeclaredLayer layer, Map<String, List<String>> labels, String reportFile) {

        /** A passed run on {@code main} whose cost equals its duration. */
        public static RunSpec passed(Double seconds) {
            return new RunSpec(null, "test", "main", Outcome.PASSED, seconds, seconds, null, Map.of(), "");
        }

        /** A passed run with no duration at all. */
        public static RunSpec untimed() {
            return passed(null);
        }

        public RunSpec runId(String id) {
            return new RunSpec(id, job, branch, outcome, duration, cost, layer, labels, reportFile);
        }

        public RunSpec job(String j) {
            return new RunSpec(runId, j, branch, outcome, duration, cost, layer, labels, reportFile);
        }

        public RunSpec branch(String b) {
            return new RunSpec(runId, job, b, outcome, duration, cost, layer, labels, reportFile);
        }

        public RunSpec outcome(Outcome o) {
            return new RunSpec(runId, job, branch, o, duration, cost, layer, labels, reportFile);
        }

        public RunSpec cost(Double c) {
            return new RunSpec(runId, job, branch, outcome, duration, c, layer, labels, reportFile);
        }

        public RunSpec layer(Layer l, LayerSource source) {
            return new RunSpec(runId, job, branch, outcome, duration, cost, new DeclaredLayer(l, source), labels,
                    reportFile);
        }

        public RunSpec label(String key, String... values) {
            Map<String, List<String>> m = new LinkedHashMap<>(labels);
            m.put(key, List.of(values));
            return new RunSpec(runId, job, branch, outcome, duration, cost, layer, m, reportFile);
        }

        public RunSpec reportFile(String f) {
            return new RunSpec(runId, job, branch, outcome, duration, cost, layer, labels, f);
        }
    }
}
