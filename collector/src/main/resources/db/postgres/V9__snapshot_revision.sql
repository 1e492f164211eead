-- Several collectors may share one PostgreSQL (collector/README.md, "Several collectors on one database"). Each
-- keeps the reports in memory; a report saved by another one is told apart by its revision, which every save of a
-- subject increments, so a read compares one number instead of the report.
ALTER TABLE analysis_snapshots ADD COLUMN revision bigint NOT NULL DEFAULT 1;
