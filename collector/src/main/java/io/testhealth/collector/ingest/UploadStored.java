package io.testhealth.collector.ingest;

/**
 * Published after an upload was committed (never for a duplicate or a refused upload), so that whatever is computed
 * from the history can be brought up to date, and the collector's own metrics can count what it took in.
 *
 * @param component     full reference of the component the upload belongs to
 * @param uploadId      the upload's id
 * @param testResults   test results stored, retries merged into attempts
 * @param ingestSeconds time from the start of reading the spooled upload to its commit
 */
public record UploadStored(String component, String uploadId, long testResults, double ingestSeconds) {
}
