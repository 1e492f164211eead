package io.testhealth.uploader.maven;

import io.testhealth.uploader.upload.RunMetadata;
import io.testhealth.uploader.upload.Uploader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * Uploads the build's test reports to the collector: {@code mvn test-health:upload}, or bound to {@code verify}
 * (its default phase) so that it runs after Surefire and Failsafe. The same upload as the command-line uploader:
 * the CI system's metadata from the environment, one upload id for every retry, the collector's answer in the log.
 *
 * <p>A failing test fails the build in {@code test} before {@code verify}; run the build with
 * {@code -Dmaven.test.failure.ignore=true}, or call the goal in a step of its own that runs always, to upload the
 * reports of a red build too.
 */
@Mojo(name = "upload", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, aggregator = false)
public class UploadMojo extends CollectorParameters {

    /** The folder the patterns are relative to: by default the module's. */
    @Parameter(defaultValue = "${project.basedir}", readonly = false)
    File baseDir;

    /** Globs of report files, or report folders; by default Surefire's and Failsafe's. */
    @Parameter
    List<String> patterns;

    /** Print the metadata and the files, send nothing. */
    @Parameter(property = "testhealth.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Each overrides what the CI system's environment says. */
    @Parameter(property = "testhealth.team")
    String team;
    @Parameter(property = "testhealth.repository")
    String repository;
    @Parameter(property = "testhealth.branch")
    String branch;
    @Parameter(property = "testhealth.commit")
    String commit;
    @Parameter(property = "testhealth.pipeline")
    String pipeline;
    @Parameter(property = "testhealth.job")
    String job;
    @Parameter(property = "testhealth.attempt")
    String attempt;
    @Parameter(property = "testhealth.environment")
    String environment;
    @Parameter(property = "testhealth.layer")
    String layer;
    @Parameter(property = "testhealth.runUrl")
    String runUrl;

    /** The idempotency key; by default a hash of the reports and the metadata. */
    @Parameter(property = "testhealth.uploadId")
    String uploadId;

    /** The component's page, with {namespace} and {name}; by default the collector's scorecard of it. */
    @Parameter(property = "testhealth.pageUrl")
    String pageUrl;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("test-health:upload skipped");
            return;
        }
        RunMetadata overrides = RunMetadata.EMPTY.with("component", component).with("team", team)
                .with("repository", repository).with("branch", branch).with("commit", commit)
                .with("pipeline", pipeline).with("job", job).with("environment", environment).with("layer", layer)
                .with("runUrl", runUrl);
        try {
            overrides = overrides.with("attempt", attempt);
            Uploader.Options o = new Uploader.Options(collector(), token(), baseDir.toPath(),
                    patterns == null || patterns.isEmpty()
                            ? List.of("target/surefire-reports/*.xml", "target/failsafe-reports/*.xml") : patterns,
                    overrides, uploadId, strict, dryRun, retry(), timeoutDuration(), pageUrl);
            Uploader.Outcome outcome = Uploader.upload(o, System.getenv(), new MavenConsole(getLog()));
            if (outcome.failsBuild()) {
                throw new MojoFailureException("the test reports did not reach the collector (" + outcome.status() + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
