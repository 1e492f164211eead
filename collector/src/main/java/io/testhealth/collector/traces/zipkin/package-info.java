/**
 * The Zipkin v2 receiver: {@code POST /api/v2/spans}, a JSON array of spans, for Zipkin and Jaeger users.
 */
package io.testhealth.collector.traces.zipkin;
