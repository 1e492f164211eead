// Browser checks of an app that e2e/adopter-app.sh made with @backstage/create-app and the README's install
// steps: the collector with demo data, the app started as its README says (`yarn start`, frontend and backend)
// with the README's configuration, headless Chromium. What the pages show is compared with the collector's API.
// Usage: node e2e/adopter-browser.mjs <app folder>
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import testing from '@internal/test-health-collector-testing';

const { freePort, startDemoCollector, waitFor } = testing;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const app = path.resolve(process.argv[2]);
const jar = path.resolve(root, '..', 'collector', 'target', 'collector.jar');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = path.join(here, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
const cleanups = [];
async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`  ok   ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`  FAIL ${name}: ${e instanceof Error ? e.message : e}`);
  }
}
function equal(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function main() {
  const collector = await startDemoCollector({ jar, timeoutMs: 600000 });
  cleanups.push(collector.stop);
  const api = async p => (await fetch(`${collector.baseUrl}/api/v1${p}`)).json();

  // The README's configuration (one key for the collector, the proxy entry by alias), the ports of this run,
  // and the workspace's demo catalog: the entities the collector's demo data belongs to.
  const appPort = await freePort();
  const backendPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  fs.writeFileSync(
    path.join(app, 'app-config.local.yaml'),
    [
      'app:',
      `  baseUrl: ${appUrl}`,
      'backend:',
      `  baseUrl: ${backendUrl}`,
      '  listen:',
      `    port: ${backendPort}`,
      '  cors:',
      `    origin: ${appUrl}`,
      'testHealth:',
      '  collector:',
      `    baseUrl: &testHealthCollector ${collector.baseUrl}`,
      '    quarantineToken: adopter-e2e',
      'proxy:',
      '  endpoints:',
      '    /test-health:',
      '      target: *testHealthCollector',
      '      allowedMethods: [GET]',
      'catalog:',
      '  locations:',
      '    - type: file',
      `      target: ${path.join(root, 'packages', 'backend', 'demo-catalog.yaml')}`,
      '      rules:',
      '        - allow: [Component, Group, System]',
      '',
    ].join('\n'),
  );

  const started = Date.now();
  const out = fs.openSync(path.join(shots, 'adopter-app.log'), 'w');
  const yarn = fs.readdirSync(path.join(app, '.yarn', 'releases')).find(f => f.endsWith('.cjs'));
  const child = spawn(process.execPath, [path.join(app, '.yarn', 'releases', yarn), 'start'], {
    cwd: app,
    stdio: ['ignore', out, out],
    env: { ...process.env, BROWSER: 'none' },
    detached: true,
  });
  cleanups.push(() => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  });
  await waitFor('the backend', async () => (await fetch(`${backendUrl}/.backstage/health/v1/readiness`)).ok, 300000);
  await waitFor('the app', async () => (await fetch(appUrl)).ok, 600000);
  console.log(`adopter app up after ${Math.round((Date.now() - started) / 1000)} s`);
  await collector.settled();

  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(60000);
  page.on('pageerror', e => console.log(`  [page error, adopter app] ${e.message.slice(0, 300)}`));
  await page.goto(`${appUrl}/catalog/default/component/payments-service/tests`);
  await page.getByRole('button', { name: 'Enter' }).click();

  await check("adopter app: the Tests tab shows the API's grade and flaky count", async () => {
    const sc = await api('/components/payments/scorecard');
    await page.getByTestId('flaky-count').waitFor();
    equal(await page.getByTestId('grade').first().textContent(), sc.grade, 'grade');
    equal(await page.getByTestId('flaky-count').textContent(), String(sc.metrics.flakyTests), 'flaky count');
  });
  await page.screenshot({ path: path.join(shots, 'adopter-component-tests.png') });
  await check("adopter app: the sidebar's Test Health entry, with its icon, opens the organisation page", async () => {
    const item = page.locator('nav').getByRole('link', { name: 'Test Health', exact: true });
    if ((await item.locator('svg').count()) === 0) throw new Error('the sidebar entry has no icon');
    await item.click();
    await page.waitForURL(url => url.pathname === '/test-health');
    await page.getByTestId('org-team').first().waitFor();
    const shown = (await page.getByTestId('org-team').allTextContents()).sort();
    equal(JSON.stringify(shown), JSON.stringify((await api('/teams')).map(t => t.name).sort()), 'teams');
  });
  await page.screenshot({ path: path.join(shots, 'adopter-organisation.png') });
}

const t0 = Date.now();
try {
  await main();
} catch (e) {
  failed += 1;
  console.log(`  FAIL ${e instanceof Error ? e.stack : e}`);
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      /* ignore */
    }
  }
}
console.log(`adopter browser checks took ${Math.round((Date.now() - t0) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
