/**
 * Execution time of tests, suites and job runs ({@code metrics.md} section 4), computed by pure functions.
 *
 * <p>The entry point is {@link io.testhealth.collector.analysis.durations.DurationStatistics}. Nothing here reads
 * the store or the clock: the histories, the {@link io.testhealth.collector.analysis.durations.TimeWindow}, the
 * {@link io.testhealth.collector.analysis.durations.DurationSettings} and, when a caller knows them, the
 * {@link io.testhealth.collector.analysis.durations.JobWallTimes} are passed in. A duration the report did not give
 * is unknown and left out; it is never counted as zero.
 */
package io.testhealth.collector.analysis.durations;
