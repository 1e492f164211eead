-- The stack trace of a result's reported failure, cut and redacted at ingest (NULL when the report gave none): the
-- test's page shows the latest one of each failure fingerprint.
ALTER TABLE test_results ADD COLUMN failure_trace text;

-- Every change of a test's quarantine (quarantined, changed, released), kept after the quarantine itself is gone,
-- for the test's page. seq orders the changes written at the same instant.
CREATE TABLE quarantine_events (
    seq        bigint GENERATED ALWAYS AS IDENTITY,
    component  text NOT NULL,
    test_id    text NOT NULL,
    action     text NOT NULL,
    actor      text NOT NULL,
    reason     text NOT NULL,
    ticket     text NOT NULL,
    expires_at timestamptz NULL,
    happened_at timestamptz NOT NULL
);
CREATE INDEX quarantine_events_test_idx ON quarantine_events (component, test_id);
