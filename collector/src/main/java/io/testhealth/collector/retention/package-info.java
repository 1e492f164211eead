/**
 * Retention: raw history (job runs with their receipts, results and attempts; integration edges) is deleted once it
 * is older than the period kept, never sooner than the analyses read it; test runs' raw spans after their own, shorter
 * period ({@code spans-days}); the daily scorecards, the reports, the quarantines and their history (the record of
 * people's decisions, small and most useful when old) are kept for good.
 *
 * <p>{@link io.testhealth.collector.retention.RetentionPeriod} decides the period from the settings and the analyses'
 * reach, {@link io.testhealth.collector.retention.RetentionService} runs a pass through the store's
 * {@link io.testhealth.collector.store.RetentionRepository} a bounded batch at a time, and
 * {@link io.testhealth.collector.retention.RetentionJob} only schedules passes.
 */
package io.testhealth.collector.retention;
