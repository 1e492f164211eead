#!/usr/bin/env python3
"""Writes the Test Health dashboards (testhealth/*.json) from this one source.

Why code: four dashboards share their datasources, variables and panel shapes; a helper per panel kind keeps a
change in one place. Nobody edits the JSON by hand: change this file and run `python3 dashboards/generate.py`.
Only the Python standard library is needed. The JSON in the repository is what Grafana loads and what the
collector's tests check (DashboardStructureTest, DashboardQueriesTest).
"""
import json
import pathlib

PROM = {"type": "prometheus", "uid": "testhealth-prometheus"}
PG = {"type": "grafana-postgresql-datasource", "uid": "testhealth-postgres"}
OUT = pathlib.Path(__file__).resolve().parent / "testhealth"
COMPONENT = 'component="$component"'
TEAM = 'team="$team"'


class Layout:
    """Places panels left to right on a 24-column grid, wrapping to a new row."""

    def __init__(self):
        self.x, self.y, self.row_h, self.next_id = 0, 0, 0, 1

    def place(self, panel, w, h):
        if self.x + w > 24:
            self.x, self.y, self.row_h = 0, self.y + self.row_h, 0
        panel["gridPos"] = {"x": self.x, "y": self.y, "w": w, "h": h}
        panel["id"] = self.next_id
        self.next_id += 1
        self.x += w
        self.row_h = max(self.row_h, h)
        return panel


def prom(expr, legend="", instant=False):
    target = {"datasource": PROM, "expr": expr, "legendFormat": legend, "range": not instant, "instant": instant}
    if instant:
        target["format"] = "table"
    return target


def sql(text):
    return {"datasource": PG, "format": "table", "rawQuery": True, "editorMode": "code", "rawSql": text}


def panel(kind, title, description, targets, unit=None, **options):
    for i, t in enumerate(targets):
        t["refId"] = chr(ord("A") + i)
    p = {"type": kind, "title": title, "description": description, "datasource": targets[0]["datasource"],
         "targets": targets, "fieldConfig": {"defaults": {}, "overrides": []}, "options": {}}
    if unit:
        p["fieldConfig"]["defaults"]["unit"] = unit
    p["fieldConfig"]["defaults"].update(options.pop("defaults", {}))
    p["options"].update(options)
    return p


def grade_stat(title, expr):
    """A grade as its letter: the metric is A=4 ... F=0."""
    mappings = [{"type": "value", "options": {str(v): {"text": g, "index": i}}}
                for i, (g, v) in enumerate([("A", 4), ("B", 3), ("C", 2), ("D", 1), ("F", 0)])]
    return panel("stat", title, "Scorecard grade (A best, F worst).", [prom(expr, instant=True)],
                 defaults={"mappings": mappings, "thresholds": {"mode": "absolute", "steps": [
                     {"color": "red", "value": None}, {"color": "orange", "value": 1}, {"color": "yellow", "value": 2},
                     {"color": "green", "value": 3}]}}, reduceOptions={"calcs": ["lastNotNull"]}, colorMode="background")


def level_stat(title, expr):
    mappings = [{"type": "value", "options": {str(v): {"text": l, "index": v}}}
                for v, l in enumerate(["below Bronze", "Bronze", "Silver", "Gold"])]
    return panel("stat", title, "Scorecard level: the highest level every check with data reaches.",
                 [prom(expr, instant=True)], defaults={"mappings": mappings},
                 reduceOptions={"calcs": ["lastNotNull"]})


def ratio_stat(title, description, expr):
    return panel("stat", title, description, [prom(expr, instant=True)], unit="percentunit",
                 reduceOptions={"calcs": ["lastNotNull"]})


def trend(title, description, targets, unit=None):
    return panel("timeseries", title, description, targets, unit=unit)


def table(title, description, targets, unit=None):
    return panel("table", title, description, targets, unit=unit)


def bars(title, description, targets, unit=None):
    return panel("bargauge", title, description, targets, unit=unit, orientation="horizontal",
                 reduceOptions={"calcs": ["lastNotNull"]})


def variable(name, query, label):
    return {"name": name, "label": label, "type": "query", "datasource": PROM, "definition": query,
            "query": {"query": query, "refId": name}, "refresh": 2, "sort": 1, "multi": False, "includeAll": False,
            "current": {}, "hide": 0, "options": []}


