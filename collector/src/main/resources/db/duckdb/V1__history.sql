-- Test history, the same logical tables as db/postgres/V1__history.sql (JSON kept as VARCHAR text: the json
-- extension may not be installable offline).
CREATE TABLE runs (
    run_id      VARCHAR PRIMARY KEY,
    component   VARCHAR NOT NULL,
    team        VARCHAR NOT NULL,
    repository  VARCHAR NOT NULL,
    branch      VARCHAR NOT NULL,
    commit_sha  VARCHAR NOT NULL,
    pipeline    VARCHAR NOT NULL,
    job         VARCHAR NOT NULL,
    attempt     integer NOT NULL,
    environment VARCHAR NOT NULL,
    run_url     VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE uploads (
    upload_id        VARCHAR PRIMARY KEY,
    run_id           VARCHAR NOT NULL,
    component        VARCHAR NOT NULL,
    format           VARCHAR NOT NULL,
    tests            bigint NOT NULL,
    passed           bigint NOT NULL,
    failed           bigint NOT NULL,
    errors           bigint NOT NULL,
    skipped          bigint NOT NULL,
    flaky            bigint NOT NULL,
    test_results     bigint NOT NULL,
    duration_seconds DOUBLE NOT NULL,
    warnings         VARCHAR NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX uploads_run_idx ON uploads (run_id);

CREATE TABLE test_results (
    upload_id           VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL,
    component           VARCHAR NOT NULL,
    test_id             VARCHAR NOT NULL,
    suite               VARCHAR NOT NULL,
    name                VARCHAR NOT NULL,
    invocation          VARCHAR NOT NULL,
    history_id          VARCHAR NOT NULL,
    report_file         VARCHAR NOT NULL,
    outcome             VARCHAR NOT NULL,
    attempts            integer NOT NULL,
    failed_attempts     integer NOT NULL,
    duration_seconds    DOUBLE,
    started_at          TIMESTAMPTZ,
    failure_type        VARCHAR,
    failure_message     VARCHAR,
    failure_fingerprint VARCHAR,
    system_out_bytes    bigint NOT NULL,
    system_err_bytes    bigint NOT NULL,
    layer               VARCHAR,
    layer_source        VARCHAR,
    labels              VARCHAR NOT NULL
);
CREATE INDEX test_results_test_idx ON test_results (component, test_id);
CREATE INDEX test_results_run_idx ON test_results (run_id);

CREATE TABLE test_attempts (
    upload_id           VARCHAR NOT NULL,
    run_id              VARCHAR NOT NULL,
    test_id             VARCHAR NOT NULL,
    invocation          VARCHAR NOT NULL,
    attempt_no          integer NOT NULL,
    status              VARCHAR NOT NULL,
    duration_seconds    DOUBLE,
    failure_type        VARCHAR,
    failure_message     VARCHAR,
    failure_fingerprint VARCHAR
);
CREATE INDEX test_attempts_test_idx ON test_attempts (test_id);
CREATE INDEX test_attempts_upload_idx ON test_attempts (upload_id);
