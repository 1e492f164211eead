package io.testhealth.collector.traces;

import java.util.List;

/**
 * What the spans of one request mean.
 *
 * @param spans          spans received
 * @param testSpans      spans that report a test case ({@code test.case.name}), refused ones included
 * @param runs           the accepted test spans, grouped by job run
 * @param rejectedSpans  test spans refused, each for a reason in {@code errorMessage}
 * @param errorMessage   why spans were refused (the first few reasons), or empty
 */
public record MappedSpans(int spans, int testSpans, List<TestRunGroup> runs, int rejectedSpans, String errorMessage) {
    public MappedSpans {
        runs = List.copyOf(runs);
    }
}
