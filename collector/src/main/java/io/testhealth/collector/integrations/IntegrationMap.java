package io.testhealth.collector.integrations;

import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds a component's integration map from recorded sightings: the one place that decides what an edge's tests,
 * contract coverage and "untested" mean.
 *
 * <ul>
 *   <li>An <b>edge</b> is a caller, a kind and a target; sightings over different protocols are one edge.</li>
 *   <li>It is <b>tested</b> when at least one test exercised it, <b>untested</b> (an untested integration point) when
 *       it was seen only in observed environments.</li>
 *   <li>It <b>has a contract</b> when at least one of its tests is a contract test: by its spans
 *       ({@code traces.ContractTests}) or by the {@code contract} flag of the test's row in its component's report.</li>
 *   <li>The <b>contract share</b> is edges with a contract over all edges; the <b>service contract share</b> the same
 *       over service-to-service edges only (a database or broker has no consumer contract). Both are {@code null}
 *       without edges to count.</li>
 * </ul>
 *
 * <p>Pure: the facts about tests (layer, state, contract flag from the reports) are passed in.
 */
public final class IntegrationMap {

    private IntegrationMap() {
    }

    /**
     * What a component's report says about one of its tests.
     *
     * @param layer    the layer the scorecard classified it as, or {@code null}
     * @param state    its state in the report ({@code stable}, {@code flaky}, {@code broken}...), or {@code null}
     * @param contract whether the report's classification calls it a contract test
     */
    public record TestFacts(String layer, String state, boolean contract) {
    }

    /** A test that exercised an edge. */
    public record EdgeTest(String component, String testId, String suite, String name, String observedLayer,
                           String layer, String state, String lastStatus, String contract, Instant lastSeenAt) {
    }

    /** One edge with everything known about it. */
    public record Edge(String caller, String kind, String target, List<String> protocols, boolean tested,
                       boolean hasContract, List<String> observedIn, Instant lastSeenAt, List<EdgeTest> tests) {
    }

    /** Contract coverage over the edges of a map. */
    public record ContractCoverage(int edges, int edgesWithContract, Double share, int serviceEdges,
                                   int serviceEdgesWithContract, Double serviceShare) {
    }

    /** A component's map. */
    public record Result(List<Edge> edges, int untestedIntegrationPoints, ContractCoverage contractCoverage) {
    }

    /**
     * The map of the given sightings.
     *
     * @param sightings every sighting that concerns the component
     * @param facts     what the reports say of a test, by component reference and test id
     */
    public static Result of(List<EdgeSighting> sightings, FactsLookup facts) {
        Map<Key, List<EdgeSighting>> byEdge = new LinkedHashMap<>();
        for (EdgeSighting s : sightings) {
            byEdge.computeIfAbsent(new Key(s.edge().caller(), s.edge().kind(), s.edge().target()), k -> new ArrayList<>()).add(s);
        }
        List<Edge> edges = new ArrayList<>(byEdge.size());
        int untested = 0;
        int withContract = 0;
        int service = 0;
        int serviceWithContract = 0;
        for (Map.Entry<Key, List<EdgeSighting>> e : byEdge.entrySet()) {
            TreeSet<String> protocols = new TreeSet<>();
            TreeSet<String> environments = new TreeSet<>();
            Instant last = Instant.EPOCH;
            List<EdgeTest> tests = new ArrayList<>();
            boolean contract = false;
            for (EdgeSighting s : e.getValue()) {
                if (!s.edge().protocol().isEmpty()) {
                    protocols.add(s.edge().protocol());
                }
                last = s.seenAt().isAfter(last) ? s.seenAt() : last;
                if (!s.byTest()) {
                    environments.add(s.environment());
                    continue;
                }
                Optional<TestFacts> f = facts.of(s.component(), s.testId());
                String framework = s.contract();
                if (framework.isEmpty() && f.map(TestFacts::contract).orElse(false)) {
                    framework = "by-name";
                }
                contract |= !framework.isEmpty();
                tests.add(new EdgeTest(s.component(), s.testId(), s.suite(), s.name(), emptyToNull(s.observedLayer()),
                        f.map(TestFacts::layer).orElse(null), f.map(TestFacts::state).orElse(null),
                        emptyToNull(s.status()), emptyToNull(framework), s.seenAt()));
            }
            tests.sort(Comparator.comparing(EdgeTest::component).thenComparing(EdgeTest::suite)
                    .thenComparing(EdgeTest::name));
            boolean tested = !tests.isEmpty();
            untested += tested ? 0 : 1;
            withContract += contract ? 1 : 0;
            if (e.getKey().kind() == IntegrationEdge.Kind.SERVICE) {
                service++;
                serviceWithContract += contract ? 1 : 0;
            }
            edges.add(new Edge(e.getKey().caller(), e.getKey().kind().id(), e.getKey().target(), List.copyOf(protocols),
                    tested, contract, List.copyOf(environments), last, List.copyOf(tests)));
        }
        edges.sort(Comparator.comparing(Edge::caller).thenComparing(Edge::kind).thenComparing(Edge::target));
        ContractCoverage coverage = new ContractCoverage(edges.size(), withContract, share(withContract, edges.size()),
                service, serviceWithContract, share(serviceWithContract, service));
        return new Result(edges, untested, coverage);
    }

    /** What the reports say of a test: by its component reference and id; empty when no report lists it. */
    @FunctionalInterface
    public interface FactsLookup {
        Optional<TestFacts> of(String component, String testId);

        /** A lookup over per-component maps of test id to facts, each loaded once. */
        static FactsLookup cached(Function<String, Map<String, TestFacts>> byComponent) {
            Map<String, Map<String, TestFacts>> cache = new LinkedHashMap<>();
            return (component, testId) -> Optional.ofNullable(
                    cache.computeIfAbsent(component, byComponent).get(testId));
        }
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private record Key(String caller, IntegrationEdge.Kind kind, String target) {
    }
}
