package io.testhealth.collector.access;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a write may go ahead, from the request's {@code Authorization} header and the tokens configured
 * for the write's scope.
 *
 * <p>Created when the application starts ({@link Context}), so a token that is too short stops the collector at
 * once instead of at the first CI upload, and the log says once which writes are open. Tokens are never logged.
 */
@Context
public final class WriteAccess {

    /** What the check found. */
    public enum Decision {
        /** No tokens are configured for the scope, or the request carries one of them. */
        ALLOWED,
        /** Tokens are configured and the request has no bearer token: 401, so the client learns it needs one. */
        NO_TOKEN,
        /** The request's bearer token is not one of the scope's: 403. */
        WRONG_TOKEN
    }

    private static final Logger LOG = LoggerFactory.getLogger(WriteAccess.class);
    private static final String BEARER = "bearer ";

    private final Map<WriteScope, AcceptedTokens> tokens = new EnumMap<>(WriteScope.class);

    public WriteAccess(AccessConfiguration config) {
        tokens.put(WriteScope.UPLOADS, AcceptedTokens.read(WriteScope.UPLOADS.setting(), config.uploadTokens()));
        tokens.put(WriteScope.QUARANTINE, AcceptedTokens.read(WriteScope.QUARANTINE.setting(), config.quarantineTokens()));
        tokens.forEach(WriteAccess::logState);
    }

    /** Whether writes of the scope need no token. */
    public boolean isOpen(WriteScope scope) {
        return tokens.get(scope).isEmpty();
    }

    /**
     * Checks a write of {@code scope} whose request carries the given {@code Authorization} header ({@code null}
     * when it has none). Credentials of another scheme than Bearer count as no token.
     */
    public Decision check(WriteScope scope, @Nullable String authorization) {
        AcceptedTokens accepted = tokens.get(scope);
        if (accepted.isEmpty()) {
            return Decision.ALLOWED;
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Decision.NO_TOKEN;
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (token.isEmpty()) {
            return Decision.NO_TOKEN;
        }
        return accepted.accepts(token) ? Decision.ALLOWED : Decision.WRONG_TOKEN;
    }

    private static void logState(WriteScope scope, AcceptedTokens accepted) {
        if (accepted.isEmpty()) {
            LOG.warn("Writes are open: {} need no token because {} is empty; set it (or {}) to require"
                    + " Authorization: Bearer", scope.action(), scope.setting(), scope.environmentVariable());
        } else {
            LOG.info("Bearer tokens required for {}: {} lists {}", scope.action(), scope.setting(), accepted.size());
        }
    }
}
