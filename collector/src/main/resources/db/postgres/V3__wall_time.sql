-- When a job run finished, as its uploads say: with started_at it gives the job's wall time.
ALTER TABLE runs ADD COLUMN finished_at timestamptz;
