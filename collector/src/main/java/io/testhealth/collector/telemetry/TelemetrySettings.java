package io.testhealth.collector.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The collector's own traces, under {@code testhealth.telemetry}.
 *
 * @param enabled     whether the collector traces its ingest at all (default off: no SDK is started, the spans are
 *                    no-ops)
 * @param endpoint    where the OTLP exporter sends: an OpenTelemetry Collector or tracing backend, not this
 *                    collector's own receivers (its spans are no test spans, so they would be received and dropped,
 *                    each receipt traced again)
 * @param protocol    {@code grpc} (default) or {@code http/protobuf}, as {@code OTEL_EXPORTER_OTLP_PROTOCOL} names them
 * @param serviceName the {@code service.name} of the spans (default {@code testhealth-collector})
 */
@ConfigurationProperties("testhealth.telemetry")
public record TelemetrySettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "http://localhost:4317") String endpoint,
        @Bindable(defaultValue = "grpc") String protocol,
        @Bindable(defaultValue = "testhealth-collector") String serviceName) {
}
