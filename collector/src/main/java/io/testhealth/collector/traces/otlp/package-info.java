/**
 * OTLP receivers: {@code POST /v1/traces} (protobuf and JSON) on the collector's HTTP port, and
 * {@code TraceService/Export} over gRPC on its own port. They decode and answer; the meaning of spans is
 * {@link io.testhealth.collector.traces.TestSpanMapper}'s.
 */
package io.testhealth.collector.traces.otlp;
