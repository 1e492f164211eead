/**
 * Trace data from CI runs: test spans received over OTLP ({@code otlp}) or Zipkin ({@code zipkin}) become test
 * results, stored through the same ingest path as JUnit uploads.
 *
 * <p>The receivers only decode their wire format into {@link io.testhealth.collector.traces.ReceivedSpan}s; what
 * a span means is decided in one place, {@link io.testhealth.collector.traces.TestSpanMapper}, and
 * {@link io.testhealth.collector.traces.TraceIngest} is the entry point all receivers call. The integration edges
 * spans show are read in {@link io.testhealth.collector.traces.IntegrationEdges}, contract tests recognised in
 * {@link io.testhealth.collector.traces.ContractTests}. What of each test span's subtree is kept raw, and its bounds,
 * is decided in {@link io.testhealth.collector.traces.SpanRecording}.
 */
package io.testhealth.collector.traces;
