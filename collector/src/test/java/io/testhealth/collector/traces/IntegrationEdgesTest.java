package io.testhealth.collector.traces;

import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.IntegrationEdge.Kind;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which edge a span shows, in old and new semantic-convention names; and which test spans are contract tests. */
final class IntegrationEdgesTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final SpanAttributes CART = SpanAttributes.builder().put("service.name", "cart").build();
    private static final SpanAttributes NONE = SpanAttributes.empty();

    private static ReceivedSpan span(SpanKind kind, SpanAttributes resource, Object... kv) {
        SpanAttributes.Builder b = SpanAttributes.builder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return new ReceivedSpan(TRACE, "00000000000000a1", "00000000000000a0", "s", kind, 1, 2, b.build(), resource,
                false, "", null);
    }

    private static Optional<IntegrationEdge> edge(ReceivedSpan s) {
        return IntegrationEdges.of(s, null, "fallback");
    }

    @Test
    void databasesAndBrokersAreNamedByTheirSystemInOldAndNewNames() {
        assertAll(
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.DATABASE, "postgresql", "postgresql")),
                        edge(span(SpanKind.CLIENT, CART, "db.system.name", "PostgreSQL", "server.address", "db.internal"))),
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.DATABASE, "redis", "redis")),
                        edge(span(SpanKind.INTERNAL, CART, "db.system", "redis"))),
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.MESSAGING, "kafka", "kafka")),
                        edge(span(SpanKind.PRODUCER, CART, "messaging.system", "kafka"))),
                // a consumer reads from the broker: an edge too
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.MESSAGING, "rabbitmq", "rabbitmq")),
                        edge(span(SpanKind.CONSUMER, CART, "messaging.system", "rabbitmq"))));
    }

    @Test
    void callsNameTheServiceByPeerServiceElseTheHost() {
        assertAll(
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.SERVICE, "payments", "http")),
                        edge(span(SpanKind.CLIENT, CART, "http.request.method", "POST", "peer.service", "payments",
                                "server.address", "10.0.0.7"))),
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.SERVICE, "inventory", "grpc")),
                        edge(span(SpanKind.CLIENT, CART, "rpc.system", "grpc", "peer.service", "inventory"))),
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.HOST, "prices.acme.io", "http")),
                        edge(span(SpanKind.CLIENT, CART, "http.method", "GET", "net.peer.name", "Prices.ACME.io"))),
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.HOST, "127.0.0.1", "http")),
                        edge(span(SpanKind.CLIENT, CART, "http.method", "GET", "http.url", "http://127.0.0.1:8089/x"))),
                // Zipkin's remote endpoint arrives as peer.service on a client span without HTTP tags
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.SERVICE, "es", "")),
                        edge(span(SpanKind.CLIENT, CART, "peer.service", "es"))),
                // no service on the resource: the caller the request is attributed to
                () -> assertEquals(Optional.of(new IntegrationEdge("fallback", Kind.SERVICE, "payments", "http")),
                        edge(span(SpanKind.CLIENT, NONE, "http.request.method", "GET", "peer.service", "payments"))));
    }

    @Test
    void serverSpansShowAnEdgeOnlyUnderAnotherServicesSpan() {
        ReceivedSpan caller = span(SpanKind.CLIENT, CART, "http.request.method", "GET");
        ReceivedSpan served = span(SpanKind.SERVER, SpanAttributes.builder().put("service.name", "pricing").build(),
                "http.request.method", "GET");
        ReceivedSpan sameService = span(SpanKind.SERVER, CART, "http.request.method", "GET");
        assertAll(
                () -> assertEquals(Optional.of(new IntegrationEdge("cart", Kind.SERVICE, "pricing", "http")),
                        IntegrationEdges.of(served, caller, "fallback")),
                () -> assertEquals(Optional.empty(), IntegrationEdges.of(sameService, caller, "fallback")),
                () -> assertEquals(Optional.empty(), edge(served)),
                // an internal span with nothing of a call
                () -> assertEquals(Optional.empty(), edge(span(SpanKind.INTERNAL, CART, "code.function", "add"))),
                // an HTTP call that names neither service nor host
                () -> assertEquals(Optional.empty(), edge(span(SpanKind.CLIENT, CART, "http.request.method", "GET"))));
    }

    private static Optional<String> framework(Object... kv) {
        return ContractTests.frameworkOf(List.of(span(SpanKind.INTERNAL, CART, kv)));
    }

    @Test
    void contractTestsByPactAndSpringCloudContractConventions() {
        assertAll(
                () -> assertEquals(Optional.of("pact"), framework("test.suite.name", "com.shop.PaymentsPactTest")),
                () -> assertEquals(Optional.of("pact"), framework("test.suite.name", "tests/pact_consumer/test_cart.py")),
                () -> assertEquals(Optional.of("pact"), framework("code.namespace", "au.com.dius.pact.consumer.junit5.Sample")),
                () -> assertEquals(Optional.of("pact"), framework("test.suite.name", "com.shop.CartTest",
                        "test.annotations", List.of("org.junit.jupiter.api.Test", "au.com.dius.pact.consumer.junit5.PactTestFor"))),
                () -> assertEquals(Optional.of("pact"), framework("test.suite.name", "CartTest", "pact.consumer", "web")),
                () -> assertEquals(Optional.of("spring-cloud-contract"),
                        framework("test.suite.name", "org.springframework.cloud.contract.verifier.tests.OrdersTest")),
                () -> assertEquals(Optional.of("spring-cloud-contract"),
                        framework("test.suite.name", "com.shop.ContractVerifierTest")),
                // the word Pact, not letters inside another word
                () -> assertEquals(Optional.empty(), framework("test.suite.name", "com.shop.ImpactTest")),
                () -> assertEquals(Optional.empty(), framework("test.suite.name", "com.shop.CompactionTest")),
                () -> assertEquals(Optional.empty(), framework("test.suite.name", "com.shop.ContractTest")));
    }

    @Test
    void aPactTestNamesTheEdgeItsContractStandsFor() {
        List<ReceivedSpan> consumer = List.of(span(SpanKind.INTERNAL, CART, "pact.provider", "payments"));
        List<ReceivedSpan> provider = List.of(span(SpanKind.INTERNAL, CART, "pact.consumer", "web",
                "pact.provider", "cart"));
        assertAll(
                () -> assertEquals(List.of(new IntegrationEdge("cart", Kind.SERVICE, "payments", "pact")),
                        ContractTests.namedEdges(consumer, "cart")),
                () -> assertEquals(List.of(new IntegrationEdge("web", Kind.SERVICE, "cart", "pact")),
                        ContractTests.namedEdges(provider, "cart")));
    }
}
