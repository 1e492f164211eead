package io.testhealth.collector.analysis.durations;

/**
 * One run of a test that took far longer than its others (see {@link DurationStatistics} for the rule).
 *
 * @param runId           the job run
 * @param durationSeconds the run's duration
 * @param meanOfOthersSeconds the mean duration of the test's other runs in the window, the baseline it was compared to
 */
public record SlowRun(String runId, double durationSeconds, double meanOfOthersSeconds) {
}
