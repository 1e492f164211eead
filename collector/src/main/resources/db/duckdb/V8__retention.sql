-- Retention (issue 15): the same index as db/postgres/V8__retention.sql, on the start of each job run, through which
-- the daily pass finds the oldest runs of every component.
CREATE INDEX runs_started_idx ON runs (started_at);
