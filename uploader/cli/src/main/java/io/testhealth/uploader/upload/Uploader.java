package io.testhealth.uploader.upload;

import io.testhealth.uploader.ci.CiSystem;
import io.testhealth.uploader.ci.CiSystems;
import io.testhealth.uploader.files.ReportBundle;
import io.testhealth.uploader.files.ReportFinder;
import io.testhealth.uploader.http.CollectorClient;
import io.testhealth.uploader.http.Json;
import io.testhealth.uploader.http.RetryPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One upload from a CI job, the use case the command line and the Maven plugin share: detect the CI system, fill
 * the run's metadata, find and pack the reports, send them under one upload id, and say what the collector
 * understood and what changed in the component's report.
 *
 * <p>By default nothing here fails the build: a collector that is down, refuses the upload or finds no reports is a
 * warning, because test results must not be lost to a monitoring outage. {@link Options#strict()} makes each of them
 * a failure.
 */
public final class Uploader {

    /** Bodies from this size on get progress lines. */
    static final long PROGRESS_FROM = 1024 * 1024;

    /**
     * What to upload and where.
     *
     * @param collector  the collector's address
     * @param token      a write token, or {@code null}
     * @param baseDir    the folder the patterns are relative to
     * @param patterns   globs and folders of reports
     * @param overrides  what the user states about the run; wins over the CI system's environment
     * @param uploadId   the idempotency key, or {@code null} to derive it from the content and metadata
     * @param strict     whether a failed upload (collector down, refused, no reports) fails the build
     * @param dryRun     print the metadata and files, send nothing
     * @param retry      when to send again
     * @param timeout    how long one sending may take
     * @param pageUrl    the component's page, with {@code {namespace}} and {@code {name}} filled in; {@code null} for
     *                   the collector's scorecard
     */
    public record Options(URI collector, String token, Path baseDir, List<String> patterns, RunMetadata overrides,
                          String uploadId, boolean strict, boolean dryRun, RetryPolicy retry, Duration timeout,
                          String pageUrl) {
    }

    /** How an upload ended. */
    public enum Status {
        /** Stored and counted ({@code 201}). */
        UPLOADED,
        /** Stored before under the same upload id: counted once ({@code 200}). */
        DUPLICATE,
        /** Nothing sent: {@code --dry-run}. */
        DRY_RUN,
        /** No file matched the patterns. */
        NO_REPORTS,
        /** The collector refused the upload ({@code 4xx}). */
        REFUSED,
        /** No answer, or only {@code 5xx}, after every sending. */
        UNAVAILABLE
    }

    /**
     * What an upload did.
     *
     * @param status    how it ended
     * @param failsBuild whether the build should fail (only with {@code strict})
     * @param answer    the collector's answer, parsed, when there was one
     * @param metadata  the run's metadata as sent
     * @param uploadId  the idempotency key sent
     */
    public record Outcome(Status status, boolean failsBuild, Object answer, RunMetadata metadata, String uploadId) {
    }

    private Uploader() {
    }

    /** Runs one upload; usage errors (no component, a bad value) are {@link IllegalArgumentException}s. */
    public static Outcome upload(Options o, Map<String, String> env, Console console) {
        Optional<CiSystem> ci = CiSystems.detect(env);
        RunMetadata detected = ci.map(s -> s.metadata(env)).orElse(RunMetadata.EMPTY);
        RunMetadata metadata = detected.overriddenBy(o.overrides());
        if (metadata.component() == null) {
            String fromRepo = componentFromRepository(metadata.repository());
            if (fromRepo == null) {
                throw new IllegalArgumentException("no component: give --component (or TESTHEALTH_COMPONENT), the"
                        + " name the collector files these tests under");
            }
            metadata = metadata.with("component", fromRepo);
            console.info("component: " + fromRepo + " (the repository's name; --component chooses another)");
        }
        console.info("CI system: " + ci.map(CiSystem::name).orElse("none detected (metadata from flags only)"));

        List<Path> files = ReportFinder.find(o.baseDir(), o.patterns());
        if (files.isEmpty()) {
            String msg = "no report files match " + o.patterns() + " under " + o.baseDir().toAbsolutePath().normalize();
            return finish(console, o, Status.NO_REPORTS, msg, null, metadata, null);
        }
        Path tmp;
        try {
            tmp = Files.createTempFile("test-health-upload-", ".tar.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ReportBundle bundle = ReportBundle.pack(o.baseDir(), files, tmp);
            String uploadId = o.uploadId() != null ? o.uploadId() : derivedUploadId(metadata, bundle);
            Map<String, String> query = new LinkedHashMap<>(metadata.queryParameters());
            query.put("uploadId", uploadId);
            if (o.dryRun()) {
                dryRun(console, o, query, files, bundle);
                return new Outcome(Status.DRY_RUN, false, null, metadata, uploadId);
            }
            console.info("uploading " + files.size() + " file(s), " + size(bundle.uncompressed()) + " ("
                    + size(bundle.size()) + " gzipped) to " + o.collector() + " as upload " + uploadId);
            CollectorClient client = new CollectorClient(o.collector(), o.token(), o.retry(), o.timeout());
            Progress progress = new Progress(console, bundle.size());
            CollectorClient.Answer answer;
            try {
                answer = client.upload(query, bundle.body(), bundle.size(), progress::sent,
                        n -> console.info("sending again (" + n + " of " + o.retry().attempts() + "), same upload id: counted once"));
            } catch (CollectorClient.Unavailable e) {
                return finish(console, o, Status.UNAVAILABLE, "the collector at " + o.collector() + " did not take the upload after "
                        + e.sendings() + " sending(s): " + e.getMessage(), null, metadata, uploadId);
            }
            Object body = parseOrNull(answer.body());
            if (answer.status() == 201 || answer.status() == 200) {
                UploadReport.print(console, body, pageUrl(o, metadata.component()));
                return new Outcome(answer.status() == 200 ? Status.DUPLICATE : Status.UPLOADED, false, body, metadata, uploadId);
            }
            if (answer.status() >= 500) {
                return finish(console, o, Status.UNAVAILABLE, "the collector answered " + answer.status() + " after "
                        + answer.sendings() + " sending(s): " + answer.body(), body, metadata, uploadId);
            }
            return finish(console, o, Status.REFUSED, "the collector refused the upload (" + answer.status() + "): "
                    + refusal(body, answer.body()), body, metadata, uploadId);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file the system cleans up anyway
            }
        }
    }

    private static Outcome finish(Console console, Options o, Status status, String message, Object answer,
                                  RunMetadata metadata, String uploadId) {
        console.warn(message);
        if (o.strict()) {
            console.warn("--strict: this fails the build");
        } else {
            console.warn("the build goes on (--strict would fail it)");
        }
        return new Outcome(status, o.strict(), answer, metadata, uploadId);
    }

    private static void dryRun(Console console, Options o, Map<String, String> query, List<Path> files, ReportBundle bundle) {
        console.info("dry run: nothing is sent");
        console.info("would POST " + o.collector() + (o.collector().toString().endsWith("/") ? "" : "/") + "api/v1/uploads with:");
        query.forEach((k, v) -> console.info("  " + k + " = " + v));
        console.info(files.size() + " file(s), " + size(bundle.uncompressed()) + " (" + size(bundle.size()) + " gzipped):");
        Path base = o.baseDir().toAbsolutePath().normalize();
        files.stream().limit(50).forEach(f -> console.info("  " + base.relativize(f.toAbsolutePath().normalize())));
        if (files.size() > 50) {
            console.info("  ... and " + (files.size() - 50) + " more");
        }
    }

    /**
     * The idempotency key when none is given: a hash of what is sent, so that every sending of this invocation, and
     * a re-run of the same CI step with the same reports, is recognised as one upload.
     */
    static String derivedUploadId(RunMetadata metadata, ReportBundle bundle) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            metadata.queryParameters().forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            sha.update(bundle.sha256().getBytes(StandardCharsets.US_ASCII));
            return "upl-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code payments} from {@code acme/payments}, {@code https://git.example.com/acme/payments.git}. */
    static String componentFromRepository(String repository) {
        if (repository == null) {
            return null;
        }
        String r = repository.strip();
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.endsWith(".git")) {
            r = r.substring(0, r.length() - 4);
        }
        int slash = Math.max(r.lastIndexOf('/'), r.lastIndexOf(':'));
        String name = r.substring(slash + 1);
        return name.isBlank() ? null : name;
    }

    /** The component's page: the template filled in, or the collector's scorecard of the component. */
    static String pageUrl(Options o, String component) {
        String namespace = "default";
        String name = component;
        int colon = component.indexOf(':');
        String rest = colon >= 0 ? component.substring(colon + 1) : component;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            name = rest.substring(slash + 1);
        } else {
            name = rest;
        }
        if (o.pageUrl() != null && !o.pageUrl().isBlank()) {
            return o.pageUrl().replace("{namespace}", namespace).replace("{name}", name);
        }
        String base = o.collector().toString();
        return (base.endsWith("/") ? base : base + "/") + "api/v1/components/" + name + "/scorecard"
                + ("default".equals(namespace) ? "" : "?namespace=" + namespace);
    }

    private static String refusal(Object body, String raw) {
        Object error = Json.at(body, "error");
        Object message = Json.at(body, "message");
        if (error != null || message != null) {
            return error + (message == null ? "" : ": " + message);
        }
        return raw == null ? "" : raw.strip();
    }

    private static Object parseOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.parse(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** Progress lines of a large body: one per tenth sent, for each sending. */
    private static final class Progress {
        private final Console console;
        private final long total;
        private int lastTenth = 0;
        private long lastBytes = 0;

        Progress(Console console, long total) {
            this.console = console;
            this.total = total;
        }

        synchronized void sent(long bytes) {
            if (total < PROGRESS_FROM) {
                return;
            }
            int tenth = (int) (bytes * 10 / total);
            if (bytes < lastBytes) {
                lastTenth = 0; // a new sending started over
            }
            lastBytes = bytes;
            if (tenth > lastTenth) {
                lastTenth = tenth;
                console.info("  sent " + tenth * 10 + "% (" + size(bytes) + " of " + size(total) + ")");
            }
        }
    }
}
