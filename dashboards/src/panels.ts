// The panel shapes every Test Health dashboard shares, built with Grafana's Foundation SDK so that each option is
// checked against Grafana's own types at compile time. One helper per shape keeps a change of look in one place.
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { Check, MEDAL, medalThresholds } from './checks.js';
import { PROMETHEUS, POSTGRES, SqlQueryBuilder } from './datasources.js';

/** Colours of the scorecard levels, lowest first: the same in every panel, stat and table. */
export const LEVEL_COLOURS = MEDAL;

/** Grades as the metric carries them (A=4 ... F=0), with the colour each is shown in. */
const GRADES: ReadonlyArray<[string, number, string]> = [
    ['A', 4, 'green'], ['B', 3, 'semi-dark-green'], ['C', 2, 'yellow'], ['D', 1, 'orange'], ['F', 0, 'red'],
];

/** The grade number shown as its letter, in its colour. */
export const GRADE_MAPPINGS: dashboard.ValueMapping[] = [{
    type: dashboard.MappingType.ValueToText,
    options: Object.fromEntries(GRADES.map(([letter, value, color], index) => [String(value), { text: letter, color, index }])),
}];

/** The level number (0 below Bronze ... 3 Gold) shown as the medal's name, in its colour. */
export const LEVEL_MAPPINGS: dashboard.ValueMapping[] = [{
    type: dashboard.MappingType.ValueToText,
    options: {
        '0': { text: 'below Bronze', color: LEVEL_COLOURS.none, index: 0 },
        '1': { text: 'Bronze', color: LEVEL_COLOURS.bronze, index: 1 },
        '2': { text: 'Silver', color: LEVEL_COLOURS.silver, index: 2 },
        '3': { text: 'Gold', color: LEVEL_COLOURS.gold, index: 3 },
    },
}];

/** Colours of the verdict states of a test (series named by the `state` label). */
export const STATE_COLOURS: Record<string, string> = {
    healthy: 'green', new: 'blue', fixed: 'purple', flaky: 'orange', broken: 'red', stale: 'text',
};

/**
 * A Prometheus query: {@code range} for graphs, {@code instant} (the latest value of each series) for stats and bars,
 * {@code table} (one row per series, a column per label) for tables.
 */
export function promQuery(expr: string, legend = '', kind: 'range' | 'instant' | 'table' = 'range'): prometheus.DataqueryBuilder {
    const q = new prometheus.DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend);
    if (kind === 'range') {
        return q.range().format(prometheus.PromQueryFormat.TimeSeries);
    }
    return q.instant().format(kind === 'table' ? prometheus.PromQueryFormat.Table : prometheus.PromQueryFormat.TimeSeries);
}

/** A SQL query on the collector's read-only views (docs: collector/README.md, "Views for Grafana"). */
export function sqlQuery(text: string, format: 'table' | 'time_series' = 'table'): SqlQueryBuilder {
    return new SqlQueryBuilder(text).datasource(POSTGRES).format(format);
}

function lastValue(): common.ReduceDataOptionsBuilder {
    return new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

function fixedThresholds(color: string): dashboard.ThresholdsConfigBuilder {
    return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute)
        .steps([{ value: null, color }]);
}

/** Hides what Prometheus adds to every instant series but nobody reads: the sample time, job and instance. */
export const HIDE_SCRAPE_COLUMNS: dashboard.DataTransformerConfig = {
    id: 'organize',
    options: { excludeByName: { Time: true, job: true, instance: true, __name__: true }, renameByName: {} },
};

/** Size of a panel on the 24-column grid. */
export interface Size { w: number; h: number }

export function stat_(title: string, description: string, expr: string, unit: string, size: Size): stat.PanelBuilder {
    return new stat.PanelBuilder().title(title).description(description).datasource(PROMETHEUS)
        .withTarget(promQuery(expr, '', 'instant')).unit(unit).reduceOptions(lastValue())
        .colorMode(common.BigValueColorMode.None).graphMode(common.BigValueGraphMode.None)
        .thresholds(fixedThresholds('text')).span(size.w).height(size.h);
}

