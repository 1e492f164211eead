package io.testhealth.collector.traces;

import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Infers a test's {@link ObservedLayer} from the spans inside its test span: what it really touched.
 *
 * <ul>
 *   <li>a span of another service (another {@code service.name}), or an HTTP/RPC call to another host: <b>e2e</b>;</li>
 *   <li>a database call ({@code db.system.name}, older {@code db.system}), a messaging call
 *       ({@code messaging.system}), or an HTTP/RPC call ({@code http.request.method}, older {@code http.method};
 *       {@code rpc.system}) to this machine ({@code localhost}, loopback, the Docker and Testcontainers host names):
 *       <b>integration</b>;</li>
 *   <li>none of these, while instrumentation was active (spans inside the test, or an agent named on the resource by
 *       {@code telemetry.distro.name}, older {@code telemetry.auto.version}): <b>unit</b>;</li>
 *   <li>else <b>unknown</b>: absence of spans is no evidence when nothing would have recorded them.</li>
 * </ul>
 *
 * <p>The host of a call is {@code server.address}, older {@code net.peer.name}, else the host of {@code url.full}
 * (older {@code http.url}); {@code peer.service} names a deployed service and counts as another host. Only spans in
 * the same request are seen: spans other services export themselves arrive in their own requests.
 */
public final class LayerObserver {

    private static final List<String> DB = List.of("db.system.name", "db.system");
    private static final List<String> MESSAGING = List.of("messaging.system");
    private static final List<String> HTTP = List.of("http.request.method", "http.method");
    private static final List<String> RPC = List.of("rpc.system");
    private static final List<String> HOST = List.of("server.address", "net.peer.name");
    private static final List<String> URL = List.of("url.full", "http.url");
    private static final List<String> AGENT = List.of("telemetry.distro.name", "telemetry.auto.version");
    /** Most evidence sentences kept per test. */
    private static final int MAX_EVIDENCE = 5;

    private LayerObserver() {
    }

    /**
     * What a test's spans show.
     *
     * @param layer    the heaviest layer seen
     * @param evidence why, one short sentence per distinct call kind (at most five), empty for unit and unknown
     */
    public record Observation(ObservedLayer layer, List<String> evidence) {
        public Observation {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * Observes one test span.
     *
     * @param test    the test span
     * @param subtree every span below it in the request, at any depth
     */
    public static Observation observe(ReceivedSpan test, List<ReceivedSpan> subtree) {
        ObservedLayer layer = null;
        List<String> evidence = new ArrayList<>();
        String service = test.resource().text("service.name").orElse("");
        for (ReceivedSpan s : subtree) {
            ObservedLayer seen = null;
            String why = null;
            String other = s.resource().text("service.name").orElse("");
            Optional<String> db = first(s, DB);
            Optional<String> messaging = first(s, MESSAGING);
            boolean call = first(s, HTTP).isPresent() || first(s, RPC).isPresent();
            if (!other.isEmpty() && !other.equals(service)) {
                seen = ObservedLayer.E2E;
                why = "spans of service " + other;
            } else if (db.isPresent()) {
                seen = ObservedLayer.INTEGRATION;
                why = "database " + db.get();
            } else if (messaging.isPresent() && s.kind() != SpanKind.SERVER) {
                seen = ObservedLayer.INTEGRATION;
                why = "messaging " + messaging.get();
            } else if (call && s.kind() != SpanKind.SERVER) {
                Optional<String> peer = s.attributes().text("peer.service");
                String host = host(s);
                if (peer.isPresent()) {
                    seen = ObservedLayer.E2E;
                    why = "calls service " + peer.get();
                } else if (!host.isEmpty() && !isLocal(host)) {
                    seen = ObservedLayer.E2E;
                    why = "calls " + host;
                } else {
                    seen = ObservedLayer.INTEGRATION;
                    why = "calls " + (host.isEmpty() ? "an unnamed local host" : host);
                }
            }
            if (seen != null) {
                layer = ObservedLayer.heavier(layer, seen);
                if (evidence.size() < MAX_EVIDENCE && !evidence.contains(why)) {
                    evidence.add(why);
                }
            }
        }
        if (layer != null) {
            return new Observation(layer, evidence);
        }
        boolean instrumented = !subtree.isEmpty() || AGENT.stream().anyMatch(k -> test.resource().has(k));
        return new Observation(instrumented ? ObservedLayer.UNIT : ObservedLayer.UNKNOWN, List.of());
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

    /** The host a client span called, lower case, or empty. */
    static String host(ReceivedSpan s) {
        Optional<String> host = first(s, HOST);
        if (host.isPresent()) {
            return host.get().toLowerCase(Locale.ROOT);
        }
        Optional<String> url = first(s, URL);
        if (url.isPresent()) {
            try {
                String h = URI.create(url.get()).getHost();
                return h == null ? "" : h.toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return "";
    }

    /** Whether a host is this machine or a container it runs: loopback, or the names Docker and Testcontainers give it. */
    static boolean isLocal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.equals("0.0.0.0") || h.equals("host.docker.internal")
                || h.equals("host.testcontainers.internal");
    }
}