def dashboard(uid, title, description, panels, variables=()):
    layout = Layout()
    placed = [layout.place(p, w, h) for (p, w, h) in panels]
    return {"uid": uid, "title": title, "description": description, "tags": ["test-health"], "editable": True,
            "schemaVersion": 39, "version": 1, "weekStart": "monday", "timezone": "utc", "refresh": "5m",
            "time": {"from": "now-30d", "to": "now"}, "graphTooltip": 1,
            "links": [{"title": "Test Health", "type": "dashboards", "tags": ["test-health"], "asDropdown": True}],
            "templating": {"list": list(variables)}, "annotations": {"list": []}, "panels": placed}


def overview():
    return dashboard("testhealth-overview", "Test Health / Organisation",
                     "Every team's scorecard: ranked by grade, and how it moves.", [
        (table("Teams by grade", "Grade as a number (A=4 ... F=0), best first.",
               [prom("sort_desc(testhealth_team_grade)", instant=True)]), 8, 9),
        (table("Components by grade", "Every component's grade (A=4 ... F=0), best first.",
               [prom("sort_desc(testhealth_component_grade)", instant=True)]), 8, 9),
        (bars("Team levels", "0 below Bronze, 1 Bronze, 2 Silver, 3 Gold.",
              [prom("testhealth_team_level", "{{team}}")]), 8, 9),
        (trend("Grade per team", "A=4 ... F=0.", [prom("testhealth_team_grade", "{{team}}")]), 12, 8),
        (trend("Flaky test ratio per team", "Share of the tests that ran that are flaky.",
               [prom("testhealth_team_flaky_test_ratio", "{{team}}")], "percentunit"), 12, 8),
        (trend("Job pass rate per team", "Share of job runs without a failed test (incidents left out).",
               [prom("testhealth_team_pass_rate", "{{team}}")], "percentunit"), 12, 8),
        (trend("CI time lost to flakes per team", "Failed attempts of flaky runs in the window.",
               [prom("testhealth_team_time_lost_to_flakes_seconds", "{{team}}")], "s"), 12, 8),
        (bars("Tests per team", "Tests that ran in the window.", [prom("testhealth_team_tests", "{{team}}")]), 12, 7),
        (bars("Quarantined tests per team", "Tests quarantined now.",
              [prom("testhealth_team_quarantined_tests", "{{team}}")]), 12, 7),
    ])


def team():
    return dashboard("testhealth-team", "Test Health / Team",
                     "One team: its scorecard, its components, flakiness, pyramid and time.", [
        (grade_stat("Grade", f"testhealth_team_grade{{{TEAM}}}"), 4, 4),
        (level_stat("Level", f"testhealth_team_level{{{TEAM}}}"), 4, 4),
        (ratio_stat("Flaky test ratio", "Share of the team's tests that are flaky.",
                    f"testhealth_team_flaky_test_ratio{{{TEAM}}}"), 4, 4),
        (ratio_stat("Flaky run rate", "Share of job runs with a flaky test run.",
                    f"testhealth_team_flaky_run_rate{{{TEAM}}}"), 4, 4),
        (ratio_stat("Default-branch pass rate", "Share of default-branch job runs without a failed test.",
                    f"testhealth_team_default_branch_pass_rate{{{TEAM}}}"), 4, 4),
        (panel("stat", "Quarantined tests", "Tests quarantined now.",
               [prom(f"testhealth_team_quarantined_tests{{{TEAM}}}", instant=True)],
               reduceOptions={"calcs": ["lastNotNull"]}), 4, 4),
        (table("Components", "The team's components by grade (A=4 ... F=0).",
               [prom(f"sort_desc(testhealth_component_grade{{{TEAM}}})", instant=True)]), 12, 8),
        (table("Checks", "Level each check reaches: 0 below Bronze ... 3 Gold.",
               [prom(f"testhealth_team_check_level{{{TEAM}}}", instant=True)]), 12, 8),
        (trend("Flaky test ratio per component", "Share of the tests that ran that are flaky.",
               [prom(f"testhealth_component_flaky_test_ratio{{{TEAM}}}", "{{component}}")], "percentunit"), 12, 8),
        (trend("Pipelines broken by flakes", "Share of pipelines broken only by flaky tests, per component.",
               [prom(f"testhealth_component_pipelines_broken_by_flakes_ratio{{{TEAM}}}", "{{component}}")],
               "percentunit"), 12, 8),
        (bars("Pyramid: share of tests", "Unit, integration, E2E and unknown, over all the team's tests.",
              [prom(f"testhealth_team_pyramid_share{{{TEAM}}}", "{{layer}}")], "percentunit"), 8, 8),
        (trend("Pyramid top-heaviness", "How far the pyramid leans to its top against the profile (lower is better).",
               [prom(f"testhealth_team_pyramid_top_heaviness{{{TEAM}}}", "top-heaviness")]), 8, 8),
        (bars("Tests by state", "The team's tests in each verdict state.",
              [prom(f"testhealth_team_tests_by_state{{{TEAM}}}", "{{state}}")]), 8, 8),
        (trend("PR pipeline wall time", "p50 and p95 of pipelines on other branches than the default.",
               [prom(f"testhealth_team_pr_pipeline_wall_seconds{{{TEAM}}}", "p{{quantile}}")], "s"), 12, 8),
        (trend("CI time lost to flakes per component", "Failed attempts of flaky runs in the window.",
               [prom(f"testhealth_component_time_lost_to_flakes_seconds{{{TEAM}}}", "{{component}}")], "s"), 12, 8),
    ], [variable("team", "label_values(testhealth_team_tests, team)", "Team")])


