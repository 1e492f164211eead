package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.testhealth.collector.access.TokenGuarded;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.scorecards.AnalysisRefresher;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.AnalysisRepository.QuarantineEntry;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.IntegrationRepository;
import io.testhealth.collector.store.SpanRepository;
import io.testhealth.collector.retention.RetentionConfiguration;
import io.testhealth.collector.store.TestRunDetail;
import io.testhealth.collector.traces.TestLayerObservation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One test's detail, and quarantine: marking a test as known-flaky so that CI can skip or ignore it while it keeps
 * being measured.
 */
@Controller("/api/v1")
@ExecuteOn(ApiExecutors.READS)
public final class TestController {

    private static final int RECENT_RUNS = 30;
    /** Runs whose spans a request answers by default, and at most: each may hold up to 1,000 spans. */
    private static final int DEFAULT_SPAN_RUNS = 10;
    private static final int MAX_SPAN_RUNS = 50;
    /** Runs whose failures are grouped on the test's page: the whole 28-day window for all but the busiest tests. */
    private static final int GROUPED_RUNS = 500;
    /** A quarantine request that cannot be used. */
    private static final String QUARANTINE_400 = "`invalid-request`: `by` or `reason` is missing, or `expiresAt` is not"
            + " in the future; or the body is missing, is not well-formed JSON (`line` and `column` say where) or has a"
            + " value of the wrong type.";

    private final ScorecardService scorecards;
    private final HistoryQueries queries;
    private final AnalysisRepository repository;
    private final AnalysisRefresher refresher;
    private final IntegrationRepository integrations;
    private final SpanRepository spans;
    private final RetentionConfiguration retention;
    private final Clock clock = Clock.systemUTC();

    public TestController(ScorecardService scorecards, HistoryQueries queries, AnalysisRepository repository,
                          AnalysisRefresher refresher, IntegrationRepository integrations, SpanRepository spans,
                          RetentionConfiguration retention) {
        this.spans = spans;
        this.retention = retention;
        this.scorecards = scorecards;
        this.integrations = integrations;
        this.queries = queries;
        this.repository = repository;
        this.refresher = refresher;
    }

    /**
     * A test with its verdict, its latest runs and their attempts, its failures grouped by fingerprint (from up to
     * {@value #GROUPED_RUNS} latest runs) with the latest stack trace of each, its component's team, its quarantine
     * (or {@code null}) and the history of its quarantine, the layer its spans show over those runs and the
     * integration edges it exercised (or {@code null}: not observed), and whether raw spans of its runs are kept
     * ({@code GET /api/v1/tests/{testId}/spans}).
     */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.TEST_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/tests/{testId}")
    public ReadViews.TestDetail test(@PathVariable String testId) {
        Located t = locate(testId);
        List<TestRunDetail> grouped = queries.testRuns(t.component(), testId, GROUPED_RUNS);
        List<ReadViews.RunView> runs = grouped.stream().limit(RECENT_RUNS).map(ReadViews.RunView::of).toList();
        Instant now = clock.instant();
        ReadViews.QuarantineView quarantine = repository.quarantined(t.component()).stream()
                .filter(e -> e.testId().equals(testId)).findFirst()
                .map(e -> ReadViews.QuarantineView.of(e, now)).orElse(null);
        ReadViews.ObservedView observed = TestLayerObservation.of(grouped,
                        integrations.sightingsOf(t.component(), ComponentRef.parse(t.component()).name()),
                        t.component(), testId)
                .map(ReadViews.ObservedView::of).orElse(null);
        return new ReadViews.TestDetail(t.component(), t.team(), t.window(), t.row(), runs,
                ReadViews.TestFailureGroup.of(grouped, queries.latestFailureTraces(t.component(), testId)), quarantine,
                observed, repository.quarantineHistory(t.component(), testId).stream()
                .map(ReadViews.QuarantineEventView::of).toList(), spans.hasSpans(t.component(), testId));
    }

    /**
     * The raw spans kept of a test's latest runs that came from test spans: each run's test span and the spans below
     * it in its trace (database, HTTP and messaging calls), latest run first, with its job run. Kept
     * {@code testhealth.retention.spans-days} (14) days; an empty list for a test with none kept.
     */
    @Operation(summary = "The spans of a test's latest runs",
            description = "The raw spans kept of the test's latest runs that came from test spans, latest first: the"
                    + " test span first (no parent), then the spans below it with their parent ids, times in"
                    + " milliseconds from the test span's start. Raw spans are kept `testhealth.retention.spans-days`"
                    + " days (`keptDays`); what they implied (observed layer, integration edges) stays with the"
                    + " results. `runs` is empty for a test with no spans kept.")
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.TEST_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/tests/{testId}/spans")
    public SpanViews.TestSpansResponse spans(@PathVariable String testId,
                                             @Parameter(description = "Runs to answer, latest first: 1 to "
                                                     + MAX_SPAN_RUNS + " (default " + DEFAULT_SPAN_RUNS + ").")
                                             @Nullable @QueryValue Integer limit) {
        int runs = limit == null ? DEFAULT_SPAN_RUNS : limit;
        if (runs < 1 || runs > MAX_SPAN_RUNS) {
            throw new BadRequestException("limit must be 1 to " + MAX_SPAN_RUNS + ", got " + runs);
        }
        Located t = locate(testId);
        return new SpanViews.TestSpansResponse(testId, t.component(), retention.spansDays(),
                spans.testSpans(t.component(), testId, runs).stream().map(SpanViews.SpanRunView::of).toList());
    }

