package io.testhealth.collector.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CI job says about its upload besides the reports: which component, which code, which run.
 *
 * <p>Uploads with the same component, pipeline, job, attempt and environment belong to one job run.
 *
 * @param component   the component whose tests these are
 * @param team        owning group as given by the upload, or empty (resolved from ownership later)
 * @param repository  source repository, or empty
 * @param branch      branch, or empty
 * @param commit      commit sha (or tree hash), or empty
 * @param pipeline    CI run id, or empty
 * @param job         CI job name, or empty
 * @param attempt     CI re-run number, 1 for the first run
 * @param environment matrix key (JDK, OS...), or empty
 * @param layer       the layer declared for the whole upload, or {@code null}
 * @param runUrl      link to the CI run, or empty
 * @param startedAt   when the job started, or {@code null} (then the time of receipt is used)
 * @param finishedAt  when the job finished, or {@code null}; with {@code startedAt} it gives the job's wall time
 * @param uploadId    idempotency key given by the client, unique within the component, or empty to derive one
 *                    from content and metadata
 */
public record UploadMetadata(ComponentRef component, String team, String repository, String branch, String commit,
                             String pipeline, String job, int attempt, String environment, Layer layer,
                             String runUrl, Instant startedAt, Instant finishedAt, String uploadId) {

    public UploadMetadata {
        Objects.requireNonNull(component, "component");
        team = nullToEmpty(team);
        repository = nullToEmpty(repository);
        branch = nullToEmpty(branch);
        commit = nullToEmpty(commit);
        pipeline = nullToEmpty(pipeline);
        job = nullToEmpty(job);
        environment = nullToEmpty(environment);
        runUrl = nullToEmpty(runUrl);
        uploadId = nullToEmpty(uploadId);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("finishedAt " + finishedAt + " is before startedAt " + startedAt);
        }
    }

    /** Metadata for a component with nothing else known: the first attempt of an anonymous run. */
    public static UploadMetadata of(ComponentRef component) {
        return new UploadMetadata(component, "", "", "", "", "", "", 1, "", null, "", null, null, "");
    }

    /** The upload's layer, if it declared one. */
    public Optional<Layer> declaredLayer() {
        return Optional.ofNullable(layer);
    }

    /** Whether the client named the upload's idempotency key, rather than leaving it to be derived. */
    public boolean hasUploadId() {
        return !uploadId.isEmpty();
    }

    /**
     * The key of the upload: component and upload id.
     *
     * @throws IllegalStateException when the upload id is not set yet
     */
    public UploadKey key() {
        if (uploadId.isEmpty()) {
            throw new IllegalStateException("the upload id of " + component + " is not set yet");
        }
        return new UploadKey(component, uploadId);
    }

    /** The same metadata with another idempotency key. */
    public UploadMetadata withUploadId(String id) {
        return new UploadMetadata(component, team, repository, branch, commit, pipeline, job, attempt, environment,
                layer, runUrl, startedAt, finishedAt, id);
    }

    /**
     * The key shared by every upload of one job run. Without a pipeline id there is nothing to join uploads on,
     * so each such upload is a run of its own, named by its {@link #key()}: the component is part of it because
     * upload ids are unique within a component only.
     */
    public String runKey() {
        if (pipeline.isEmpty()) {
            return String.join("\u001f", "upload", component.toString(), uploadId);
        }
        return String.join("\u001f", component.toString(), pipeline, job, Integer.toString(attempt), environment);
    }

    /** The run id derived from {@link #runKey()}: 16 hex characters. */
    public String runId() {
        return TestIdentity.hash(runKey());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
