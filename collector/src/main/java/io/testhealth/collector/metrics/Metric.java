package io.testhealth.collector.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The catalogue of every metric the collector exposes, so that names, help texts and labels live in one place and
 * the dashboards can be checked against it.
 *
 * <p>Subject gauges exist twice: {@code testhealth_component_<name>} with labels {@code component}, {@code namespace}
 * and {@code team}, and {@code testhealth_team_<name>} with label {@code team}, plus the extra label listed here.
 * Ratios are from 0 to 1. A gauge is absent, rather than 0, when its number is unknown (a check without data, a
 * percentile with too few runs), so that a dashboard shows "no data" instead of a false zero.
 */
public enum Metric {
    /** The scorecard grade as a number: A=4, B=3, C=2, D=1, F=0; absent when there is no grade yet ("-"). */
    GRADE(Type.SUBJECT_GAUGE, "grade", null, "Scorecard grade as a number: A=4, B=3, C=2, D=1, F=0"),
    /** The scorecard level: 0 below Bronze, 1 Bronze, 2 Silver, 3 Gold. */
    LEVEL(Type.SUBJECT_GAUGE, "level", null, "Scorecard level: 0 below Bronze, 1 Bronze, 2 Silver, 3 Gold"),
    /** The level each check reaches, 0 to 3 as {@link #LEVEL}. */
    CHECK_LEVEL(Type.SUBJECT_GAUGE, "check_level", "check", "Level the check reaches: 0 below Bronze, 1 Bronze, 2 Silver, 3 Gold"),
    /** Each check's value in the check's unit (ratio, days or minutes, see docs/metrics.md); absent without data. */
    CHECK_VALUE(Type.SUBJECT_GAUGE, "check_value", "check", "Value of the check in its unit (ratio, days, minutes)"),
    /** Share of the tests that ran that are flaky (the flaky-test-ratio check). */
    FLAKY_TEST_RATIO(Type.SUBJECT_GAUGE, "flaky_test_ratio", null, "Share of the tests that ran that are flaky"),
    /** Share of job runs with a flaky test run (the flaky-run-rate check). */
    FLAKY_RUN_RATE(Type.SUBJECT_GAUGE, "flaky_run_rate", null, "Share of job runs with a flaky test run"),
    /** Share of pipelines broken only by flaky tests (the pipelines-broken-by-flakes check). */
    PIPELINES_BROKEN_BY_FLAKES(Type.SUBJECT_GAUGE, "pipelines_broken_by_flakes_ratio", null,
            "Share of pipelines broken only by flaky tests"),
    /** Share of default-branch job runs without a failed test (the default-branch-pass-rate check). */
    DEFAULT_BRANCH_PASS_RATE(Type.SUBJECT_GAUGE, "default_branch_pass_rate", null,
            "Share of default-branch job runs without a failed test"),
    /** Share of all job runs without a failed test, infrastructure incidents left out. */
    PASS_RATE(Type.SUBJECT_GAUGE, "pass_rate", null, "Share of job runs without a failed test, incidents left out"),
    /** Tests that ran in the window. */
    TESTS(Type.SUBJECT_GAUGE, "tests", null, "Tests that ran in the window"),
    /** Tests in each state (new, healthy, flaky, broken, fixed, stale). */
    TESTS_BY_STATE(Type.SUBJECT_GAUGE, "tests_by_state", "state", "Tests in each verdict state"),
    /** Tests quarantined now. */
    QUARANTINED_TESTS(Type.SUBJECT_GAUGE, "quarantined_tests", null, "Tests quarantined now"),
    /** Job runs in the window, incidents left out. */
    JOB_RUNS(Type.SUBJECT_GAUGE, "job_runs", null, "Job runs in the window, incidents left out"),
    /** CI time spent on failed attempts of flaky runs, in the window. */
    TIME_LOST_TO_FLAKES_SECONDS(Type.SUBJECT_GAUGE, "time_lost_to_flakes_seconds", null,
            "CI time spent on failed attempts of flaky runs in the window"),
    /** Time spent running tests, retries included, in the window. */
    TEST_FOOTPRINT_SECONDS(Type.SUBJECT_GAUGE, "test_footprint_seconds", null,
            "Time spent running tests in the window, retries included"),
    /** Tests per pyramid layer (unit, integration, e2e, unknown). */
    PYRAMID_TESTS(Type.SUBJECT_GAUGE, "pyramid_tests", "layer", "Tests per pyramid layer"),
    /** Share of the tests per layer. */
    PYRAMID_SHARE(Type.SUBJECT_GAUGE, "pyramid_share", "layer", "Share of the tests per pyramid layer"),
    /** Share of the test runs per layer. */
    PYRAMID_RUN_SHARE(Type.SUBJECT_GAUGE, "pyramid_run_share", "layer", "Share of the test runs per pyramid layer"),
    /** Share of the test time per layer. */
    PYRAMID_TIME_SHARE(Type.SUBJECT_GAUGE, "pyramid_time_share", "layer", "Share of the test time per pyramid layer"),
    /** How far the pyramid leans towards its top against the profile (the pyramid-top-heaviness check's value). */
    PYRAMID_TOP_HEAVINESS(Type.SUBJECT_GAUGE, "pyramid_top_heaviness", null,
            "Top-heaviness of the test pyramid against its profile"),
    /** Tests whose declared layer is not the one their spans show (shown, not graded). */
    LAYER_DISAGREEMENTS(Type.SUBJECT_GAUGE, "layer_disagreements", null,
            "Tests whose declared layer is not the one their spans show"),
    /** Wall time of pipelines on other branches than the default, p50 and p95 (quantile 0.5, 0.95). */
    PR_PIPELINE_WALL_SECONDS(Type.SUBJECT_GAUGE, "pr_pipeline_wall_seconds", "quantile",
            "Wall time of pipelines on other branches than the default"),
    /** Wall time of E2E job runs, p50 and p95 (quantile 0.5, 0.95). */
    E2E_JOB_WALL_SECONDS(Type.SUBJECT_GAUGE, "e2e_job_wall_seconds", "quantile", "Wall time of E2E job runs"),
    /** When the report was computed, as Unix seconds: how fresh the numbers are. */
    REPORT_TIMESTAMP_SECONDS(Type.SUBJECT_GAUGE, "report_timestamp_seconds", null,
            "When the report was computed, Unix seconds"),

