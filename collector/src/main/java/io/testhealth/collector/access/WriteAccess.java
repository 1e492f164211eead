package io.testhealth.collector.access;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.ownership.GroupRef;
import io.testhealth.collector.ownership.OwnershipConfiguration;
import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.store.AccessTokenStore;
import io.testhealth.collector.store.StoredToken;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a request may go ahead, from its {@code Authorization} header, the tokens configured for each role
 * and those created through the admin API: the one place of the access rules.
 *
 * <p>Every token is known by its SHA-256 only. A presented token is hashed and looked up by its digest: how long the
 * look-up takes depends on the digest, which tells nothing about any token an attacker does not already have, so the
 * look-up needs no constant-time comparison of the tokens themselves. Tokens are never logged, and messages name a
 * token by its id.
 *
 * <p>Created when the application starts ({@link Context}), so a token that is too short stops the collector at once
 * instead of at the first CI upload, a production collector with open writes does not start, and the log says once
 * which requests are open.
 */
@Context
public final class WriteAccess {

    /** What the check found. */
    public enum Decision {
        /** The scope is open, or the request carries a token that allows it. */
        ALLOWED,
        /** The scope is locked and the request has no bearer token: 401, so the client learns it needs one. */
        NO_TOKEN,
        /** The bearer token is no token the collector knows (mistyped, revoked, never created): 401. */
        UNKNOWN_TOKEN,
        /** A known token that does not allow this request (another role, another component or team): 403. */
        NOT_PERMITTED
    }

    /** The environment in which writes must not be open even when {@code require-tokens} is not set. */
    public static final String PRODUCTION = "production";

    private static final Logger LOG = LoggerFactory.getLogger(WriteAccess.class);
    private static final String BEARER = "bearer ";

    /** Every known token by the hex SHA-256 of its text, configured and created alike. */
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final OwnershipResolver ownership;

    /**
     * @param environment  the active environments, for {@value #PRODUCTION}; {@code null} in unit tests
     * @param stored       where created tokens are kept; {@code null} when there is no store (unit tests)
     */
    @Inject
    public WriteAccess(AccessConfiguration config, @Nullable Environment environment, @Nullable AccessTokenStore stored,
                       OwnershipResolver ownership) {
        this.ownership = ownership;
        Map<TokenRole, List<String>> configured = new EnumMap<>(TokenRole.class);
        configured.put(TokenRole.UPLOAD, config.uploadTokens());
        configured.put(TokenRole.QUARANTINE, config.quarantineTokens());
        configured.put(TokenRole.READ, config.readTokens());
        configured.put(TokenRole.ADMIN, config.adminTokens());
        configured.forEach((role, entries) -> {
            String setting = settingOf(role);
            List<String> digests = AcceptedTokens.read(setting, entries).hexDigests();
            for (int i = 0; i < digests.size(); i++) {
                grants.put(digests.get(i), Grant.of(setting + "#" + (i + 1), role));
            }
        });
        if (stored != null) {
            stored.activeTokens().forEach(this::register);
        }
        boolean required = switch (config.requireTokens() == null ? "" : config.requireTokens().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "" -> environment != null && environment.getActiveNames().contains(PRODUCTION);
            default -> throw new ConfigurationException("testhealth.api.require-tokens must be true, false or empty;"
                    + " got '" + config.requireTokens() + "'");
        };
        for (WriteScope scope : List.of(WriteScope.UPLOADS, WriteScope.QUARANTINE, WriteScope.READS)) {
            if (isOpen(scope) && required && scope != WriteScope.READS) {
                throw new ConfigurationException("Refusing to start with open " + scope.action() + ": "
                        + "testhealth.api.require-tokens is on (or the " + PRODUCTION + " environment is active) and "
                        + scope.setting() + " (" + scope.environmentVariable() + ") is empty"
                        + (scope == WriteScope.QUARANTINE ? " and so is testhealth.api.admin-tokens" : "")
                        + "; set it to tokens made with `openssl rand -hex 32`");
            }
            logState(scope);
        }
    }

    /** A collector without stored tokens, catalog or environment: for unit tests and tools. */
    public WriteAccess(AccessConfiguration config) {
        this(config, null, null, new OwnershipResolver(new OwnershipConfiguration(
                null, null, null, null)));
    }

