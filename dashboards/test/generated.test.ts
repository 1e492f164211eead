// The committed dashboards and alert rules are what the generator writes (Grafana loads the committed files, so a
// hand edit or a forgotten `npm run generate` would ship something no source describes).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { outputs } from '../src/outputs.js';

test('every committed dashboard and alert rule file is what the generator writes', () => {
    const files = outputs();
    assert.equal(files.filter(f => f.file.pathname.endsWith('.json')).length, 4, 'four dashboards');
    for (const { file, text } of files) {
        const path = fileURLToPath(file);
        let committed: string;
        try {
            committed = readFileSync(path, 'utf-8');
        } catch {
            assert.fail(`${path} is missing: run \`npm run generate\` in dashboards/ and commit it`);
        }
        assert.ok(committed === text, `${path} differs from what the generator writes: run \`npm run generate\` in `
            + 'dashboards/ and commit it');
    }
});
