/**
 * Opening what a CI job sends: a single report file, a zip or (gzipped) tar of a report folder, each possibly
 * gzip-encoded, read as streams of files without ever writing an entry to disk.
 *
 * <p>The entry point is {@link io.testhealth.collector.ingest.archive.UploadUnpacker}. Entries whose names try to
 * leave the archive (zip-slip) and entries that expand far beyond their compressed size (zip bombs) are refused,
 * and everything read is charged against the upload's expansion budget.
 */
package io.testhealth.collector.ingest.archive;
