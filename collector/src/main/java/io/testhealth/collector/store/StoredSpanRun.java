package io.testhealth.collector.store;

import io.testhealth.collector.model.RecordedSpan;

import java.util.List;
import java.util.Objects;

/**
 * The spans kept of one test run, with the job run it belongs to.
 *
 * @param runId        the job run
 * @param uploadId     the upload the test span became part of
 * @param pipeline     the job run's pipeline run, possibly empty
 * @param job          the job, possibly empty
 * @param attempt      the job run's attempt
 * @param branch       the branch, possibly empty
 * @param commit       the commit, possibly empty
 * @param runUrl       the job run's CI link, possibly empty
 * @param traceId      the trace of the spans
 * @param spans        the test span first, then the spans below it, breadth first
 * @param droppedSpans spans below the test span left out over the bound when stored
 */
public record StoredSpanRun(String runId, String uploadId, String pipeline, String job, int attempt, String branch,
                            String commit, String runUrl, String traceId, List<RecordedSpan> spans, int droppedSpans) {
    public StoredSpanRun {
        Objects.requireNonNull(runId, "runId");
        spans = List.copyOf(spans);
    }
}
