package io.testhealth.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.event.annotation.EventListener;
import io.testhealth.collector.analysis.durations.Percentile;
import io.testhealth.collector.analysis.durations.Percentiles;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.UploadStored;
import io.testhealth.collector.metrics.Metric.Scope;
import io.testhealth.collector.ownership.GroupRef;
import io.testhealth.collector.retention.RowsExpired;
import io.testhealth.collector.scorecards.AnalysisFailed;
import io.testhealth.collector.scorecards.CheckId;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.HealthReport.CheckView;
import io.testhealth.collector.scorecards.HealthReport.LayerView;
import io.testhealth.collector.scorecards.Level;
import io.testhealth.collector.scorecards.ReportsRefreshed;
import io.testhealth.collector.scorecards.ScorecardFacts;
import io.testhealth.collector.scorecards.ScorecardService;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the collector's Prometheus meters current: gauges read from the stored reports whenever they are
 * recomputed (after uploads and daily, never per scrape), and counters and a histogram of the ingest.
 *
 * <p>Gauges are registered per component and team as reports appear, and removed when their subject (or a number
 * that became unknown) disappears, so a scrape never shows a stale subject. Labels name components, teams, checks,
 * layers, states, quantiles, outcomes and reasons only: never a test or a run, whose number has no bound.
 */
@Singleton
public final class TestHealthMetrics {

