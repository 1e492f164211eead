package io.testhealth.collector.traces;

import io.testhealth.collector.model.BoundedText;
import io.testhealth.collector.model.RecordedSpan;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.model.TestIdentity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What of a test span's subtree is kept raw, and the bounds that keep one test run's row small whatever a trace
 * holds: the one place the bounds are written.
 *
 * <ul>
 *   <li>at most {@value #MAX_SPANS} spans per test run: the test span and the first {@value #MAX_SPANS} - 1 below it,
 *       breadth first (the calls the test made itself come before what those calls did); the rest are counted;</li>
 *   <li>at most {@value #MAX_ATTRIBUTES} attributes per span, in the order received; the rest are counted;</li>
 *   <li>span names and attribute keys at most {@value #MAX_NAME_CHARS} characters, text values (and each text of a
 *       list) at most {@value #MAX_VALUE_CHARS}, lists at most {@value #MAX_LIST_VALUES} values: longer ones are cut
 *       with {@link BoundedText}'s marker.</li>
 * </ul>
 * With these, a test run's spans take at most about 1,000 x 32 x 300 characters in the worst case, and a typical test
 * span with a few client calls a few hundred bytes per span. Secrets in the values are redacted when stored
 * ({@code ingest.IngestService}), as failure messages are.
 */
public final class SpanRecording {

    /** Spans kept per test run, the test span included. */
    public static final int MAX_SPANS = 1_000;
    /** Attributes kept per span. */
    public static final int MAX_ATTRIBUTES = 32;
    /** Longest span name or attribute key kept. */
    public static final int MAX_NAME_CHARS = 256;
    /** Longest text value kept. */
    public static final int MAX_VALUE_CHARS = 256;
    /** Most values of a list attribute kept. */
    public static final int MAX_LIST_VALUES = 16;

    private SpanRecording() {
    }

    /**
     * The raw spans of one test run.
     *
     * @param test     the test span
     * @param identity the test it reports
     * @param below    the spans below it in the request, breadth first
     */
    static TestSpanTree of(ReceivedSpan test, TestIdentity identity, List<ReceivedSpan> below) {
        int kept = Math.min(below.size(), MAX_SPANS - 1);
        List<RecordedSpan> spans = new ArrayList<>(kept + 1);
        spans.add(recorded(test));
        for (int i = 0; i < kept; i++) {
            spans.add(recorded(below.get(i)));
        }
        return new TestSpanTree(identity, test.traceId(), spans, below.size() - kept);
    }

    private static RecordedSpan recorded(ReceivedSpan s) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        int dropped = 0;
        for (Map.Entry<String, Object> a : s.attributes().entries()) {
            if (attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(BoundedText.cut(a.getKey(), MAX_NAME_CHARS), bounded(a.getValue()));
            } else {
                dropped++;
            }
        }
        return new RecordedSpan(s.spanId(), s.parentSpanId(), BoundedText.cut(s.name(), MAX_NAME_CHARS),
                s.kind().name().toLowerCase(Locale.ROOT), BoundedText.cut(s.resource().text(TestSpanMapper.SERVICE_NAME)
                .orElse(""), MAX_NAME_CHARS), s.startNanos(), s.endNanos(), s.error(),
                BoundedText.cut(s.statusMessage(), MAX_VALUE_CHARS), attributes, dropped);
    }

    private static Object bounded(Object value) {
        if (value instanceof String text) {
            return BoundedText.cut(text, MAX_VALUE_CHARS);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(Math.min(list.size(), MAX_LIST_VALUES));
            for (int i = 0; i < list.size() && i < MAX_LIST_VALUES; i++) {
                out.add(bounded(list.get(i)));
            }
            return out;
        }
        return value;
    }
}
