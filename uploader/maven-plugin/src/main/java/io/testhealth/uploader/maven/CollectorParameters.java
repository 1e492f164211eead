package io.testhealth.uploader.maven;

import io.testhealth.uploader.http.RetryPolicy;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.net.URI;
import java.time.Duration;

/** What both goals need: the collector, the component, and how patiently to talk to it. */
abstract class CollectorParameters extends AbstractMojo {

    /**
     * The collector's address; required, but checked when the goal runs rather than by Maven, so that
     * {@code testhealth.skip} works without it.
     */
    @Parameter(property = "testhealth.url")
    String url;

    /** A write token, needed only by a locked-down collector; better given as the TESTHEALTH_UPLOAD_TOKEN variable. */
    @Parameter(property = "testhealth.token")
    String token;

    /** The component the tests belong to; the repository's name when the CI system gives one and this is unset. */
    @Parameter(property = "testhealth.component")
    String component;

    /** Fail the build when the collector cannot be reached or refuses; by default that is a warning. */
    @Parameter(property = "testhealth.strict", defaultValue = "false")
    boolean strict;

    /** How many times a request is sent at most. */
    @Parameter(property = "testhealth.retries", defaultValue = "5")
    int retries;

    /** The first wait between sendings, in seconds (doubled each time, up to 15). */
    @Parameter(property = "testhealth.retryDelay", defaultValue = "2")
    double retryDelay;

    /** How long one sending may take, in seconds. */
    @Parameter(property = "testhealth.timeout", defaultValue = "300")
    int timeout;

    /** Skip the goal. */
    @Parameter(property = "testhealth.skip", defaultValue = "false")
    boolean skip;

    URI collector() throws MojoExecutionException {
        if (url == null || url.isBlank()) {
            throw new MojoExecutionException("no collector: set testhealth.url (-Dtesthealth.url=https://...) or <url>");
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("testhealth.url is not an http(s) address: " + url);
        }
    }

    String token() {
        return token != null ? token : System.getenv("TESTHEALTH_UPLOAD_TOKEN");
    }

    RetryPolicy retry() {
        Duration first = Duration.ofMillis((long) (retryDelay * 1000));
        return new RetryPolicy(retries, first, first.compareTo(Duration.ofSeconds(15)) > 0 ? first : Duration.ofSeconds(15));
    }

    Duration timeoutDuration() {
        return Duration.ofSeconds(timeout);
    }
}
