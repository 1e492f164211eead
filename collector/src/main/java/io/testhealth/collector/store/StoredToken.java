package io.testhealth.collector.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A token created through the admin API, as the store keeps it: its SHA-256 and what it allows, never the token.
 *
 * @param id         the token's public name, shown in lists and used to revoke it
 * @param sha256     the lower-case hex SHA-256 of the token's UTF-8 bytes
 * @param role       what the token is for ({@code upload}, {@code read}, {@code admin}), as {@code access.TokenRole} names it
 * @param team       the team whose components an upload token may write, or empty
 * @param components the component references an upload token may write, or empty
 * @param label      who or what holds it, for people reading the list
 * @param createdAt  when it was created
 */
public record StoredToken(String id, String sha256, String role, String team, List<String> components, String label,
                          Instant createdAt) {
    public StoredToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        team = team == null ? "" : team;
        components = components == null ? List.of() : List.copyOf(components);
        label = label == null ? "" : label;
    }
}
