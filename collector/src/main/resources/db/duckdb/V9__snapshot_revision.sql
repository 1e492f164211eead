-- As PostgreSQL's V9: each save of a subject's report increments its revision. One process opens a DuckDB file, so
-- no other collector saves here; the column keeps both stores alike.
ALTER TABLE analysis_snapshots ADD COLUMN revision BIGINT DEFAULT 1;
