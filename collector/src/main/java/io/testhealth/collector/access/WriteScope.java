package io.testhealth.collector.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of request that can be locked down, each with the roles whose tokens it accepts: CI jobs upload and
 * nothing else, the Backstage backend that changes quarantines never needs an upload token, and only an admin token
 * changes who has access. Reads are listed here too, though they write nothing: once read tokens exist, reads need
 * one.
 */
public enum WriteScope {

    /** {@code POST /api/v1/uploads} and the trace receivers. */
    UPLOADS("testhealth.api.upload-tokens", "TESTHEALTH_UPLOAD_TOKENS", "uploads", EnumSet.of(TokenRole.UPLOAD),
            EnumSet.of(TokenRole.UPLOAD)),
    /** {@code PUT} and {@code DELETE /api/v1/tests/{testId}/quarantine}. */
    QUARANTINE("testhealth.api.quarantine-tokens", "TESTHEALTH_QUARANTINE_TOKENS", "quarantine changes",
            EnumSet.of(TokenRole.QUARANTINE, TokenRole.ADMIN), EnumSet.of(TokenRole.QUARANTINE, TokenRole.ADMIN)),
    /** Every {@code GET} of the API under {@code /api/}; health, metrics and the OpenAPI document stay open. */
    READS("testhealth.api.read-tokens", "TESTHEALTH_READ_TOKENS", "reads",
            EnumSet.of(TokenRole.READ, TokenRole.QUARANTINE, TokenRole.ADMIN), EnumSet.of(TokenRole.READ)),
    /** {@code /api/v1/admin/**}: creating, listing and revoking tokens. Never open. */
    ADMIN("testhealth.api.admin-tokens", "TESTHEALTH_ADMIN_TOKENS", "admin requests", EnumSet.of(TokenRole.ADMIN),
            Set.of());

    private final String setting;
    private final String environmentVariable;
    private final String action;
    private final Set<TokenRole> accepted;
    private final Set<TokenRole> locking;

    WriteScope(String setting, String environmentVariable, String action, Set<TokenRole> accepted,
               Set<TokenRole> locking) {
        this.setting = setting;
        this.environmentVariable = environmentVariable;
        this.action = action;
        this.accepted = accepted;
        this.locking = locking;
    }

    /** The roles whose tokens the scope accepts. */
    public Set<TokenRole> accepted() {
        return accepted;
    }

    /**
     * The roles whose existence locks the scope down: uploads are open until an upload token exists, reads until a
     * read token does (an admin token alone does not close the reads of a dashboard); admin requests are never open.
     */
    Set<TokenRole> locking() {
        return locking;
    }

    /** Whether the scope needs a token even when no token of its locking roles exists. */
    boolean alwaysLocked() {
        return locking.isEmpty();
    }

    /** The setting that lists the scope's tokens, named in every message about them. */
    public String setting() {
        return setting;
    }

    /** The environment variable that {@code application.yml} reads the setting from. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** What the scope allows, for messages ("uploads need a token"). */
    public String action() {
        return action;
    }
}
