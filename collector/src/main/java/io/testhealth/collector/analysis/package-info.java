/**
 * What the stored history means: flakiness, execution time and the test pyramid, computed by pure functions from
 * {@link io.testhealth.collector.analysis.TestHistory} values, with the window and {@code now} passed in.
 *
 * <p>Each rule lives in one class: the flakiness definition in {@code flakiness.FlakinessAnalyzer}, durations in
 * {@code durations.DurationStatistics}, the pyramid in {@code pyramid.PyramidClassifier}. None of them reads the
 * store or the clock; {@code docs/metrics.md} explains every number in words a team lead can check by hand.
 */
package io.testhealth.collector.analysis;
