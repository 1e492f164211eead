-- Raw spans of test runs (issue 12, retention from issue 15): one row per test span, holding the test span and the
-- spans below it in its trace (store.support.SpanTreeJson's compact text; times relative to start_nanos, the test
-- span's start in nanoseconds since the epoch). Written in the transaction of the upload the test span became, and
-- deleted by retention after testhealth.retention.spans-days (by started_at), never later than their job run: a
-- pass keeps spans no longer than runs, so no index on run_id is needed (each index costs every insert).
-- db/duckdb/V10__test_spans.sql is the same.
CREATE TABLE test_spans (
    component     TEXT NOT NULL,
    test_id       TEXT NOT NULL,
    upload_id     TEXT NOT NULL,
    run_id        TEXT NOT NULL,
    trace_id      TEXT NOT NULL,
    span_id       TEXT NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    start_nanos   BIGINT NOT NULL,
    span_count    INTEGER NOT NULL,
    dropped_spans INTEGER NOT NULL,
    spans         TEXT NOT NULL
);

-- A test's latest runs (GET /api/v1/tests/{testId}/spans); the oldest rows for retention.
CREATE INDEX test_spans_test_idx ON test_spans (component, test_id, started_at);
CREATE INDEX test_spans_started_idx ON test_spans (started_at);
