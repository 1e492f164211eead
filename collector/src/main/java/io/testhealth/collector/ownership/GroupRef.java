package io.testhealth.collector.ownership;

import java.util.Locale;

/** Backstage group references: {@code team-a}, {@code default/team-a} and {@code group:default/team-a} are one team. */
public final class GroupRef {

    private GroupRef() {
    }

    /**
     * The full reference of a group, {@code group:namespace/name}; empty for an empty or blank name.
     * References of other kinds ({@code user:jane}) are kept as written: a person can own a component.
     */
    public static String normalise(String ref) {
        if (ref == null || ref.isBlank()) {
            return "";
        }
        String r = ref.strip().toLowerCase(Locale.ROOT);
        if (r.startsWith("@")) {
            r = r.substring(1); // CODEOWNERS writes @org/team
        }
        int colon = r.indexOf(':');
        String kind = colon >= 0 ? r.substring(0, colon) : "group";
        String rest = colon >= 0 ? r.substring(colon + 1) : r;
        if (!rest.contains("/")) {
            rest = "default/" + rest;
        }
        return kind + ":" + rest;
    }

    /** The name part of a reference: {@code team-a} for {@code group:default/team-a}. */
    public static String name(String ref) {
        int slash = ref.lastIndexOf('/');
        int colon = ref.indexOf(':');
        return ref.substring(Math.max(slash, colon) + 1);
    }
}
