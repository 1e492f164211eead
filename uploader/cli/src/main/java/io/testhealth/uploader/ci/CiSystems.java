package io.testhealth.uploader.ci;

import io.testhealth.uploader.upload.RunMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.testhealth.uploader.ci.CiSystem.branchOf;
import static io.testhealth.uploader.ci.CiSystem.first;
import static io.testhealth.uploader.ci.CiSystem.positive;
import static io.testhealth.uploader.ci.CiSystem.retryCountPlusOne;
import static io.testhealth.uploader.ci.CiSystem.var;

/**
 * The CI systems the uploader recognises, and {@link #detect}, the one entry point that picks the system a job runs
 * on from its environment.
 *
 * <p>The pipeline id is what every job of one CI run shares and a re-run keeps where the system has such an id
 * (GitHub's run id, Buildkite's build id); the attempt is then the system's own re-run number. Systems whose re-run
 * is a new run (Jenkins, CircleCI) or that number no re-run (GitLab) give no attempt: the collector then counts 1.
 */
public final class CiSystems {

    /** GitHub Actions: the default variables of every step. */
    public static final CiSystem GITHUB_ACTIONS = system("GitHub Actions",
            env -> "true".equalsIgnoreCase(var(env, "GITHUB_ACTIONS")),
            env -> {
                String server = first(env, "GITHUB_SERVER_URL");
                String repo = var(env, "GITHUB_REPOSITORY");
                String run = var(env, "GITHUB_RUN_ID");
                return RunMetadata.EMPTY
                        .with("repository", repo)
                        // A pull request's GITHUB_REF_NAME is "42/merge": the head branch says which branch it is.
                        .with("branch", first(env, "GITHUB_HEAD_REF", "GITHUB_REF_NAME"))
                        .with("commit", var(env, "GITHUB_SHA"))
                        .with("pipeline", run)
                        .with("job", var(env, "GITHUB_JOB"))
                        .with("attempt", str(positive(var(env, "GITHUB_RUN_ATTEMPT"))))
                        .with("runUrl", server != null && repo != null && run != null
                                ? server + "/" + repo + "/actions/runs/" + run : null);
            });

