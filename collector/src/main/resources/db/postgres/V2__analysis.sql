-- Reads for analysis, and what analysis keeps.
-- final_duration_seconds: the final attempt's duration (duration_seconds is the cost of all attempts). Rows
-- written before V2 have NULL here; readers fall back to duration_seconds when the result had one attempt.
ALTER TABLE test_results ADD COLUMN final_duration_seconds double precision;

-- Component listings and the analysis window select runs by component and start.
CREATE INDEX runs_component_started_idx ON runs (component, started_at);

-- The latest computed report of each component and team, as JSON text.
CREATE TABLE analysis_snapshots (
    subject_kind text NOT NULL,
    subject      text NOT NULL,
    computed_at  timestamptz NOT NULL,
    payload      text NOT NULL,
    PRIMARY KEY (subject_kind, subject)
);

-- One scorecard per subject and UTC day, for trends.
CREATE TABLE scorecard_days (
    subject_kind text NOT NULL,
    subject      text NOT NULL,
    day          date NOT NULL,
    level        text NOT NULL,
    grade        text NOT NULL,
    payload      text NOT NULL,
    PRIMARY KEY (subject_kind, subject, day)
);

CREATE TABLE quarantine (
    component      text NOT NULL,
    test_id        text NOT NULL,
    suite          text NOT NULL,
    name           text NOT NULL,
    quarantined_by text NOT NULL,
    reason         text NOT NULL,
    ticket         text NOT NULL,
    expires_at     timestamptz NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (component, test_id)
);
