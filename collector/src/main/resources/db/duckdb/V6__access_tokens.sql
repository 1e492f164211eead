-- The same logical change as db/postgres/V6__access_tokens.sql: tokens created through the admin API, kept as their
-- SHA-256 only; a revoked token keeps its row with revoked_at set.
CREATE TABLE access_tokens (
    token_id     VARCHAR PRIMARY KEY,
    token_sha256 VARCHAR NOT NULL UNIQUE,
    role         VARCHAR NOT NULL,
    team         VARCHAR NOT NULL,
    components   VARCHAR NOT NULL,
    label        VARCHAR NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
