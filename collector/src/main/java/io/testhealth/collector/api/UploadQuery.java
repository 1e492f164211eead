package io.testhealth.collector.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.PlausibleTime;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.UploadMetadata;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The query parameters of {@code POST /api/v1/uploads}: which component, which code and which CI run the reports
 * belong to, and how to read them.
 *
 * <p>Bound as a {@code @RequestBean} so that the OpenAPI document lists exactly the parameters read here, each with
 * its type and description; micronaut-openapi cannot see parameters a controller reads from the request by hand.
 * Every field is bound as text, whatever its documented type, and checked by {@link #metadata()} and
 * {@link #forcedFormat()}: a bad value is then refused with the upload's own error body naming it, not with the
 * framework's conversion error.
 */
@Introspected
record UploadQuery(
        // Nullable so that metadata() refuses a missing component with the upload's own 400; @JsonProperty(required)
        // is how micronaut-openapi learns that it is required all the same (nothing serialises this record).
        @Parameter(example = "payments", description = "The component whose tests these are: a name (namespace"
                + " `default`) or a Backstage reference such as `component:default/payments`.")
        @JsonProperty(required = true) @Nullable @QueryValue String component,
        @Parameter(description = "The owning team (a Backstage group), when the catalog's ownership should not decide.")
        @Nullable @QueryValue String team,
        @Parameter(description = "The source repository the tests ran from.")
        @Nullable @QueryValue String repository,
        @Parameter(description = "The branch the tests ran on.")
        @Nullable @QueryValue String branch,
        @Parameter(description = "The commit SHA (or tree hash) the tests ran on.")
        @Nullable @QueryValue String commit,
        @Parameter(description = "The CI run id. Uploads with the same component, pipeline, job, attempt and"
                + " environment are one job run; without a pipeline each upload is a run of its own.")
        @Nullable @QueryValue String pipeline,
        @Parameter(description = "The CI job's name; part of the job run's key.")
        @Nullable @QueryValue String job,
        @Parameter(description = "The CI re-run number, 1 for the first run; part of the job run's key.")
        @Schema(type = "integer", format = "int32", minimum = "1", defaultValue = "1")
        @Nullable @QueryValue String attempt,
        @Parameter(description = "The matrix key (JDK, OS...); part of the job run's key.")
        @Nullable @QueryValue String environment,
        @Parameter(description = "The layer of every test in the upload; without it each test's layer is inferred.")
        @Schema(allowableValues = {"unit", "integration", "e2e"})
        @Nullable @QueryValue String layer,
        @Parameter(description = "A link to the CI run: an absolute http or https URL of at most 2,000 characters;"
                + " anything else is refused with 400 `invalid-request`.")
        @Nullable @QueryValue String runUrl,
        @Parameter(description = "When the job started; the time of receipt when absent. Refused (400) before 2000"
                + " or more than a day after the collector's clock.")
        @Schema(type = "string", format = "date-time")
        @Nullable @QueryValue String startedAt,
        @Parameter(description = "When the job finished, not before `startedAt` and at most 7 days after it (same"
                + " bounds as `startedAt`); with it, the job's wall time, which the PR-feedback and E2E-duration checks need.")
        @Schema(type = "string", format = "date-time")
        @Nullable @QueryValue String finishedAt,
        @Parameter(description = "The idempotency key, unique within the component (two components may send the"
                + " same CI build number). The same key again with the same files and parameters is a repeat, answered"
                + " 200 with `duplicate: true` and not counted again; with other files or parameters it is refused"
                + " with 409 `upload-id-conflict`. Derived from the content and the other parameters when absent, so a"
                + " resent upload is recognised without it.")
        @Schema(maxLength = UploadQuery.MAX_UPLOAD_ID)
        @Nullable @QueryValue String uploadId,
        @Parameter(description = "Forces the report format; detected from the content when absent. Another value is"
                + " refused with 415 `unsupported-format`.")
        @Schema(allowableValues = {"junit", "allure"})
        @Nullable @QueryValue String format) {

    private static final int MAX_UPLOAD_ID = 200;
    private static final int MAX_RUN_URL = 2_000;

    /** The run and component the upload describes; a parameter that cannot be used is a 400 that names it. */
    UploadMetadata metadata() {
        ComponentRef ref;
        try {
            ref = ComponentRef.parse(component);
        } catch (IllegalArgumentException e) {
            throw new IngestException(Reason.INVALID_REQUEST, e.getMessage());
        }
        int attemptNumber = attemptNumber();
        Layer declared = null;
        if (layer != null && !layer.isBlank()) {
            declared = Layer.parse(layer).orElseThrow(() -> new IngestException(Reason.INVALID_REQUEST,
                    "layer must be unit, integration or e2e, got '" + layer + "'"));
        }
        // The receipt's clock: run times are judged against when the upload arrives, not a configurable clock.
        Instant now = Instant.now();
        Instant started = instant("startedAt", startedAt, now);
        Instant finished = instant("finishedAt", finishedAt, now);
        if (started != null && finished != null && finished.isBefore(started)) {
            throw new IngestException(Reason.INVALID_REQUEST, "finishedAt (" + finished + ") is before startedAt (" + started + ")");
        }
        if (started != null && finished != null && Duration.between(started, finished).compareTo(PlausibleTime.MAX_JOB) > 0) {
            throw new IngestException(Reason.INVALID_REQUEST, "finishedAt (" + finished + ") is more than "
                    + PlausibleTime.MAX_JOB.toDays() + " days after startedAt (" + started + "): no job run takes that long");
        }
        if (uploadId != null && uploadId.length() > MAX_UPLOAD_ID) {
            throw new IngestException(Reason.INVALID_REQUEST, "uploadId is longer than " + MAX_UPLOAD_ID + " characters");
        }
        return new UploadMetadata(ref, team, repository, branch, commit, pipeline, job, attemptNumber, environment,
                declared, checkedRunUrl(), started, finished, uploadId);
    }

    /** The format the client forces, if any; one the collector does not read is a 415. */
    Optional<ReportFormat> forcedFormat() {
        if (format == null || format.isBlank()) {
            return Optional.empty();
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "junit", "junit-xml", "xml" -> Optional.of(ReportFormat.JUNIT);
            case "allure", "allure2" -> Optional.of(ReportFormat.ALLURE);
            default -> throw new IngestException(Reason.UNSUPPORTED_FORMAT, "format=" + format + " is not read: use"
                    + " format=junit or format=allure, or leave it out to detect the format");
        };
    }

    private int attemptNumber() {
        if (attempt == null || attempt.isBlank()) {
            return 1;
        }
        int n;
        try {
            n = Integer.parseInt(attempt.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IngestException(Reason.INVALID_REQUEST, "attempt must be a whole number from 1 (the CI re-run number), got '" + attempt + "'");
        }
        return n;
    }

    /**
     * The run's link, kept only as an absolute http or https URL: anything else ({@code javascript:}, {@code data:},
     * {@code file:}) would be served to dashboards as a link to follow.
     */
    private String checkedRunUrl() {
        if (runUrl == null || runUrl.isBlank()) {
            return null;
        }
        String url = runUrl.strip();
        URI uri;
        try {
            uri = url.length() > MAX_RUN_URL ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IngestException(Reason.INVALID_REQUEST, "runUrl must be an absolute http or https link to the CI run"
                    + " of at most " + MAX_RUN_URL + " characters, got '" + shortened(url) + "'");
        }
        return url;
    }

    private static Instant instant(String name, @Nullable String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IngestException(Reason.INVALID_REQUEST, name + " must be an ISO-8601 instant like 2026-11-26T10:15:30Z, got '"
                    + shortened(text) + "'");
        }
        String problem = PlausibleTime.runTimeProblem(t, now);
        if (problem != null) {
            throw new IngestException(Reason.INVALID_REQUEST, name + " (" + t + ") " + problem);
        }
        return t;
    }

    /** A refused value as the error message quotes it: enough to recognise, never the whole of a huge one. */
    private static String shortened(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
