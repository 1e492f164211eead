/**
 * Self-instrumentation: the collector traces its own ingest (uploads and trace exports) with the OpenTelemetry SDK,
 * exported over OTLP when {@code testhealth.telemetry.enabled} is on (off by default). Entry point
 * {@link io.testhealth.collector.telemetry.SelfTelemetry}.
 */
package io.testhealth.collector.telemetry;
