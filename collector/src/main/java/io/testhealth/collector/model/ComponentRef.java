package io.testhealth.collector.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Backstage entity reference to the component whose tests an upload holds: {@code component:default/payments}.
 *
 * @param namespace the catalog namespace, {@code default} unless given
 * @param name      the component's name
 */
public record ComponentRef(String namespace, String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    public ComponentRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses {@code component:ns/name}, {@code ns/name} or a bare {@code name} (meaning {@code component:default/name}).
     *
     * @throws IllegalArgumentException with a message a CI user can act on when the reference is malformed
     */
    public static ComponentRef parse(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("the component parameter is required, e.g. component=payments or component=component:default/payments");
        }
        String r = ref.strip();
        int colon = r.indexOf(':');
        if (colon >= 0) {
            String kind = r.substring(0, colon);
            if (!kind.equalsIgnoreCase("component")) {
                throw new IllegalArgumentException("component must reference a Component entity, not a '" + kind + "': " + ref);
            }
            r = r.substring(colon + 1);
        }
        String ns = "default";
        int slash = r.indexOf('/');
        if (slash >= 0) {
            ns = r.substring(0, slash);
            r = r.substring(slash + 1);
        }
        if (!NAME.matcher(ns).matches() || !NAME.matcher(r).matches()) {
            throw new IllegalArgumentException("component '" + ref + "' is not a valid entity reference: names use letters, digits, '.', '_' and '-'");
        }
        return new ComponentRef(ns.toLowerCase(Locale.ROOT), r.toLowerCase(Locale.ROOT));
    }

    /** The full reference, {@code component:namespace/name}, as Backstage writes it. */
    @Override
    public String toString() {
        return "component:" + namespace + "/" + name;
    }
}
