-- The same views as db/postgres/V5__grafana_views.sql, with the same columns (documented in collector/README.md,
-- "Views for Grafana"), in DuckDB's SQL: JSON through its json functions, tests numbered by their array index.

CREATE VIEW testhealth_report_tests AS
SELECT json_extract_string(r.report, '$.namespace')                          AS namespace,
       json_extract_string(r.report, '$.name')                               AS component,
       json_extract_string(r.report, '$.team')                               AS team,
       r.computed_at                                                         AS computed_at,
       CAST(i.n + 1 AS INTEGER)                                              AS impact_rank,
       json_extract_string(r.report, '$.tests[' || i.n || '].testId')        AS test_id,
       json_extract_string(r.report, '$.tests[' || i.n || '].suite')         AS suite,
       json_extract_string(r.report, '$.tests[' || i.n || '].name')          AS test,
       json_extract_string(r.report, '$.tests[' || i.n || '].layer')         AS layer,
       json_extract_string(r.report, '$.tests[' || i.n || '].state')         AS state,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].flakinessScore') AS DOUBLE)       AS flakiness_score,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].flakyRuns') AS INTEGER)           AS flaky_runs,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].runs') AS INTEGER)                AS runs,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].failedRuns') AS INTEGER)          AS failed_runs,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].pipelinesBrokenAlone') AS INTEGER) AS pipelines_broken_alone,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].timeLostSeconds') AS DOUBLE)      AS time_lost_seconds,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].p50Seconds') AS DOUBLE)           AS p50_seconds,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].p95Seconds') AS DOUBLE)           AS p95_seconds,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].footprintSeconds') AS DOUBLE)     AS footprint_seconds,
       CAST(json_extract_string(r.report, '$.tests[' || i.n || '].quarantined') AS BOOLEAN)         AS quarantined,
       json_extract_string(r.report, '$.tests[' || i.n || '].owner')         AS owner
FROM (SELECT computed_at, CAST(payload AS JSON) AS report FROM analysis_snapshots WHERE subject_kind = 'component') r,
     range(CAST(json_array_length(r.report, '$.tests') AS BIGINT)) AS i(n);

CREATE VIEW testhealth_scorecard_history AS
SELECT subject_kind,
       subject,
       regexp_replace(subject, '^.*[:/]', '')                                   AS name,
       CASE WHEN strpos(subject, '/') > 0
            THEN regexp_replace(regexp_replace(subject, '/.*$', ''), '^.*:', '')
            ELSE 'default' END                                                  AS namespace,
       day,
       CAST(day AS TIMESTAMP)                                                   AS day_start,
       grade,
       CASE grade WHEN 'A' THEN 4 WHEN 'B' THEN 3 WHEN 'C' THEN 2 WHEN 'D' THEN 1 WHEN 'F' THEN 0 END AS grade_value,
       level,
       CASE lower(level) WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 WHEN 'bronze' THEN 1 ELSE 0 END     AS level_value
FROM scorecard_days;
