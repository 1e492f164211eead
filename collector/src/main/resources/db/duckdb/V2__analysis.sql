-- Reads for analysis, and what analysis keeps: the same logical change as db/postgres/V2__analysis.sql.
-- final_duration_seconds is added last on purpose: the Appender writes whole rows in table column order, and
-- HistoryRows.RESULT_COLUMNS ends with it too. Rows written before V2 have NULL here.
ALTER TABLE test_results ADD COLUMN final_duration_seconds DOUBLE;

CREATE INDEX runs_component_started_idx ON runs (component, started_at);

CREATE TABLE analysis_snapshots (
    subject_kind VARCHAR NOT NULL,
    subject      VARCHAR NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    payload      VARCHAR NOT NULL,
    PRIMARY KEY (subject_kind, subject)
);

CREATE TABLE scorecard_days (
    subject_kind VARCHAR NOT NULL,
    subject      VARCHAR NOT NULL,
    day          DATE NOT NULL,
    level        VARCHAR NOT NULL,
    grade        VARCHAR NOT NULL,
    payload      VARCHAR NOT NULL,
    PRIMARY KEY (subject_kind, subject, day)
);

CREATE TABLE quarantine (
    component      VARCHAR NOT NULL,
    test_id        VARCHAR NOT NULL,
    suite          VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    quarantined_by VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    ticket         VARCHAR NOT NULL,
    expires_at     TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (component, test_id)
);
