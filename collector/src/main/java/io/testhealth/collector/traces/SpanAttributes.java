package io.testhealth.collector.traces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes of a span or of its resource, with their types kept: text, integers, doubles, booleans and lists of
 * those, as OTLP carries them (Zipkin's tags are all text).
 */
public final class SpanAttributes {

    private static final SpanAttributes EMPTY = new SpanAttributes(Map.of());

    private final Map<String, Object> values;

    private SpanAttributes(Map<String, Object> values) {
        this.values = values;
    }

    /** No attributes. */
    public static SpanAttributes empty() {
        return EMPTY;
    }

    /** A builder keeping the order attributes are put in (kept by {@link #entries()}); a repeated key keeps its last value. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of {@code key}: a String, Long, Double, Boolean or List of those; empty when absent. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key} as text, when present and not blank; numbers and booleans are written out. */
    public Optional<String> text(String key) {
        Object v = values.get(key);
        if (v == null || v instanceof List<?>) {
            return Optional.empty();
        }
        String s = v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue())
                : v.toString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Whether {@code key} is present at all. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The attributes in the order they were put (the order of the builder's first put of each key). */
    public java.util.Set<Map.Entry<String, Object>> entries() {
        return values.entrySet();
    }

    /** Number of attributes. */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpanAttributes other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects attributes as a decoder reads them. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        /** Puts one attribute; a {@code null} value (an OTLP {@code AnyValue} with nothing set) is left out. */
        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (value != null) {
                values.put(key, value);
            }
            return this;
        }

        public SpanAttributes build() {
            return values.isEmpty() ? EMPTY : new SpanAttributes(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