    /** GitLab CI/CD: predefined variables of a job. */
    public static final CiSystem GITLAB_CI = system("GitLab CI",
            env -> "true".equalsIgnoreCase(var(env, "GITLAB_CI")),
            env -> RunMetadata.EMPTY
                    .with("repository", var(env, "CI_PROJECT_PATH"))
                    .with("branch", first(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME"))
                    .with("commit", var(env, "CI_COMMIT_SHA"))
                    .with("pipeline", var(env, "CI_PIPELINE_ID"))
                    .with("job", var(env, "CI_JOB_NAME"))
                    .with("runUrl", var(env, "CI_JOB_URL")));

    /**
     * Jenkins: the variables of every build, and those of the Git plugin and of multibranch pipelines. A rebuild is a
     * new build number, so the build tag (job name and number) is the pipeline and there is no attempt.
     */
    public static final CiSystem JENKINS = system("Jenkins",
            env -> var(env, "JENKINS_URL") != null && var(env, "BUILD_NUMBER") != null,
            env -> RunMetadata.EMPTY
                    .with("repository", var(env, "GIT_URL"))
                    .with("branch", stripRemote(first(env, "CHANGE_BRANCH", "BRANCH_NAME", "GIT_BRANCH")))
                    .with("commit", var(env, "GIT_COMMIT"))
                    .with("pipeline", first(env, "BUILD_TAG"))
                    .with("job", first(env, "STAGE_NAME", "JOB_BASE_NAME", "JOB_NAME"))
                    .with("runUrl", var(env, "BUILD_URL")));

    /** Buildkite: the agent's job variables; BUILDKITE_RETRY_COUNT is 0 on a job's first run. */
    public static final CiSystem BUILDKITE = system("Buildkite",
            env -> "true".equalsIgnoreCase(var(env, "BUILDKITE")),
            env -> {
                String url = var(env, "BUILDKITE_BUILD_URL");
                String jobId = var(env, "BUILDKITE_JOB_ID");
                return RunMetadata.EMPTY
                        .with("repository", var(env, "BUILDKITE_REPO"))
                        .with("branch", var(env, "BUILDKITE_BRANCH"))
                        .with("commit", var(env, "BUILDKITE_COMMIT"))
                        .with("pipeline", first(env, "BUILDKITE_BUILD_ID", "BUILDKITE_BUILD_NUMBER"))
                        .with("job", first(env, "BUILDKITE_STEP_KEY", "BUILDKITE_LABEL"))
                        .with("attempt", str(retryCountPlusOne(var(env, "BUILDKITE_RETRY_COUNT"))))
                        .with("runUrl", url != null && jobId != null ? url + "#" + jobId : url);
            });

    /** CircleCI: the built-in variables of a job; a re-run is a new workflow, so there is no attempt. */
    public static final CiSystem CIRCLECI = system("CircleCI",
            env -> "true".equalsIgnoreCase(var(env, "CIRCLECI")),
            env -> {
                String user = var(env, "CIRCLE_PROJECT_USERNAME");
                String repo = var(env, "CIRCLE_PROJECT_REPONAME");
                return RunMetadata.EMPTY
                        .with("repository", user != null && repo != null ? user + "/" + repo : var(env, "CIRCLE_REPOSITORY_URL"))
                        .with("branch", var(env, "CIRCLE_BRANCH"))
                        .with("commit", var(env, "CIRCLE_SHA1"))
                        .with("pipeline", first(env, "CIRCLE_WORKFLOW_ID", "CIRCLE_BUILD_NUM"))
                        .with("job", var(env, "CIRCLE_JOB"))
                        .with("runUrl", var(env, "CIRCLE_BUILD_URL"));
            });

    /**
     * Azure Pipelines: predefined variables as a script sees them (upper case, dots as underscores). TF_BUILD is
     * {@code True} in every job.
     */
    public static final CiSystem AZURE_PIPELINES = system("Azure Pipelines",
            env -> "true".equalsIgnoreCase(var(env, "TF_BUILD")),
            env -> {
                String collection = var(env, "SYSTEM_COLLECTIONURI");
                String project = var(env, "SYSTEM_TEAMPROJECT");
                String build = var(env, "BUILD_BUILDID");
                String base = collection == null ? null : collection.endsWith("/") ? collection : collection + "/";
                return RunMetadata.EMPTY
                        .with("repository", var(env, "BUILD_REPOSITORY_NAME"))
                        .with("branch", branchOf(first(env, "SYSTEM_PULLREQUEST_SOURCEBRANCH", "BUILD_SOURCEBRANCH")))
                        .with("commit", var(env, "BUILD_SOURCEVERSION"))
                        .with("pipeline", build)
                        .with("job", first(env, "SYSTEM_JOBDISPLAYNAME", "AGENT_JOBNAME"))
                        .with("attempt", str(positive(var(env, "SYSTEM_JOBATTEMPT"))))
                        .with("runUrl", base != null && project != null && build != null
                                ? base + encodePath(project) + "/_build/results?buildId=" + build : null);
            });

    /** Every system, in the order they are tried. */
    public static final List<CiSystem> ALL = List.of(GITHUB_ACTIONS, GITLAB_CI, JENKINS, BUILDKITE, CIRCLECI,
            AZURE_PIPELINES);

    private CiSystems() {
    }

    /** The CI system the environment belongs to, if any. */
    public static Optional<CiSystem> detect(Map<String, String> env) {
        return ALL.stream().filter(s -> s.detects(env)).findFirst();
    }

    /** Jenkins' Git plugin names the branch as the remote has it: {@code origin/main}. */
    private static String stripRemote(String branch) {
        return branch != null && branch.startsWith("origin/") ? branch.substring("origin/".length()) : branch;
    }

    private static String encodePath(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String str(Integer n) {
        return n == null ? null : n.toString();
    }

    private static CiSystem system(String name, java.util.function.Predicate<Map<String, String>> detects,
                                   java.util.function.Function<Map<String, String>, RunMetadata> metadata) {
        return new CiSystem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean detects(Map<String, String> env) {
                return detects.test(env);
            }

            @Override
            public RunMetadata metadata(Map<String, String> env) {
                return metadata.apply(env);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
