package io.testhealth.collector.api;

/**
 * The error answers of the read API as the OpenAPI document describes them, written once for every endpoint that
 * gives them (annotation values must be constants).
 *
 * <p>Errors are JSON whatever the request accepts. On an endpoint that also produces text, its responses are declared
 * inside {@code @Operation(responses = ...)}: micronaut-openapi gives a method-level {@code @ApiResponse}'s
 * {@code application/json} content to every type the method produces, which would document the errors as Markdown
 * or HTML, and keeps the media types of the responses declared in {@code @Operation} as written.
 */
final class ReadErrorDocs {

    /** A component's read: never uploaded, or waiting for its first analysis. */
    static final String COMPONENT_404 = "`unknown-component`: no upload ever named the component (the message says how"
            + " to upload); `no-report-yet`: it has uploads whose analysis has not finished, ask again after the"
            + " `Retry-After` header's seconds.";
    /** A team's read: no component belongs to it, or its components wait for their first analysis. */
    static final String TEAM_404 = "`unknown-team`: no component with uploads belongs to the team by its uploads or"
            + " the catalog; `no-report-yet`: a component of the team has uploads whose analysis has not finished, ask"
            + " again after the `Retry-After` header's seconds.";
    /** A test that did not run in the analysis window. */
    static final String TEST_404 = "`not-found`: no test with this id ran in the analysis window; the tests of a"
            + " component and their ids are listed by `GET /api/v1/components/{name}/tests`.";
    /** A release of a test that is not quarantined, or unknown. */
    static final String RELEASE_404 = "`not-found`: the test is not quarantined, or no test with this id ran in the"
            + " analysis window.";
    /** A parameter that cannot be used. */
    static final String INVALID_400 = "`invalid-request`: a parameter cannot be used; the message names it and what it"
            + " accepts.";

    private ReadErrorDocs() {
    }
}
