package io.testhealth.collector.integrations;

import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.IntegrationEdge.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What an edge's tests, contract and "untested" mean, over sightings written out by hand. */
final class IntegrationMapTest {

    private static final String WEB = "component:default/web";
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    private static EdgeSighting byTest(IntegrationEdge e, String testId, String name, String contract, long minutes) {
        return new EdgeSighting(WEB, e, testId, "WebTest", name, "integration", "passed", contract, "",
                T.plusSeconds(60 * minutes));
    }

    private static EdgeSighting observed(IntegrationEdge e, String env, long minutes) {
        return new EdgeSighting(WEB, e, "", "", "", "", "", "", env, T.plusSeconds(60 * minutes));
    }

    @Test
    void sharesCountEdgesNotTestsAndTheReportsContractFlagCounts() {
        IntegrationEdge search = new IntegrationEdge("web", Kind.SERVICE, "search", "http");
        IntegrationEdge searchGrpc = new IntegrationEdge("web", Kind.SERVICE, "search", "grpc");
        IntegrationEdge users = new IntegrationEdge("web", Kind.SERVICE, "users", "http");
        IntegrationEdge mysql = new IntegrationEdge("web", Kind.DATABASE, "mysql", "mysql");
        IntegrationEdge redis = new IntegrationEdge("web", Kind.DATABASE, "redis", "redis");
        List<EdgeSighting> sightings = List.of(
                byTest(search, "t1", "finds", "", 1),
                byTest(searchGrpc, "t2", "ranks", "", 2),   // same edge, another protocol
                observed(search, "staging", 3),
                observed(search, "qa", 4),
                byTest(users, "t3", "logsIn", "", 5),       // a contract test by the report's naming rule only
                byTest(mysql, "t1", "finds", "", 6),
                observed(redis, "staging", 7));            // untested
        Map<String, IntegrationMap.TestFacts> facts = Map.of(
                "t1", new IntegrationMap.TestFacts("integration", "stable", false),
                "t3", new IntegrationMap.TestFacts("integration", "flaky", true));
        IntegrationMap.Result map = IntegrationMap.of(sightings,
                (component, id) -> Optional.ofNullable(facts.get(id)));
        // edges: web>database:mysql, web>database:redis, web>service:search, web>service:users = 4
        // with a contract: users = 1 of 4; service edges 2, with a contract 1 of 2; untested: redis
        IntegrationMap.Edge s = map.edges().get(2);
        assertAll(
                () -> assertEquals(List.of("mysql", "redis", "search", "users"),
                        map.edges().stream().map(IntegrationMap.Edge::target).toList()),
                () -> assertEquals(1, map.untestedIntegrationPoints()),
                () -> assertEquals(4, map.contractCoverage().edges()),
                () -> assertEquals(1, map.contractCoverage().edgesWithContract()),
                () -> assertEquals(0.25, map.contractCoverage().share(), 1e-12),
                () -> assertEquals(2, map.contractCoverage().serviceEdges()),
                () -> assertEquals(0.5, map.contractCoverage().serviceShare(), 1e-12),
                () -> assertEquals(List.of("grpc", "http"), s.protocols()),
                () -> assertEquals(List.of("qa", "staging"), s.observedIn()),
                () -> assertEquals(T.plusSeconds(240), s.lastSeenAt()),
                () -> assertEquals(List.of("finds", "ranks"), s.tests().stream().map(IntegrationMap.EdgeTest::name).toList()),
                () -> assertEquals("stable", s.tests().get(0).state()),
                () -> assertNull(s.tests().get(1).state(), "t2 is in no report"),
                () -> assertEquals("by-name", map.edges().get(3).tests().get(0).contract()),
                () -> assertEquals("flaky", map.edges().get(3).tests().get(0).state()));
    }

    @Test
    void noEdgesNoShare() {
        IntegrationMap.Result map = IntegrationMap.of(List.of(), (c, id) -> Optional.empty());
        assertAll(
                () -> assertEquals(0, map.contractCoverage().edges()),
                () -> assertNull(map.contractCoverage().share()),
                () -> assertNull(map.contractCoverage().serviceShare()));
    }
}
