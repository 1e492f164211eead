package io.testhealth.collector.access;

/**
 * The kinds of write that can be locked down, each with its own list of tokens: CI jobs upload and nothing else, and
 * the Backstage backend that changes quarantines never needs an upload token.
 */
public enum WriteScope {

    /** {@code POST /api/v1/uploads}. */
    UPLOADS("testhealth.api.upload-tokens", "TESTHEALTH_UPLOAD_TOKENS", "uploads"),
    /** {@code PUT} and {@code DELETE /api/v1/tests/{testId}/quarantine}. */
    QUARANTINE("testhealth.api.quarantine-tokens", "TESTHEALTH_QUARANTINE_TOKENS", "quarantine changes");

    private final String setting;
    private final String environmentVariable;
    private final String action;

    WriteScope(String setting, String environmentVariable, String action) {
        this.setting = setting;
        this.environmentVariable = environmentVariable;
        this.action = action;
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
