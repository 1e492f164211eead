package io.testhealth.collector.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The collector's own tracer: the one entry point for tracing its ingest.
 *
 * <p>Off by default ({@code testhealth.telemetry.enabled}): then nothing of the SDK runs and {@link #inSpan} only
 * calls its work. On, spans go through a batch processor to an OTLP exporter built from {@link TelemetrySettings},
 * or to the {@link SpanExporter} bean the application context holds, if any (how a test or an embedding application
 * plugs in its own). Export never slows ingest: the batch processor drops spans when its queue is full.
 */
@Singleton
public final class SelfTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(SelfTelemetry.class);
    private static final String SCOPE = "io.testhealth.collector";

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    public SelfTelemetry(TelemetrySettings settings, @Nullable SpanExporter exporter) {
        if (!settings.enabled()) {
            this.provider = null;
            this.tracer = OpenTelemetry.noop().getTracer(SCOPE);
            return;
        }
        SpanExporter out = exporter != null ? exporter : otlp(settings);
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), settings.serviceName()))))
                .addSpanProcessor(BatchSpanProcessor.builder(out).build())
                .build();
        this.tracer = provider.get(SCOPE);
        LOG.info("Self-instrumentation on: spans of the ingest go to {}", exporter != null
                ? exporter.getClass().getSimpleName() : settings.protocol() + " " + settings.endpoint());
    }

    private static SpanExporter otlp(TelemetrySettings settings) {
        String protocol = settings.protocol().strip().toLowerCase(Locale.ROOT);
        URI endpoint = URI.create(settings.endpoint().strip());
        return switch (protocol) {
            case "grpc" -> OtlpGrpcSpanExporter.builder().setEndpoint(endpoint.toString()).build();
            case "http/protobuf", "http" -> OtlpHttpSpanExporter.builder().setEndpoint(
                    endpoint.getPath() == null || endpoint.getPath().isEmpty() || endpoint.getPath().equals("/")
                            ? endpoint.resolve("/v1/traces").toString() : endpoint.toString()).build();
            default -> throw new IllegalStateException("testhealth.telemetry.protocol must be grpc or http/protobuf; got "
                    + settings.protocol());
        };
    }

    /** Whether spans are recorded and exported. */
    public boolean enabled() {
        return provider != null;
    }

    /**
     * Runs {@code work} in a span named {@code name}, a child of the current span; a failure is recorded on the span
     * and thrown on.
     */
    public <T> T inSpan(String name, Function<Span, T> work) {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.apply(span);
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Exports what is still queued. For tests, and before shutdown. */
    public void flush() {
        if (provider != null) {
            provider.forceFlush().join(10, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
