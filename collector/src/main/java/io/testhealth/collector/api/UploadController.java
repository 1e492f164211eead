package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.server.multipart.MultipartBody;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.telemetry.SelfTelemetry;
import io.testhealth.collector.metrics.TestHealthMetrics;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ReportChange;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.UploadReceipt;

import jakarta.inject.Named;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /api/v1/uploads}: where CI jobs send their test reports.
 *
 * <p>The body is a JUnit XML file, an Allure result, a zip or tar.gz of a report folder, or a multipart form with
 * several such files; the run it belongs to is described by query parameters. The body is spooled to disk before
 * anything is parsed, so a slow client never holds a database transaction open, nor a thread
 * ({@link UploadReceiver}); each client has a few uploads in progress at most ({@link UploadSlots}) and starts so
 * many a minute ({@link UploadRate}). Once the
 * upload is committed, the component's and team's reports are brought up to date before the answer, which says
 * what changed.
 */
@Controller("/api/v1")
@SecurityScheme(name = WriteErrorDocs.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = WriteErrorDocs.SCHEME_DESCRIPTION)
public final class UploadController {

    private static final String FILENAME = "The name of a raw body's file when no `Content-Disposition` names it (a"
            + " path under `failsafe-reports/` marks integration tests); a form's parts name their own files.";

    private final IngestService ingest;
    private final UploadReceiver receiver;
    private final UploadSlots slots;
    private final UploadRate rate;
    private final ExecutorService uploads;
    private final TestHealthMetrics metrics;
    private final ScorecardService reports;
    private final SelfTelemetry telemetry;

    public UploadController(IngestService ingest, UploadReceiver receiver, UploadSlots slots, UploadRate rate,
                            @Named(ApiExecutors.UPLOADS) ExecutorService uploads, TestHealthMetrics metrics,
                            ScorecardService reports, SelfTelemetry telemetry) {
        this.telemetry = telemetry;
        this.ingest = ingest;
        this.receiver = receiver;
        this.slots = slots;
        this.rate = rate;
        this.uploads = uploads;
        this.metrics = metrics;
        this.reports = reports;
    }

