package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.ingest.UploadSpool;
import io.testhealth.collector.metrics.TestHealthMetrics;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ReportChange;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.UploadReceipt;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code POST /api/v1/uploads}: where CI jobs send their test reports.
 *
 * <p>The body is a JUnit XML file, an Allure result, a zip or tar.gz of a report folder, or a multipart form with
 * several such files; the run it belongs to is described by query parameters. The body is spooled to disk before
 * anything is parsed, so a slow client never holds a database transaction open. Once the upload is committed, the
 * component's and team's reports are brought up to date before the answer, which says what changed.
 */
@Controller("/api/v1")
@SecurityScheme(name = WriteErrorDocs.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = WriteErrorDocs.SCHEME_DESCRIPTION)
public final class UploadController {

    private static final String FILENAME = "The name of a raw body's file when no `Content-Disposition` names it (a"
            + " path under `failsafe-reports/` marks integration tests); a form's parts name their own files.";

    private final IngestService ingest;
    private final UploadSpool spool;
    private final TestHealthMetrics metrics;
    private final ScorecardService reports;

    public UploadController(IngestService ingest, UploadSpool spool, TestHealthMetrics metrics, ScorecardService reports) {
        this.ingest = ingest;
        this.spool = spool;
        this.metrics = metrics;
        this.reports = reports;
    }

    /** An upload whose body is the report itself (or an archive of reports). */
    @UploadDocs
    @WriteTokenDocs
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/uploads", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<UploadResponse> upload(@RequestBean UploadQuery query,
                                               @Parameter(description = FILENAME) @Nullable @QueryValue String filename,
                                               HttpRequest<?> request, @Body @Nullable InputStream body) throws IOException {
        UploadMetadata metadata = query.metadata();
        checkEncoding(request, false);
        // No body at all is bound as null rather than refused by the framework, so that it is refused as every
        // empty upload is (malformed-report, counted), with a message saying what to send.
        InputStream content = body == null ? InputStream.nullInputStream() : body;
        UploadPart part = spool.spool(fileName(filename, request), content, ingest.limits().maxUploadBytes(), 0);
        try {
            Optional<HealthReport> before = reports.component(metadata.component().toString());
            return respond(ingest.ingest(metadata, List.of(part), query.forcedFormat()), before);
        } finally {
            part.delete();
        }
    }

    /** An upload of several files as {@code multipart/form-data}; every file part is read, other fields ignored. */
    @UploadDocs
    @WriteTokenDocs
    @TokenGuarded(WriteScope.UPLOADS)
    @Post(uri = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<UploadResponse> uploadForm(@RequestBean UploadQuery query, HttpRequest<?> request,
                                                   @Body MultipartBody body) {
        UploadMetadata metadata = query.metadata();
        checkEncoding(request, true);
        List<UploadPart> parts = spoolParts(body);
        try {
            Optional<HealthReport> before = reports.component(metadata.component().toString());
            return respond(ingest.ingest(metadata, parts, query.forcedFormat()), before);
        } finally {
            parts.forEach(UploadPart::delete);
        }
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

    private List<UploadPart> spoolParts(MultipartBody body) {
        List<UploadPart> parts = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Subscriber<>() {
            private Subscription subscription;
            private long used;
            private long count;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(CompletedPart part) {
                if (part instanceof CompletedFileUpload file) {
                    try (InputStream in = file.getInputStream()) {
                        ingest.limits().countFile(++count, "the form");
                        UploadPart spooled = spool.spool(file.getFilename(), in, ingest.limits().maxUploadBytes(), used);
                        used += spooled.size();
                        parts.add(spooled);
                    } catch (IOException | RuntimeException e) {
                        subscription.cancel();
                        done.completeExceptionally(e);
                        return;
                    }
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            parts.forEach(UploadPart::delete);
            throw new IllegalStateException("interrupted while receiving the upload", e);
        } catch (ExecutionException e) {
            parts.forEach(UploadPart::delete);
            if (e.getCause() instanceof IngestException ie) {
                throw ie;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IngestException(Reason.MALFORMED, "the multipart form could not be read: " + e.getCause().getMessage());
        }
        if (parts.isEmpty()) {
            throw new IngestException(Reason.NO_REPORTS, "the form holds no file part: attach reports as files (curl -F 'report=@TEST-x.xml')");
        }
        return parts;
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
