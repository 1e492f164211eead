package io.testhealth.collector.ingest;

/**
 * Published after an upload was committed (never for a duplicate or a refused upload), so that whatever is computed
 * from the history can be brought up to date.
 *
 * @param component full reference of the component the upload belongs to
 * @param uploadId  the upload's id
 */
public record UploadStored(String component, String uploadId) {
}
