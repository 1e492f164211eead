package io.testhealth.collector.traces;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Limits of the HTTP trace receivers, under {@code testhealth.traces} in {@code application.yml}; the refusal a
 * limit causes names its setting. (The gRPC receiver has its own, {@code testhealth.traces.grpc.max-message-bytes}.)
 *
 * @param maxRequestBytes    largest request body once decompressed (default 16 MiB; an OTLP exporter's batch of 512
 *                           spans is well under 1 MiB). Reading stops there, so a gzip bomb costs no more.
 * @param maxSpansPerRequest most spans in one request, all of them, not only test spans (default 100,000)
 */
@ConfigurationProperties("testhealth.traces")
public record TraceSettings(
        @Bindable(defaultValue = "16777216") int maxRequestBytes,
        @Bindable(defaultValue = "100000") int maxSpansPerRequest) {

    /** The defaults, for use without Micronaut (tests and benchmarks). */
    public static TraceSettings defaults() {
        return new TraceSettings(16 << 20, 100_000);
    }
}
