package io.testhealth.collector.api;

/**
 * The answers of a write refused for its token, as the OpenAPI document describes them, written once for every write
 * that can give them (annotation values must be constants).
 */
final class WriteErrorDocs {

    /** The security scheme's name in the OpenAPI document. */
    static final String SCHEME = "bearer";
    /** What the scheme is and when it applies. */
    static final String SCHEME_DESCRIPTION = "A token of the request's role: testhealth.api.upload-tokens (or a created"
            + " upload token, possibly scoped to a team or components) for uploads, testhealth.api.quarantine-tokens or"
            + " an admin token for quarantining and releasing tests, an admin token for /api/v1/admin. Needed only once"
            + " a token of the role exists (admin requests always); reads need a read token once read tokens exist.";
    /** No bearer token. */
    static final String UNAUTHORIZED_401 = "`unauthorized`: tokens are required for this request and it has no"
            + " `Authorization: Bearer <token>` header, or one the collector does not know (mistyped, revoked); the"
            + " message names the setting. Answered before the body is read.";
    /** A known bearer token that does not allow the request. */
    static final String FORBIDDEN_403 = "`forbidden`: the bearer token is known but does not allow this request: a token"
            + " of another role, or an upload token scoped to other components or another team.";
    /** The challenge header of a 401. */
    static final String CHALLENGE_HEADER = "`Bearer realm=\"test-health\"`";

    private WriteErrorDocs() {
    }
}
