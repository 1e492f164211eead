/**
 * Turning what a CI job uploads into {@link io.testhealth.collector.model.TestResult}s: unpacking, format
 * detection, one parser per format, grouping retries into attempts, and the limits that keep hostile input
 * harmless.
 *
 * <p>The entry point is {@link io.testhealth.collector.ingest.IngestService}. Each format has one parser behind
 * {@link io.testhealth.collector.ingest.ReportParser} ({@code junit}, {@code allure}) and keeps its quirks there;
 * {@code archive} opens zip and tar.gz uploads. Every error is an {@link io.testhealth.collector.ingest.IngestException}
 * that says what is wrong, where (file, line, column) and what to do; nothing of a rejected upload is stored.
 */
package io.testhealth.collector.ingest;
