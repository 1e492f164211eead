package io.testhealth.collector.traces;

import io.testhealth.collector.model.EdgeSighting;

import java.util.List;

/**
 * What the spans of one request mean.
 *
 * @param spans          spans received
 * @param testSpans      spans that report a test case ({@code test.case.name}), refused ones included
 * @param runs           the accepted test spans, grouped by job run
 * @param rejectedSpans  test spans refused, each for a reason in {@code errorMessage}
 * @param errorMessage   why spans were refused (the first few reasons), or empty
 * @param sightings      the integration edges the accepted test spans exercised, and those seen outside tests in an
 *                       observed environment
 */
public record MappedSpans(int spans, int testSpans, List<TestRunGroup> runs, int rejectedSpans, String errorMessage,
                          List<EdgeSighting> sightings) {
    public MappedSpans {
        runs = List.copyOf(runs);
        sightings = List.copyOf(sightings);
    }
}
