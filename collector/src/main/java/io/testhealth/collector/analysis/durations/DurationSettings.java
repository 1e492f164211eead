package io.testhealth.collector.analysis.durations;

import io.testhealth.collector.analysis.DefaultBranches;

import java.util.Objects;
import java.util.Set;

/**
 * The thresholds of execution-time analysis, with the defaults of {@code metrics.md} section 4.
 *
 * @param p50MinSamples                fewest durations a median is shown for (default 5): fewer move with every run;
 *                                     slow-run detection needs as many, since a mean of fewer runs is no baseline
 * @param p95MinSamples                fewest durations a p95 is shown for (default 20): below 20 the nearest-rank p95
 *                                     is the maximum
 * @param slowRunFactor                a run is slow above this multiple of the mean of the other runs (default 5)
 *                                     and above all of them: a factor this large ignores ordinary CI jitter
 * @param regressionRecentRuns         size of the "after" sample: the last runs on the default branch (default 20)
 * @param regressionBaselineRuns       size of the "before" sample: the runs just before those (default 50)
 * @param defaultBranches              branches regressions are looked for on (default {@code main}, {@code master});
 *                                     feature branches change code on purpose and would cry wolf
 * @param regressionMaxPValue          largest one-sided Mann–Whitney p-value that counts (default 0.01): with
 *                                     thousands of tests a looser level would flag dozens by chance every week
 * @param regressionMinMedianRatio     smallest after/before median ratio that counts (default 1.2): a significant
 *                                     2% slow-down is real but not worth a team's time
 * @param regressionMinIncreaseSeconds smallest absolute median increase that counts (default 0.05 s): a 3 ms test
 *                                     taking 6 ms doubles, yet costs nobody anything
 */
public record DurationSettings(int p50MinSamples, int p95MinSamples, double slowRunFactor, int regressionRecentRuns,
                               int regressionBaselineRuns, Set<String> defaultBranches, double regressionMaxPValue,
                               double regressionMinMedianRatio, double regressionMinIncreaseSeconds) {

    /** The defaults of {@code metrics.md} section 4. */
    public static final DurationSettings DEFAULTS = new DurationSettings(Percentiles.P50_MIN_SAMPLES,
            Percentiles.P95_MIN_SAMPLES, 5.0, 20, 50, Set.of("main", "master"), 0.01, 1.2, 0.050);

    public DurationSettings {
        defaultBranches = Set.copyOf(Objects.requireNonNull(defaultBranches, "defaultBranches"));
        if (p50MinSamples < 1 || p95MinSamples < 1) {
            throw new IllegalArgumentException("minimum sample counts must be at least 1");
        }
        if (!(slowRunFactor >= 1)) {
            throw new IllegalArgumentException("slowRunFactor must be at least 1, got " + slowRunFactor);
        }
        if (regressionRecentRuns < 1 || regressionBaselineRuns < 1) {
            throw new IllegalArgumentException("regression samples need at least one run each");
        }
        if (!(regressionMaxPValue > 0 && regressionMaxPValue < 1)) {
            throw new IllegalArgumentException("regressionMaxPValue is in (0, 1), got " + regressionMaxPValue);
        }
        if (!(regressionMinMedianRatio >= 1) || !(regressionMinIncreaseSeconds >= 0)) {
            throw new IllegalArgumentException("a regression is a slow-down: ratio at least 1, increase at least 0");
        }
    }

    /**
     * Whether a branch is a default branch; a leading {@code refs/heads/} is ignored because CI systems report both
     * spellings.
     */
    public boolean isDefaultBranch(String branch) {
        return new DefaultBranches(defaultBranches).contains(branch);
    }
}
