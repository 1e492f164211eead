package io.testhealth.collector.traces;

import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.traces.LayerObserver.Observation;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a test touched, from the spans inside it, read in old and new semantic-convention names. */
final class LayerObserverTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final SpanAttributes CART = SpanAttributes.builder().put("service.name", "cart").build();
    private static final ReceivedSpan TEST = span("b7ad6b7169203331", SpanKind.INTERNAL, CART, "test.case.name", "c.CartTest.adds");

    private static ReceivedSpan span(String id, SpanKind kind, SpanAttributes resource, Object... kv) {
        SpanAttributes.Builder b = SpanAttributes.builder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return new ReceivedSpan(TRACE, id, "b7ad6b7169203331", "s", kind, 1, 2, b.build(), resource, false, "", null);
    }

    private static Observation observe(ReceivedSpan... subtree) {
        return LayerObserver.observe(TEST, List.of(subtree));
    }

    @Test
    void jdbcAndLocalHttpClientSpansAreIntegrationInOldAndNewNames() {
        Observation newNames = observe(
                span("0000000000000001", SpanKind.CLIENT, CART, "db.system.name", "postgresql", "server.address", "localhost"),
                span("0000000000000002", SpanKind.CLIENT, CART, "http.request.method", "POST", "url.full", "http://127.0.0.1:8089/prices"));
        Observation oldNames = observe(
                span("0000000000000003", SpanKind.CLIENT, CART, "db.system", "mysql", "net.peer.name", "localhost"),
                span("0000000000000004", SpanKind.CLIENT, CART, "http.method", "GET", "http.url", "http://host.testcontainers.internal:5000/x"));
        assertAll(
                () -> assertEquals(ObservedLayer.INTEGRATION, newNames.layer()),
                () -> assertEquals(List.of("database postgresql", "calls 127.0.0.1"), newNames.evidence()),
                () -> assertEquals(ObservedLayer.INTEGRATION, oldNames.layer()),
                () -> assertEquals(List.of("database mysql", "calls host.testcontainers.internal"), oldNames.evidence()),
                () -> assertEquals(ObservedLayer.INTEGRATION, observe(span("0000000000000005", SpanKind.PRODUCER, CART,
                        "messaging.system", "kafka")).layer()));
    }

    @Test
    void callingADeployedServiceOrSeeingItsSpansIsE2e() {
        Observation remoteHost = observe(
                span("0000000000000001", SpanKind.CLIENT, CART, "db.system.name", "postgresql"),
                span("0000000000000002", SpanKind.CLIENT, CART, "http.request.method", "GET", "server.address", "payments.staging.acme.io"));
        Observation peer = observe(span("0000000000000003", SpanKind.CLIENT, CART, "rpc.system", "grpc", "peer.service", "inventory"));
        Observation otherService = observe(span("0000000000000004", SpanKind.SERVER,
                SpanAttributes.builder().put("service.name", "billing").build(), "http.request.method", "POST"));
        assertAll(
                () -> assertEquals(ObservedLayer.E2E, remoteHost.layer()),
                () -> assertEquals(List.of("database postgresql", "calls payments.staging.acme.io"), remoteHost.evidence()),
                () -> assertEquals(ObservedLayer.E2E, peer.layer()),
                () -> assertEquals(List.of("calls service inventory"), peer.evidence()),
                () -> assertEquals(ObservedLayer.E2E, otherService.layer()),
                () -> assertEquals(List.of("spans of service billing"), otherService.evidence()));
    }

    @Test
    void noIoWithInstrumentationActiveIsUnitAndNothingObservableIsUnknown() {
        SpanAttributes agent = SpanAttributes.builder().put("service.name", "cart")
                .put("telemetry.distro.name", "opentelemetry-java-instrumentation").build();
        ReceivedSpan agentTest = new ReceivedSpan(TRACE, "b7ad6b7169203332", "", "t", SpanKind.INTERNAL, 1, 2,
                SpanAttributes.empty(), agent, false, "", null);
        assertAll(
                () -> assertEquals(ObservedLayer.UNIT, LayerObserver.observe(agentTest, List.of()).layer()),
                () -> assertEquals(ObservedLayer.UNIT, observe(span("0000000000000001", SpanKind.INTERNAL, CART,
                        "code.function.name", "Cart.total")).layer()),
                () -> assertEquals(ObservedLayer.UNKNOWN, observe().layer()),
                // a server span of the test's own service is the app answering the test's local call, not a call out
                () -> assertEquals(ObservedLayer.UNIT, observe(span("0000000000000002", SpanKind.SERVER, CART,
                        "http.request.method", "GET")).layer()));
    }

    @Test
    void localHostsAreLoopbackAndTheNamesDockerGivesTheHost() {
        assertAll(
                () -> assertTrue(LayerObserver.isLocal("localhost")),
                () -> assertTrue(LayerObserver.isLocal("127.0.0.1")),
                () -> assertTrue(LayerObserver.isLocal("[::1]")),
                () -> assertTrue(LayerObserver.isLocal("host.docker.internal")),
                () -> assertTrue(LayerObserver.isLocal("api.localhost")),
                () -> assertFalse(LayerObserver.isLocal("10.0.4.17")),
                () -> assertFalse(LayerObserver.isLocal("localhost.acme.io")));
    }
}