/** A grade as its letter on a background of its colour. */
export function gradeStat(title: string, expr: string, size: Size): stat.PanelBuilder {
    return stat_(title, 'Scorecard grade: A (Gold) to D (below Bronze), F when a check fails badly.', expr, 'none', size)
        .mappings(GRADE_MAPPINGS).colorMode(common.BigValueColorMode.Background);
}

/** A level as its medal's name on a background of the medal's colour. */
export function levelStat(title: string, expr: string, size: Size): stat.PanelBuilder {
    return stat_(title, 'Scorecard level: the highest level that every check with data reaches.', expr, 'none', size)
        .mappings(LEVEL_MAPPINGS).colorMode(common.BigValueColorMode.Background);
}

/** A check's value, coloured by the check's own Bronze/Silver/Gold thresholds (thresholds-v1.yml). */
export function checkStat(check: Check, description: string, expr: string, size: Size): stat.PanelBuilder {
    return stat_(check.name, `${description} Colour: the level it reaches (${check.explain()}).`, expr, check.grafanaUnit,
        size).thresholds(medalThresholds(check)).colorMode(common.BigValueColorMode.Background);
}

/**
 * Every check of a subject in one panel: each value in its unit and coloured by its own thresholds, named as in the
 * scorecard. The series are told apart by the `check` label (legend "{{check}}"), which the overrides match.
 */
export function checksStat(title: string, expr: string, checks: readonly Check[], size: Size): stat.PanelBuilder {
    let panel = stat_(title, 'Each check\'s value, coloured by the level it reaches (Bronze, Silver, Gold; red below '
        + 'Bronze). A check without data is not shown.', expr, 'none', size)
        .colorMode(common.BigValueColorMode.Background).textMode(common.BigValueTextMode.ValueAndName)
        .orientation(common.VizOrientation.Horizontal);
    panel = panel.targets([promQuery(expr, '{{check}}', 'instant')]);
    for (const check of checks) {
        panel = panel.overrideByName(check.id, [
            { id: 'displayName', value: check.name },
            { id: 'unit', value: check.grafanaUnit },
            { id: 'thresholds', value: medalThresholds(check).build() },
        ]);
    }
    return panel;
}

/** A table of instant series: the label columns and the value, without Time/job/instance. */
export function seriesTable(title: string, description: string, expr: string, unit: string, size: Size): table.PanelBuilder {
    return new table.PanelBuilder().title(title).description(description).datasource(PROMETHEUS)
        .withTarget(promQuery(expr, '', 'table')).unit(unit).withTransformation(HIDE_SCRAPE_COLUMNS)
        .thresholds(fixedThresholds('text')).span(size.w).height(size.h);
}

/** The value column of a table of series: named, and its cells in the colour of their mapping. */
function valueColumn(name: string): dashboard.DynamicConfigValue[] {
    return [{ id: 'displayName', value: name },
        { id: 'custom.cellOptions', value: { type: common.TableCellDisplayMode.ColorBackground } }];
}

/** A table of grades (A=4 ... F=0) shown as coloured letters. */
export function gradeTable(title: string, description: string, expr: string, size: Size): table.PanelBuilder {
    return seriesTable(title, description, expr, 'none', size).mappings(GRADE_MAPPINGS)
        .overrideByName('Value', valueColumn('Grade'));
}

/** A table of levels (0 ... 3) shown as coloured medal names. */
export function levelTable(title: string, description: string, expr: string, size: Size): table.PanelBuilder {
    return seriesTable(title, description, expr, 'none', size).mappings(LEVEL_MAPPINGS)
        .overrideByName('Value', valueColumn('Level'));
}

/** A table of rows from SQL. */
export function sqlTable(title: string, description: string, sql: string, size: Size): table.PanelBuilder {
    return new table.PanelBuilder().title(title).description(description).datasource(POSTGRES)
        .withTarget(sqlQuery(sql)).unit('none').thresholds(fixedThresholds('text')).span(size.w).height(size.h);
}

