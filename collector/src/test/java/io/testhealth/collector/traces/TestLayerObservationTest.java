package io.testhealth.collector.traces;

import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.store.TestRunDetail;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A test's observed layer over its runs and edges: the heaviest seen, and nothing at all when no span showed it. */
final class TestLayerObservationTest {

    private static final String CHECKOUT = "component:default/checkout";
    private static final String TEST = "t-pays";

    /** A run of the test: from a report when {@code layer} is null, else from spans that showed that layer. */
    private static TestRunDetail run(String startedAt, String layer, String... evidence) {
        JobRun job = new JobRun("run-" + startedAt, CHECKOUT, "team-checkout", "p", "it", 1, "linux", "main", "c1",
                Instant.parse(startedAt));
        Map<String, List<String>> labels = layer == null ? Map.of()
                : evidence.length == 0 ? Map.of(TestSpanMapper.OBSERVED_LAYER_LABEL, List.of(layer))
                : Map.of(TestSpanMapper.OBSERVED_LAYER_LABEL, List.of(layer),
                TestSpanMapper.OBSERVED_EVIDENCE_LABEL, List.of(evidence));
        TestRunFact fact = new TestRunFact(job, Outcome.PASSED, 1, 0, 1.0, 1.0, "", "", "", null, labels, "");
        return new TestRunDetail(TEST, "com.shop.CheckoutIT", "pays", "", fact, "", List.of());
    }

    private static EdgeSighting edge(String component, String testId, IntegrationEdge.Kind kind, String target,
                                     String layer, String seenAt) {
        return new EdgeSighting(component, new IntegrationEdge("checkout", kind, target, "http"), testId,
                "com.shop.CheckoutIT", "pays", layer, "passed", "", "", Instant.parse(seenAt));
    }

    @Test
    void aTestWhoseRunsAllCameFromReportsIsNotObserved() {
        Optional<TestLayerObservation> o = TestLayerObservation.of(
                List.of(run("2026-12-01T10:00:00Z", null), run("2026-11-30T10:00:00Z", null)), List.of(), CHECKOUT, TEST);
        assertTrue(o.isEmpty(), String.valueOf(o));
    }

    @Test
    void theHeaviestLayerOfItsRunsFromSpansWinsWithTheEvidenceOfEach() {
        // newest first: a unit run (cache hit), an integration run (database), a run from a report, an unknown run
        TestLayerObservation o = TestLayerObservation.of(List.of(
                run("2026-12-03T10:00:00Z", "unit"),
                run("2026-12-02T10:00:00Z", "integration", "database postgresql"),
                run("2026-12-01T10:00:00Z", null),
                run("2026-11-30T10:00:00Z", "unknown")), List.of(), CHECKOUT, TEST).orElseThrow();
        assertAll(
                () -> assertEquals("integration", o.layer()),
                () -> assertEquals(3, o.runs(), "the report's run is not counted"),
                () -> assertEquals(0, o.edges()),
                () -> assertEquals(List.of("database postgresql"), o.evidence()),
                () -> assertEquals(Instant.parse("2026-12-03T10:00:00Z"), o.lastObservedAt()));
    }

    @Test
    void spansThatShowedNothingAreUnknownNotUnit() {
        TestLayerObservation o = TestLayerObservation.of(List.of(run("2026-12-03T10:00:00Z", "unknown")), List.of(),
                CHECKOUT, TEST).orElseThrow();
        assertEquals("unknown", o.layer());
    }

    /**
     * A run first uploaded as JUnit keeps no observed layer (its spans were matched, not stored), but the edges its
     * spans showed were recorded with the layer: they are read too. Edges of other tests and components, and an edge
     * seen in staging outside tests, are not this test's.
     */
    @Test
    void edgesItsSpansExercisedCountEvenWhenItsRunsCameFromReports() {
        TestLayerObservation o = TestLayerObservation.of(List.of(run("2026-12-01T10:00:00Z", null)), List.of(
                        edge(CHECKOUT, TEST, IntegrationEdge.Kind.DATABASE, "postgresql", "e2e", "2026-12-01T10:00:01Z"),
                        edge(CHECKOUT, TEST, IntegrationEdge.Kind.SERVICE, "payments", "e2e", "2026-12-01T10:00:02Z"),
                        edge(CHECKOUT, "t-other", IntegrationEdge.Kind.HOST, "localhost", "integration", "2026-12-05T10:00:00Z"),
                        edge("component:default/ledger", TEST, IntegrationEdge.Kind.HOST, "x", "unit", "2026-12-05T10:00:00Z"),
                        edge(CHECKOUT, "", IntegrationEdge.Kind.MESSAGING, "kafka", "", "2026-12-06T10:00:00Z")),
                CHECKOUT, TEST).orElseThrow();
        assertAll(
                () -> assertEquals("e2e", o.layer()),
                () -> assertEquals(0, o.runs()),
                () -> assertEquals(2, o.edges()),
                () -> assertEquals(List.of("database postgresql", "calls service payments"), o.evidence()),
                () -> assertEquals(Instant.parse("2026-12-01T10:00:02Z"), o.lastObservedAt()));
    }
}
