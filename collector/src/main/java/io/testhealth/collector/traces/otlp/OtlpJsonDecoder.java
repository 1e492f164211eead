package io.testhealth.collector.traces.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.traces.ReceivedSpan;
import io.testhealth.collector.traces.ReceivedSpan.RecordedException;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import io.testhealth.collector.traces.RequestBody;
import io.testhealth.collector.traces.SpanAttributes;


import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Decodes an OTLP/JSON {@code ExportTraceServiceRequest}: the protobuf JSON mapping with OTLP's exceptions, so trace
 * and span ids are hex strings, not base64. Field names are read in lowerCamelCase (as OTLP requires of senders) and
 * in the proto's snake_case; enums as numbers or names; 64-bit integers as numbers or decimal strings. Unknown
 * fields are ignored, as the spec asks.
 */
public final class OtlpJsonDecoder {


    private OtlpJsonDecoder() {
    }

    /**
     * The request's spans.
     *
     * @param body      the JSON bytes
     * @param spanLimit checked with the number of spans before any is decoded
     * @throws IngestException (malformed) for JSON that is not an OTLP request, with where it went wrong
     */
    public static List<ReceivedSpan> decode(byte[] body, IntConsumer spanLimit) {
        JsonNode root = RequestBody.json(body);
        if (root == null || !root.isObject()) {
            throw malformed("", "an ExportTraceServiceRequest object ({\"resourceSpans\": [...]})");
        }
        JsonNode resourceSpans = array(root, "resourceSpans", "resource_spans", "");
        int total = 0;
        for (JsonNode rs : resourceSpans) {
            for (JsonNode ss : array(rs, "scopeSpans", "scope_spans", "resourceSpans[]")) {
                total += array(ss, "spans", "spans", "scopeSpans[]").size();
            }
        }
        spanLimit.accept(total);
        List<ReceivedSpan> out = new ArrayList<>(total);
        for (int r = 0; r < resourceSpans.size(); r++) {
            JsonNode rs = resourceSpans.get(r);
            String rWhere = "resourceSpans[" + r + "]";
            JsonNode resourceNode = field(rs, "resource", "resource");
            SpanAttributes resource = resourceNode.isMissingNode() || resourceNode.isNull() ? SpanAttributes.empty()
                    : attributes(resourceNode, rWhere + ".resource");
            JsonNode scopeSpans = array(rs, "scopeSpans", "scope_spans", rWhere);
            for (int s = 0; s < scopeSpans.size(); s++) {
                String sWhere = rWhere + ".scopeSpans[" + s + "]";
                JsonNode spans = array(scopeSpans.get(s), "spans", "spans", sWhere);
                for (int i = 0; i < spans.size(); i++) {
                    out.add(span(spans.get(i), resource, sWhere + ".spans[" + i + "]"));
                }
            }
        }
        return out;
    }

    private static ReceivedSpan span(JsonNode span, SpanAttributes resource, String where) {
        if (!span.isObject()) {
            throw malformed(where, "a span object");
        }
        String traceId = hexId(field(span, "traceId", "trace_id"), 32, where + ".traceId", false);
        String spanId = hexId(field(span, "spanId", "span_id"), 16, where + ".spanId", false);
        String parent = hexId(field(span, "parentSpanId", "parent_span_id"), 16, where + ".parentSpanId", true);
        RecordedException exception = null;
        JsonNode events = field(span, "events", "events");
        if (events.isArray()) {
            for (int e = 0; e < events.size(); e++) {
                JsonNode event = events.get(e);
                if ("exception".equals(event.path("name").asText())) {
                    SpanAttributes a = attributes(event, where + ".events[" + e + "]");
                    exception = new RecordedException(a.text("exception.type").orElse(""),
                            a.text("exception.message").orElse(""), a.text("exception.stacktrace").orElse(""));
                    break;
                }
            }
        }
        JsonNode status = field(span, "status", "status");
        boolean error = status.isObject() && statusCode(field(status, "code", "code"), where + ".status.code") == 2;
        String message = status.isObject() ? field(status, "message", "message").asText("") : "";
        return new ReceivedSpan(traceId, spanId, parent, field(span, "name", "name").asText(""),
                kind(field(span, "kind", "kind"), where + ".kind"),
                uint64(field(span, "startTimeUnixNano", "start_time_unix_nano"), where + ".startTimeUnixNano"),
                uint64(field(span, "endTimeUnixNano", "end_time_unix_nano"), where + ".endTimeUnixNano"),
                attributes(span, where), resource, error, message, exception);
    }

