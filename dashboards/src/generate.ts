// Writes the dashboards (dashboards/testhealth/*.json) and the alert rules (dashboards/provisioning/alerting/) from
// this source: `npm run generate` in dashboards/. With --check it writes nothing and fails when a committed file
// differs from what it would write (the dashboards module runs that in `mvn -B verify`).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outputs } from './outputs.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, text } of outputs()) {
    const path = fileURLToPath(file);
    let committed: string | null = null;
    try {
        committed = readFileSync(path, 'utf-8');
    } catch {
        committed = null;
    }
    if (committed === text) {
        continue;
    }
    if (check) {
        console.error(`${path} differs from what the generator writes: run \`npm run generate\` in dashboards/ and commit`);
        stale++;
    } else {
        writeFileSync(path, text, 'utf-8');
        console.log(`wrote ${path}`);
    }
}
if (stale > 0) {
    process.exit(1);
}
