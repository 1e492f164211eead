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
import io.testhealth.collector.review.WeeklyTrends;
import io.testhealth.collector.review.WeeklyTrendsService;

/**
 * Week-by-week trends of a component or team: grade, level and headline numbers per ISO week, oldest first, ending
 * with the running week.
 *
 * <p>Past weeks are computed from the history on the first request (an analysis per week and component) and kept
 * for an hour, hence the blocking executor.
 */
@Controller("/api/v1")
@ExecuteOn(ApiExecutors.READS)
public final class TrendsController {

    private final SubjectReports reports;
    private final WeeklyTrendsService trends;

    public TrendsController(SubjectReports reports, WeeklyTrendsService trends) {
        this.reports = reports;
        this.trends = trends;
    }

    /** A component's trends over {@code weeks} weeks (default 8, at most 26), the running week included. */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.COMPONENT_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/components/{name}/trends")
    public WeeklyTrends componentTrends(@PathVariable String name, @Nullable @QueryValue String namespace,
                                        @Nullable @QueryValue String weeks) {
        String ref = Subjects.component(name, namespace);
        int n = weeks(weeks);
        return trends.component(reports.component(ref, name), n);
    }

    /** A team's trends, pooled week by week from its components. */
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.TEAM_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/teams/{name}/trends")
    public WeeklyTrends teamTrends(@PathVariable String name, @Nullable @QueryValue String namespace,
                                   @Nullable @QueryValue String weeks) {
        String ref = Subjects.team(name, namespace);
        int n = weeks(weeks);
        return trends.team(reports.team(ref, name), n);
    }

    private static int weeks(@Nullable String weeks) {
        return Subjects.weeks(weeks, WeeklyTrendsService.DEFAULT_WEEKS, WeeklyTrendsService.MAX_WEEKS);
    }
}
