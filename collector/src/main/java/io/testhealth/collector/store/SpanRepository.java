package io.testhealth.collector.store;

import java.util.List;

/**
 * The raw spans kept with test runs that came from test spans: one row per test run, its test span and the spans
 * below it, for as long as {@code testhealth.retention.spans-days} says ({@link RetentionRepository#expireSpans}).
 * Written with the upload's results ({@link UploadWriter#addSpans}).
 */
public interface SpanRepository {

    /**
     * A test's latest runs with spans, latest first (by the test span's start), at most {@code limit}.
     *
     * @param component the test's component reference
     * @param testId    the test's id
     */
    List<StoredSpanRun> testSpans(String component, String testId, int limit);

    /** Whether any run of the test has its spans kept. */
    boolean hasSpans(String component, String testId);
}