    /**
     * An upload whose body is the report itself (or an archive of reports). Not run on an executor: the body is
     * spooled as it arrives ({@link UploadReceiver}) and only the finished body is handed to the uploads executor,
     * so a slow client holds no thread.
     */
    @UploadDocs
    @WriteTokenDocs
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/uploads", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @RequestBody(description = "A JUnit XML file, an Allure result, or a zip or tar.gz of a report folder, as is;"
            + " or a form of such files",
            content = @Content(mediaType = MediaType.ALL, schema = @Schema(type = "string", format = "binary")))
    public CompletableFuture<HttpResponse<UploadResponse>> upload(@RequestBean UploadQuery query,
                                                                  @Parameter(description = FILENAME) @Nullable @QueryValue String filename,
                                                                  HttpRequest<?> request) {
        UploadMetadata metadata = query.metadata();
        checkEncoding(request, false);
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalStateException("the upload endpoint runs only in the HTTP server");
        }
        UploadSlots.Slot slot = admit(request);
        // No body at all arrives as an empty one, refused as every empty upload is (malformed-report, counted),
        // with a message saying what to send.
        return answered(slot, receiver.body(fileName(filename, request), server.byteBody().toByteArrayPublisher())
                .thenApplyAsync(part -> ingest(metadata, List.of(part), query), uploads));
    }

    /** An upload of several files as {@code multipart/form-data}; every file part is read, other fields ignored. */
    @UploadDocs
    @WriteTokenDocs
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<UploadResponse>> uploadForm(@RequestBean UploadQuery query,
                                                                      HttpRequest<?> request, @Body MultipartBody body) {
        UploadMetadata metadata = query.metadata();
        checkEncoding(request, true);
        UploadSlots.Slot slot = admit(request);
        return answered(slot, receiver.form(body).thenApplyAsync(parts -> ingest(metadata, parts, query), uploads));
    }

    private HttpResponse<UploadResponse> ingest(UploadMetadata metadata, List<UploadPart> parts, UploadQuery query) {
        try {
            return telemetry.inSpan("testhealth.ingest.upload", span -> {
                span.setAttribute("testhealth.component", metadata.component().toString());
                span.setAttribute("testhealth.files", parts.size());
                Optional<HealthReport> before = reports.component(metadata.component().toString());
                UploadReceipt receipt = ingest.ingest(metadata, parts, query.forcedFormat());
                span.setAttribute("testhealth.tests", receipt.counts().tests());
                span.setAttribute("testhealth.duplicate", receipt.duplicate());
                return respond(receipt, before);
            });
        } finally {
            parts.forEach(UploadPart::delete);
        }
    }

    /**
     * Lets the client's upload in, within both of its limits: a slot of those it may have in progress, then one of its
     * uploads of the minute. Counted last, so that an upload refused for want of a slot does not use up the minute.
     */
    private UploadSlots.Slot admit(HttpRequest<?> request) {
        UploadSlots.Slot slot = slots.take(request);
        try {
            rate.take(request);
            return slot;
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    /**
     * Frees the client's slot once the upload is answered, and unwraps the failure so that the error handlers see
     * the refusal itself ({@code IngestException}, a store failure) rather than the future's wrapper.
     */
    private static CompletableFuture<HttpResponse<UploadResponse>> answered(UploadSlots.Slot slot,
                                                                            CompletableFuture<HttpResponse<UploadResponse>> answer) {
        CompletableFuture<HttpResponse<UploadResponse>> out = new CompletableFuture<>();
        answer.whenComplete((response, failure) -> {
            slot.close();
            if (failure == null) {
                out.complete(response);
            } else {
                out.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
        return out;
    }

    /**
     * The answer once the upload is committed: a new upload first brings the reports up to date (read your writes:
     * a read after the 201 sees the upload), a repeat changed nothing.
     *
     * @param before the component's report as the upload found it, read before the commit
     */
    private HttpResponse<UploadResponse> respond(UploadReceipt receipt, Optional<HealthReport> before) {
        if (receipt.duplicate()) {
            metrics.duplicate();
            return HttpResponse.status(HttpStatus.OK).body(UploadResponse.of(receipt, null));
        }
        ReportChange change = reports.afterUpload(receipt.component(), before).orElse(null);
        return HttpResponse.status(HttpStatus.CREATED).body(UploadResponse.of(receipt, change));
    }

    /**
     * Refuses a {@code Content-Encoding} the upload cannot open. Bodies arrive as sent (request decompression is off,
     * see application.yml) so that gzip is opened by the expansion budget; a form's parts are read by the form decoder,
     * which cannot see through any encoding.
     */
    private static void checkEncoding(HttpRequest<?> request, boolean form) {
        String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            return;
        }
        boolean gzip = encoding.strip().equalsIgnoreCase("gzip") || encoding.strip().equalsIgnoreCase("x-gzip");
        if (form || !gzip) {
            throw new IngestException(Reason.UNSUPPORTED_FORMAT, "Content-Encoding: " + encoding.strip() + " is not read"
                    + (form ? " on a form: compress the files instead (a zip or tar.gz part)" : ": send the body as is or gzip-encoded"));
        }
    }

    /** The name of the uploaded file: {@code filename} parameter, else Content-Disposition, else {@code upload}. */
    private static String fileName(@Nullable String filename, HttpRequest<?> request) {
        if (filename != null && !filename.isBlank()) {
            return filename.strip();
        }
        String disposition = request.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION);
        if (disposition != null) {
            int i = disposition.indexOf("filename=");
            if (i >= 0) {
                return disposition.substring(i + 9).replace("\"", "").strip();
            }
        }
        return "upload";
    }
}
