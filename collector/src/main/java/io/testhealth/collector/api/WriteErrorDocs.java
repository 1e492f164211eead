package io.testhealth.collector.api;

/**
 * The answers of a write refused for its token, as the OpenAPI document describes them, written once for every write
 * that can give them (annotation values must be constants).
 */
final class WriteErrorDocs {

    /** The security scheme's name in the OpenAPI document. */
    static final String SCHEME = "bearer";
    /** What the scheme is and when it applies. */
    static final String SCHEME_DESCRIPTION = "A token of the write's list: testhealth.api.upload-tokens for uploads,"
            + " testhealth.api.quarantine-tokens for quarantining and releasing tests. Needed only when the list is"
            + " set; a collector without tokens takes writes with or without one. Reads never need one.";
    /** No bearer token. */
    static final String UNAUTHORIZED_401 = "`unauthorized`: tokens are configured for this write and the request has no"
            + " `Authorization: Bearer <token>` header; the message names the setting. Answered before the body is read.";
    /** A bearer token that is not on the list. */
    static final String FORBIDDEN_403 = "`forbidden`: the bearer token is not one of those configured for this write.";
    /** The challenge header of a 401. */
    static final String CHALLENGE_HEADER = "`Bearer realm=\"test-health\"`";

    private WriteErrorDocs() {
    }
}
