package io.testhealth.collector.analysis;

import java.time.Instant;
import java.util.Objects;

/**
 * A job run as analysis sees it: one (component, pipeline, job, attempt, environment).
 *
 * @param runId       the stored run id
 * @param component   full component reference
 * @param team        team given by the upload, or empty
 * @param pipeline    CI run id, or empty
 * @param job         job name, or empty
 * @param attempt     CI re-run number (1 for the first run)
 * @param environment matrix key, or empty
 * @param branch      branch, or empty
 * @param commit      commit sha or tree hash, or empty
 * @param startedAt   when it started (the upload's {@code startedAt}, else when it was received)
 */
public record JobRun(String runId, String component, String team, String pipeline, String job, int attempt,
                     String environment, String branch, String commit, Instant startedAt) {
    public JobRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** The code version and environment a run tested: runs with equal keys tested the same thing. */
    public String codeAndEnvironment() {
        return commit + "\u001f" + environment;
    }
}
