package io.testhealth.collector.store;

import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.IntegrationEdge.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour of {@link IntegrationRepository} every store must show; each store's test implements it. */
interface IntegrationRepositoryContract {

    Instant SEEN_1 = Instant.parse("2026-11-02T10:15:30.123456Z");
    Instant SEEN_2 = Instant.parse("2026-11-03T11:00:00Z");

    /** The store under test. */
    HistoryDatabase database();

    @Test
    default void aSightingRecordedAgainKeepsTheNewerStatusAndOnlyWidensItsTimes() {
        String name = "cart-" + UUID.randomUUID();
        String component = "component:default/" + name;
        IntegrationEdge payments = new IntegrationEdge(name, Kind.SERVICE, "payments", "http");
        EdgeSighting older = new EdgeSighting(component, payments, "t1", "CartIT", "pays", "e2e", "failed", "", "", SEEN_1);
        EdgeSighting newer = new EdgeSighting(component, payments, "t1", "CartIT", "pays", "e2e", "passed", "pact", "", SEEN_2);
        database().recordSightings(List.of(newer, older));   // both in one batch
        database().recordSightings(List.of(older));          // an older one resent later
        List<EdgeSighting> rows = database().sightingsOf(component, name);
        assertEquals(1, rows.size(), rows.toString());
        assertAll(
                () -> assertEquals("passed", rows.get(0).status()),
                () -> assertEquals("pact", rows.get(0).contract()),
                () -> assertEquals(SEEN_2, rows.get(0).seenAt()),
                () -> assertEquals(payments, rows.get(0).edge()));
    }

    @Test
    default void aComponentsSightingsAreItsOwnAndTheEdgesThatNameIt() {
        String name = "orders-" + UUID.randomUUID();
        String component = "component:default/" + name;
        String other = "component:default/web-" + UUID.randomUUID();
        EdgeSighting own = new EdgeSighting(component, new IntegrationEdge(name, Kind.DATABASE, "postgresql", "postgresql"),
                "t7", "OrdersIT", "saves", "integration", "passed", "", "", SEEN_1);
        EdgeSighting callsIt = new EdgeSighting(other, new IntegrationEdge("web", Kind.SERVICE, name, "http"),
                "", "", "", "", "", "", "staging", SEEN_1);
        EdgeSighting providerTest = new EdgeSighting(other, new IntegrationEdge(name, Kind.SERVICE, "web", "pact"),
                "t9", "WebPactTest", "serves", "unit", "passed", "pact", "", SEEN_2);
        EdgeSighting unrelated = new EdgeSighting(other, new IntegrationEdge("web", Kind.HOST, name, "http"),
                "t8", "WebIT", "x", "e2e", "passed", "", "", SEEN_2);
        database().recordSightings(List.of(own, callsIt, providerTest, unrelated));
        List<EdgeSighting> rows = database().sightingsOf(component, name);
        // ordered by caller, kind, target: orders-…>database, orders-…>service:web, web>service:orders-…
        assertEquals(List.of(own, providerTest, callsIt), rows);
    }

    @Test
    default void spanAttributesOfAnyLengthAreStoredCut() {
        String name = "huge-" + UUID.randomUUID();
        String component = "component:default/" + name;
        String target = "é".repeat(10_000);
        String environment = "staging-" + "x".repeat(5_000);
        database().recordSightings(List.of(new EdgeSighting(component,
                new IntegrationEdge(name, Kind.SERVICE, target, "http"), "", "", "", "", "", "", environment, SEEN_1)));
        List<EdgeSighting> rows = database().sightingsOf(component, name);
        assertEquals(1, rows.size());
        assertAll(
                () -> assertTrue(rows.get(0).edge().target().startsWith("é".repeat(IntegrationEdge.MAX_NAME_CHARS) + "…[cut 9880 chars #")),
                () -> assertTrue(rows.get(0).environment().startsWith("staging-" + "x".repeat(112) + "…[cut 4888 chars #")));
    }
}
