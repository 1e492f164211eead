package io.testhealth.collector.traces;

import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.IntegrationEdge.Kind;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which integration edge a span shows, if any: the one place that reads the call attributes for the integration map
 * (old and new semantic-convention names alike).
 *
 * <ul>
 *   <li>a database call ({@code db.system.name}, older {@code db.system}) of any kind but server: caller →
 *       <b>database</b> named by the system;</li>
 *   <li>a messaging call ({@code messaging.system}), producer, consumer or client: caller → <b>messaging</b> system;</li>
 *   <li>a client or producer span naming {@code peer.service} (Zipkin's remote endpoint arrives as it), or an HTTP
 *       ({@code http.request.method}, older {@code http.method}) or RPC ({@code rpc.system}) call that names it:
 *       caller → <b>service</b>;</li>
 *   <li>an HTTP or RPC call without {@code peer.service}: caller → <b>host</b>, from {@code server.address} (older
 *       {@code net.peer.name}) or the host of {@code url.full} (older {@code http.url}), as
 *       {@link LayerObserver#host} reads it;</li>
 *   <li>a server span of one service under a span of another, in the same request: that other service →
 *       <b>service</b> (both sides exported together, as in an end-to-end test's trace).</li>
 * </ul>
 *
 * <p>The caller is the {@code service.name} of the span's resource, else the one the request is attributed to.
 * Server-side HTTP and RPC spans are the called side's view of a call and show no edge of their own.
 */
public final class IntegrationEdges {

    private static final List<String> DB = List.of("db.system.name", "db.system");
    private static final List<String> MESSAGING = List.of("messaging.system");
    private static final List<String> HTTP = List.of("http.request.method", "http.method");
    private static final List<String> RPC = List.of("rpc.system");
    private static final String PEER_SERVICE = "peer.service";
    private static final String SERVICE_NAME = "service.name";

    private IntegrationEdges() {
    }

    /**
     * The edge {@code span} shows.
     *
     * @param span          the span
     * @param parent        its parent in the same request, or {@code null}
     * @param defaultCaller the caller when the span's resource names no service (the test's component)
     */
    public static Optional<IntegrationEdge> of(ReceivedSpan span, ReceivedSpan parent, String defaultCaller) {
        String caller = span.resource().text(SERVICE_NAME).orElse(defaultCaller);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        SpanKind kind = span.kind();
        Optional<String> db = first(span, DB);
        if (db.isPresent() && kind != SpanKind.SERVER) {
            return Optional.of(new IntegrationEdge(caller, Kind.DATABASE, lower(db.get()), lower(db.get())));
        }
        Optional<String> messaging = first(span, MESSAGING);
        if (messaging.isPresent() && kind != SpanKind.SERVER) {
            return Optional.of(new IntegrationEdge(caller, Kind.MESSAGING, lower(messaging.get()), lower(messaging.get())));
        }
        if (kind == SpanKind.SERVER || kind == SpanKind.CONSUMER) {
            String callee = span.resource().text(SERVICE_NAME).orElse("");
            String from = parent == null ? "" : parent.resource().text(SERVICE_NAME).orElse("");
            if (kind == SpanKind.SERVER && !callee.isEmpty() && !from.isEmpty() && !from.equals(callee)) {
                return Optional.of(new IntegrationEdge(from, Kind.SERVICE, callee, protocol(span)));
            }
            return Optional.empty();
        }
        Optional<String> rpc = first(span, RPC);
        boolean call = rpc.isPresent() || first(span, HTTP).isPresent();
        Optional<String> peer = span.attributes().text(PEER_SERVICE);
        if (peer.isPresent() && (call || kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER)) {
            return Optional.of(new IntegrationEdge(caller, Kind.SERVICE, peer.get(), protocol(span)));
        }
        if (call) {
            String host = LayerObserver.host(span);
            if (!host.isEmpty()) {
                return Optional.of(new IntegrationEdge(caller, Kind.HOST, host, protocol(span)));
            }
        }
        return Optional.empty();
    }

    /** {@code rpc.system} ({@code grpc}...), else {@code http} for an HTTP call, else empty. */
    private static String protocol(ReceivedSpan span) {
        Optional<String> rpc = first(span, RPC);
        if (rpc.isPresent()) {
            return lower(rpc.get());
        }
        return first(span, HTTP).isPresent() ? "http" : "";
    }

    private static Optional<String> first(ReceivedSpan s, List<String> keys) {
        for (String k : keys) {
            Optional<String> v = s.attributes().text(k);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
