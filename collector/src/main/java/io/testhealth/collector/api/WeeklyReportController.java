package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.testhealth.collector.review.IsoWeek;
import io.testhealth.collector.review.WeeklyReview;
import io.testhealth.collector.review.WeeklyReviewHtml;
import io.testhealth.collector.review.WeeklyReviewMarkdown;
import io.testhealth.collector.review.WeeklyReviewService;

import java.util.Collection;
import java.util.Locale;

/**
 * {@code GET /api/v1/reports/weekly}: the weekly cross-team review as JSON, Markdown or an HTML page.
 *
 * <p>The format is chosen by {@code format} ({@code json}, {@code markdown}, {@code html}) or, without it, by the
 * {@code Accept} header, so a browser gets the page and a script the JSON from the same address. The review is
 * computed on request from the history (four analyses per component), hence the blocking executor.
 */
@Controller("/api/v1")
@ExecuteOn(ApiExecutors.READS)
public final class WeeklyReportController {

    /** Markdown as served: UTF-8, since the renderer writes arrows and Δ. */
    static final MediaType TEXT_MARKDOWN = MediaType.of("text/markdown;charset=utf-8");
    private static final MediaType TEXT_HTML = MediaType.of("text/html;charset=utf-8");
    /** The {@code format} parameter as documented. */
    private static final String FORMAT = "`json`, `markdown` (or `md`) or `html`; when absent, the first of these that"
            + " the `Accept` header names, else JSON.";

    private final WeeklyReviewService reviews;
    private final SubjectReports reports;

    public WeeklyReportController(WeeklyReviewService reviews, SubjectReports reports) {
        this.reviews = reviews;
        this.reports = reports;
    }

    /** The review of {@code week} (default: the last complete week), of every team or of one. */
    @Operation(responses = { // in @Operation, so that the errors stay JSON-only: see ReadErrorDocs
            @ApiResponse(responseCode = "200", description = "The review, in the format asked for.", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = WeeklyReview.class)),
                    @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
                    @Content(mediaType = "text/html", schema = @Schema(type = "string"))}),
            @ApiResponse(responseCode = "404", description = ReadErrorDocs.TEAM_404,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))})
    @Get(uri = "/reports/weekly", produces = {MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML})
    public HttpResponse<?> weekly(HttpRequest<?> request, @Nullable @QueryValue String week,
                                  @Nullable @QueryValue String team, @Nullable @QueryValue String namespace,
                                  @Parameter(description = FORMAT) @Nullable @QueryValue String format) {
        IsoWeek w = week(week);
        String output = format(format, request.accept());
        String ns = Subjects.namespaceFilter(namespace);
        String teamRef = team == null || team.isBlank() ? null : Subjects.team(team, namespace);
        if (!reviews.hasStarted(w)) {
            throw new BadRequestException("week " + w + " has not begun yet: ask for a week up to the current one, "
                    + reviews.currentWeek());
        }
        WeeklyReview review = reviews.review(w, teamRef, ns).orElseThrow(() -> reports.teamAbsent(teamRef, team));
        return switch (output) {
            case "markdown" -> HttpResponse.ok(WeeklyReviewMarkdown.render(review)).contentType(TEXT_MARKDOWN);
            case "html" -> HttpResponse.ok(WeeklyReviewHtml.render(review)).contentType(TEXT_HTML);
            default -> HttpResponse.ok(review).contentType(MediaType.APPLICATION_JSON_TYPE);
        };
    }

    private IsoWeek week(@Nullable String week) {
        if (week == null || week.isBlank()) {
            return reviews.lastCompleteWeek();
        }
        try {
            return IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** {@code json}, {@code markdown} or {@code html}: the parameter wins, then the first known type accepted. */
    private static String format(@Nullable String format, Collection<MediaType> accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> "json";
                case "markdown", "md" -> "markdown";
                case "html" -> "html";
                default -> throw new BadRequestException("format must be json, markdown or html; got '" + format + "'");
            };
        }
        for (MediaType m : accept) {
            String type = m.getName().toLowerCase(Locale.ROOT);
            if (type.equals("text/markdown")) {
                return "markdown";
            }
            if (type.equals("text/html")) {
                return "html";
            }
            if (type.equals("application/json")) {
                return "json";
            }
        }
        return "json";
    }
}
