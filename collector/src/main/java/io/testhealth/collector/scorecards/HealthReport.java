package io.testhealth.collector.scorecards;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the product says about one component or team, computed at once and stored as one document: the
 * scorecard, the headline metrics, the pyramid, every test's verdict (components), the members (teams), and the
 * facts it was judged from. Reads of the API are lookups in this document.
 *
 * @param kind          {@code component} or {@code team}
 * @param subject       full reference ({@code component:default/payments}, {@code group:default/team-a})
 * @param name          the reference's name part
 * @param namespace     the reference's namespace
 * @param team          the owning team of a component (full group reference), or empty; a team's own reference
 * @param computedAt    end of the analysis window
 * @param windowDays    length of the window
 * @param lastRunAt     start of the latest job run, or {@code null}
 * @param scorecard     level, grade and checks
 * @param metrics       headline numbers
 * @param pyramid       the test pyramid against the profile
 * @param tests         every test of a component with its verdict, by impact (empty for teams)
 * @param slowestSuites the slowest suites by p95 (components)
 * @param durationRegressions tests whose duration rose for good (components)
 * @param jobRuns       the latest job runs with a known wall time: test time against wall time (components)
 * @param failureGroups failures sharing a cause, largest first
 * @param incidents     job runs excluded as infrastructure incidents
 * @param members       the components of a team, best grade first (empty for components)
 * @param facts         the facts the scorecard was judged from (kept so a team can pool its components')
 * @param layerCounts   tests, runs and seconds per layer (kept so a team can pool its components')
 * @param pipelineRuns  the CI run link of each pipeline that the tests' reasons and the checks' explanations name
 *                      (its newest job run with a link), by pipeline; a team's is its components' together. Empty in a
 *                      report stored before it was kept.
 */
@Serdeable
public record HealthReport(String kind, String subject, String name, String namespace, String team, Instant computedAt,
                           int windowDays, @Nullable Instant lastRunAt, ScorecardView scorecard, Metrics metrics,
                           PyramidView pyramid, List<TestRow> tests, List<SuiteRow> slowestSuites,
                           List<TestRow> durationRegressions, List<JobRunRow> jobRuns,
                           List<FailureGroupRow> failureGroups, List<IncidentRow> incidents, List<MemberRow> members,
                           ScorecardFacts facts, LayerCounts layerCounts, Map<String, String> pipelineRuns) {

    public HealthReport {
        pipelineRuns = pipelineRuns == null ? Map.of() : Map.copyOf(pipelineRuns);
    }

    /** The same report with other test rows (the store writes the rows apart from the rest, see ReportText). */
    HealthReport withTests(List<TestRow> rows) {
        return new HealthReport(kind, subject, name, namespace, team, computedAt, windowDays, lastRunAt, scorecard,
                metrics, pyramid, rows, slowestSuites, durationRegressions, jobRuns, failureGroups, incidents, members,
                facts, layerCounts, pipelineRuns);
    }

    /** The scorecard as published. */
    @Serdeable
    public record ScorecardView(String level, String grade, String thresholdVersion, String summary, List<CheckView> checks) {
    }

    /**
     * One check as published.
     *
     * @param threshold the three levels' thresholds and which way is better
     */
    @Serdeable
    public record CheckView(String id, String name, @Nullable Double value, String unit, ThresholdView threshold,
                            String status, String level, String explanation) {
    }

    /** A check's thresholds: {@code better} is {@code lower} or {@code higher}. */
    @Serdeable
    public record ThresholdView(String better, double bronze, double silver, double gold) {
    }

    /**
     * Headline numbers of the window.
     *
     * @param tests                  tests that ran
     * @param flakyTests             tests in state FLAKY
     * @param brokenTests            tests in state BROKEN
     * @param quarantinedTests       tests quarantined now
     * @param jobRuns                job runs (incidents excluded)
     * @param passRate               share of those without a failed test, or {@code null} without runs
     * @param flakyRunRate           share of job runs with a flaky test run, or {@code null}
     * @param timeLostToFlakesSeconds time spent on failed attempts of flaky runs
     * @param footprintSeconds       time spent running tests
     * @param states                 number of tests in each state
     */
    @Serdeable
    public record Metrics(long tests, long flakyTests, long brokenTests, long quarantinedTests, long jobRuns,
                          @Nullable Double passRate, @Nullable Double flakyRunRate, double timeLostToFlakesSeconds,
                          double footprintSeconds, Map<String, Long> states) {
    }

    /** The pyramid as published: per layer, share of tests, of runs and of time. */
    @Serdeable
    public record PyramidView(LayerView unit, LayerView integration, LayerView e2e, LayerView unknown, int contractTests,
                              double classificationCoverage, @Nullable Double topHeaviness, @Nullable Boolean ordered,
                              ProfileView profile, List<String> e2eSuite) {
    }

    /** One layer: its tests and its shares of tests, runs and time. */
    @Serdeable
    public record LayerView(int tests, double share, double runShare, double timeShare) {
    }

    /** The target profile. */
    @Serdeable
    public record ProfileView(String name, double unit, double integration, double e2e) {
    }

    /**
     * One test with its verdict.
     *
     * @param layer          {@code unit|integration|e2e}, or {@code null} when unknown
     * @param layerSource    where the layer came from: {@code config_mapping}, {@code upload}, {@code allure_label},
     *                       {@code test_property}, {@code tag}, {@code report_path}, {@code naming} (declared), or
     *                       {@code trace} (seen in its spans, where nothing is declared); {@code null} when unknown
     * @param state          {@code new|healthy|flaky|broken|fixed|stale}
     * @param reasons        sentences saying why
     * @param flakinessScore the Bayesian score with its 95% credible bounds
     * @param timeLostSeconds CI time lost to this test's failed attempts and the re-runs it caused
     * @param flakySince     for a flaky test, when its open flaky episode began (may lie before the window)
 * @param slowRunIds     runs far slower than the test's others (more than 5 × their mean and slower than all)
     */
    @Serdeable
    public record TestRow(String testId, String suite, String name, @Nullable String layer, @Nullable String layerSource,
                          boolean contract, String state, List<String> reasons, double flakinessScore, double lower,
                          double upper, int flakyRuns, int runs, int failedRuns, double failureRate, double flipRate,
                          double timeLostSeconds, int pipelinesBrokenAlone, @Nullable Double p50Seconds,
                          @Nullable Double p95Seconds, double footprintSeconds, @Nullable Instant lastRunAt,
                          @Nullable Instant lastFlakyAt, @Nullable Instant flakySince, String owner, boolean quarantined,
                          @Nullable DurationRegressionView durationRegression, List<String> slowRunIds) {
    }

    /**
     * A job run's time: the sum of its tests' time against its wall time; their ratio is the parallelism.
     *
     * @param wallSeconds from the upload's {@code startedAt}/{@code finishedAt}, or {@code null}
     * @param parallelism test seconds per wall second, or {@code null}
     */
    @Serdeable
    public record JobRunRow(String runId, String job, int tests, double testSeconds, @Nullable Double wallSeconds,
                            @Nullable Double parallelism) {
    }

    /** A sustained rise of a test's duration. */
    @Serdeable
    public record DurationRegressionView(double beforeMedianSeconds, double afterMedianSeconds, double ratio,
                                         double pValue, String startedAtCommit, @Nullable Instant startedAt) {
    }

    /** A suite's time. */
    @Serdeable
    public record SuiteRow(String suite, int tests, int jobRuns, double footprintSeconds, @Nullable Double p50Seconds,
                           @Nullable Double p95Seconds) {
    }

    /** Failures sharing a fingerprint. */
    @Serdeable
    public record FailureGroupRow(String fingerprint, String category, String sampleType, String sampleMessage,
                                  int tests, List<String> testIds, List<String> components, int failures,
                                  @Nullable Instant firstSeen, @Nullable Instant lastSeen) {
    }

    /** A job run excluded as an infrastructure incident. */
    @Serdeable
    public record IncidentRow(String runId, String pipeline, String job, Instant startedAt, int tests, int failed) {
    }

    /** A team's component. */
    @Serdeable
    public record MemberRow(String component, String level, String grade, long tests, long flakyTests) {
    }
}
