package io.testhealth.collector.traces;

import io.testhealth.collector.model.BoundedText;
import io.testhealth.collector.model.RecordedSpan;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestSpanTree;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds of what a test run keeps of its spans. */
final class SpanRecordingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final TestIdentity TEST = new TestIdentity("com.acme.OrdersIT", "saves", "");

    private static ReceivedSpan span(int id, int parent, String name, SpanAttributes attributes) {
        return new ReceivedSpan(TRACE, "%016x".formatted(id), parent == 0 ? "" : "%016x".formatted(parent), name,
                ReceivedSpan.SpanKind.CLIENT, 1_000L + id, 2_000L + id, attributes,
                SpanAttributes.builder().put("service.name", "orders").build(), id % 2 == 0, "", null);
    }

    @Test
    void aTestRunKeepsItsTestSpanAndAtMost999SpansBelowItCountingTheRest() {
        ReceivedSpan test = span(1, 0, "saves", SpanAttributes.empty());
        List<ReceivedSpan> below = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            below.add(span(100 + i, 1, "SELECT " + i, SpanAttributes.empty()));
        }

        TestSpanTree tree = SpanRecording.of(test, TEST, below);

        assertAll(
                () -> assertEquals(1_000, tree.spans().size()),
                () -> assertEquals(1_200 - 999, tree.droppedSpans()),
                () -> assertEquals("saves", tree.testSpan().name()),
                () -> assertEquals("SELECT 998", tree.spans().get(999).name(), "the first below, in order"),
                () -> assertEquals(TRACE, tree.traceId()),
                () -> assertEquals("orders", tree.testSpan().service()),
                () -> assertEquals("client", tree.testSpan().kind()));
    }

    @Test
    void attributesAreCutTo32AndLongTextsAndListsToTheirBoundsWithTheMarker() {
        SpanAttributes.Builder attributes = SpanAttributes.builder();
        attributes.put("db.query.text", "x".repeat(300));
        attributes.put("db.tables", java.util.Collections.nCopies(20, "orders"));
        attributes.put("k".repeat(300), 7L);
        for (int i = 0; i < 40; i++) {
            attributes.put("a" + i, (long) i);
        }
        ReceivedSpan test = span(1, 0, "n".repeat(300), attributes.build());

        RecordedSpan kept = SpanRecording.of(test, TEST, List.of()).testSpan();

        String cutQuery = (String) kept.attributes().get("db.query.text");
        assertAll(
                () -> assertEquals(32, kept.attributes().size()),
                // 3 + 40 attributes, 32 kept in the order received: the 3, then a0 .. a28
                () -> assertEquals(43 - 32, kept.droppedAttributes()),
                () -> assertEquals(28L, kept.attributes().get("a28")),
                () -> assertTrue(cutQuery.startsWith("x".repeat(256) + BoundedText.MARKER), cutQuery),
                () -> assertEquals(16, ((List<?>) kept.attributes().get("db.tables")).size()),
                () -> assertEquals(7L, kept.attributes().get(BoundedText.cut("k".repeat(300), 256))),
                () -> assertTrue(kept.name().startsWith("n".repeat(256) + BoundedText.MARKER)),
                () -> assertEquals(1_001L, kept.startNanos()),
                () -> assertEquals(2_001L, kept.endNanos()));
    }
}
