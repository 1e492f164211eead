package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.DefaultBranches;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Every threshold of the flakiness definition, with the defaults of {@code metrics.md} section 3.
 *
 * <p>{@link #defaults()} gives the product's defaults; each component below names its default and where it comes
 * from. "§3" means section 3 (Flakiness) of the metrics specification. The one default the specification does not
 * give ({@code environmentMinFailures}) is marked as the product's own choice.
 *
 * @param window                      runs older than {@code now - window} are not judged; default 28 days (§3,
 *                                    "Primary score ... over the window: default 28 days")
 * @param maxRuns                     at most this many of the latest runs are judged; default 200 (§3, "at most
 *                                    the last 200 runs")
 * @param priorAlpha                  α0 of the Beta prior of the flake rate; default 0.5 (§3, prior mean 1%)
 * @param priorBeta                   β0 of the Beta prior; default 49.5 (§3)
 * @param credibleMass                mass of the equal-tailed credible interval of the score; default 0.95, i.e. the
 *                                    0.025 and 0.975 quantiles (§3, "95% credible interval")
 * @param incidentFailureShare        a job run where at least this share of its tests failed ...; default 0.8 (§3,
 *                                    "Infrastructure incident")
 * @param incidentMinFailures         ... and at least this many failed is an infrastructure incident; default 10
 *                                    (§3)
 * @param regressionMinRuns           consecutive failed runs that make a regression; default 3 (§3, "Regression")
 * @param regressionMinCommits        distinct commits those runs must span; default 2 (§3)
 * @param environmentFailureShare     failure share in one environment for an environment-dependent test; default
 *                                    0.8 (§3, "Environment-dependent")
 * @param environmentPassShare        pass share required in all other environments together; default 0.95 (§3)
 * @param environmentMinFailures      failures needed in the failing environment, so that one failed run in a rarely
 *                                    used environment is not called environment-dependent; default 3 (the product's
 *                                    choice, equal to {@code regressionMinRuns}: §3 gives no minimum)
 * @param newBelowRuns                a test with fewer runs ever is NEW; default 5 (§3, state NEW)
 * @param brokenFailureShare          failure share over the last runs that makes a test BROKEN; default 0.8 (§3,
 *                                    state BROKEN)
 * @param brokenLastRuns              how many of the last runs that share is taken over; default 10 (§3)
 * @param statisticalMinRuns          runs needed for the statistical FLAKY rule; default 20 (§3, state FLAKY)
 * @param statisticalMinFailureRate   lowest failure rate of the statistical rule (inclusive); default 0.05 (§3)
 * @param statisticalMaxFailureRate   failure rate from which the statistical rule no longer applies (exclusive);
 *                                    default 0.8 (§3)
 * @param statisticalMinFlipRate      lowest default-branch flip rate of the statistical rule; default 0.1 (§3)
 * @param fixedCleanRuns              clean last runs that prove a BROKEN test fixed, and the least clean runs that
 *                                    prove a FLAKY one fixed; default 10 (§3, state FIXED)
 * @param fixedRuleOfThree            numerator of the rule of three: a FLAKY test needs
 *                                    {@code max(fixedCleanRuns, ⌈fixedRuleOfThree / S⌉)} clean runs; default 3 (§3)
 * @param fixedQuietPeriod            a FLAKY test is fixed only when its last hard event is at least this old;
 *                                    default 7 days (§3, "no hard event for 7 days")
 * @param fixedHoldPeriod             a FIXED test becomes HEALTHY after this long; default 7 days (§3, "HEALTHY
 *                                    after 7 more days")
 * @param staleAfter                  a test with no run for this long is STALE; default 30 days (§3, state STALE)
 * @param defaultBranches             branches whose runs give the flip rate; default {@code main} and
 *                                    {@code master} (§3, "flip rate on the default branch")
 */
public record FlakinessSettings(Duration window, int maxRuns, double priorAlpha, double priorBeta, double credibleMass,
                                double incidentFailureShare, int incidentMinFailures,
                                int regressionMinRuns, int regressionMinCommits,
                                double environmentFailureShare, double environmentPassShare, int environmentMinFailures,
                                int newBelowRuns, double brokenFailureShare, int brokenLastRuns,
                                int statisticalMinRuns, double statisticalMinFailureRate,
                                double statisticalMaxFailureRate, double statisticalMinFlipRate,
                                int fixedCleanRuns, double fixedRuleOfThree, Duration fixedQuietPeriod,
                                Duration fixedHoldPeriod, Duration staleAfter, Set<String> defaultBranches) {

    public FlakinessSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(fixedQuietPeriod, "fixedQuietPeriod");
        Objects.requireNonNull(fixedHoldPeriod, "fixedHoldPeriod");
        Objects.requireNonNull(staleAfter, "staleAfter");
        defaultBranches = Set.copyOf(defaultBranches);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (maxRuns < 1 || brokenLastRuns < 1 || fixedCleanRuns < 1 || regressionMinRuns < 1 || newBelowRuns < 0) {
            throw new IllegalArgumentException("run counts must be positive");
        }
        if (!(priorAlpha > 0) || !(priorBeta > 0)) {
            throw new IllegalArgumentException("the Beta prior needs α0 > 0 and β0 > 0, got " + priorAlpha + ", " + priorBeta);
        }
        if (!(credibleMass > 0 && credibleMass < 1)) {
            throw new IllegalArgumentException("credibleMass must be in (0, 1), got " + credibleMass);
        }
        if (!(fixedRuleOfThree > 0)) {
            throw new IllegalArgumentException("fixedRuleOfThree must be positive, got " + fixedRuleOfThree);
        }
    }

    /** The product's defaults, as listed on each component of this record. */
    public static FlakinessSettings defaults() {
        return new FlakinessSettings(Duration.ofDays(28), 200, 0.5, 49.5, 0.95,
                0.8, 10,
                3, 2,
                0.8, 0.95, 3,
                5, 0.8, 10,
                20, 0.05, 0.8, 0.1,
                10, 3.0, Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30), Set.of("main", "master"));
    }

    /** The prior mean α0 / (α0 + β0): the score of a test with no runs. */
    public double priorMean() {
        return priorAlpha / (priorAlpha + priorBeta);
    }

    /** Whether a branch is a default branch, by the one rule of {@link DefaultBranches} ({@code refs/heads/} too). */
    public boolean isDefaultBranch(String branch) {
        return new DefaultBranches(defaultBranches).contains(branch);
    }
}
