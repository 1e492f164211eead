-- Tokens created through the admin API (POST /api/v1/admin/tokens). Only the SHA-256 of a token is kept: a copy of
-- the database does not give anyone the tokens themselves. A revoked token keeps its row (revoked_at set), so the
-- list of tokens still says who had access and until when.
CREATE TABLE access_tokens (
    token_id     text PRIMARY KEY,
    token_sha256 text NOT NULL UNIQUE,
    role         text NOT NULL,
    team         text NOT NULL,
    components   text NOT NULL,
    label        text NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