    private static SpanKind kind(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return SpanKind.UNSPECIFIED;
        }
        if (node.isIntegralNumber()) {
            return OtlpProtoDecoder.kind(node.asInt());
        }
        if (node.isTextual()) {
            String name = node.asText().toUpperCase(Locale.ROOT);
            try {
                return SpanKind.valueOf(name.startsWith("SPAN_KIND_") ? name.substring(10) : name);
            } catch (IllegalArgumentException e) {
                throw malformed(where, "a span kind (a number, or a name such as SPAN_KIND_SERVER), got '" + node.asText() + "'");
            }
        }
        throw malformed(where, "a span kind (a number, or a name such as SPAN_KIND_SERVER)");
    }

    private static int statusCode(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber()) {
            return node.asInt();
        }
        if (node.isTextual()) {
            return switch (node.asText().toUpperCase(Locale.ROOT)) {
                case "STATUS_CODE_UNSET", "UNSET" -> 0;
                case "STATUS_CODE_OK", "OK" -> 1;
                case "STATUS_CODE_ERROR", "ERROR" -> 2;
                default -> throw malformed(where, "a status code (0, 1, 2 or STATUS_CODE_...), got '" + node.asText() + "'");
            };
        }
        throw malformed(where, "a status code (0, 1, 2 or STATUS_CODE_...)");
    }

    /** A {@code fixed64} time: a JSON number, or a decimal string as the protobuf JSON mapping writes 64-bit numbers. */
    private static long uint64(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Long.parseUnsignedLong(node.asText().strip());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw malformed(where, "nanoseconds since the epoch as a number or a decimal string, got " + node);
    }

    /** A hex id of {@code digits} hex digits; empty for a missing optional id (or an all-zero one, meaning none). */
    private static String hexId(JsonNode node, int digits, String where, boolean optional) {
        String text = node.isMissingNode() || node.isNull() ? "" : node.isTextual() ? node.asText() : null;
        if (text == null) {
            throw malformed(where, digits + " hex digits as a string");
        }
        if (text.isEmpty() && optional) {
            return "";
        }
        if (text.length() != digits || !isHex(text)) {
            throw malformed(where, digits + " hex digits (OTLP/JSON writes ids in hex, not base64), got '"
                    + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'");
        }
        String id = text.toLowerCase(Locale.ROOT);
        if (id.chars().allMatch(c -> c == '0')) {
            if (optional) {
                return "";
            }
            throw malformed(where, "a non-zero id");
        }
        return id;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The {@code attributes} of an object (resource, span or event). */
    private static SpanAttributes attributes(JsonNode owner, String where) {
        JsonNode list = field(owner, "attributes", "attributes");
        if (list.isMissingNode() || list.isNull()) {
            return SpanAttributes.empty();
        }
        if (!list.isArray()) {
            throw malformed(where + ".attributes", "an array of {\"key\": ..., \"value\": {...}}");
        }
        SpanAttributes.Builder b = SpanAttributes.builder();
        for (int i = 0; i < list.size(); i++) {
            JsonNode kv = list.get(i);
            JsonNode key = kv.path("key");
            if (!key.isTextual()) {
                throw malformed(where + ".attributes[" + i + "].key", "a string");
            }
            b.put(key.asText(), value(kv.path("value"), where + ".attributes[" + i + "].value"));
        }
        return b.build();
    }

    /** An {@code AnyValue}; key-value lists and bytes, which no attribute read here uses, as null. */
    private static Object value(JsonNode v, String where) {
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw malformed(where, "an AnyValue object such as {\"stringValue\": \"...\"}");
        }
        JsonNode n;
        if (!(n = field(v, "stringValue", "string_value")).isMissingNode()) {
            return n.asText();
        }
        if (!(n = field(v, "boolValue", "bool_value")).isMissingNode()) {
            if (n.isBoolean()) {
                return n.asBoolean();
            }
            throw malformed(where + ".boolValue", "true or false");
        }
        if (!(n = field(v, "intValue", "int_value")).isMissingNode()) {
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            try {
                return Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                throw malformed(where + ".intValue", "a 64-bit integer, as a number or a decimal string");
            }
        }
        if (!(n = field(v, "doubleValue", "double_value")).isMissingNode()) {
            if (n.isNumber()) {
                return n.asDouble();
            }
            try {
                return Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                throw malformed(where + ".doubleValue", "a number");
            }
        }
        if (!(n = field(v, "arrayValue", "array_value")).isMissingNode()) {
            JsonNode values = n.path("values");
            List<Object> list = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Object o = value(values.get(i), where + ".arrayValue.values[" + i + "]");
                if (o != null) {
                    list.add(o);
                }
            }
            return List.copyOf(list);
        }
        if (!(n = field(v, "bytesValue", "bytes_value")).isMissingNode()) {
            try {
                Base64.getDecoder().decode(n.asText());
            } catch (IllegalArgumentException e) {
                throw malformed(where + ".bytesValue", "base64");
            }
        }
        return null;
    }

    private static JsonNode field(JsonNode object, String camel, String snake) {
        JsonNode n = object.get(camel);
        return n != null ? n : object.path(snake);
    }

    /** An array field; a missing or null one is empty. */
    private static JsonNode array(JsonNode object, String camel, String snake, String where) {
        if (!object.isObject()) {
            throw malformed(where, "an object");
        }
        JsonNode n = field(object, camel, snake);
        if (n.isMissingNode() || n.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!n.isArray()) {
            throw malformed(where.isEmpty() ? camel : where + "." + camel, "an array");
        }
        return n;
    }

    private static IngestException malformed(String where, String expected) {
        return new IngestException(Reason.MALFORMED, "not an OTLP/JSON ExportTraceServiceRequest: "
                + (where.isEmpty() ? "the body" : where) + " must be " + expected);
    }
}
