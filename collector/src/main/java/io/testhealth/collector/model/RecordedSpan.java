package io.testhealth.collector.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One span as it is kept with a test run: the test span itself or a span below it in the same trace, with the bounded
 * attributes the collector keeps ({@code traces.SpanRecording} decides the bounds).
 *
 * @param spanId            16 lower-case hex characters
 * @param parentSpanId      the parent's span id, or empty for a root span
 * @param name              the span's name, possibly cut with a marker ({@link BoundedText})
 * @param kind              {@code internal}, {@code server}, {@code client}, {@code producer}, {@code consumer} or
 *                          {@code unspecified}
 * @param service           {@code service.name} of the resource that emitted it, or empty
 * @param startNanos        start, in nanoseconds since the epoch
 * @param endNanos          end, in nanoseconds since the epoch
 * @param error             whether its status is an error
 * @param statusMessage     the status description, or empty
 * @param attributes        its attributes in the order received: String, Long, Double, Boolean or a List of those
 * @param droppedAttributes attributes left out over the bound
 */
public record RecordedSpan(String spanId, String parentSpanId, String name, String kind, String service,
                           long startNanos, long endNanos, boolean error, String statusMessage,
                           Map<String, Object> attributes, int droppedAttributes) {

    public RecordedSpan {
        Objects.requireNonNull(spanId, "spanId");
        parentSpanId = parentSpanId == null ? "" : parentSpanId;
        name = name == null ? "" : name;
        Objects.requireNonNull(kind, "kind");
        service = service == null ? "" : service;
        statusMessage = statusMessage == null ? "" : statusMessage;
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The span's duration in nanoseconds (0 when its end is before its start). */
    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }
}