FLAKIEST = """SELECT t.row->>'suite' AS suite, t.row->>'name' AS test, t.row->>'state' AS state,
  (t.row->>'flakinessScore')::float AS score, (t.row->>'flakyRuns')::int AS flaky_runs, (t.row->>'runs')::int AS runs,
  (t.row->>'pipelinesBrokenAlone')::int AS pipelines_broken, (t.row->>'timeLostSeconds')::float AS time_lost_s,
  (t.row->>'quarantined')::boolean AS quarantined, t.row->>'owner' AS owner
FROM analysis_snapshots s
CROSS JOIN LATERAL jsonb_array_elements(s.payload::jsonb->'tests') WITH ORDINALITY AS t(row, n)
WHERE s.subject_kind = 'component' AND s.payload::jsonb->>'name' = '$component'
  AND t.row->>'state' IN ('flaky', 'broken')
ORDER BY t.n
LIMIT 25"""

SLOWEST = """SELECT t.row->>'suite' AS suite, t.row->>'name' AS test, t.row->>'layer' AS layer,
  (t.row->>'p50Seconds')::float AS p50_s, (t.row->>'p95Seconds')::float AS p95_s,
  (t.row->>'footprintSeconds')::float AS footprint_s, (t.row->>'runs')::int AS runs
FROM analysis_snapshots s
CROSS JOIN LATERAL jsonb_array_elements(s.payload::jsonb->'tests') AS t(row)
WHERE s.subject_kind = 'component' AND s.payload::jsonb->>'name' = '$component'
  AND t.row->>'p95Seconds' IS NOT NULL
ORDER BY (t.row->>'p95Seconds')::float DESC
LIMIT 25"""