    /** Histogram buckets of {@link Metric#INGEST}: from a small report to a large archive. */
    static final List<Duration> INGEST_BUCKETS = List.of(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120));

    /** Outcomes of {@link Metric#UPLOADS}. */
    static final String STORED = "stored";
    static final String DUPLICATE = "duplicate";
    static final String REJECTED = "rejected";

    private static final Map<String, Double> GRADES = Map.of("A", 4.0, "B", 3.0, "C", 2.0, "D", 1.0, "F", 0.0);
    private static final Map<CheckId, Metric> CHECK_GAUGES = Map.of(
            CheckId.FLAKY_TEST_RATIO, Metric.FLAKY_TEST_RATIO,
            CheckId.FLAKY_RUN_RATE, Metric.FLAKY_RUN_RATE,
            CheckId.PIPELINES_BROKEN_BY_FLAKES, Metric.PIPELINES_BROKEN_BY_FLAKES,
            CheckId.DEFAULT_BRANCH_PASS_RATE, Metric.DEFAULT_BRANCH_PASS_RATE);

    private final MeterRegistry registry;
    private final Map<String, Counter> uploads = new LinkedHashMap<>();
    private final Map<IngestException.Reason, Counter> rejections = new EnumMap<>(IngestException.Reason.class);
    private final Counter results;
    private final Timer ingest;
    private final Map<String, Counter> expired = new LinkedHashMap<>();
    /** Guarded by {@code this}. */
    private final Map<SeriesKey, Slot> gauges = new HashMap<>();
    /** The report each subject's gauges were last read from, and its series; guarded by {@code this}. */
    private Map<String, Published> published = new HashMap<>();

    public TestHealthMetrics(MeterRegistry registry, ScorecardService scorecards) {
        this.registry = registry;
        Gauge.builder(Metric.ANALYSIS_FAILING_COMPONENTS.meterName(), scorecards, ScorecardService::failingComponents)
                .description(Metric.ANALYSIS_FAILING_COMPONENTS.help()).strongReference(true).register(registry);
        for (String outcome : List.of(STORED, DUPLICATE, REJECTED)) {
            uploads.put(outcome, Counter.builder(Metric.UPLOADS.meterName()).description(Metric.UPLOADS.help())
                    .tag(Metric.UPLOADS.extraLabel(), outcome).register(registry));
        }
        for (IngestException.Reason r : IngestException.Reason.values()) {
            rejections.put(r, Counter.builder(Metric.UPLOADS_REJECTED.meterName()).description(Metric.UPLOADS_REJECTED.help())
                    .tag(Metric.UPLOADS_REJECTED.extraLabel(), r.code()).register(registry));
        }
        results = Counter.builder(Metric.TEST_RESULTS_INGESTED.meterName())
                .description(Metric.TEST_RESULTS_INGESTED.help()).register(registry);
        ingest = Timer.builder(Metric.INGEST.meterName()).description(Metric.INGEST.help())
                .serviceLevelObjectives(INGEST_BUCKETS.toArray(Duration[]::new)).register(registry);
        for (String table : List.of("runs", "uploads", "test_results", "test_attempts", "integration_edges",
                "test_spans")) {
            expired.put(table, Counter.builder(Metric.RETENTION_ROWS_DELETED.meterName())
                    .description(Metric.RETENTION_ROWS_DELETED.help())
                    .tag(Metric.RETENTION_ROWS_DELETED.extraLabel(), table).register(registry));
        }
    }

    /** Counts the rows one transaction of a retention pass deleted. */
    @EventListener
    public void onRowsExpired(RowsExpired event) {
        expired.get("runs").increment(event.history().runs());
        expired.get("uploads").increment(event.history().uploads());
        expired.get("test_results").increment(event.history().testResults());
        expired.get("test_attempts").increment(event.history().testAttempts());
        expired.get("integration_edges").increment(event.integrationEdges());
        expired.get("test_spans").increment(event.history().testSpans());
    }

    /** Counts a committed upload, its test results and how long it took. */
    @EventListener
    public void onUploadStored(UploadStored event) {
        uploads.get(STORED).increment();
        results.increment(event.testResults());
        ingest.record(Math.round(event.ingestSeconds() * 1e9), TimeUnit.NANOSECONDS);
    }

    /** Counts a failed analysis of a component. */
    @EventListener
    public void onAnalysisFailed(AnalysisFailed event) {
        Counter.builder(Metric.ANALYSIS_FAILURES.meterName()).description(Metric.ANALYSIS_FAILURES.help())
                .tag(Metric.ANALYSIS_FAILURES.extraLabel(), event.component()).register(registry).increment();
    }

    /** Counts a repeated upload that was answered without storing it again. */
    public void duplicate() {
        uploads.get(DUPLICATE).increment();
    }

    /** Counts a refused upload by its reason. */
    public void rejected(IngestException.Reason reason) {
        uploads.get(REJECTED).increment();
        rejections.get(reason).increment();
    }

    /** Brings the gauges in line with the reports just stored. */
    @EventListener
    public void onReportsRefreshed(ReportsRefreshed event) {
        publish(event.components(), event.teams());
    }

    /**
     * Sets the gauges to the given reports: registers new series, updates known ones, removes the rest.
     *
     * <p>A report that is the very object published last time is not read again: after an upload only its
     * component's and team's reports are new, so the cost of an upload's publication is that of the subjects it
     * changed, not of every subject (the lists hold every report).
     */
    synchronized void publish(List<HealthReport> components, List<HealthReport> teams) {
        Map<String, Published> next = new HashMap<>();
        for (HealthReport c : components) {
            publishSubject(Scope.COMPONENT, c, next, () -> Tags.of("component", c.name(), "namespace", c.namespace(),
                    "team", c.team().isEmpty() ? "" : GroupRef.name(c.team())));
        }
        for (HealthReport t : teams) {
            publishSubject(Scope.TEAM, t, next, () -> Tags.of("team", t.name()));
        }
        published.forEach((subject, gone) -> {
            if (!next.containsKey(subject)) {
                gone.series().keySet().forEach(this::remove);
            }
        });
        published = next;
    }

    private void publishSubject(Scope scope, HealthReport report, Map<String, Published> next,
                                Supplier<Tags> tags) {
        String subject = scope + ":" + report.subject();
        Published before = published.get(subject);
        if (before != null && before.report() == report) {
            next.put(subject, before);
            return;
        }
        Map<SeriesKey, Double> series = new LinkedHashMap<>();
        read(report, scope, tags.get(), series);
        if (before != null) {
            before.series().keySet().stream().filter(k -> !series.containsKey(k)).forEach(this::remove);
        }
        series.forEach((key, value) -> gauges.computeIfAbsent(key, this::register).value = value);
        next.put(subject, new Published(report, series));
    }

    private void remove(SeriesKey key) {
        Slot slot = gauges.remove(key);
        if (slot != null) {
            registry.remove(slot.gauge);
        }
    }

    private Slot register(SeriesKey key) {
        Slot slot = new Slot();
        slot.gauge = Gauge.builder(key.name(), slot, s -> s.value).description(key.metric().help()).tags(key.tags())
                .strongReference(true).register(registry);
        return slot;
    }

    /** Every number of one report, as the series it is exposed in. */
    private static void read(HealthReport r, Scope scope, Tags subject, Map<SeriesKey, Double> out) {
        Series s = new Series(scope, subject, out);
        s.put(Metric.GRADE, null, gradeNumber(r.scorecard().grade()));
        s.put(Metric.LEVEL, null, levelNumber(r.scorecard().level()));
        for (CheckView c : r.scorecard().checks()) {
            s.put(Metric.CHECK_LEVEL, c.id(), levelNumber(c.level()));
            s.put(Metric.CHECK_VALUE, c.id(), c.value());
        }
        for (Map.Entry<CheckId, Metric> e : CHECK_GAUGES.entrySet()) {
            r.scorecard().checks().stream().filter(c -> c.id().equals(e.getKey().id())).findFirst()
                    .ifPresent(c -> s.put(e.getValue(), null, c.value()));
        }
        HealthReport.Metrics m = r.metrics();
        s.put(Metric.PASS_RATE, null, m.passRate());
        s.put(Metric.TESTS, null, (double) m.tests());
        m.states().forEach((state, n) -> s.put(Metric.TESTS_BY_STATE, state, n.doubleValue()));
        s.put(Metric.QUARANTINED_TESTS, null, (double) m.quarantinedTests());
        s.put(Metric.JOB_RUNS, null, (double) m.jobRuns());
        s.put(Metric.TIME_LOST_TO_FLAKES_SECONDS, null, m.timeLostToFlakesSeconds());
        s.put(Metric.TEST_FOOTPRINT_SECONDS, null, m.footprintSeconds());
        Map<String, LayerView> layers = new LinkedHashMap<>();
        layers.put("unit", r.pyramid().unit());
        layers.put("integration", r.pyramid().integration());
        layers.put("e2e", r.pyramid().e2e());
        layers.put("unknown", r.pyramid().unknown());
        layers.forEach((layer, v) -> {
            s.put(Metric.PYRAMID_TESTS, layer, (double) v.tests());
            s.put(Metric.PYRAMID_SHARE, layer, v.share());
            s.put(Metric.PYRAMID_RUN_SHARE, layer, v.runShare());
            s.put(Metric.PYRAMID_TIME_SHARE, layer, v.timeShare());
        });
        s.put(Metric.PYRAMID_TOP_HEAVINESS, null, r.pyramid().topHeaviness());
        ScorecardFacts f = r.facts();
        if (f != null) {
            s.put(Metric.LAYER_DISAGREEMENTS, null, (double) f.layerDisagreements());
            quantiles(s, Metric.PR_PIPELINE_WALL_SECONDS, f.prPipelineWallMinutes());
            quantiles(s, Metric.E2E_JOB_WALL_SECONDS, f.e2eJobWallMinutes());
        }
        s.put(Metric.REPORT_TIMESTAMP_SECONDS, null, r.computedAt().toEpochMilli() / 1000.0);
    }

    /** p50 and p95 of wall times given in minutes, in seconds; each absent below its minimum of samples. */
    private static void quantiles(Series s, Metric metric, List<Double> minutes) {
        List<Double> seconds = new ArrayList<>(minutes.size());
        minutes.forEach(x -> seconds.add(x * 60));
        s.put(metric, Percentile.P50.quantileLabel(), value(Percentiles.p50(seconds)));
        s.put(metric, Percentile.P95.quantileLabel(), value(Percentiles.p95(seconds)));
    }

    private static Double value(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    /** A level label ({@code none}, {@code Bronze}...) as 0 to 3; {@code null} for an unknown label. */
    static Double levelNumber(String label) {
        for (Level l : Level.values()) {
            if (l.label().equalsIgnoreCase(label)) {
                return (double) l.ordinal();
            }
        }
        return null;
    }

    /** The grade letter as a number (A=4 … F=0), or {@code null} when there is no grade. */
    static Double gradeNumber(String grade) {
        return GRADES.get(grade);
    }

    /** The series read from one subject's report. */
    private record Published(HealthReport report, Map<SeriesKey, Double> series) {
    }

    /** One series: metric name with all its labels. */
    private record SeriesKey(Metric metric, String name, Tags tags) {
    }

    /** Collects the series of one subject; an unknown (null or non-finite) value makes no series. */
    private record Series(Scope scope, Tags subject, Map<SeriesKey, Double> out) {
        void put(Metric metric, String extra, Double value) {
            if (value == null || !Double.isFinite(value)) {
                return;
            }
            Tags tags = extra == null ? subject : subject.and(Tag.of(metric.extraLabel(), extra));
            out.put(new SeriesKey(metric, metric.meterName(scope), tags), value);
        }
    }

    /** The value a gauge reads; replaced on refresh. */
    private static final class Slot {
        private volatile double value;
        private Gauge gauge;
    }
}
