package io.testhealth.collector.model;

import java.util.List;
import java.util.Objects;

/**
 * The raw spans of one test run: its test span and the spans below it in the same trace (the database, HTTP and
 * messaging calls the test made), kept for a while beside the result the test span became.
 *
 * @param identity     the test, as its test span names it
 * @param traceId      the trace every span of the tree belongs to, 32 lower-case hex characters
 * @param spans        the test span first, then the spans below it, breadth first; never empty
 * @param droppedSpans spans below the test span left out over the bound
 */
public record TestSpanTree(TestIdentity identity, String traceId, List<RecordedSpan> spans, int droppedSpans) {

    public TestSpanTree {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(traceId, "traceId");
        spans = List.copyOf(spans);
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a span tree holds at least its test span");
        }
    }

    /** The test span: the root of the tree. */
    public RecordedSpan testSpan() {
        return spans.get(0);
    }
}
