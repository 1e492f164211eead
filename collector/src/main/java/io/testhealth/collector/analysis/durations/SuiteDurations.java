package io.testhealth.collector.analysis.durations;

/**
 * Execution time of one suite (the tests sharing a {@code suite}) of one component over the window.
 *
 * <p>Its percentiles are over job runs: in each job run the suite's time is the sum of its tests' costs there, so
 * "p95 = 4 min" means one job run in twenty spends more than four minutes in this suite.
 *
 * @param component        the component
 * @param suite            the suite
 * @param tests            tests in the suite
 * @param jobRuns          job runs in which the suite ran with a known time
 * @param footprintSeconds total CI time of the suite in the window
 * @param p50Seconds       nearest-rank median of its time per job run, or {@code null} with too few job runs
 * @param p95Seconds       nearest-rank 95th percentile of its time per job run, or {@code null}
 */
public record SuiteDurations(String component, String suite, int tests, int jobRuns, double footprintSeconds,
                             Double p50Seconds, Double p95Seconds) {
}