    /** Whether requests of the scope need no token. */
    public boolean isOpen(WriteScope scope) {
        if (scope.alwaysLocked()) {
            return false;
        }
        for (Grant g : grants.values()) {
            if (scope.locking().contains(g.role())) {
                return false;
            }
        }
        return true;
    }

    /** Checks a request of {@code scope} that names no component (quarantine, reads, admin, trace receivers). */
    public Decision check(WriteScope scope, @Nullable String authorization) {
        return check(scope, authorization, null, null);
    }

    /**
     * Checks a request of {@code scope} whose request carries the given {@code Authorization} header ({@code null}
     * when it has none). Credentials of another scheme than Bearer count as no token.
     *
     * @param component  the component an upload names ({@code component} parameter), or {@code null} when the
     *                   request does not name one before its body is read (spans name theirs inside): then only an
     *                   unscoped upload token allows it
     * @param uploadTeam the team the upload names, or {@code null}
     */
    public Decision check(WriteScope scope, @Nullable String authorization, @Nullable String component,
                          @Nullable String uploadTeam) {
        Optional<String> token = bearer(authorization);
        if (token.isEmpty()) {
            return isOpen(scope) ? Decision.ALLOWED : Decision.NO_TOKEN;
        }
        Grant grant = grants.get(AcceptedTokens.hexSha256(token.get()));
        if (grant == null) {
            // Where no token is needed, a token is not checked: a CI job set up with a token before the collector
            // was locked down keeps working.
            return isOpen(scope) ? Decision.ALLOWED : Decision.UNKNOWN_TOKEN;
        }
        if (!scope.accepted().contains(grant.role())) {
            return isOpen(scope) ? Decision.ALLOWED : Decision.NOT_PERMITTED;
        }
        if (grant.role() == TokenRole.UPLOAD && grant.scoped() && !covers(grant, component, uploadTeam)) {
            return Decision.NOT_PERMITTED;
        }
        return Decision.ALLOWED;
    }

    /**
     * Whether a scoped upload token may write the component: one of its components, or a component the catalog gives
     * to its team. A component the catalog does not list is refused to a team token even when the upload names the
     * team: naming a team is how an upload claims a component, so it cannot be what grants the claim.
     */
    private boolean covers(Grant grant, @Nullable String component, @Nullable String uploadTeam) {
        if (component == null) {
            return false;
        }
        if (grant.components().contains(component)) {
            return uploadTeam == null || uploadTeam.isBlank() || grant.team().isEmpty()
                    || GroupRef.normalise(uploadTeam).equals(grant.team());
        }
        if (grant.team().isEmpty()) {
            return false;
        }
        String owner = ownership.teamOf(component, "");
        boolean namesOther = uploadTeam != null && !uploadTeam.isBlank()
                && !GroupRef.normalise(uploadTeam).equals(grant.team());
        return owner.equals(grant.team()) && !namesOther;
    }

    /** Makes a created token known (at start, and when the admin API creates one). */
    void register(StoredToken token) {
        TokenRole role = TokenRole.ofWireName(token.role()).orElseThrow(() -> new IllegalStateException(
                "access token " + token.id() + " has the unknown role '" + token.role() + "'"));
        Set<String> components = new HashSet<>(token.components());
        grants.put(token.sha256(), new Grant(token.id(), role, token.team(), components));
    }

    /** Forgets a revoked token at once: its next request is refused as an unknown token. */
    void forget(String sha256) {
        grants.remove(sha256);
    }

    /** The digest of a token already known, so that a created token can never be one that already exists. */
    boolean knows(String sha256) {
        return grants.containsKey(sha256);
    }

    private static Optional<String> bearer(@Nullable String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static String settingOf(TokenRole role) {
        return switch (role) {
            case UPLOAD -> WriteScope.UPLOADS.setting();
            case QUARANTINE -> WriteScope.QUARANTINE.setting();
            case READ -> WriteScope.READS.setting();
            case ADMIN -> WriteScope.ADMIN.setting();
        };
    }

    private void logState(WriteScope scope) {
        long count = grants.values().stream().filter(g -> scope.accepted().contains(g.role())).count();
        if (isOpen(scope)) {
            LOG.warn("{} are open: they need no token because {} is empty and no token was created for them; set it"
                    + " (or {}) to require Authorization: Bearer", capitalised(scope.action()), scope.setting(),
                    scope.environmentVariable());
        } else {
            LOG.info("Bearer tokens required for {}: {} tokens accepted", scope.action(), count);
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
