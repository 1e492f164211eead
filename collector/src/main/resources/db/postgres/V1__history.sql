-- Test history: one row per job run, per upload (the receipt), per test result and per retry attempt.
CREATE TABLE runs (
    run_id      text PRIMARY KEY,
    component   text NOT NULL,
    team        text NOT NULL,
    repository  text NOT NULL,
    branch      text NOT NULL,
    commit_sha  text NOT NULL,
    pipeline    text NOT NULL,
    job         text NOT NULL,
    attempt     integer NOT NULL,
    environment text NOT NULL,
    run_url     text NOT NULL,
    started_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE uploads (
    upload_id        text PRIMARY KEY,
    run_id           text NOT NULL,
    component        text NOT NULL,
    format           text NOT NULL,
    tests            bigint NOT NULL,
    passed           bigint NOT NULL,
    failed           bigint NOT NULL,
    errors           bigint NOT NULL,
    skipped          bigint NOT NULL,
    flaky            bigint NOT NULL,
    test_results     bigint NOT NULL,
    duration_seconds double precision NOT NULL,
    warnings         jsonb NOT NULL,
    received_at      timestamptz NOT NULL
);
CREATE INDEX uploads_run_idx ON uploads (run_id);

CREATE TABLE test_results (
    upload_id           text NOT NULL,
    run_id              text NOT NULL,
    component           text NOT NULL,
    test_id             text NOT NULL,
    suite               text NOT NULL,
    name                text NOT NULL,
    invocation          text NOT NULL,
    history_id          text NOT NULL,
    report_file         text NOT NULL,
    outcome             text NOT NULL,
    attempts            integer NOT NULL,
    failed_attempts     integer NOT NULL,
    duration_seconds    double precision,
    started_at          timestamptz,
    failure_type        text,
    failure_message     text,
    failure_fingerprint text,
    system_out_bytes    bigint NOT NULL,
    system_err_bytes    bigint NOT NULL,
    layer               text,
    layer_source        text,
    labels              jsonb NOT NULL
);
CREATE INDEX test_results_test_idx ON test_results (component, test_id);
CREATE INDEX test_results_run_idx ON test_results (run_id);

CREATE TABLE test_attempts (
    upload_id           text NOT NULL,
    run_id              text NOT NULL,
    test_id             text NOT NULL,
    invocation          text NOT NULL,
    attempt_no          integer NOT NULL,
    status              text NOT NULL,
    duration_seconds    double precision,
    failure_type        text,
    failure_message     text,
    failure_fingerprint text
);
CREATE INDEX test_attempts_test_idx ON test_attempts (test_id);
CREATE INDEX test_attempts_upload_idx ON test_attempts (upload_id);
