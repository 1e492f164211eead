package io.testhealth.uploader.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an upload says about its run: the query parameters of {@code POST /api/v1/uploads}, each either known or
 * {@code null}. Built from the CI system's environment, then overridden by what the user states.
 *
 * @param component   the component whose tests these are (required by the collector)
 * @param team        the owning team, when the catalog should not decide
 * @param repository  the source repository
 * @param branch      the branch the tests ran on
 * @param commit      the commit the tests ran on
 * @param pipeline    the CI run id, shared by every job of one run
 * @param job         the CI job's name
 * @param attempt     the re-run number, 1 for the first run
 * @param environment the matrix key (JDK, OS...)
 * @param layer       {@code unit}, {@code integration} or {@code e2e} for the whole upload
 * @param runUrl      a link to the CI run
 * @param startedAt   when the job started (ISO-8601)
 * @param finishedAt  when the job finished (ISO-8601)
 */
public record RunMetadata(String component, String team, String repository, String branch, String commit,
                          String pipeline, String job, Integer attempt, String environment, String layer,
                          String runUrl, String startedAt, String finishedAt) {

    /** Nothing known yet. */
    public static final RunMetadata EMPTY = new RunMetadata(null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    /** This metadata with every field that {@code over} knows replaced by its value. */
    public RunMetadata overriddenBy(RunMetadata over) {
        return new RunMetadata(pick(over.component, component), pick(over.team, team),
                pick(over.repository, repository), pick(over.branch, branch), pick(over.commit, commit),
                pick(over.pipeline, pipeline), pick(over.job, job), over.attempt != null ? over.attempt : attempt,
                pick(over.environment, environment), pick(over.layer, layer), pick(over.runUrl, runUrl),
                pick(over.startedAt, startedAt), pick(over.finishedAt, finishedAt));
    }

    /** The known fields by the collector's query parameter names, in a stable order. */
    public Map<String, String> queryParameters() {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "component", component);
        put(q, "team", team);
        put(q, "repository", repository);
        put(q, "branch", branch);
        put(q, "commit", commit);
        put(q, "pipeline", pipeline);
        put(q, "job", job);
        put(q, "attempt", attempt == null ? null : attempt.toString());
        put(q, "environment", environment);
        put(q, "layer", layer);
        put(q, "runUrl", runUrl);
        put(q, "startedAt", startedAt);
        put(q, "finishedAt", finishedAt);
        return q;
    }


    /** A copy with one field set by its query parameter name; {@code null} or blank leaves it as it is. */
    public RunMetadata with(String parameter, String value) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null) {
            return this;
        }
        return switch (parameter) {
            case "component" -> new RunMetadata(v, team, repository, branch, commit, pipeline, job, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "team" -> new RunMetadata(component, v, repository, branch, commit, pipeline, job, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "repository" -> new RunMetadata(component, team, v, branch, commit, pipeline, job, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "branch" -> new RunMetadata(component, team, repository, v, commit, pipeline, job, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "commit" -> new RunMetadata(component, team, repository, branch, v, pipeline, job, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "pipeline" -> new RunMetadata(component, team, repository, branch, commit, v, job, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "job" -> new RunMetadata(component, team, repository, branch, commit, pipeline, v, attempt, environment, layer, runUrl, startedAt, finishedAt);
            case "attempt" -> new RunMetadata(component, team, repository, branch, commit, pipeline, job, attemptNumber(v), environment, layer, runUrl, startedAt, finishedAt);
            case "environment" -> new RunMetadata(component, team, repository, branch, commit, pipeline, job, attempt, v, layer, runUrl, startedAt, finishedAt);
            case "layer" -> new RunMetadata(component, team, repository, branch, commit, pipeline, job, attempt, environment, v, runUrl, startedAt, finishedAt);
            case "runUrl" -> new RunMetadata(component, team, repository, branch, commit, pipeline, job, attempt, environment, layer, v, startedAt, finishedAt);
            case "startedAt" -> new RunMetadata(component, team, repository, branch, commit, pipeline, job, attempt, environment, layer, runUrl, v, finishedAt);
            case "finishedAt" -> new RunMetadata(component, team, repository, branch, commit, pipeline, job, attempt, environment, layer, runUrl, startedAt, v);
            default -> throw new IllegalArgumentException("no upload parameter named " + parameter);
        };
    }

    /** The parameter names {@link #with} knows. */
    public static final java.util.List<String> PARAMETERS = java.util.List.of("component", "team", "repository",
            "branch", "commit", "pipeline", "job", "attempt", "environment", "layer", "runUrl", "startedAt", "finishedAt");

    private static Integer attemptNumber(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("attempt must be a whole number from 1, got '" + v + "'");
    }

    private static String pick(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.put(name, value);
        }
    }

    @Override
    public String toString() {
        return Objects.toString(queryParameters());
    }
}
