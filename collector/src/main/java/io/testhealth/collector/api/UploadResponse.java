package io.testhealth.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.store.UploadReceipt;

import java.util.List;

/**
 * What the collector understood of an upload (the body of {@code 201 Created}, or of {@code 200} for a repeat).
 *
 * @param uploadId        the idempotency key (given or derived), unique within the component
 * @param runId           the job run the upload was added to
 * @param component       full entity reference
 * @param format          {@code junit} or {@code allure}
 * @param counts          one per test case element or Allure result, retries not merged
 * @param testResults     test runs stored after merging retries into attempts
 * @param durationSeconds sum of the reported test-case times
 * @param warnings        what was read but is doubtful
 * @param duplicate       true when this upload was stored before (same component, upload id, files and
 *                        parameters) and nothing was counted again
 */
@Serdeable
public record UploadResponse(String uploadId, String runId, String component, String format, Counts counts,
                             long testResults, double durationSeconds,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings, boolean duplicate) {

    /** Per-element counts, by the corpus rules. */
    @Serdeable
    public record Counts(long tests, long passed, long failed, long errors, long skipped, long flaky) {
        static Counts of(ResultCounts c) {
            return new Counts(c.tests(), c.passed(), c.failed(), c.errors(), c.skipped(), c.flaky());
        }
    }

    static UploadResponse of(UploadReceipt r) {
        return new UploadResponse(r.uploadId(), r.runId(), r.component(), r.format().id(), Counts.of(r.counts()),
                r.testResults(), r.durationSeconds(), r.warnings(), r.duplicate());
    }
}
