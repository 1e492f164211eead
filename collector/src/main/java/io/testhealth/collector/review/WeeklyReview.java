package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * The weekly cross-team review of one ISO week (metrics.md section 7): one immutable document, published as JSON
 * and rendered as Markdown and HTML, so that all three always say the same.
 *
 * <p>Every comparison is between reports as of the end of the week (or now, for the running week) and as of the
 * ends of the three weeks before it. Δ values are this week minus last week.
 *
 * @param week             the week, {@code 2026-W47}
 * @param start            Monday 00:00 UTC
 * @param end              the next Monday 00:00 UTC (exclusive)
 * @param asOf             the moment the week's reports were computed for: the end, or now while the week runs
 * @param complete         whether the week has ended
 * @param team             the team the review is limited to, or {@code null} for every team
 * @param namespace        the namespace the review is limited to, or {@code null} for all
 * @param thresholdVersion the thresholds the grades were judged against
 * @param weeks            the four weeks of the trends, oldest first (W-3 to W)
 * @param headline         section 1: KPIs per team, then the organisation total
 * @param ranking          section 2: teams ranked best first
 * @param movements        section 3: scorecard movements since last week
 * @param newFlaky         section 4: tests flaky for the first time, by owner
 * @param fixed            section 5: tests fixed this week
 * @param reflaked         section 6: tests flaky again after a fix
 * @param topFlaky         section 7: the most harmful flaky tests
 * @param durations        section 8: slowest suites and duration regressions
 * @param pyramidDrift     section 9: components whose pyramid changed
 * @param dataQuality      section 10: what keeps the numbers from being trusted
 */
