-- As PostgreSQL's V11: the stack trace of a result's reported failure (NULL when the report gave none), at the end of
-- the table as the Appender's column order requires (HistoryRows.RESULT_COLUMNS), and every change of a test's
-- quarantine, kept after the quarantine itself is gone.
ALTER TABLE test_results ADD COLUMN failure_trace VARCHAR;

CREATE SEQUENCE quarantine_events_seq;
CREATE TABLE quarantine_events (
    seq        BIGINT NOT NULL DEFAULT nextval('quarantine_events_seq'),
    component  VARCHAR NOT NULL,
    test_id    VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,
    actor      VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    ticket     VARCHAR NOT NULL,
    expires_at TIMESTAMPTZ,
    happened_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX quarantine_events_test_idx ON quarantine_events (component, test_id);
