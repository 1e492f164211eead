package io.testhealth.collector.store;

import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;

import java.util.Optional;

/**
 * The history of test runs, written one upload at a time.
 *
 * <p>Implementations are thread-safe; each {@link UploadWriter} belongs to one thread.
 */
public interface TestHistoryStore extends AutoCloseable {

    /**
     * Starts writing an upload. Nothing written through the returned writer is visible to readers until
     * {@link UploadWriter#commit(UploadReceipt)} returns, and nothing of it remains if the writer is closed
     * without a commit (or the process dies before the commit).
     *
     * @param metadata the upload's metadata; its {@code uploadId} is set
     */
    UploadWriter open(UploadMetadata metadata);

    /** The receipt of an upload committed earlier under this key (component and upload id), if any. */
    Optional<UploadReceipt> findUpload(UploadKey key);

    /**
     * The test results stored for a job run so far, by every upload of it, for matching a run that arrives both as a
     * report and as test spans.
     */
    java.util.List<StoredTest> testsOfRun(String runId);

    /** A short name of the implementation, for logs and the health endpoint ({@code postgres}, {@code duckdb}). */
    String kind();

    /** Releases connections and files. */
    @Override
    void close();
}
