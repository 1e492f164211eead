-- The same logical change as db/postgres/V4__upload_key.sql: uploads are keyed by (component, upload_id), and keep
-- the digest of what they were sent with (NULL for rows written before V4). DuckDB cannot change a primary key in
-- place, so the table is copied into its new shape, every existing row and id kept, and its index made again.
CREATE TABLE uploads_v4 (
    upload_id        VARCHAR NOT NULL,
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
    received_at      TIMESTAMPTZ NOT NULL,
    request_digest   VARCHAR,
    PRIMARY KEY (component, upload_id)
);

INSERT INTO uploads_v4 (upload_id, run_id, component, format, tests, passed, failed, errors, skipped, flaky,
                        test_results, duration_seconds, warnings, received_at, request_digest)
SELECT upload_id, run_id, component, format, tests, passed, failed, errors, skipped, flaky, test_results,
       duration_seconds, warnings, received_at, NULL
FROM uploads;

DROP INDEX uploads_run_idx;
DROP TABLE uploads;
ALTER TABLE uploads_v4 RENAME TO uploads;
CREATE INDEX uploads_run_idx ON uploads (run_id);
