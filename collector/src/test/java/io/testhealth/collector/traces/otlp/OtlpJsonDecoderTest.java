package io.testhealth.collector.traces.otlp;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.traces.ReceivedSpan;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OTLP/JSON as senders write it: the protobuf JSON mapping with hex ids, in both field-name spellings. */
final class OtlpJsonDecoderTest {

    private static List<ReceivedSpan> decode(String json) {
        return OtlpJsonDecoder.decode(json.getBytes(StandardCharsets.UTF_8), n -> { });
    }

    private static String refusal(String json) {
        return assertThrows(IngestException.class, () -> decode(json)).getMessage();
    }

    @Test
    void readsTypedAttributesSnakeCaseNamesAndUpperCaseHex() {
        List<ReceivedSpan> spans = decode("""
                {"resource_spans": [{"resource": {"attributes": [
                   {"key": "service.name", "value": {"string_value": "cart"}},
                   {"key": "host.cpus", "value": {"intValue": 4}},
                   {"key": "ratio", "value": {"doubleValue": 0.5}},
                   {"key": "ci", "value": {"boolValue": true}},
                   {"key": "tags", "value": {"arrayValue": {"values": [{"stringValue": "a"}, {"intValue": "7"}]}}}]},
                  "scope_spans": [{"spans": [{"trace_id": "5B8EFFF798038103D269B633813FC60C", "span_id": "EEE19B7EC3C1B174",
                     "parent_span_id": "", "name": "x", "kind": "SPAN_KIND_CLIENT",
                     "start_time_unix_nano": 1544712660000000000, "end_time_unix_nano": "1544712661000000000"}]}]}]}
                """);
        ReceivedSpan s = spans.get(0);
        assertAll(
                () -> assertEquals("5b8efff798038103d269b633813fc60c", s.traceId()),
                () -> assertEquals("eee19b7ec3c1b174", s.spanId()),
                () -> assertEquals("", s.parentSpanId()),
                () -> assertEquals(SpanKind.CLIENT, s.kind()),
                () -> assertEquals(1_000_000_000L, s.endNanos() - s.startNanos()),
                () -> assertEquals("cart", s.resource().text("service.name").orElseThrow()),
                () -> assertEquals(4L, s.resource().get("host.cpus").orElseThrow()),
                () -> assertEquals(0.5, s.resource().get("ratio").orElseThrow()),
                () -> assertEquals(true, s.resource().get("ci").orElseThrow()),
                () -> assertEquals(List.of("a", 7L), s.resource().get("tags").orElseThrow()));
    }

    @Test
    void anEmptyRequestHasNoSpans() {
        assertEquals(0, decode("{}").size());
        assertEquals(0, decode("{\"resourceSpans\": []}").size());
    }

    @Test
    void refusalsSayWhereAndWhat() {
        String span = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [%s]}]}]}";
        assertAll(
                () -> assertTrue(refusal("[]").contains("the body must be an ExportTraceServiceRequest")),
                () -> assertTrue(refusal("{\"resourceSpans\": {}}").contains("resourceSpans must be an array")),
                () -> assertTrue(refusal(span.formatted("{\"traceId\": \"5b8efff798038103d269b633813fc60\", \"spanId\": \"eee19b7ec3c1b174\"}"))
                        .contains("spans[0].traceId must be 32 hex digits")),
                () -> assertTrue(refusal(span.formatted("{\"traceId\": \"00000000000000000000000000000000\", \"spanId\": \"eee19b7ec3c1b174\"}"))
                        .contains("a non-zero id")),
                () -> assertTrue(refusal(span.formatted("{\"traceId\": \"5b8efff798038103d269b633813fc60c\", \"spanId\": \"eee19b7ec3c1b174\", \"kind\": \"SPAN_KIND_SIDEWAYS\"}"))
                        .contains("spans[0].kind")),
                () -> assertTrue(refusal(span.formatted("{\"traceId\": \"5b8efff798038103d269b633813fc60c\", \"spanId\": \"eee19b7ec3c1b174\", \"startTimeUnixNano\": \"soon\"}"))
                        .contains("spans[0].startTimeUnixNano")),
                () -> assertTrue(refusal("{\"resourceSpans\": [").contains("not valid JSON")));
    }

    @Test
    void theSpanLimitIsCheckedBeforeDecoding() {
        String json = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{}, {}, {}]}]}]}";
        int[] seen = new int[1];
        IllegalStateException stop = new IllegalStateException("limit");
        assertEquals(stop, assertThrows(IllegalStateException.class, () -> OtlpJsonDecoder.decode(
                json.getBytes(StandardCharsets.UTF_8), n -> {
                    seen[0] = n;
                    throw stop;
                })));
        assertEquals(3, seen[0]);
    }
}
