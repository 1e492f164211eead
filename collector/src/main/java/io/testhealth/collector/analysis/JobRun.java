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

    /**
     * The code version and environment this job run tested, or {@code null} when nothing tells its code apart from
     * other runs': job runs with equal keys tested the same code in the same environment.
     *
     * <p>The commit says it when it was sent. Without one, the attempts of one pipeline and job still tested one code
     * version: re-running a CI job does not change the checkout, so attempt 2 of pipeline 8812's job {@code test} is
     * the same code as attempt 1 whether or not the upload named a commit ({@code metrics.md}, "Flakiness", hard
     * evidence 2). Different jobs of one pipeline are kept apart when no commit is known, because nothing says they
     * checked out the same revision.
     */
    public SameCode sameCode() {
        if (commit != null && !commit.isEmpty()) {
            return new SameCode(commit, "", "", environment == null ? "" : environment);
        }
        if (pipeline != null && !pipeline.isEmpty()) {
            return new SameCode("", pipeline, job == null ? "" : job, environment == null ? "" : environment);
        }
        return null;
    }

    /**
     * A code version and environment: the commit, or, when no commit was sent, the pipeline and job whose attempts
     * all tested the same checkout.
     *
     * @param commit      the commit, or empty when the key is a pipeline's job
     * @param pipeline    the pipeline, set only when no commit is known
     * @param job         the job, set only when no commit is known
     * @param environment the matrix key, or empty
     */
    public record SameCode(String commit, String pipeline, String job, String environment) {

        /** Words for a reason: "commit 3f2a9c1" or "pipeline 8812 job test (no commit sent)". */
        public String describe() {
            String code = !commit.isEmpty() ? "commit " + (commit.length() > 7 ? commit.substring(0, 7) : commit)
                    : "pipeline " + pipeline + (job.isEmpty() ? "" : " job " + job) + " (no commit sent)";
            return environment.isEmpty() ? code : code + " (" + environment + ")";
        }
    }
}
