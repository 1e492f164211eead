// The four Test Health dashboards: organisation -> team -> component (-> Backstage), and the collector itself.
// Every metric name is one of the collector's catalogue (io.testhealth.collector.metrics.Metric); the collector's
// DashboardStructureTest checks that, and DashboardQueriesTest runs every query on a real Prometheus.
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { check, checks } from './checks.js';
import { POSTGRES, postgresVariable, prometheusVariable } from './datasources.js';
import { labelVariable, testHealthDashboard } from './layout.js';
import {
    backstageLink, backstageUrl, backstageVariable, bars, checkStat, checksStat, dashboardLink, gradeStat, gradeTable,
    gradeTrend, levelBars, levelStat, levelTable, linkColumn, promQuery, sqlQuery, sqlTable, stat_, stateColours, trend, LEVEL_MAPPINGS,
} from './panels.js';

export const UID = {
    overview: 'testhealth-overview', team: 'testhealth-team', component: 'testhealth-component',
    collector: 'testhealth-collector',
} as const;

const TEAM = 'team="$team"';
const NAMESPACES = 'namespace=~"$namespace"';
const COMPONENT = 'namespace="$namespace", team="$team", component="$component"';

/** Drills from a team cell to the team's dashboard. */
const toTeam = dashboardLink('Team ${__value.raw}', UID.team, { team: '${__value.raw}' });
/** Drills from a component cell to the component's dashboard (its row carries team and namespace). */
const toComponent = dashboardLink('Component ${__value.raw}', UID.component, {
    namespace: '${__data.fields.namespace}', team: '${__data.fields.team}', component: '${__value.raw}',
});
/** From a team cell to the team's page in Backstage. */
const toBackstageTeam = backstageLink('Backstage: team ${__value.raw}', 'default', 'group', '${__value.raw}');
/** From a component cell to the component's page in Backstage (its row carries the namespace). */
const toBackstageComponent = backstageLink('Backstage: component ${__value.raw}', '${__data.fields.namespace}',
    'component', '${__value.raw}');

export function overview(): dashboard.Dashboard {
    return testHealthDashboard(UID.overview, 'Test Health / Organisation',
        'Every team\'s scorecard: ranked by grade, and how it moves. Click a team or a component to open its dashboard '
        + 'or its Backstage page.',
        [prometheusVariable(), labelVariable('namespace', 'Namespace', 'testhealth_component_tests', true),
            backstageVariable()], [
            {
                row: 'Ranking', panels: [
                    linkColumn(gradeTable('Teams by grade', 'Each team\'s grade, best first.',
                        'sort_desc(testhealth_team_grade)', { w: 8, h: 9 }), 'team', [toTeam, toBackstageTeam]),
                    linkColumn(linkColumn(gradeTable('Components by grade', 'Every component\'s grade, best first.',
                        `sort_desc(testhealth_component_grade{${NAMESPACES}})`, { w: 8, h: 9 }), 'component',
                    [toComponent, toBackstageComponent]), 'team', [toTeam, toBackstageTeam]),
                    levelBars('Team levels', 'The level each team reaches: below Bronze, Bronze, Silver or Gold.',
                        'testhealth_team_level', '{{team}}', { w: 8, h: 9 }),
                ],
            },
            {
                row: 'Trends', panels: [
                    gradeTrend('Grade per team', 'Grade over time (Prometheus\' retention; older: the team dashboard\'s '
                        + 'history from the daily scorecards).', [promQuery('testhealth_team_grade', '{{team}}')],
                    { w: 12, h: 8 }),
                    trend('Flaky test ratio per team', 'Share of the tests that ran that are flaky.',
                        [promQuery('testhealth_team_flaky_test_ratio', '{{team}}')], 'percentunit', { w: 12, h: 8 }),
                    trend('Job pass rate per team', 'Share of job runs without a failed test (incidents left out).',
                        [promQuery('testhealth_team_pass_rate', '{{team}}')], 'percentunit', { w: 12, h: 8 }),
                    trend('CI time lost to flakes per team', 'Failed attempts of flaky runs in the window.',
                        [promQuery('testhealth_team_time_lost_to_flakes_seconds', '{{team}}')], 's', { w: 12, h: 8 }),
                ],
            },
            {
                row: 'Size', panels: [
                    bars('Tests per team', 'Tests that ran in the window.', 'testhealth_team_tests', '{{team}}', 'short',
                        { w: 12, h: 7 }),
                    bars('Quarantined tests per team', 'Tests quarantined now.', 'testhealth_team_quarantined_tests',
                        '{{team}}', 'short', { w: 12, h: 7 }),
                ],
            },
        ]);
}

