/**
 * The weekly cross-team review (metrics.md section 7): what changed in an ISO week, per team and for the
 * organisation, published as JSON, Markdown and a self-contained HTML page; and the weekly trends of one component or
 * team ({@link io.testhealth.collector.review.WeeklyTrendsService}). Both read reports as of past week ends from
 * {@link io.testhealth.collector.review.AsOfReports}, which computes them from the history and keeps them an hour.
 *
 * <p>Entry point: {@link io.testhealth.collector.review.WeeklyReviewService}, which computes the reports of the week
 * and the three before it. The comparisons live in the pure {@link io.testhealth.collector.review.WeeklyReviewBuilder};
 * {@link io.testhealth.collector.review.WeeklyReviewMarkdown} and {@link io.testhealth.collector.review.WeeklyReviewHtml}
 * only render its result.
 */
package io.testhealth.collector.review;
