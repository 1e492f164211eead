package io.testhealth.collector.traces;

import io.testhealth.collector.store.UploadReceipt;

import java.util.List;

/**
 * What the collector did with the spans of one request: the answer a receiver turns into its protocol's response.
 *
 * @param spans         spans received
 * @param testSpans     spans that report a test case
 * @param rejectedSpans test spans refused (OTLP's {@code partial_success.rejected_spans})
 * @param errorMessage  why they were refused, or empty
 * @param uploads       one receipt per job run stored (or recognised as sent before)
 */
public record TraceReceipt(int spans, int testSpans, int rejectedSpans, String errorMessage, List<UploadReceipt> uploads) {
    public TraceReceipt {
        errorMessage = errorMessage == null ? "" : errorMessage;
        uploads = List.copyOf(uploads);
    }
}