/** The grade and level of a subject, day by day, from the daily scorecards: older than Prometheus keeps. */
function historySql(kind: 'team' | 'component', value: 'grade_value' | 'level_value', where: string): string {
    return `SELECT day_start AS "time", ${value} AS "${value === 'grade_value' ? 'grade' : 'level'}"
FROM testhealth_scorecard_history
WHERE subject_kind = '${kind}' AND ${where} AND $__timeFilter(day_start)
ORDER BY day_start`;
}

export function team(): dashboard.Dashboard {
    const components = `${TEAM}, ${NAMESPACES}`;
    const backstage = new dashboard.DashboardLinkBuilder('Backstage: ${team}').type(dashboard.DashboardLinkType.Link)
        .url(backstageUrl('default', 'group', '${team}')).targetBlank(true).icon('external link')
        .tooltip('The team\'s page in Backstage').includeVars(false).keepTime(false).asDropdown(false).tags([]);
    return testHealthDashboard(UID.team, 'Test Health / Team',
        'One team: its scorecard and checks, its components (click one to open it or its Backstage page), flakiness, '
        + 'pyramid and time. The Backstage link opens the team\'s catalog page.',
        [prometheusVariable(), postgresVariable(), labelVariable('team', 'Team', 'testhealth_team_tests'),
            labelVariable('namespace', 'Namespace', 'testhealth_component_tests{team="$team"}', true),
            backstageVariable()], [
            {
                row: 'Scorecard', panels: [
                    gradeStat('Grade', `testhealth_team_grade{${TEAM}}`, { w: 4, h: 4 }),
                    levelStat('Level', `testhealth_team_level{${TEAM}}`, { w: 4, h: 4 }),
                    checkStat(check('flaky-test-ratio'), 'Share of the team\'s tests that are flaky.',
                        `testhealth_team_flaky_test_ratio{${TEAM}}`, { w: 4, h: 4 }),
                    checkStat(check('flaky-run-rate'), 'Share of job runs with a flaky test run.',
                        `testhealth_team_flaky_run_rate{${TEAM}}`, { w: 4, h: 4 }),
                    checkStat(check('default-branch-pass-rate'), 'Share of default-branch job runs without a failed test.',
                        `testhealth_team_default_branch_pass_rate{${TEAM}}`, { w: 4, h: 4 }),
                    stat_('Quarantined tests', 'Tests quarantined now.', `testhealth_team_quarantined_tests{${TEAM}}`,
                        'short', { w: 4, h: 4 }),
                ],
            },
            {
                row: 'Checks', panels: [
                    checksStat('Checks', `testhealth_team_check_value{${TEAM}}`, checks(), { w: 12, h: 10 }),
                    levelBars('Check levels', 'The level each check reaches.', `testhealth_team_check_level{${TEAM}}`,
                        '{{check}}', { w: 12, h: 10 }),
                ],
            },
            {
                row: 'Components', panels: [
                    linkColumn(gradeTable('Components by grade', 'The team\'s components, best first. Click one to open it.',
                        `sort_desc(testhealth_component_grade{${components}})`, { w: 12, h: 8 }), 'component',
                    [toComponent, toBackstageComponent]),
                    linkColumn(levelTable('Component levels', 'The level each component reaches.',
                        `testhealth_component_level{${components}}`, { w: 12, h: 8 }), 'component',
                    [toComponent, toBackstageComponent]),
                ],
            },
            {
                row: 'Flakiness', panels: [
                    trend('Flaky test ratio per component', 'Share of the tests that ran that are flaky.',
                        [promQuery(`testhealth_component_flaky_test_ratio{${components}}`, '{{component}}')], 'percentunit',
                        { w: 8, h: 8 }),
                    trend('Pipelines broken by flakes', 'Share of pipelines broken only by flaky tests, per component.',
                        [promQuery(`testhealth_component_pipelines_broken_by_flakes_ratio{${components}}`, '{{component}}')],
                        'percentunit', { w: 8, h: 8 }),
                    trend('CI time lost to flakes per component', 'Failed attempts of flaky runs in the window.',
                        [promQuery(`testhealth_component_time_lost_to_flakes_seconds{${components}}`, '{{component}}')], 's',
                        { w: 8, h: 8 }),
                ],
            },
            {
                row: 'Pyramid', panels: [
                    bars('Pyramid: share of tests', 'Unit, integration, E2E and unknown, over all the team\'s tests.',
                        `testhealth_team_pyramid_share{${TEAM}}`, '{{layer}}', 'percentunit', { w: 8, h: 8 }),
                    checkStat(check('pyramid-top-heaviness'), 'How far the pyramid leans to its top against the '
                        + 'profile (lower is better).', `testhealth_team_pyramid_top_heaviness{${TEAM}}`, { w: 8, h: 8 }),
                    stateColours(bars('Tests by state', 'The team\'s tests in each verdict state.',
                        `testhealth_team_tests_by_state{${TEAM}}`, '{{state}}', 'short', { w: 8, h: 8 })),
                ],
            },
            {
                row: 'Time', panels: [
                    checkStat(check('pr-feedback-time').scaled(60, 's'), 'p95 wall time of pipelines on other branches '
                        + 'than the default.', `testhealth_team_pr_pipeline_wall_seconds{${TEAM}, quantile="0.95"}`,
                    { w: 6, h: 8 }),
                    trend('PR pipeline wall time', 'p50 and p95 of pipelines on other branches than the default.',
                        [promQuery(`testhealth_team_pr_pipeline_wall_seconds{${TEAM}}`, 'p{{quantile}}')], 's',
                        { w: 18, h: 8 }),
                ],
            },
            {
                row: 'History (PostgreSQL: the daily scorecards)', panels: [
                    gradeTrend('Grade, day by day', 'One point per day from the daily scorecards (view '
                        + 'testhealth_scorecard_history): trends older than Prometheus keeps.',
                    [sqlQuery(historySql('team', 'grade_value', `name = '$team'`), 'time_series')], { w: 12, h: 8 })
                        .datasource(POSTGRES),
                    trend('Level, day by day', 'One point per day from the daily scorecards.',
                        [sqlQuery(historySql('team', 'level_value', `name = '$team'`), 'time_series')], 'none', { w: 12, h: 8 })
                        .datasource(POSTGRES)
                        .mappings(LEVEL_MAPPINGS).min(0).max(3).decimals(0),
                ],
            },
        ], [backstage]);
}

