package io.testhealth.collector.store.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.model.RecordedSpan;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact text a test run's spans are stored in ({@code test_spans.spans}), the same on both stores: a JSON array
 * with one array per span, positions instead of keys, times relative to the test span:
 *
 * <pre>[spanId, parent, name, kind, service, startOffsetNanos, durationNanos, error (0|1), statusMessage,
 *  {attributes}, droppedAttributes]</pre>
 *
 * <p>What repeats is written once: the trace id and the test span's absolute start are columns of the row; offsets
 * from the test span's start are short numbers where nanoseconds since the epoch take 19 digits; {@code parent} is the
 * position of the parent in the array when it is there (every span but the test span, whose parent id is written);
 * {@code service} is {@code null} when it is the test span's. A test run's spans are a fifth shorter so, and each
 * byte is written, logged and indexed by the database on every upload. Kept as text, not
 * {@code jsonb}: nothing queries inside it, and PostgreSQL's own compression of long values (and DuckDB's of strings)
 * applies to text as it would to a binary encoding of our own.
 */
public final class SpanTreeJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    private SpanTreeJson() {
    }

    /** The spans as stored text; {@code originNanos} is the test span's start. */
    public static String encode(List<RecordedSpan> spans, long originNanos) {
        StringWriter out = new StringWriter(spans.size() * 128);
        Map<String, Integer> positions = new HashMap<>(spans.size() * 2);
        String rootService = spans.isEmpty() ? "" : spans.get(0).service();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < spans.size(); i++) {
                RecordedSpan s = spans.get(i);
                positions.putIfAbsent(s.spanId(), i);
                g.writeStartArray();
                g.writeString(HistoryRows.text(s.spanId()));
                Integer parent = i == 0 ? null : positions.get(s.parentSpanId());
                if (parent != null) {
                    g.writeNumber(parent);
                } else {
                    g.writeString(HistoryRows.text(s.parentSpanId()));
                }
                g.writeString(HistoryRows.text(s.name()));
                g.writeString(s.kind());
                if (i > 0 && s.service().equals(rootService)) {
                    g.writeNull();
                } else {
                    g.writeString(HistoryRows.text(s.service()));
                }
                g.writeNumber(s.startNanos() - originNanos);
                g.writeNumber(s.endNanos() - s.startNanos());
                g.writeNumber(s.error() ? 1 : 0);
                g.writeString(HistoryRows.text(s.statusMessage()));
                g.writeStartObject();
                for (Map.Entry<String, Object> a : s.attributes().entrySet()) {
                    g.writeFieldName(HistoryRows.text(a.getKey()));
                    writeValue(g, a.getValue());
                }
                g.writeEndObject();
                g.writeNumber(s.droppedAttributes());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /** The spans read back from {@link #encode}'s text. */
    public static List<RecordedSpan> decode(String json, long originNanos) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored spans are not the JSON they were written as", e);
        }
        List<RecordedSpan> spans = new ArrayList<>(root.size());
        for (JsonNode s : root) {
            long start = originNanos + s.get(5).asLong();
            String parent = s.get(1).isNumber() ? spans.get(s.get(1).asInt()).spanId() : s.get(1).asText();
            String service = s.get(4).isNull() ? spans.get(0).service() : s.get(4).asText();
            Map<String, Object> attributes = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = s.get(9).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                attributes.put(f.getKey(), value(f.getValue()));
            }
            spans.add(new RecordedSpan(s.get(0).asText(), parent, s.get(2).asText(), s.get(3).asText(), service,
                    start, start + s.get(6).asLong(), s.get(7).asInt() == 1, s.get(8).asText(), attributes,
                    s.get(10).asInt()));
        }
        return spans;
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String text) {
            g.writeString(HistoryRows.text(text));
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                writeValue(g, v);
            }
            g.writeEndArray();
        } else if (value == null) {
            g.writeNull();
        } else {
            g.writeString(HistoryRows.text(value.toString()));
        }
    }

    private static Object value(JsonNode v) {
        if (v.isArray()) {
            List<Object> out = new ArrayList<>(v.size());
            v.forEach(e -> out.add(value(e)));
            return out;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNull() ? null : v.asText();
    }
}
