-- Retention (issue 15): the daily pass deletes whole job runs that started before the cut, oldest first, a batch at
-- a time. runs_component_started_idx leads with the component, so finding the oldest runs of every component read
-- the whole table; this index finds them directly. db/duckdb/V8__retention.sql is the same.
CREATE INDEX runs_started_idx ON runs (started_at);
