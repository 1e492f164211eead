/**
 * The collector's Prometheus metrics: gauges of the stored scorecards per component and team, and counters and a
 * latency histogram of the ingest. {@link io.testhealth.collector.metrics.Metric} is the only catalogue of metric
 * names; {@link io.testhealth.collector.metrics.TestHealthMetrics} keeps the meters current. No label ever holds a
 * test or a run: per-test detail is read from the API or from the store.
 */
package io.testhealth.collector.metrics;
