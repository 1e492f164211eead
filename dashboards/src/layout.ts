// What every Test Health dashboard has in common, and rows of panels per topic.
import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS } from './datasources.js';

/** A titled row and the panels under it; each row's panel widths add up to 24 per line. */
export interface Section { row: string; panels: cog.Builder<dashboard.Panel>[] }

/** A dashboard of the Test Health folder: UTC, weeks from Monday, the last 30 days, linked to its siblings. */
export function testHealthDashboard(uid: string, title: string, description: string,
                                    variables: cog.Builder<dashboard.VariableModel>[], sections: Section[],
                                    links: cog.Builder<dashboard.DashboardLink>[] = []): dashboard.Dashboard {
    let d = new dashboard.DashboardBuilder(title).uid(uid).description(description).tags(['test-health']).editable()
        .tooltip(dashboard.DashboardCursorSync.Crosshair).timezone('utc').weekStart('monday').refresh('5m')
        .time({ from: 'now-30d', to: 'now' }).version(1)
        .link(new dashboard.DashboardLinkBuilder('Test Health').type(dashboard.DashboardLinkType.Dashboards)
            .tags(['test-health']).asDropdown(true).includeVars(false).keepTime(true))
        .variables(variables);
    for (const l of links) {
        d = d.link(l);
    }
    for (const s of sections) {
        // Rows stay open: their panels follow them at the top level, as Grafana expects of an expanded row.
        d = d.withRow(new dashboard.RowBuilder(s.row).collapsed(false));
        for (const p of s.panels) {
            d = d.withPanel(p);
        }
    }
    const built = d.build();
    // Ids in reading order, refIds A, B... per panel: Grafana needs them unique (it would number them on load, but
    // then the alerting and the tests could not name a query), and stable ones keep the generated JSON stable.
    (built.panels ?? []).forEach((p, i) => {
        p.id = i + 1;
        if ('targets' in p) {
            (p.targets ?? []).forEach((t, j) => {
                (t as { refId?: string }).refId = String.fromCharCode(65 + j);
            });
        }
    });
    return built;
}

/** A query variable over a label's values in Prometheus, sorted, refreshed with the time range. */
export function labelVariable(name: string, label: string, selector: string, all = false): dashboard.QueryVariableBuilder {
    const query = `label_values(${selector}, ${name})`;
    let v = new dashboard.QueryVariableBuilder(name).label(label).datasource(PROMETHEUS)
        .query({ query, refId: name }).definition(query).refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
        .sort(dashboard.VariableSort.AlphabeticalAsc);
    if (all) {
        // "All" matches every value: the queries compare with =~.
        v = v.includeAll(true).allValue('.*');
    }
    return v;
}
