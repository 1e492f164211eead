package io.testhealth.collector.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One integration point: a caller and what it calls, as client spans show it.
 *
 * @param caller   the calling service ({@code service.name} of the span's resource)
 * @param kind     what is called
 * @param target   its name: a service ({@code peer.service}), a host, a database or messaging system
 * @param protocol how it is called ({@code http}, {@code grpc}, {@code postgresql}, {@code kafka}, {@code pact}...),
 *                 possibly empty
 */
public record IntegrationEdge(String caller, Kind kind, String target, String protocol) {

    /**
     * Longest caller, target, protocol or environment kept, in characters ({@link BoundedText} cuts longer ones):
     * they are part of the stored key, which an index keeps whole (PostgreSQL's B-tree refuses a key of about 2.7 kB,
     * and span attributes can be any length).
     */
    public static final int MAX_NAME_CHARS = 120;

    public IntegrationEdge {
        Objects.requireNonNull(kind, "kind");
        caller = BoundedText.cut(Objects.requireNonNull(caller, "caller"), MAX_NAME_CHARS);
        target = BoundedText.cut(Objects.requireNonNull(target, "target"), MAX_NAME_CHARS);
        protocol = protocol == null ? "" : BoundedText.cut(protocol, MAX_NAME_CHARS);
    }

    /** What the far end of an edge is. */
    public enum Kind {
        /** Another service, named by {@code peer.service} or seen by its own spans: service-to-service. */
        SERVICE,
        /** A host called over HTTP or RPC that no service name was given for. */
        HOST,
        /** A database system ({@code db.system.name}). */
        DATABASE,
        /** A messaging system ({@code messaging.system}). */
        MESSAGING;

        /** The stored and answered name: lower case. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named by {@link #id()}. */
        public static Kind parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}
