// Grafana alert rules for Test Health, provisioned from dashboards/provisioning/alerting/testhealth.yaml. Each rule
// is built with the SDK's alerting builders (query A on Prometheus, B its last value, C the condition), then written
// in the shape of Grafana's file provisioning. The PromQL of every rule returns a series whether or not the rule
// fires (the threshold is in C), so that the collector's DashboardQueriesTest can run it on a real Prometheus.
import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import * as expr from '@grafana/grafana-foundation-sdk/expr';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { stringify } from 'yaml';
import { STALE_AFTER_SECONDS, UID } from './dashboards.js';

/** Alert rules cannot use dashboard variables: they name the provisioned Prometheus. */
export const ALERT_PROMETHEUS_UID = 'testhealth-prometheus';
const EXPRESSIONS = { type: '__expr__', uid: '__expr__' };
export const ALERT_FOLDER = 'Test Health';
const GROUP = 'test-health';

interface RuleSpec {
    uid: string;
    title: string;
    /** PromQL: one series per subject, the number the condition compares. */
    promql: string;
    /** Grafana math on $B, the last value of A: true fires. */
    condition: string;
    forDuration: string;
    summary: string;
    description: string;
    dashboard: string;
}

export const RULES: RuleSpec[] = [
    {
        uid: 'testhealth-report-stale',
        title: 'Component report stale',
        promql: 'time() - testhealth_component_report_timestamp_seconds',
        condition: `$B > ${STALE_AFTER_SECONDS}`,
        forDuration: '30m',
        summary: 'The report of {{ $labels.namespace }}/{{ $labels.component }} is {{ humanizeDuration $values.B.Value }} old',
        description: 'Reports are refreshed after every upload and at least daily: an older one means no refresh ran '
            + '(the collector is down or its analysis fails). See the Collector dashboard.',
        dashboard: UID.collector,
    },
    {
        uid: 'testhealth-grade-dropped',
        title: 'Grade dropped',
        // Below the best grade of the last day: 0 while steady, negative after a drop (A=4 ... F=0).
        promql: 'testhealth_component_grade - max_over_time(testhealth_component_grade[1d])',
        condition: '$B < 0',
        forDuration: '0s',
        summary: 'The grade of {{ $labels.namespace }}/{{ $labels.component }} dropped by {{ $values.B.Value }} in a day',
        description: 'A lower grade than the best of the last day. The component dashboard shows which check fell.',
        dashboard: UID.component,
    },
    {
        uid: 'testhealth-uploads-rejected',
        title: 'Uploads rejected',
        // Zero when nothing was rejected: `or vector(0)` keeps a series to compare.
        promql: 'sum(increase(testhealth_uploads_rejected_total[1h])) or vector(0)',
        condition: '$B > 0',
        forDuration: '0s',
        summary: '{{ $values.B.Value }} uploads were rejected in the last hour',
        description: 'The collector refused uploads (malformed reports, too large, unknown component...): their '
            + 'results are missing. The Collector dashboard shows the reasons.',
        dashboard: UID.collector,
    },
    {
        uid: 'testhealth-analysis-failing',
        title: 'Analyses failing',
        promql: 'max(testhealth_analysis_failing_components) or vector(0)',
        condition: '$B > 0',
        forDuration: '15m',
        summary: '{{ $values.B.Value }} components keep their last good report because their analysis fails',
        description: 'The collector retries with a growing delay; its log names the component and the error.',
        dashboard: UID.collector,
    },
];

function rule(spec: RuleSpec): alerting.Rule {
    return new alerting.RuleBuilder(spec.title).uid(spec.uid).ruleGroup(GROUP).folderUID('testhealth').orgID(1)
        .condition('C').forDuration(spec.forDuration).noDataState('OK').execErrState('Error')
        .labels({ team: 'test-health' })
        .annotations({ summary: spec.summary, description: spec.description, __dashboardUid__: spec.dashboard })
        .withQuery(new alerting.QueryBuilder('A').datasourceUid(ALERT_PROMETHEUS_UID)
            .relativeTimeRange({ from: 600, to: 0 })
            .model(new prometheus.DataqueryBuilder().refId('A').expr(spec.promql).instant()))
        .withQuery(new alerting.QueryBuilder('B').datasourceUid(EXPRESSIONS.uid)
            .model(new expr.TypeReduceBuilder().refId('B').datasource(EXPRESSIONS).expression('A').reducer('last')))
        .withQuery(new alerting.QueryBuilder('C').datasourceUid(EXPRESSIONS.uid)
            .model(new expr.TypeMathBuilder().refId('C').datasource(EXPRESSIONS).expression(spec.condition)))
        .build();
}

/** Grafana's alerting file provisioning (apiVersion 1): one group in the "Test Health" folder. */
export function alertRulesYaml(): string {
    const group = new alerting.RuleGroupBuilder(GROUP).interval(60).build();
    const rules = RULES.map(rule).map(r => ({
        uid: r.uid, title: r.title, condition: r.condition,
        data: r.data.map(q => ({
            refId: q.refId, relativeTimeRange: q.relativeTimeRange ?? { from: 0, to: 0 }, datasourceUid: q.datasourceUid,
            // The model as Grafana stores it: plain JSON without the SDK's type marker.
            model: JSON.parse(JSON.stringify(q.model)),
        })),
        noDataState: r.noDataState, execErrState: r.execErrState, for: r.for, annotations: r.annotations,
        labels: r.labels, isPaused: false,
    }));
    const file = {
        apiVersion: 1,
        groups: [{ orgId: 1, name: group.title, folder: ALERT_FOLDER, interval: `${group.interval}s`, rules }],
    };
    return '# Generated by dashboards/src/alerts.ts (npm run generate): do not edit by hand.\n'
        + '# Grafana loads it from its provisioning folder (alerting/); the rules name the provisioned Prometheus.\n'
        + stringify(file, { lineWidth: 0 });
}