/** Series over time. */
export function trend(title: string, description: string, targets: cog.Builder<cog.Dataquery>[], unit: string,
                      size: Size): timeseries.PanelBuilder {
    return new timeseries.PanelBuilder().title(title).description(description).datasource(PROMETHEUS)
        .targets(targets).unit(unit).span(size.w).height(size.h)
        .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassic));
}

/** A grade over time, on a scale of letters. */
export function gradeTrend(title: string, description: string, targets: cog.Builder<cog.Dataquery>[],
                           size: Size): timeseries.PanelBuilder {
    return trend(title, description, targets, 'none', size).mappings(GRADE_MAPPINGS).min(0).max(4).decimals(0);
}

/** Horizontal bars of the latest value per series. */
export function bars(title: string, description: string, expr: string, legend: string, unit: string,
                     size: Size): bargauge.PanelBuilder {
    return new bargauge.PanelBuilder().title(title).description(description).datasource(PROMETHEUS)
        .withTarget(promQuery(expr, legend, 'instant')).unit(unit).reduceOptions(lastValue())
        .orientation(common.VizOrientation.Horizontal).displayMode(common.BarGaugeDisplayMode.Basic)
        .thresholds(fixedThresholds('blue')).span(size.w).height(size.h);
}

/** Bars of levels: each bar in its medal's colour, named Bronze/Silver/Gold. */
export function levelBars(title: string, description: string, expr: string, legend: string, size: Size): bargauge.PanelBuilder {
    return bars(title, description, expr, legend, 'none', size).mappings(LEVEL_MAPPINGS).min(0).max(3)
        .thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
            { value: null, color: LEVEL_COLOURS.none }, { value: 1, color: LEVEL_COLOURS.bronze },
            { value: 2, color: LEVEL_COLOURS.silver }, { value: 3, color: LEVEL_COLOURS.gold }]));
}

/** Series named by the test state get the state's colour, whatever panel shows them. */
export function stateColours<T extends { overrideByName(name: string, p: dashboard.DynamicConfigValue[]): T }>(panel: T): T {
    let out = panel;
    for (const [state, color] of Object.entries(STATE_COLOURS)) {
        out = out.overrideByName(state, [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }]);
    }
    return out;
}

/** A link from a cell to another Test Health dashboard, keeping the time range and the datasource. */
export function dashboardLink(title: string, uid: string, vars: Record<string, string>): Record<string, unknown> {
    const query = Object.entries(vars).map(([k, v]) => `var-${k}=${v}`).join('&');
    return { title, url: `/d/${uid}?${query}&\${datasource:queryparam}&\${__url_time_range}` };
}

/**
 * Where Backstage runs, a text box on the dashboards that link to it (default `http://localhost:3000`, Backstage's
 * own default): set it once in the provisioned JSON or per visit, and every Backstage link follows.
 */
export function backstageVariable(): dashboard.TextBoxVariableBuilder {
    return new dashboard.TextBoxVariableBuilder('backstage').label('Backstage URL').defaultValue('http://localhost:3000')
        .description('Where Backstage runs: Backstage links open <this>/catalog/<namespace>/<kind>/<name>.');
}

/**
 * An entity's page in Backstage's catalog. Teams and components are named as the collector names them: a catalog
 * entity renamed with the testhealth.io/component or testhealth.io/team annotation is not found under that name.
 */
export function backstageUrl(namespace: string, kind: 'component' | 'group', name: string): string {
    return `\${backstage}/catalog/${namespace}/${kind}/${name}`;
}

/** A link from a cell to an entity's Backstage page, in a new tab. */
export function backstageLink(title: string, namespace: string, kind: 'component' | 'group',
                              name: string): Record<string, unknown> {
    return { title, url: backstageUrl(namespace, kind, name), targetBlank: true };
}

/** Links the named column's cells (an override, so that only that column is clickable). */
export function linkColumn<T extends { overrideByName(name: string, p: dashboard.DynamicConfigValue[]): T }>(
    panel: T, column: string, links: Record<string, unknown>[]): T {
    return panel.overrideByName(column, [{ id: 'links', value: links }]);
}
