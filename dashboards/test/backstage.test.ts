// The dashboards lead back to Backstage: the organisation's team and component cells, the team dashboard's
// components and the team itself, and the component dashboard, each to the entity's catalog page under the
// `backstage` variable (a text box, so a Grafana admin sets where Backstage runs once).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Link { title?: string; url?: string }
interface Json { [key: string]: unknown }

function load(name: string): Json {
    return JSON.parse(readFileSync(new URL(`../../testhealth/${name}.json`, import.meta.url), 'utf-8')) as Json;
}

/** Every object with a `url` in the dashboard: its dashboard links and the data links of its panels. */
function links(node: unknown, out: Link[] = []): Link[] {
    if (Array.isArray(node)) {
        node.forEach(n => links(n, out));
    } else if (node && typeof node === 'object') {
        if (typeof (node as Link).url === 'string') out.push(node as Link);
        Object.values(node).forEach(n => links(n, out));
    }
    return out;
}

function backstageVariable(d: Json): Json | undefined {
    const list = ((d.templating as Json | undefined)?.list ?? []) as Json[];
    return list.find(v => v.name === 'backstage');
}

const CASES: Array<[string, string[]]> = [
    ['overview', ['${backstage}/catalog/default/group/${__value.raw}',
        '${backstage}/catalog/${__data.fields.namespace}/component/${__value.raw}']],
    ['team', ['${backstage}/catalog/default/group/${team}',
        '${backstage}/catalog/${__data.fields.namespace}/component/${__value.raw}']],
    ['component', ['${backstage}/catalog/${namespace}/component/${component}']],
];

for (const [name, expected] of CASES) {
    test(`the ${name} dashboard links to the Backstage pages of its teams and components`, () => {
        const d = load(name);
        const urls = links(d).map(l => l.url);
        for (const url of expected) {
            assert.ok(urls.includes(url), `${name}.json has no link to ${url}; it has ${urls.join(', ')}`);
        }
        const variable = backstageVariable(d);
        assert.equal(variable?.type, 'textbox', `${name}.json defines the backstage variable as a text box`);
        assert.equal(variable?.query, 'http://localhost:3000', 'Backstage\'s own default address');
    });
}
