package io.testhealth.collector.traces.zipkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.traces.ReceivedSpan;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import io.testhealth.collector.traces.RequestBody;
import io.testhealth.collector.traces.SpanAttributes;


import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Decodes Zipkin's v2 JSON: an array of spans with hex ids, {@code timestamp} and {@code duration} in microseconds,
 * {@code localEndpoint.serviceName} as the service, and {@code tags} as text attributes. An {@code error} tag marks
 * the span failed, its value being the message. The remote endpoint is kept as {@code peer.service},
 * {@code server.address} and {@code server.port}, the names an OTLP span would carry.
 */
public final class ZipkinJsonDecoder {

    private static final long NANOS_PER_MICRO = 1_000;

    private ZipkinJsonDecoder() {
    }

    /**
     * The spans of the array in {@code body}.
     *
     * @param spanLimit checked with the number of spans before any is decoded
     * @throws IngestException (malformed) for anything but a JSON array of Zipkin spans, with where it went wrong
     */
    public static List<ReceivedSpan> decode(byte[] body, IntConsumer spanLimit) {
        JsonNode root = RequestBody.json(body);
        if (root == null || !root.isArray()) {
            throw malformed("the body", "a JSON array of Zipkin v2 spans");
        }
        spanLimit.accept(root.size());
        List<ReceivedSpan> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(span(root.get(i), "[" + i + "]"));
        }
        return out;
    }

    private static ReceivedSpan span(JsonNode span, String where) {
        if (!span.isObject()) {
            throw malformed(where, "a span object");
        }
        String traceId = hexId(span.path("traceId"), where + ".traceId", false, true);
        String spanId = hexId(span.path("id"), where + ".id", false, false);
        String parent = hexId(span.path("parentId"), where + ".parentId", true, false);
        long start = micros(span.path("timestamp"), where + ".timestamp");
        long duration = micros(span.path("duration"), where + ".duration");
        SpanAttributes.Builder attributes = SpanAttributes.builder();
        JsonNode tags = span.path("tags");
        if (!tags.isMissingNode() && !tags.isNull()) {
            if (!tags.isObject()) {
                throw malformed(where + ".tags", "an object of string values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> tag = it.next();
                if (!tag.getValue().isValueNode()) {
                    throw malformed(where + ".tags." + tag.getKey(), "a string");
                }
                attributes.put(tag.getKey(), tag.getValue().asText());
            }
        }
        JsonNode remote = span.path("remoteEndpoint");
        if (remote.isObject()) {
            text(remote, "serviceName").ifPresent(v -> attributes.put("peer.service", v));
            text(remote, "ipv4").or(() -> text(remote, "ipv6")).ifPresent(v -> attributes.put("server.address", v));
            if (remote.path("port").isIntegralNumber()) {
                attributes.put("server.port", remote.path("port").asLong());
            }
        }
        SpanAttributes resource = text(span.path("localEndpoint"), "serviceName")
                .map(v -> SpanAttributes.builder().put("service.name", v).build()).orElse(SpanAttributes.empty());
        boolean error = tags.has("error");
        return new ReceivedSpan(traceId, spanId, parent, span.path("name").asText(""), kind(span.path("kind"), where),
                start * NANOS_PER_MICRO, (start + duration) * NANOS_PER_MICRO, attributes.build(), resource, error,
                error ? tags.path("error").asText("") : "", null);
    }

    private static java.util.Optional<String> text(JsonNode object, String field) {
        JsonNode n = object.path(field);
        return n.isTextual() && !n.asText().isBlank() ? java.util.Optional.of(n.asText()) : java.util.Optional.empty();
    }

    private static SpanKind kind(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return SpanKind.INTERNAL;
        }
        return switch (node.asText().toUpperCase(Locale.ROOT)) {
            case "CLIENT" -> SpanKind.CLIENT;
            case "SERVER" -> SpanKind.SERVER;
            case "PRODUCER" -> SpanKind.PRODUCER;
            case "CONSUMER" -> SpanKind.CONSUMER;
            default -> throw malformed(where + ".kind", "CLIENT, SERVER, PRODUCER or CONSUMER, got '" + node.asText() + "'");
        };
    }

    private static long micros(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        throw malformed(where, "microseconds as a non-negative integer, got " + node);
    }

    /** A 16-digit id, or for a trace id 16 or 32 digits (a 64-bit trace id is widened with leading zeros). */
    private static String hexId(JsonNode node, String where, boolean optional, boolean traceId) {
        if ((node.isMissingNode() || node.isNull()) && optional) {
            return "";
        }
        if (!node.isTextual()) {
            throw malformed(where, "a hex id as a string");
        }
        String id = node.asText().toLowerCase(Locale.ROOT);
        boolean hex = !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
        boolean length = traceId ? id.length() == 16 || id.length() == 32 : id.length() == 16;
        if (!hex || !length) {
            throw malformed(where, (traceId ? "16 or 32" : "16") + " hex digits, got '"
                    + (id.length() > 80 ? id.substring(0, 80) + "..." : id) + "'");
        }
        return traceId && id.length() == 16 ? "0000000000000000" + id : id;
    }

    private static IngestException malformed(String where, String expected) {
        return new IngestException(Reason.MALFORMED, "not Zipkin v2 JSON: " + where + " must be " + expected);
    }
}