const SQL_COMPONENT = `namespace = '$namespace' AND component = '$component'`;

const FLAKIEST = `SELECT suite, test, state, flakiness_score, flaky_runs, runs, pipelines_broken_alone, time_lost_seconds,
  quarantined, owner
FROM testhealth_report_tests
WHERE ${SQL_COMPONENT} AND state IN ('flaky', 'broken')
ORDER BY impact_rank
LIMIT 25`;

const SLOWEST = `SELECT suite, test, layer, p50_seconds, p95_seconds, footprint_seconds, runs
FROM testhealth_report_tests
WHERE ${SQL_COMPONENT} AND p95_seconds IS NOT NULL
ORDER BY p95_seconds DESC
LIMIT 25`;

export function component(): dashboard.Dashboard {
    const backstage = new dashboard.DashboardLinkBuilder('Backstage: ${component}').type(dashboard.DashboardLinkType.Link)
        .url(backstageUrl('${namespace}', 'component', '${component}')).targetBlank(true).icon('external link')
        .tooltip('The component\'s page in Backstage').includeVars(false).keepTime(false).asDropdown(false).tags([]);
    return testHealthDashboard(UID.component, 'Test Health / Component',
        'One component: its scorecard and checks, pyramid over time, wall times, its flakiest and slowest tests, and its '
        + 'history. The Backstage link opens its catalog page.',
        [prometheusVariable(), postgresVariable(), labelVariable('namespace', 'Namespace', 'testhealth_component_tests'),
            labelVariable('team', 'Team', 'testhealth_component_tests{namespace="$namespace"}'),
            labelVariable('component', 'Component', 'testhealth_component_tests{namespace="$namespace", team="$team"}'),
            backstageVariable()], [
            {
                row: 'Scorecard', panels: [
                    gradeStat('Grade', `testhealth_component_grade{${COMPONENT}}`, { w: 4, h: 4 }),
                    levelStat('Level', `testhealth_component_level{${COMPONENT}}`, { w: 4, h: 4 }),
                    checkStat(check('flaky-test-ratio'), 'Share of the tests that ran that are flaky.',
                        `testhealth_component_flaky_test_ratio{${COMPONENT}}`, { w: 4, h: 4 }),
                    checkStat(check('flaky-run-rate'), 'Share of job runs with a flaky test run.',
                        `testhealth_component_flaky_run_rate{${COMPONENT}}`, { w: 4, h: 4 }),
                    stat_('Tests', 'Tests that ran in the window.', `testhealth_component_tests{${COMPONENT}}`, 'short',
                        { w: 4, h: 4 }),
                    stat_('Job runs', 'Job runs in the window, incidents left out.',
                        `testhealth_component_job_runs{${COMPONENT}}`, 'short', { w: 4, h: 4 }),
                ],
            },
            {
                row: 'Checks', panels: [
                    checksStat('Checks', `testhealth_component_check_value{${COMPONENT}}`, checks(), { w: 12, h: 10 }),
                    levelBars('Check levels', 'The level each check reaches.',
                        `testhealth_component_check_level{${COMPONENT}}`, '{{check}}', { w: 12, h: 10 }),
                ],
            },
            {
                row: 'Pyramid', panels: [
                    trend('Pyramid: share of tests over time', 'Unit, integration, E2E and unknown.',
                        [promQuery(`testhealth_component_pyramid_share{${COMPONENT}}`, '{{layer}}')], 'percentunit',
                        { w: 8, h: 8 }),
                    trend('Pyramid: share of runs over time', 'Test runs per layer.',
                        [promQuery(`testhealth_component_pyramid_run_share{${COMPONENT}}`, '{{layer}}')], 'percentunit',
                        { w: 8, h: 8 }),
                    trend('Pyramid: share of time over time', 'Test time per layer.',
                        [promQuery(`testhealth_component_pyramid_time_share{${COMPONENT}}`, '{{layer}}')], 'percentunit',
                        { w: 8, h: 8 }),
                ],
            },
            {
                row: 'Time and states', panels: [
                    trend('PR pipeline wall time', 'p50 and p95 of pipelines on other branches than the default.',
                        [promQuery(`testhealth_component_pr_pipeline_wall_seconds{${COMPONENT}}`, 'p{{quantile}}')], 's',
                        { w: 8, h: 8 }),
                    trend('E2E job wall time', 'p50 and p95 of E2E job runs.',
                        [promQuery(`testhealth_component_e2e_job_wall_seconds{${COMPONENT}}`, 'p{{quantile}}')], 's',
                        { w: 8, h: 8 }),
                    stateColours(trend('Tests by state', 'Tests in each verdict state.',
                        [promQuery(`testhealth_component_tests_by_state{${COMPONENT}}`, '{{state}}')], 'short',
                        { w: 8, h: 8 })),
                ],
            },
            {
                row: 'Tests (PostgreSQL: view testhealth_report_tests)', panels: [
                    sqlTable('Flakiest tests', 'Flaky and broken tests by impact: pipelines broken alone, then time '
                        + 'lost, then score.', FLAKIEST, { w: 24, h: 10 })
                        .overrideByName('time_lost_seconds', [{ id: 'unit', value: 's' }])
                        .overrideByName('flakiness_score', [{ id: 'unit', value: 'percentunit' }])
                        .overrideByName('state', [{ id: 'mappings', value: stateMappings() }, {
                            id: 'custom.cellOptions', value: { type: 'color-text' } }]),
                    sqlTable('Slowest tests', 'Tests by p95 duration in the window.', SLOWEST, { w: 24, h: 10 })
                        .overrideByRegexp('.*_seconds', [{ id: 'unit', value: 's' }]),
                ],
            },
            {
                row: 'History (PostgreSQL: the daily scorecards)', panels: [
                    gradeTrend('Grade, day by day', 'One point per day from the daily scorecards (view '
                        + 'testhealth_scorecard_history): trends older than Prometheus keeps.',
                    [sqlQuery(historySql('component', 'grade_value', SQL_COMPONENT.replace('component =', 'name =')),
                        'time_series')], { w: 12, h: 8 })
                        .datasource(POSTGRES),
                    trend('Level, day by day', 'One point per day from the daily scorecards.',
                        [sqlQuery(historySql('component', 'level_value', SQL_COMPONENT.replace('component =', 'name =')),
                            'time_series')], 'none', { w: 12, h: 8 })
                        .datasource(POSTGRES)
                        .mappings(LEVEL_MAPPINGS).min(0).max(3).decimals(0),
                ],
            },
        ], [backstage]);
}

