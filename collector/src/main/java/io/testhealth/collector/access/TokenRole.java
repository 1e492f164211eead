package io.testhealth.collector.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token is for. Each role is a separate list of secrets, so a leaked CI token cannot change quarantines or
 * create tokens, and the read token of a dashboard cannot upload.
 */
public enum TokenRole {

    /** CI jobs sending reports and spans; optionally scoped to a team or to some components. */
    UPLOAD,
    /** Dashboards and the Backstage proxy reading the API, once read tokens exist. */
    READ,
    /** Quarantine changes only (the Backstage backend, after its own permission check). */
    QUARANTINE,
    /** Quarantine changes and the configuration: creating and revoking tokens. */
    ADMIN;

    /** The role's name in the admin API and the store: {@code upload}, {@code read}, {@code quarantine}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a wire name names, if any. */
    public static Optional<TokenRole> ofWireName(String name) {
        for (TokenRole r : values()) {
            if (r.wireName().equals(name == null ? "" : name.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
