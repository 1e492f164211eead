package io.testhealth.collector.traces.otlp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The OTLP/gRPC receiver, under {@code testhealth.traces.grpc}.
 *
 * @param enabled        whether the receiver listens at all (default on in {@code application.yml}, off in tests
 *                       that do not ask for it)
 * @param host           the address to listen on (default all interfaces)
 * @param port           the port (default 4317, OTLP's; 0 picks a free one)
 * @param maxMessageBytes largest request message, decompressed (default 16 MiB)
 */
@ConfigurationProperties("testhealth.traces.grpc")
public record GrpcSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "0.0.0.0") String host,
        @Bindable(defaultValue = "4317") int port,
        @Bindable(defaultValue = "16777216") int maxMessageBytes) {
}
