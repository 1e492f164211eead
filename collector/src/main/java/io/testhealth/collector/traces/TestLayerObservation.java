package io.testhealth.collector.traces;

import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.store.TestRunDetail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layer a test's spans show it runs at, over all that the collector kept of them: the runs stored from its test
 * spans (each with the layer {@link LayerObserver} saw; a run first stored from a JUnit or Allure report carries the
 * observation of its spans too, see {@code ingest.RunMatching}) and the integration edges its spans exercised.
 *
 * <p>The heaviest layer seen wins ({@link ObservedLayer#heavier}, the rule the pyramid's trace evidence follows too).
 * {@code unknown} (spans arrived, but nothing showed whether I/O would have been recorded) is only the answer when
 * nothing else was seen. A test none of whose runs or edges came from
 * spans has no observation at all: absent spans are not evidence, so it is "not observed", never unit.
 *
 * @param layer          {@code unit}, {@code integration}, {@code e2e} or {@code unknown}
 * @param runs           of the runs read, how many came from its test spans
 * @param edges          how many integration edges its spans exercised
 * @param evidence       why, one short sentence per distinct call (at most {@value #MAX_EVIDENCE}), the newest run's
 *                       first, then the edges'
 * @param lastObservedAt the latest run from spans or sighting of an edge
 */
public record TestLayerObservation(String layer, int runs, int edges, List<String> evidence, Instant lastObservedAt) {

    /** Most evidence sentences kept. */
    public static final int MAX_EVIDENCE = 5;

    public TestLayerObservation {
        evidence = List.copyOf(evidence);
    }

    /**
     * What the spans of a test show.
     *
     * @param runs      the test's runs, newest first
     * @param sightings edge sightings; only those of this test (its component and id) are read
     * @param component the test's component reference
     * @param testId    the test's id
     * @return empty when no run came from spans and no edge names the test
     */
    public static Optional<TestLayerObservation> of(List<TestRunDetail> runs, List<EdgeSighting> sightings,
                                                    String component, String testId) {
        ObservedLayer layer = null;
        int fromSpans = 0;
        int edges = 0;
        List<String> evidence = new ArrayList<>();
        Instant last = null;
        for (TestRunDetail run : runs) {
            Optional<ObservedLayer> seen = ObservedLayer.ofLabels(run.fact().labels());
            if (seen.isEmpty()) {
                continue;
            }
            fromSpans++;
            layer = ObservedLayer.heavier(layer, seen.get());
            last = later(last, run.fact().job().startedAt());
            for (String why : run.fact().labels().getOrDefault(TestSpanMapper.OBSERVED_EVIDENCE_LABEL, List.of())) {
                add(evidence, why);
            }
        }
        for (EdgeSighting s : sightings) {
            if (!s.byTest() || !s.testId().equals(testId) || !s.component().equals(component)) {
                continue;
            }
            edges++;
            last = later(last, s.seenAt());
            Optional<ObservedLayer> seen = ObservedLayer.parse(s.observedLayer());
            if (seen.isPresent()) {
                layer = ObservedLayer.heavier(layer, seen.get());
                add(evidence, why(s.edge()));
            }
        }
        if (layer == null) {
            return Optional.empty();
        }
        return Optional.of(new TestLayerObservation(layer.id(), fromSpans, edges, evidence, last));
    }

    /** An edge as {@link LayerObserver} words the call that shows it. */
    private static String why(IntegrationEdge edge) {
        return switch (edge.kind()) {
            case DATABASE -> "database " + edge.target();
            case MESSAGING -> "messaging " + edge.target();
            case SERVICE -> "calls service " + edge.target();
            case HOST -> "calls " + edge.target();
        };
    }

    private static void add(List<String> evidence, String why) {
        if (evidence.size() < MAX_EVIDENCE && !evidence.contains(why)) {
            evidence.add(why);
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isAfter(a) ? b : a;
    }
}
