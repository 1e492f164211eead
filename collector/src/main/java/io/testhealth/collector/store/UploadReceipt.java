package io.testhealth.collector.store;

import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.ResultCounts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the collector understood of an upload: the answer the CI job gets, kept so that a retried upload gets
 * the same answer without being counted twice.
 *
 * @param uploadId        idempotency key
 * @param runId           the job run the upload belongs to
 * @param component       full component reference
 * @param format          the report format read
 * @param counts          per report element, retries not merged
 * @param testResults     test results stored, retries merged into attempts
 * @param durationSeconds sum of the reported test-case times (unknown times left out)
 * @param warnings        what was read but is doubtful, each a sentence
 * @param receivedAt      when the upload was committed
 * @param requestDigest   a digest of everything the upload was sent with (its files and parameters), which tells a
 *                        repeat of it from another upload under the same key; empty for uploads stored before it
 *                        was kept (schema V4), whose repeats cannot be told apart
 * @param duplicate       whether this answers a repeated upload that was not stored again
 */
public record UploadReceipt(String uploadId, String runId, String component, ReportFormat format, ResultCounts counts,
                            long testResults, double durationSeconds, List<String> warnings, Instant receivedAt,
                            String requestDigest, boolean duplicate) {

    public UploadReceipt {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(counts, "counts");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(requestDigest, "requestDigest");
    }

    /** Whether this receipt is of an upload sent with the given digest; unknown digests (before V4) match any. */
    public boolean sameRequest(String digest) {
        return requestDigest.isEmpty() || requestDigest.equals(digest);
    }

    /** The same receipt, marked as the answer to a repeated upload. */
    public UploadReceipt asDuplicate() {
        return new UploadReceipt(uploadId, runId, component, format, counts, testResults, durationSeconds, warnings,
                receivedAt, requestDigest, true);
    }
}