/** The verdict states in their colours, for SQL text columns. */
function stateMappings(): dashboard.ValueMapping[] {
    return [{
        type: dashboard.MappingType.ValueToText,
        options: { flaky: { color: 'orange', index: 0 }, broken: { color: 'red', index: 1 } },
    }];
}

export function collector(): dashboard.Dashboard {
    const quantile = (q: number) =>
        `histogram_quantile(${q}, sum by (le) (rate(testhealth_ingest_seconds_bucket[$__rate_interval])))`;
    return testHealthDashboard(UID.collector, 'Test Health / Collector',
        'The collector itself: uploads, rejects, ingest latency, failing analyses and report freshness.',
        [prometheusVariable()], [
            {
                row: 'Uploads', panels: [
                    trend('Uploads by outcome', 'Uploads per second: stored, duplicate, rejected.',
                        [promQuery('sum by (outcome) (rate(testhealth_uploads_total[$__rate_interval]))', '{{outcome}}')],
                        'reqps', { w: 12, h: 8 }),
                    trend('Rejected uploads by reason', 'Refusals per second, by the API\'s error code.',
                        [promQuery('sum by (reason) (rate(testhealth_uploads_rejected_total[$__rate_interval]))',
                            '{{reason}}')], 'reqps', { w: 12, h: 8 }),
                    stat_('Uploads stored', 'Uploads stored over the dashboard\'s time range.',
                        'sum(increase(testhealth_uploads_total{outcome="stored"}[$__range]))', 'short', { w: 12, h: 4 }),
                    stat_('Uploads rejected', 'Uploads refused over the dashboard\'s time range.',
                        'sum(increase(testhealth_uploads_rejected_total[$__range]))', 'short', { w: 12, h: 4 }),
                ],
            },
            {
                row: 'Ingest', panels: [
                    trend('Test results ingested', 'Test results stored per second (retries merged).',
                        [promQuery('sum(rate(testhealth_test_results_ingested_total[$__rate_interval]))', 'results/s')],
                        'short', { w: 12, h: 8 }),
                    trend('Ingest latency', 'p50 and p95 time from reading a spooled upload to its commit.',
                        [promQuery(quantile(0.5), 'p50'), promQuery(quantile(0.95), 'p95')], 's', { w: 12, h: 8 }),
                ],
            },
            {
                row: 'Freshness', panels: [
                    stat_('Oldest report', 'Age of the oldest component report: refreshed after uploads and daily. '
                        + 'Red past two days (the alert rule "Component report stale").',
                    'time() - min(testhealth_component_report_timestamp_seconds)', 's', { w: 12, h: 4 })
                        .colorMode(common.BigValueColorMode.Background).thresholds(new dashboard.ThresholdsConfigBuilder()
                            .mode(dashboard.ThresholdsMode.Absolute)
                            .steps([{ value: null, color: 'green' }, { value: STALE_AFTER_SECONDS, color: 'red' }])),
                    stat_('Components failing analysis', 'Components whose latest analysis failed: their report is '
                        + 'the last good one (the alert rule "Analyses failing").',
                    'max(testhealth_analysis_failing_components)', 'short', { w: 12, h: 4 })
                        .colorMode(common.BigValueColorMode.Background).thresholds(new dashboard.ThresholdsConfigBuilder()
                            .mode(dashboard.ThresholdsMode.Absolute)
                            .steps([{ value: null, color: 'green' }, { value: 1, color: 'red' }])),
                ],
            },
        ]);
}

/** A report older than this is stale: reports are refreshed after every upload and at least daily. */
export const STALE_AFTER_SECONDS = 2 * 86400;

export const ALL = [overview, team, component, collector];
