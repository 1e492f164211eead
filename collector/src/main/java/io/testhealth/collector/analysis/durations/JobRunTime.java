package io.testhealth.collector.analysis.durations;

/**
 * Test time of one job run, and its parallelism when its wall time is known.
 *
 * @param runId       the job run
 * @param component   its component
 * @param job         its job name, or empty
 * @param tests       tests that ran in it (skipped and unknown-outcome runs excluded)
 * @param testSeconds sum of the tests' costs (all attempts) with a known duration
 * @param wallSeconds the job's wall time, or {@code null} when no {@link JobWallTimes} named it
 * @param parallelism test time / wall time, or {@code null} when the wall time is unknown: 1 is serial, 4 is four
 *                    tests at a time on average
 */
public record JobRunTime(String runId, String component, String job, int tests, double testSeconds,
                         Double wallSeconds, Double parallelism) {
}