    /** Uploads received, by outcome: {@code stored}, {@code duplicate} or {@code rejected}. */
    UPLOADS(Type.COUNTER, "testhealth_uploads", "outcome", "Uploads received, by outcome"),
    /** Test results stored, retries merged into attempts. */
    TEST_RESULTS_INGESTED(Type.COUNTER, "testhealth_test_results_ingested", null, "Test results stored"),
    /** Uploads refused, by the API's error code ({@code malformed-report}, {@code too-large}...). */
    UPLOADS_REJECTED(Type.COUNTER, "testhealth_uploads_rejected", "reason", "Uploads refused, by error code"),
    /** Time from reading a spooled upload to its commit, as a histogram. */
    INGEST(Type.TIMER, "testhealth_ingest", null, "Time from reading a spooled upload to its commit"),
    /**
     * Analyses of a component that failed, by component: its last good report is kept and the analysis retried with
     * a growing delay.
     */
    ANALYSIS_FAILURES(Type.COUNTER, "testhealth_analysis_failures", "component",
            "Failed analyses of a component (last good report kept, retried), by component"),
    /**
     * Rows deleted by retention, by table: {@code runs}, {@code uploads}, {@code test_results}, {@code test_attempts},
     * {@code integration_edges}, {@code test_spans} (test runs' raw spans).
     */
    RETENTION_ROWS_DELETED(Type.COUNTER, "testhealth_retention_rows_deleted", "table",
            "Rows deleted by retention (history past the period kept), by table"),
    /** Components whose latest analysis failed: their reports are the last good ones, not current. */
    ANALYSIS_FAILING_COMPONENTS(Type.GAUGE, "testhealth_analysis_failing_components", null,
            "Components whose latest analysis failed, so their report is the last good one");

    /** What kind of meter, which decides the names Prometheus sees. */
    public enum Type {
        /** A gauge per component and per team. */
        SUBJECT_GAUGE,
        /** A counter: exposed with {@code _total}. */
        COUNTER,
        /** A gauge of the collector itself, not per subject. */
        GAUGE,
        /** A timer with histogram buckets: exposed as {@code _seconds_bucket}, {@code _count}, {@code _sum}, {@code _max}. */
        TIMER
    }

    /** The two kinds of subject that have gauges. */
    public enum Scope {
        COMPONENT, TEAM;

        /** {@code component} or {@code team}, as in the metric name. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Type type;
    private final String name;
    private final String extraLabel;
    private final String help;

    Metric(Type type, String name, String extraLabel, String help) {
        this.type = type;
        this.name = name;
        this.extraLabel = extraLabel;
        this.help = help;
    }

    public Type type() {
        return type;
    }

    /** The label besides the subject's, or {@code null}. */
    public String extraLabel() {
        return extraLabel;
    }

    public String help() {
        return help;
    }

    /** The name a meter is registered under: for subject gauges, the one of the given scope. */
    public String meterName(Scope scope) {
        return type == Type.SUBJECT_GAUGE ? "testhealth_" + scope.id() + "_" + name : name;
    }

    /** The name of a collector meter (counter or timer). */
    public String meterName() {
        if (type == Type.SUBJECT_GAUGE) {
            throw new IllegalStateException(this + " exists per scope: name the scope");
        }
        return name;
    }

    /** The labels of a subject gauge in the given scope, the extra label last. */
    public List<String> labels(Scope scope) {
        List<String> labels = new ArrayList<>(scope == Scope.COMPONENT ? List.of("component", "namespace", "team") : List.of("team"));
        if (extraLabel != null) {
            labels.add(extraLabel);
        }
        return labels;
    }

    /** Every series name Prometheus sees, for checking that dashboards query only what exists. */
    public static List<String> seriesNames() {
        List<String> names = new ArrayList<>();
        for (Metric m : values()) {
            switch (m.type) {
                case SUBJECT_GAUGE -> {
                    for (Scope s : Scope.values()) {
                        names.add(m.meterName(s));
                    }
                }
                case COUNTER -> names.add(m.name + "_total");
                case GAUGE -> names.add(m.name);
                case TIMER -> {
                    for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
                        names.add(m.name + "_seconds" + suffix);
                    }
                }
            }
        }
        return names;
    }
}
