package io.testhealth.collector.access;

import java.util.Objects;
import java.util.Set;

/**
 * What one token allows: its role and, for an upload token, the team or components it may write.
 *
 * @param id         how messages and the token list name the token, never the token itself ({@code tok_…} for created
 *                   tokens, {@code testhealth.api.upload-tokens#2} for configured ones)
 * @param role       what it is for
 * @param team       the team (normalised group reference) whose catalogued components it may upload to, or empty
 * @param components the component references ({@code component:ns/name}) it may upload to, or empty
 */
public record Grant(String id, TokenRole role, String team, Set<String> components) {

    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        team = team == null ? "" : team;
        components = components == null ? Set.of() : Set.copyOf(components);
    }

    /** An unscoped token of the role. */
    static Grant of(String id, TokenRole role) {
        return new Grant(id, role, "", Set.of());
    }

    /** Whether the token is limited to a team or to some components. */
    public boolean scoped() {
        return !team.isEmpty() || !components.isEmpty();
    }
}