def component():
    return dashboard("testhealth-component", "Test Health / Component",
                     "One component: its checks, pyramid over time, wall times, and its flakiest and slowest tests.", [
        (grade_stat("Grade", f"testhealth_component_grade{{{COMPONENT}}}"), 4, 4),
        (level_stat("Level", f"testhealth_component_level{{{COMPONENT}}}"), 4, 4),
        (ratio_stat("Flaky test ratio", "Share of the tests that ran that are flaky.",
                    f"testhealth_component_flaky_test_ratio{{{COMPONENT}}}"), 4, 4),
        (ratio_stat("Job pass rate", "Share of job runs without a failed test (incidents left out).",
                    f"testhealth_component_pass_rate{{{COMPONENT}}}"), 4, 4),
        (panel("stat", "Tests", "Tests that ran in the window.",
               [prom(f"testhealth_component_tests{{{COMPONENT}}}", instant=True)],
               reduceOptions={"calcs": ["lastNotNull"]}), 4, 4),
        (panel("stat", "Job runs", "Job runs in the window, incidents left out.",
               [prom(f"testhealth_component_job_runs{{{COMPONENT}}}", instant=True)],
               reduceOptions={"calcs": ["lastNotNull"]}), 4, 4),
        (bars("Checks: level", "Level each check reaches: 0 below Bronze, 1 Bronze, 2 Silver, 3 Gold.",
              [prom(f"testhealth_component_check_level{{{COMPONENT}}}", "{{check}}")]), 12, 9),
        (table("Checks: value", "Each check's value in its unit (ratio, days or minutes; see docs/metrics.md).",
               [prom(f"testhealth_component_check_value{{{COMPONENT}}}", instant=True)]), 12, 9),
        (trend("Pyramid: share of tests over time", "Unit, integration, E2E and unknown.",
               [prom(f"testhealth_component_pyramid_share{{{COMPONENT}}}", "{{layer}}")], "percentunit"), 8, 8),
        (trend("Pyramid: share of runs over time", "Test runs per layer.",
               [prom(f"testhealth_component_pyramid_run_share{{{COMPONENT}}}", "{{layer}}")], "percentunit"), 8, 8),
        (trend("Pyramid: share of time over time", "Test time per layer.",
               [prom(f"testhealth_component_pyramid_time_share{{{COMPONENT}}}", "{{layer}}")], "percentunit"), 8, 8),
        (trend("PR pipeline wall time", "p50 and p95 of pipelines on other branches than the default.",
               [prom(f"testhealth_component_pr_pipeline_wall_seconds{{{COMPONENT}}}", "p{{quantile}}")], "s"), 8, 8),
        (trend("E2E job wall time", "p50 and p95 of E2E job runs.",
               [prom(f"testhealth_component_e2e_job_wall_seconds{{{COMPONENT}}}", "p{{quantile}}")], "s"), 8, 8),
        (trend("Tests by state", "Tests in each verdict state.",
               [prom(f"testhealth_component_tests_by_state{{{COMPONENT}}}", "{{state}}")]), 8, 8),
        (table("Flakiest tests", "Flaky and broken tests by impact: pipelines broken alone, then time lost, "
                                 "then score (PostgreSQL store).", [sql(FLAKIEST)]), 24, 10),
        (table("Slowest tests", "Tests by p95 duration in the window (PostgreSQL store).", [sql(SLOWEST)]), 24, 10),
    ], [variable("team", "label_values(testhealth_component_tests, team)", "Team"),
        variable("component", 'label_values(testhealth_component_tests{team="$team"}, component)', "Component")])


def collector():
    return dashboard("testhealth-collector", "Test Health / Collector",
                     "The collector itself: uploads, rejects, ingest latency and report freshness.", [
        (trend("Uploads by outcome", "Uploads per second: stored, duplicate, rejected.",
               [prom("sum by (outcome) (rate(testhealth_uploads_total[$__rate_interval]))", "{{outcome}}")],
               "reqps"), 12, 8),
        (trend("Rejected uploads by reason", "Refusals per second, by the API's error code.",
               [prom("sum by (reason) (rate(testhealth_uploads_rejected_total[$__rate_interval]))", "{{reason}}")],
               "reqps"), 12, 8),
        (trend("Test results ingested", "Test results stored per second (retries merged).",
               [prom("sum(rate(testhealth_test_results_ingested_total[$__rate_interval]))", "results/s")]), 12, 8),
        (trend("Ingest latency", "p50 and p95 time from reading a spooled upload to its commit.", [
            prom("histogram_quantile(0.5, sum by (le) (rate(testhealth_ingest_seconds_bucket[$__rate_interval])))", "p50"),
            prom("histogram_quantile(0.95, sum by (le) (rate(testhealth_ingest_seconds_bucket[$__rate_interval])))", "p95")],
               "s"), 12, 8),
        (panel("stat", "Uploads stored", "Uploads stored over the dashboard's time range.",
               [prom("sum(increase(testhealth_uploads_total{outcome=\"stored\"}[$__range]))", instant=True)],
               reduceOptions={"calcs": ["lastNotNull"]}), 8, 4),
        (panel("stat", "Uploads rejected", "Uploads refused over the dashboard's time range.",
               [prom("sum(increase(testhealth_uploads_rejected_total[$__range]))", instant=True)],
               reduceOptions={"calcs": ["lastNotNull"]}), 8, 4),
        (panel("stat", "Oldest report", "Age of the oldest component report: refreshed after uploads and daily.",
               [prom("time() - min(testhealth_component_report_timestamp_seconds)", instant=True)], "s",
               reduceOptions={"calcs": ["lastNotNull"]}), 8, 4),
    ])


def main():
    OUT.mkdir(exist_ok=True)
    for d in (overview(), team(), component(), collector()):
        path = OUT / (d["uid"].removeprefix("testhealth-") + ".json")
        path.write_text(json.dumps(d, indent=2) + "\n", encoding="utf-8")
        print(f"{path.relative_to(OUT.parent.parent)}: {len(d['panels'])} panels")


if __name__ == "__main__":
    main()
