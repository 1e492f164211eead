package io.testhealth.collector.traces;

import java.util.Objects;

/**
 * One span as a receiver decoded it, whatever its wire format: the part of OTLP's {@code Span} and Zipkin's span that
 * the collector reads.
 *
 * @param traceId       32 lower-case hex characters (a 64-bit Zipkin id is left-padded with zeros)
 * @param spanId        16 lower-case hex characters
 * @param parentSpanId  the parent's span id, or empty for a root span
 * @param name          the span's name, possibly empty
 * @param kind          what the span stands for in a call
 * @param startNanos    start, in nanoseconds since the epoch
 * @param endNanos      end, in nanoseconds since the epoch
 * @param attributes    the span's own attributes (Zipkin: its tags)
 * @param resource      the attributes of the resource that emitted it (Zipkin: {@code service.name} of its local
 *                      endpoint)
 * @param error         whether the span's status is an error (Zipkin: an {@code error} tag)
 * @param statusMessage the status description, or empty
 * @param exception     the first recorded exception event, or {@code null}
 */
public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
                           long startNanos, long endNanos, SpanAttributes attributes, SpanAttributes resource,
                           boolean error, String statusMessage, RecordedException exception) {

    public ReceivedSpan {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        parentSpanId = parentSpanId == null ? "" : parentSpanId;
        name = name == null ? "" : name;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(resource, "resource");
        statusMessage = statusMessage == null ? "" : statusMessage;
    }

    /** What the span stands for in a call, by OTLP's {@code SpanKind} (Zipkin's kinds map onto four of them). */
    public enum SpanKind {
        UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
    }

    /**
     * An exception recorded on the span (an {@code exception} event in OTLP).
     *
     * @param type       {@code exception.type}, possibly empty
     * @param message    {@code exception.message}, possibly empty
     * @param stacktrace {@code exception.stacktrace}, possibly empty
     */
    public record RecordedException(String type, String message, String stacktrace) {
        public RecordedException {
            type = type == null ? "" : type;
            message = message == null ? "" : message;
            stacktrace = stacktrace == null ? "" : stacktrace;
        }
    }

    /** The key of this span within a request: trace and span id. */
    public SpanKey key() {
        return new SpanKey(traceId, spanId);
    }

    /** The key of the parent, or {@code null} for a root span. */
    public SpanKey parentKey() {
        return parentSpanId.isEmpty() ? null : new SpanKey(traceId, parentSpanId);
    }

    /** A span's identity: its trace id and span id. */
    public record SpanKey(String traceId, String spanId) {
    }
}
