package io.testhealth.collector.store.support;

import io.testhealth.collector.model.RecordedSpan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stored text of a test run's spans reads back as written, whatever its shortcuts. */
final class SpanTreeJsonTest {

    private static final long ORIGIN = 1_765_000_000_123_456_789L;

    private static RecordedSpan span(String id, String parent, String service, long offset) {
        return new RecordedSpan(id, parent, "s-" + id, "client", service, ORIGIN + offset, ORIGIN + offset + 1_500,
                false, "", Map.of("k", 1L), 0);
    }

    @Test
    void parentsByPositionAndTheTestSpansServiceReadBackAsIdsAndNames() {
        List<RecordedSpan> spans = List.of(
                span("a1", "00f067aa0ba902b7", "orders", 0),
                span("a2", "a1", "orders", 10),      // same service as the test span: written as null
                span("a3", "a1", "", 20),            // no service: stays empty, not the test span's
                span("a4", "a2", "payments", 30),
                span("a5", "gone", "orders", -5));   // parent not kept: its id is written

        String json = SpanTreeJson.encode(spans, ORIGIN);

        assertAll(
                () -> assertEquals(spans, SpanTreeJson.decode(json, ORIGIN)),
                () -> assertEquals("[\"a2\",0,\"s-a2\",\"client\",null,10,1500,0,\"\",{\"k\":1},0]",
                        json.substring(json.indexOf("[\"a2\""), json.indexOf("]", json.indexOf("[\"a2\"")) + 1)),
                () -> assertEquals("[\"a5\",\"gone\",\"s-a5\",\"client\",null,-5,1500,0,\"\",{\"k\":1},0]",
                        json.substring(json.indexOf("[\"a5\""), json.indexOf("]", json.indexOf("[\"a5\"")) + 1)));
    }
}