@Serdeable
public record WeeklyReview(String week, Instant start, Instant end, Instant asOf, boolean complete,
                           @Nullable String team, @Nullable String namespace, String thresholdVersion,
                           List<String> weeks, List<Kpis> headline, List<TeamRank> ranking, Movements movements,
                           List<OwnerTests> newFlaky, List<TestEntry> fixed, List<TestEntry> reflaked,
                           List<TestEntry> topFlaky, Durations durations, List<PyramidDrift> pyramidDrift,
                           DataQuality dataQuality) {

    /**
     * A number this week, last week and over four weeks.
     *
     * @param value    this week's value, or {@code null} without data
     * @param previous last week's value, or {@code null}
     * @param delta    {@code value - previous}, or {@code null} when either is unknown
     * @param trend    the values of W-3, W-2, W-1 and W; {@code null} where unknown
     */
    @Serdeable
    public record Trend(@Nullable Double value, @Nullable Double previous, @Nullable Double delta,
                        List<Double> trend) {
    }

    /**
     * Headline KPIs of a team or of the organisation.
     *
     * @param subject       full reference, {@code organisation} for the total
     * @param name          the name to show
     * @param organisation  whether this is the organisation total
     * @param grade         the letter grade this week
     * @param previousGrade last week's grade, or {@code null}
     * @param level         the level this week
     * @param previousLevel last week's level, or {@code null}
     * @param gradeTrend    the grades of W-3 to W ({@code null} where unknown)
     * @param tests         tests that ran in the window
     * @param flakyTests    tests in state FLAKY
     * @param flakyRunRate  share of job runs with a flaky test run
     * @param defaultBranchPassRate share of default-branch job runs without a failed test (incidents excluded)
     * @param timeLostToFlakesSeconds CI time lost to flaky tests
     */
    @Serdeable
    public record Kpis(String subject, String name, boolean organisation, String grade, @Nullable String previousGrade,
                       String level, @Nullable String previousLevel, List<String> gradeTrend, Trend tests,
                       Trend flakyTests, Trend flakyRunRate, Trend defaultBranchPassRate,
                       Trend timeLostToFlakesSeconds) {
    }

    /**
     * A team's place in the ranking.
     *
     * @param gradeChange steps the grade moved since last week, positive when better, {@code null} when new
     * @param levelChange steps the level moved since last week, positive when better, {@code null} when new
     * @param pyramid     the team's pyramid this week, as shares of tests
     */
    @Serdeable
    public record TeamRank(int rank, String team, String name, String grade, String level,
                           @Nullable String previousGrade, @Nullable String previousLevel,
                           @Nullable Integer gradeChange, @Nullable Integer levelChange, int components,
                           Shares pyramid) {
    }

    /** Section 3: subjects whose level or grade changed, and checks whose status changed. */
    @Serdeable
    public record Movements(List<SubjectMove> subjects, List<CheckMove> checks) {
    }

    /**
     * A component or team whose level or grade changed.
     *
     * @param kind      {@code component} or {@code team}
     * @param direction {@code up}, {@code down} or {@code new}
     */
    @Serdeable
    public record SubjectMove(String kind, String subject, String name, String team, @Nullable String previousLevel,
                              String level, @Nullable String previousGrade, String grade, String direction) {
    }

    /** A check whose status changed on a component or team. */
    @Serdeable
    public record CheckMove(String kind, String subject, String name, String team, String check, String checkName,
                            String previousStatus, String status, @Nullable Double previousValue,
                            @Nullable Double value, String unit) {
    }

    /** Section 4: an owner's new flaky tests. */
    @Serdeable
    public record OwnerTests(String owner, List<TestEntry> tests) {
    }

    /**
     * One test as the review names it.
     *
     * @param component     the component's full reference
     * @param team          the component's team, or empty
     * @param owner         the test's owner, or empty
     * @param previousState the state at the end of last week, or {@code null} when it did not run then
     * @param state         the state this week
     */
    @Serdeable
    public record TestEntry(String component, String team, String testId, String suite, String name, String owner,
                            @Nullable String previousState, String state, double flakinessScore, int flakyRuns,
                            int runs, double timeLostSeconds, int pipelinesBrokenAlone, @Nullable Instant lastFlakyAt) {
    }

    /** Section 8. */
    @Serdeable
    public record Durations(List<SuiteEntry> slowestSuites, List<RegressionEntry> regressions) {
    }

    /** A slow suite of a component. */
    @Serdeable
    public record SuiteEntry(String component, String team, String suite, int tests, int jobRuns,
                             double footprintSeconds, @Nullable Double p50Seconds, @Nullable Double p95Seconds) {
    }

    /** A test whose duration rose for good. */
    @Serdeable
    public record RegressionEntry(String component, String owner, String testId, String name,
                                  double beforeMedianSeconds, double afterMedianSeconds, double ratio,
                                  String startedAtCommit, @Nullable Instant startedAt) {
    }

    /** Shares of tests per layer; they add up to 1 when there are tests. */
    @Serdeable
    public record Shares(double unit, double integration, double e2e, double unknown) {
    }

    /**
     * Section 9: a component whose pyramid moved.
     *
     * @param previous             last week's shares
     * @param current              this week's shares
     * @param previousTopHeaviness last week's top-heaviness, or {@code null} when too few tests were classified
     * @param topHeaviness         this week's top-heaviness, or {@code null}
     */
    @Serdeable
    public record PyramidDrift(String component, String team, Shares previous, Shares current,
                               @Nullable Double previousTopHeaviness, @Nullable Double topHeaviness) {
    }

    /**
     * Section 10.
     *
     * @param components             components with unclassified tests, tests without an owner, or tests whose
     *                               declared layer their spans contradict
     * @param incidents              job runs excluded as infrastructure incidents that started in the week
     * @param componentsWithoutTeam  components no upload or catalog assigns to a team
     */
    @Serdeable
    public record DataQuality(List<ComponentQuality> components, List<IncidentEntry> incidents,
                              List<String> componentsWithoutTeam) {
    }

    /**
     * A component's gaps, with a few tests as examples.
     *
     * @param unclassified       the number of tests with no known layer
     * @param withoutOwner       the number of tests without an owner
     * @param layerDisagreements the number of tests whose declared layer is not the one their spans show (the
     *                           scorecard's coverage check names them too, without grading them)
     * @param layerDisagreementExamples the first of those, by test id
     */
    @Serdeable
    public record ComponentQuality(String component, String team, long tests, long unclassified, long withoutOwner,
                                   List<String> unclassifiedExamples, List<String> withoutOwnerExamples,
                                   long layerDisagreements, List<String> layerDisagreementExamples) {

        /** The examples a table shows: the unclassified tests, else those without an owner, else the disagreeing. */
        public List<String> examples() {
            if (!unclassifiedExamples.isEmpty()) {
                return unclassifiedExamples;
            }
            return withoutOwnerExamples.isEmpty() ? layerDisagreementExamples : withoutOwnerExamples;
        }
    }

    /** An infrastructure incident of a component. */
    @Serdeable
    public record IncidentEntry(String component, String team, String runId, String pipeline, String job,
                                Instant startedAt, int tests, int failed) {
    }
}
