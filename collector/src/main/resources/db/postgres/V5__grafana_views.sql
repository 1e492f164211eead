-- Read-only views for Grafana's SQL panels (dashboards/). Their columns are a contract documented in
-- collector/README.md ("Views for Grafana"): dashboards read these, never the JSON of analysis_snapshots, whose shape
-- is the collector's own and may change with any release. db/duckdb/V5__grafana_views.sql defines the same columns.

-- One row per test of each component's latest report. impact_rank is the test's place in the report: by pipelines
-- broken alone, then CI time lost, then flakiness score (1 = most harmful).
CREATE VIEW testhealth_report_tests AS
SELECT r.report ->> 'namespace'                           AS namespace,
       r.report ->> 'name'                                AS component,
       r.report ->> 'team'                                AS team,
       r.computed_at                                      AS computed_at,
       t.position::integer                                AS impact_rank,
       t.test ->> 'testId'                                AS test_id,
       t.test ->> 'suite'                                 AS suite,
       t.test ->> 'name'                                  AS test,
       t.test ->> 'layer'                                 AS layer,
       t.test ->> 'state'                                 AS state,
       (t.test ->> 'flakinessScore')::double precision    AS flakiness_score,
       (t.test ->> 'flakyRuns')::integer                  AS flaky_runs,
       (t.test ->> 'runs')::integer                       AS runs,
       (t.test ->> 'failedRuns')::integer                 AS failed_runs,
       (t.test ->> 'pipelinesBrokenAlone')::integer       AS pipelines_broken_alone,
       (t.test ->> 'timeLostSeconds')::double precision   AS time_lost_seconds,
       (t.test ->> 'p50Seconds')::double precision        AS p50_seconds,
       (t.test ->> 'p95Seconds')::double precision        AS p95_seconds,
       (t.test ->> 'footprintSeconds')::double precision  AS footprint_seconds,
       (t.test ->> 'quarantined')::boolean                AS quarantined,
       t.test ->> 'owner'                                 AS owner
FROM (SELECT computed_at, payload::jsonb AS report FROM analysis_snapshots WHERE subject_kind = 'component') r
CROSS JOIN LATERAL jsonb_array_elements(r.report -> 'tests') WITH ORDINALITY AS t(test, position);

-- One row per subject and UTC day: the daily scorecards, kept for as long as the database, so trends reach further
-- back than Prometheus' retention. name and namespace are split from the subject's reference
-- ([kind:][namespace/]name, namespace "default" when absent), as the metrics' labels carry them.
CREATE VIEW testhealth_scorecard_history AS
SELECT subject_kind,
       subject,
       regexp_replace(subject, '^.*[:/]', '')                                   AS name,
       CASE WHEN strpos(subject, '/') > 0
            THEN regexp_replace(regexp_replace(subject, '/.*$', ''), '^.*:', '')
            ELSE 'default' END                                                  AS namespace,
       day,
       (day::timestamp AT TIME ZONE 'UTC')                                      AS day_start,
       grade,
       CASE grade WHEN 'A' THEN 4 WHEN 'B' THEN 3 WHEN 'C' THEN 2 WHEN 'D' THEN 1 WHEN 'F' THEN 0 END AS grade_value,
       level,
       CASE lower(level) WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 WHEN 'bronze' THEN 1 ELSE 0 END     AS level_value
FROM scorecard_days;
