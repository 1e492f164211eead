package io.testhealth.collector.traces;

import java.util.Locale;
import java.util.Optional;

/**
 * The layer a test's spans show it ran at, as opposed to the layer its report or upload declares.
 *
 * <p>Ordered by weight: a test that both queried a database and called a deployed service is e2e.
 */
public enum ObservedLayer {
    /** Nothing observable: no spans inside the test and no sign that I/O would have been instrumented. */
    UNKNOWN,
    /** Instrumentation was active and the test made no database, messaging, HTTP or RPC call. */
    UNIT,
    /** Database or messaging calls, or HTTP/RPC calls to this machine (local containers, stubs, the app itself). */
    INTEGRATION,
    /** Calls to other hosts, or spans of other services inside the test. */
    E2E;

    /** The label value: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layer named by {@link #id()}, if it is one. */
    public static Optional<ObservedLayer> parse(String id) {
        for (ObservedLayer l : values()) {
            if (l.id().equals(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
