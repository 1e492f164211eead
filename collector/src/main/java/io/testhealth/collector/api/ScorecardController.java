package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Components and teams with their scorecards and tests: what the Backstage plugin and other tools read.
 *
 * <p>Reports for the default window are precomputed, so these reads are lookups; another {@code window} is computed
 * on request and takes as long as an analysis of the component.
 */
@Controller("/api/v1")
@ExecuteOn(ApiExecutors.READS)
public final class ScorecardController {

    private static final Set<String> STATES = Set.of("all", "new", "healthy", "flaky", "broken", "fixed", "stale");
    private static final Set<String> SORTS = Set.of("impact", "duration", "footprint", "score", "name");

    private final ScorecardService scorecards;
    private final SubjectReports reports;
    private final Clock clock = Clock.systemUTC();

    public ScorecardController(ScorecardService scorecards, SubjectReports reports) {
        this.scorecards = scorecards;
        this.reports = reports;
    }

    /** Every component with its team, grade, level, tests and last run. */
    @Get("/components")
    public List<ReadViews.SubjectSummary> components() {
        return scorecards.components().stream().map(ReadViews.SubjectSummary::of).toList();
    }

    /** A component's scorecard, metrics and pyramid. */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.COMPONENT_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/components/{name}/scorecard")
    public ReadViews.ScorecardResponse componentScorecard(@PathVariable String name, @Nullable @QueryValue String namespace,
                                                          @Nullable @QueryValue String window) {
        HealthReport report = componentReport(name, namespace, window);
        return ReadViews.ScorecardResponse.of(report, scorecards.status(report.subject()));
    }

    /** A component's tests, filtered by state and sorted. */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.COMPONENT_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/components/{name}/tests")
    public ReadViews.TestsResponse tests(@PathVariable String name, @Nullable @QueryValue String namespace,
                                        @Nullable @QueryValue String state, @Nullable @QueryValue String sort,
                                        @Nullable @QueryValue Integer limit, @Nullable @QueryValue String window) {
        HealthReport report = componentReport(name, namespace, window);
        String s = state == null ? "all" : state.toLowerCase(Locale.ROOT);
        String by = sort == null ? "impact" : sort.toLowerCase(Locale.ROOT);
        if (!STATES.contains(s)) {
            throw new BadRequestException("state must be one of " + String.join(", ", STATES.stream().sorted().toList()) + "; got '" + state + "'");
        }
        if (!SORTS.contains(by)) {
            throw new BadRequestException("sort must be one of impact, duration, footprint, score, name; got '" + sort + "'");
        }
        int max = limit == null ? 50 : limit;
        if (max < 1 || max > 10_000) {
            throw new BadRequestException("limit must be between 1 and 10000; got " + limit);
        }
        List<HealthReport.TestRow> matching = report.tests().stream().filter(t -> s.equals("all") || t.state().equals(s))
                .sorted(order(by)).toList();
        return new ReadViews.TestsResponse(report.subject(), s, by, matching.size(), matching.stream().limit(max).toList(),
                report.pipelineRuns());
    }

    /** Every team with its grade, level and components. */
    @Get("/teams")
    public List<ReadViews.SubjectSummary> teams() {
        return scorecards.teams().stream().map(ReadViews.SubjectSummary::of).toList();
    }

    /** A team's scorecard: its components' facts pooled, and its components ranked. */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.TEAM_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/teams/{name}/scorecard")
    public ReadViews.ScorecardResponse teamScorecard(@PathVariable String name, @Nullable @QueryValue String namespace) {
        HealthReport report = reports.team(Subjects.team(name, namespace), name);
        return ReadViews.ScorecardResponse.of(report, scorecards.teamStatus(report));
    }

    private HealthReport componentReport(String name, @Nullable String namespace, @Nullable String window) {
        String ref = Subjects.component(name, namespace);
        int days = Subjects.windowDays(window, scorecards.thresholds().windowDays());
        if (days != scorecards.thresholds().windowDays()) {
            return scorecards.computeComponent(ref, clock.instant(), days)
                    .orElseThrow(() -> reports.componentAbsent(ref, name));
        }
        return reports.component(ref, name);
    }

    private static Comparator<HealthReport.TestRow> order(String sort) {
        Comparator<HealthReport.TestRow> byName = Comparator.comparing(HealthReport.TestRow::suite).thenComparing(HealthReport.TestRow::name);
        return switch (sort) {
            case "duration" -> Comparator.comparing((HealthReport.TestRow t) -> t.p95Seconds() == null ? -1 : t.p95Seconds()).reversed().thenComparing(byName);
            case "footprint" -> Comparator.comparingDouble(HealthReport.TestRow::footprintSeconds).reversed().thenComparing(byName);
            case "score" -> Comparator.comparingDouble(HealthReport.TestRow::flakinessScore).reversed().thenComparing(byName);
            case "name" -> byName;
            default -> Comparator.comparingInt(HealthReport.TestRow::pipelinesBrokenAlone).reversed()
                    .thenComparing(Comparator.comparingDouble(HealthReport.TestRow::timeLostSeconds).reversed())
                    .thenComparing(Comparator.comparingDouble(HealthReport.TestRow::flakinessScore).reversed())
                    .thenComparing(byName);
        };
    }
}
