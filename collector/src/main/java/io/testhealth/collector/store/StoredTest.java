package io.testhealth.collector.store;

import io.testhealth.collector.model.ReportFormat;

import java.util.Objects;

/**
 * One test result already stored for a job run, with the format of the upload that brought it.
 *
 * @param testId     the test's id within its component
 * @param invocation the parameters of this invocation, or empty
 * @param format     the format of the upload it came in
 * @param uploadId   the upload it came in
 */
public record StoredTest(String testId, String invocation, ReportFormat format, String uploadId) {
    public StoredTest {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(format, "format");
    }
}
