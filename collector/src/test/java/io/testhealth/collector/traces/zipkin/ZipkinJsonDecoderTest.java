package io.testhealth.collector.traces.zipkin;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.traces.ReceivedSpan;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Zipkin v2 JSON: microseconds, 64- and 128-bit trace ids, tags as attributes, the remote endpoint as peer. */
final class ZipkinJsonDecoderTest {

    private static List<ReceivedSpan> decode(String json) {
        return ZipkinJsonDecoder.decode(json.getBytes(StandardCharsets.UTF_8), n -> { });
    }

    @Test
    void readsTheZipkinExampleSpan() {
        ReceivedSpan s = decode("""
                [{"traceId": "5af7183fb1d4cf5f", "parentId": "6b221d5bc9e6496c", "id": "352bff9a74ca9ad2",
                  "kind": "CLIENT", "name": "query", "timestamp": 1556604172355737, "duration": 1431,
                  "localEndpoint": {"serviceName": "backend", "ipv4": "192.168.99.1", "port": 3306},
                  "remoteEndpoint": {"serviceName": "mysql", "ipv4": "192.168.99.101", "port": 3306},
                  "tags": {"jdbc.query": "select distinct `zipkin_spans`.`trace_id` from `zipkin_spans`"}}]
                """).get(0);
        assertAll(
                () -> assertEquals("00000000000000005af7183fb1d4cf5f", s.traceId()),
                () -> assertEquals("352bff9a74ca9ad2", s.spanId()),
                () -> assertEquals("6b221d5bc9e6496c", s.parentSpanId()),
                () -> assertEquals(SpanKind.CLIENT, s.kind()),
                () -> assertEquals(1_556_604_172_355_737_000L, s.startNanos()),
                () -> assertEquals(1_431_000L, s.endNanos() - s.startNanos()),
                () -> assertEquals("backend", s.resource().text("service.name").orElseThrow()),
                () -> assertEquals("mysql", s.attributes().text("peer.service").orElseThrow()),
                () -> assertEquals("192.168.99.101", s.attributes().text("server.address").orElseThrow()),
                () -> assertEquals(3306L, s.attributes().get("server.port").orElseThrow()),
                () -> assertFalse(s.error()));
    }

    @Test
    void anErrorTagMarksTheSpanFailedWithItsValueAsTheMessage() {
        ReceivedSpan s = decode("""
                [{"traceId": "463ac35c9f6413ad48485a3953bb6124", "id": "48485a3953bb6124", "timestamp": 1, "duration": 2,
                  "tags": {"error": "connection reset", "test.case.name": "a.B.c"}}]""").get(0);
        assertTrue(s.error());
        assertEquals("connection reset", s.statusMessage());
        assertEquals("463ac35c9f6413ad48485a3953bb6124", s.traceId());
    }

    @Test
    void refusalsSayWhereAndWhat() {
        assertAll(
                () -> assertTrue(assertThrows(IngestException.class, () -> decode("{}")).getMessage()
                        .contains("a JSON array of Zipkin v2 spans")),
                () -> assertTrue(assertThrows(IngestException.class, () -> decode(
                        "[{\"traceId\": \"463ac35c9f6413ad\", \"id\": \"48485a3953bb612\"}]")).getMessage()
                        .contains("[0].id must be 16 hex digits")),
                () -> assertTrue(assertThrows(IngestException.class, () -> decode(
                        "[{\"traceId\": \"463ac35c9f6413ad\", \"id\": \"48485a3953bb6124\", \"timestamp\": -5}]")).getMessage()
                        .contains("[0].timestamp")),
                () -> assertTrue(assertThrows(IngestException.class, () -> decode(
                        "[{\"traceId\": \"463ac35c9f6413ad\", \"id\": \"48485a3953bb6124\", \"kind\": \"PEER\"}]")).getMessage()
                        .contains("[0].kind")));
    }
}
