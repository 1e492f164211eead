package io.testhealth.uploader.maven;

import io.testhealth.uploader.http.CollectorClient;
import io.testhealth.uploader.quarantine.QuarantineFormat;
import io.testhealth.uploader.quarantine.QuarantineList;
import io.testhealth.uploader.quarantine.QuarantinedTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Writes the component's quarantine list to a file, by default in Surefire's {@code -Dtest} form
 * ({@code !Class#method,...}), for a CI step to pass on: {@code mvn test -Dtest="$(cat target/test-health/quarantine.txt)"}.
 * Without a collector the file is empty (every test runs) unless {@code strict}.
 */
@Mojo(name = "quarantine", threadSafe = true, requiresProject = false)
public class QuarantineMojo extends CollectorParameters {

    /** {@code surefire}, {@code gradle}, {@code pytest} or {@code text}. */
    @Parameter(property = "testhealth.format", defaultValue = "surefire")
    String format;

    /** Where the list goes. */
    @Parameter(property = "testhealth.output", defaultValue = "${project.build.directory}/test-health/quarantine.txt")
    File output;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            return;
        }
        if (component == null || component.isBlank()) {
            throw new MojoExecutionException("test-health:quarantine needs testhealth.component");
        }
        QuarantineFormat f;
        try {
            f = QuarantineFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        String text;
        try {
            List<QuarantinedTest> tests = QuarantineList.fetch(new CollectorClient(collector(), token(), retry(), timeoutDuration()), component);
            text = f.render(tests);
            getLog().info(tests.size() + " quarantined test(s) of " + component + " written to " + output);
        } catch (CollectorClient.Unavailable e) {
            getLog().warn("no quarantine list from " + url + ": " + e.getMessage());
            if (strict) {
                throw new MojoFailureException("no quarantine list from the collector (strict)");
            }
            text = "";
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            Files.writeString(output.toPath(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }
}