    /** Quarantines a test, or changes its quarantine. */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.TEST_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = QUARANTINE_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @WriteTokenDocs
    @TokenGuarded(WriteScope.QUARANTINE)
    @Put("/tests/{testId}/quarantine")
    public ReadViews.QuarantineView quarantine(@PathVariable String testId, @Body ReadViews.QuarantineRequest request) {
        Located t = locate(testId);
        if (request.by() == null || request.by().isBlank() || request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("a quarantine needs 'by' (who) and 'reason' (why); 'ticket' and 'expiresAt' are "
                    + "recommended (the scorecard's quarantine hygiene check asks for both)");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new BadRequestException("expiresAt must be in the future; got " + request.expiresAt());
        }
        QuarantineEntry entry = new QuarantineEntry(t.component(), testId, t.row().suite(), t.row().name(),
                request.by().strip(), request.reason().strip(), request.ticket() == null ? "" : request.ticket().strip(),
                request.expiresAt(), now);
        repository.quarantine(entry);
        current(t.component());
        return ReadViews.QuarantineView.of(entry, now);
    }

    /**
     * Releases a test from quarantine. The 204 is declared by {@code @Status} rather than returned in an
     * {@code HttpResponse} so that the OpenAPI document, which reads the declaration, says 204 too.
     */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.RELEASE_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @WriteTokenDocs
    @TokenGuarded(WriteScope.QUARANTINE)
    @Delete("/tests/{testId}/quarantine")
    @Status(HttpStatus.NO_CONTENT)
    public void release(@PathVariable String testId,
                        @Parameter(description = "Who releases the test, kept in its quarantine history.")
                        @Nullable @QueryValue String by) {
        Located t = locate(testId);
        if (!repository.release(t.component(), testId, by == null ? "" : by.strip(), clock.instant())) {
            throw new NotFoundException(NotFoundException.NOT_FOUND,
                    "test " + testId + " is not quarantined, so there is nothing to release.");
        }
        current(t.component());
    }

    /** Brings the component's report up to date with the quarantine change before answering: a read after it sees it. */
    private void current(String component) {
        refresher.changed(component);
        scorecards.update(component, scorecards.component(component));
    }

    /**
     * A component's quarantined tests, for CI to skip or ignore: JSON, or with {@code format=text} one
     * {@code suite#name} per line (expired quarantines left out).
     */
    @Operation(responses = { // in @Operation, so that the error stays JSON-only: see ReadErrorDocs
            @ApiResponse(responseCode = "200", description = "The quarantined tests: JSON, or text with `format=text`.",
                    content = {
                            @Content(mediaType = "application/json",
                                    array = @ArraySchema(schema = @Schema(implementation = ReadViews.QuarantineView.class))),
                            @Content(mediaType = "text/plain", schema = @Schema(type = "string"))}),
            @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))})
    @Get(value = "/components/{name}/quarantine", produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<?> quarantined(@PathVariable String name, @Nullable @QueryValue String namespace,
                                       @Parameter(description = "`text` for one `suite#name` per line, expired"
                                               + " quarantines left out; JSON otherwise.")
                                       @Nullable @QueryValue String format) {
        String ref = Subjects.component(name, namespace);
        Instant now = clock.instant();
        List<ReadViews.QuarantineView> entries = repository.quarantined(ref).stream()
                .map(e -> ReadViews.QuarantineView.of(e, now)).toList();
        if (format != null && format.toLowerCase(Locale.ROOT).equals("text")) {
            String lines = entries.stream().filter(e -> !e.expired()).map(e -> e.suite() + "#" + e.name())
                    .collect(Collectors.joining("\n", "", entries.isEmpty() ? "" : "\n"));
            return HttpResponse.ok(lines).contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        return HttpResponse.ok(entries).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private record Located(String component, String team, String window, HealthReport.TestRow row) {
    }

    private Located locate(String testId) {
        for (HealthReport r : scorecards.components()) {
            for (HealthReport.TestRow row : r.tests()) {
                if (row.testId().equals(testId)) {
                    return new Located(r.subject(), r.team(), r.windowDays() + "d", row);
                }
            }
        }
        throw new NotFoundException(NotFoundException.NOT_FOUND, "no test with id " + testId
                + " ran in the analysis window; test ids are listed by "
                + "GET /api/v1/components/{name}/tests.");
    }
}
