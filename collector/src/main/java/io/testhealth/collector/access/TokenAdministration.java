package io.testhealth.collector.access;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.ownership.GroupRef;
import io.testhealth.collector.store.AccessTokenStore;
import io.testhealth.collector.store.StoredToken;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates, lists and revokes tokens for the admin API: the token is made here from 32 random bytes, shown once in the
 * answer to its creation, and only its SHA-256 is kept (in the store, and in {@link WriteAccess} at once, so the token
 * works from the next request on; a revoked one is refused from the next request on).
 */
@Singleton
public final class TokenAdministration {

    /** Created tokens start with this, so a secret scanner (and a person) recognises one in a log or a commit. */
    public static final String PREFIX = "thk_";
    /** Most components one scoped token may name. */
    public static final int MAX_COMPONENTS = 500;
    /** Longest label. */
    public static final int MAX_LABEL = 200;

    /** A token as created: {@code token} is the secret, shown this once. */
    public record Issued(StoredToken stored, String token) {
    }

    /** Why a creation request was refused; the message says what to send instead. */
    public static final class InvalidTokenRequest extends RuntimeException {
        InvalidTokenRequest(String message) {
            super(message);
        }
    }

    private final AccessTokenStore store;
    private final WriteAccess access;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenAdministration(AccessTokenStore store, WriteAccess access) {
        this.store = store;
        this.access = access;
        this.clock = Clock.systemUTC();
    }

    /**
     * Creates a token.
     *
     * @param role       {@code upload}, {@code read}, {@code quarantine} or {@code admin}
     * @param team       for an upload token: the team whose catalogued components it may upload to
     * @param components for an upload token: the components it may upload to
     * @throws InvalidTokenRequest when the role is unknown, a scope is given to another role, a component reference is
     *                             malformed, or a limit is passed
     */
    public Issued create(String role, String team, List<String> components, String label) {
        TokenRole r = TokenRole.ofWireName(role).orElseThrow(() -> new InvalidTokenRequest(
                "role must be upload, read, quarantine or admin; got '" + (role == null ? "" : role) + "'"));
        List<String> given = components == null ? List.of() : components;
        String t = team == null || team.isBlank() ? "" : GroupRef.normalise(team);
        if (r != TokenRole.UPLOAD && (!t.isEmpty() || !given.isEmpty())) {
            throw new InvalidTokenRequest("only upload tokens are scoped to a team or components; a " + r.wireName()
                    + " token takes neither");
        }
        if (given.size() > MAX_COMPONENTS) {
            throw new InvalidTokenRequest("a token names at most " + MAX_COMPONENTS + " components; got " + given.size()
                    + " (scope it to their team instead)");
        }
        Set<String> refs = new LinkedHashSet<>();
        for (String c : given) {
            try {
                refs.add(ComponentRef.parse(c).toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenRequest(e.getMessage());
            }
        }
        String l = label == null ? "" : label.strip();
        if (l.length() > MAX_LABEL) {
            throw new InvalidTokenRequest("label has " + l.length() + " characters, more than " + MAX_LABEL);
        }
        String token;
        String digest;
        do {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            digest = AcceptedTokens.hexSha256(token);
        } while (access.knows(digest));
        byte[] id = new byte[8];
        random.nextBytes(id);
        StoredToken stored = new StoredToken("tok_" + HexFormat.of().formatHex(id), digest, r.wireName(), t,
                new ArrayList<>(refs), l, clock.instant());
        store.saveToken(stored);
        access.register(stored);
        return new Issued(stored, token);
    }

    /** The created tokens not revoked (configured tokens are not listed: the configuration lists them). */
    public List<StoredToken> list() {
        return store.activeTokens();
    }

    /** Revokes a created token; {@code false} when no active token has that id. */
    public boolean revoke(String id) {
        for (StoredToken t : store.activeTokens()) {
            if (t.id().equals(id)) {
                Instant now = clock.instant();
                boolean revoked = store.revokeToken(id, now);
                access.forget(t.sha256());
                return revoked;
            }
        }
        return false;
    }
}
