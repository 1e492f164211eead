// Every file the generator owns, with its text: what `generate` writes and what the check compares.
import { ALL } from './dashboards.js';
import { alertRulesYaml } from './alerts.js';
import { DASHBOARDS } from './paths.js';

export interface Output { file: URL; text: string }

export function outputs(): Output[] {
    const dashboards = ALL.map(make => {
        const d = make();
        const name = (d.uid ?? '').replace(/^testhealth-/, '');
        return { file: new URL(`testhealth/${name}.json`, DASHBOARDS), text: JSON.stringify(d, null, 2) + '\n' };
    });
    return [...dashboards, { file: new URL('provisioning/alerting/testhealth.yaml', DASHBOARDS), text: alertRulesYaml() }];
}
