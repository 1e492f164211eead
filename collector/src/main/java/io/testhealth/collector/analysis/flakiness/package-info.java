/**
 * Flakiness analysis: which tests pass and fail on the same code, which are simply broken, and what they cost.
 *
 * <p>{@link io.testhealth.collector.analysis.flakiness.FlakinessAnalyzer} owns the definition of {@code metrics.md}
 * section 3 and documents every rule; {@link io.testhealth.collector.analysis.flakiness.FlakinessSettings} holds its
 * thresholds; {@link io.testhealth.collector.analysis.flakiness.FailureGroups} groups failures by cause across tests
 * and {@link io.testhealth.collector.analysis.flakiness.FailureCategory} names the kind of cause. Everything here is
 * a pure function of its arguments: {@code now} and the settings are passed in, nothing is read from a store or the
 * clock.
 */
package io.testhealth.collector.analysis.flakiness;
