package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.testhealth.collector.integrations.IntegrationMap;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.IntegrationRepository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A component's integration map, from the spans of its test runs and of observed environments. */
@Controller("/api/v1")
@ExecuteOn(ApiExecutors.READS)
public final class IntegrationController {

    private final IntegrationRepository integrations;
    private final ScorecardService scorecards;
    private final SubjectReports reports;

    public IntegrationController(IntegrationRepository integrations, ScorecardService scorecards, SubjectReports reports) {
        this.integrations = integrations;
        this.scorecards = scorecards;
        this.reports = reports;
    }

    /** The integration map of a component. */
    @Operation(summary = "A component's integration map",
            description = "The service-to-service and service-to-dependency edges its traces show (client spans:"
                    + " `peer.service`, `server.address`/`net.peer.name`, `db.system.name`/`db.system`,"
                    + " `messaging.system`, `rpc.system`, `http.request.method`/`http.method`), both those it calls and"
                    + " those that call it; for each edge the tests that exercise it with their observed and"
                    + " classified layer, state and last status, whether a contract test covers it, and the"
                    + " environments it was seen in outside tests (`testhealth.traces.observed-environments`). An edge"
                    + " seen only there is an untested integration point.")
    @ApiResponse(responseCode = "404", description = ReadErrorDocs.COMPONENT_404,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ReadErrorDocs.INVALID_400,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @Get("/components/{name}/integrations")
    public IntegrationsResponse integrations(@PathVariable String name, @Nullable @QueryValue String namespace) {
        String ref = Subjects.component(name, namespace);
        String plainName = ComponentRef.parse(ref).name();
        List<EdgeSighting> sightings = integrations.sightingsOf(ref, plainName);
        if (sightings.isEmpty() && scorecards.component(ref).isEmpty()) {
            throw reports.componentAbsent(ref, name);
        }
        IntegrationMap.Result map = IntegrationMap.of(sightings, IntegrationMap.FactsLookup.cached(this::facts));
        return IntegrationsResponse.of(ref, map);
    }

    /** What a component's stored report says of its tests, by test id. */
    private Map<String, IntegrationMap.TestFacts> facts(String component) {
        Map<String, IntegrationMap.TestFacts> out = new HashMap<>();
        scorecards.component(component).ifPresent(r -> {
            for (HealthReport.TestRow row : r.tests()) {
                out.put(row.testId(), new IntegrationMap.TestFacts(row.layer(), row.state(), row.contract()));
            }
        });
        return out;
    }

    /**
     * The answer.
     *
     * @param component                 the component's reference
     * @param edges                     every edge, ordered by caller, kind and target
     * @param untestedIntegrationPoints edges seen in observed environments that no test exercised
     * @param contractCoverage          the share of edges a contract test covers
     */
    @Serdeable
    public record IntegrationsResponse(String component, List<EdgeView> edges, int untestedIntegrationPoints,
                                       CoverageView contractCoverage) {
        static IntegrationsResponse of(String component, IntegrationMap.Result map) {
            return new IntegrationsResponse(component, map.edges().stream().map(EdgeView::of).toList(),
                    map.untestedIntegrationPoints(), CoverageView.of(map.contractCoverage()));
        }
    }

    /**
     * One edge.
     *
     * @param caller      the calling service
     * @param kind        {@code service}, {@code host}, {@code database} or {@code messaging}
     * @param target      what it calls
     * @param protocols   how ({@code http}, {@code grpc}, {@code postgresql}, {@code pact}...)
     * @param tested      whether a test exercised it
     * @param hasContract whether a contract test covers it
     * @param observedIn  the observed environments it was seen in outside tests
     * @param lastSeenAt  its last sighting
     * @param tests       the tests that exercised it
     */
    @Serdeable
    public record EdgeView(String caller, String kind, String target, List<String> protocols, boolean tested,
                           boolean hasContract, List<String> observedIn, Instant lastSeenAt, List<EdgeTestView> tests) {
        static EdgeView of(IntegrationMap.Edge e) {
            return new EdgeView(e.caller(), e.kind(), e.target(), e.protocols(), e.tested(), e.hasContract(),
                    e.observedIn(), e.lastSeenAt(), e.tests().stream().map(EdgeTestView::of).toList());
        }
    }

    /**
     * A test on an edge.
     *
     * @param component     the test's component
     * @param testId        its id ({@code GET /api/v1/tests/{testId}})
     * @param suite         its suite
     * @param name          its name
     * @param observedLayer the layer its spans showed
     * @param layer         the layer its component's report classified it as, or {@code null}
     * @param state         its state in that report, or {@code null} when the report does not list it
     * @param lastStatus    how its latest attempt on the edge ended
     * @param contract      {@code pact}, {@code spring-cloud-contract}, {@code by-name} (the report's naming rule), or
     *                      {@code null} for a test that is not a contract test
     * @param lastSeenAt    when it last exercised the edge
     */
    @Serdeable
    public record EdgeTestView(String component, String testId, String suite, String name,
                               @Nullable String observedLayer, @Nullable String layer, @Nullable String state,
                               @Nullable String lastStatus, @Nullable String contract, Instant lastSeenAt) {
        static EdgeTestView of(IntegrationMap.EdgeTest t) {
            return new EdgeTestView(t.component(), t.testId(), t.suite(), t.name(), t.observedLayer(), t.layer(),
                    t.state(), t.lastStatus(), t.contract(), t.lastSeenAt());
        }
    }

    /**
     * Contract coverage.
     *
     * @param edges                    edges counted
     * @param edgesWithContract        of which a contract test covers
     * @param share                    their share, {@code null} without edges
     * @param serviceEdges             service-to-service edges
     * @param serviceEdgesWithContract of which a contract test covers
     * @param serviceShare             their share, {@code null} without service edges
     */
    @Serdeable
    public record CoverageView(int edges, int edgesWithContract, @Nullable Double share, int serviceEdges,
                               int serviceEdgesWithContract, @Nullable Double serviceShare) {
        static CoverageView of(IntegrationMap.ContractCoverage c) {
            return new CoverageView(c.edges(), c.edgesWithContract(), c.share(), c.serviceEdges(),
                    c.serviceEdgesWithContract(), c.serviceShare());
        }
    }
}
