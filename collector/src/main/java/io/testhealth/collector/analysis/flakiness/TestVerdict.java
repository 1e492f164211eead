package io.testhealth.collector.analysis.flakiness;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The flakiness verdict on one test, with the counts behind it so a team lead can check it by hand.
 *
 * <p>All counts are over the test's <em>judged runs</em>: runs in the window (at most the last
 * {@link FlakinessSettings#maxRuns()}), skipped and unknown runs excluded, runs in infrastructure incidents excluded.
 *
 * @param testId               stable test id
 * @param component            full component reference
 * @param suite                class or suite
 * @param name                 test name
 * @param state                the state, see {@link TestState}
 * @param reasons              sentences that justify the state, most important first; never empty
 * @param score                S = (α0 + x) / (α0 + β0 + n), the posterior mean flake rate
 * @param lower                lower bound of the equal-tailed credible interval of the flake rate
 * @param upper                upper bound of that interval
 * @param runs                 n, the judged runs
 * @param flakyRuns            x, judged runs that are hard evidence of flakiness (retry passes plus failed runs on
 *                             code that also passed in the same environment), environment-explained ones excluded
 * @param retryRuns            judged runs that passed after a retry within the job run
 * @param sameCodeRuns         judged failed runs whose code and environment also passed
 * @param failedRuns           judged runs that ended failed (failure or error)
 * @param failureRate          failedRuns / runs, 0 when there are no runs
 * @param flipRate             share of consecutive default-branch run pairs whose pass/fail changed (diagnostic)
 * @param runsEver             runs ever stored, as the history said
 * @param incidentRuns         runs left out because their job run was an infrastructure incident
 * @param timeLostSeconds      CI time this test cost in failed attempts and re-run jobs, see {@code FlakinessAnalyzer}
 * @param pipelinesBrokenAlone failed job runs in which every failing test was this one or FLAKY, this one failing
 * @param lastRunAt            start of the job run of its last run that counts (any passed in, in the window or not), or
 *                             {@code null}
 * @param lastFlakyAt          start of the job run of its last hard event, or {@code null}
 * @param flakySince           for a FLAKY test, when its open flaky episode began: the first flaky event after it
 *                             was last healthy or fixed, which may lie before the window; {@code null} otherwise
 * @param environmentDependent whether it fails in one environment and passes elsewhere
 * @param failingEnvironment   that environment, or empty
 * @param regression           whether a regression (consecutive failures since a commit) was found in the window
 * @param regressionCommit     the commit the regression started at, or empty
 */
public record TestVerdict(String testId, String component, String suite, String name, TestState state,
                          List<String> reasons, double score, double lower, double upper,
                          int runs, int flakyRuns, int retryRuns, int sameCodeRuns, int failedRuns,
                          double failureRate, double flipRate, long runsEver, int incidentRuns,
                          double timeLostSeconds, int pipelinesBrokenAlone, Instant lastRunAt, Instant lastFlakyAt,
                          Instant flakySince, boolean environmentDependent, String failingEnvironment,
                          boolean regression, String regressionCommit) {

    /**
     * Impact order of §3: pipelines broken by this test alone (most first), then CI time lost (most first), then the
     * score (highest first); the test id breaks ties so the order is total.
     */
    public static final Comparator<TestVerdict> IMPACT_ORDER = Comparator
            .comparingInt(TestVerdict::pipelinesBrokenAlone).reversed()
            .thenComparing(Comparator.comparingDouble(TestVerdict::timeLostSeconds).reversed())
            .thenComparing(Comparator.comparingDouble(TestVerdict::score).reversed())
            .thenComparing(TestVerdict::testId);

    public TestVerdict {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(state, "state");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict carries at least one reason");
        }
        component = component == null ? "" : component;
        suite = suite == null ? "" : suite;
        name = name == null ? "" : name;
        failingEnvironment = failingEnvironment == null ? "" : failingEnvironment;
        regressionCommit = regressionCommit == null ? "" : regressionCommit;
    }

    /** The impact order, see {@link #IMPACT_ORDER}. */
    public static Comparator<TestVerdict> impactOrder() {
        return IMPACT_ORDER;
    }

    /** The same verdict with its impact filled in. */
    TestVerdict withImpact(double timeLost, int brokenAlone) {
        return new TestVerdict(testId, component, suite, name, state, reasons, score, lower, upper, runs, flakyRuns,
                retryRuns, sameCodeRuns, failedRuns, failureRate, flipRate, runsEver, incidentRuns, timeLost,
                brokenAlone, lastRunAt, lastFlakyAt, flakySince, environmentDependent, failingEnvironment, regression,
                regressionCommit);
    }

    /** The same verdict with the start of its flaky episode set. */
    TestVerdict withFlakySince(Instant since) {
        return new TestVerdict(testId, component, suite, name, state, reasons, score, lower, upper, runs, flakyRuns,
                retryRuns, sameCodeRuns, failedRuns, failureRate, flipRate, runsEver, incidentRuns, timeLostSeconds,
                pipelinesBrokenAlone, lastRunAt, lastFlakyAt, since, environmentDependent, failingEnvironment,
                regression, regressionCommit);
    }
}
