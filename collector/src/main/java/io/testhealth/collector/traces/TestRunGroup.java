package io.testhealth.collector.traces;

import io.testhealth.collector.ingest.ReportedTestCase;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.model.UploadMetadata;

import java.util.List;
import java.util.Objects;

/**
 * The test spans of one job run found in one request, as test cases ready for the ingest path.
 *
 * @param metadata  the run, with the upload id derived from the spans' ids
 * @param testCases one per test span, in the order they started (retries of a test are separate cases here and
 *                  become attempts of one result when ingested)
 * @param spanTrees the raw spans of each test span, in the order of {@code testCases}
 */
public record TestRunGroup(UploadMetadata metadata, List<ReportedTestCase> testCases, List<TestSpanTree> spanTrees) {
    public TestRunGroup {
        Objects.requireNonNull(metadata, "metadata");
        testCases = List.copyOf(testCases);
        spanTrees = List.copyOf(spanTrees);
    }
}
