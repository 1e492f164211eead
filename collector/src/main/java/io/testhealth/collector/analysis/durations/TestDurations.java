package io.testhealth.collector.analysis.durations;

import java.util.List;

/**
 * Execution time of one test over the window.
 *
 * @param testId           the test
 * @param component        its component
 * @param suite            its suite
 * @param samples          runs with a known duration (skipped and unknown-outcome runs excluded)
 * @param p50Seconds       nearest-rank median duration, or {@code null} with too few samples
 * @param p95Seconds       nearest-rank 95th percentile, or {@code null} with too few samples
 * @param meanSeconds      mean duration, or {@code null} without samples
 * @param footprintSeconds CI time it cost in the window: the sum of every run's cost (all attempts)
 * @param slowRuns         runs far slower than the others; at most one, since it must beat every other run
 * @param regression       a sustained slow-down on the default branch, or {@code null}
 */
public record TestDurations(String testId, String component, String suite, int samples, Double p50Seconds,
                            Double p95Seconds, Double meanSeconds, double footprintSeconds, List<SlowRun> slowRuns,
                            DurationRegression regression) {
    public TestDurations {
        slowRuns = List.copyOf(slowRuns);
    }
}
