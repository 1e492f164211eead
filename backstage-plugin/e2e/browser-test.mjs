// Browser test: the collector with demo data, the workspace's Backstage backend (catalog, proxy,
// guest auth; packages/backend), the plugin's dev app, headless Chromium. Checks that what the
// pages show equals what the collector's API returns, quarantines a test from the UI once, and
// writes screenshots to e2e/screenshots/. A second part opens packages/app-next, an app of the
// new frontend system with the catalog plugin and the plugin's /alpha extensions, against the
// same collector and backend.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import testing from '@internal/test-health-collector-testing';
import { catalogEntities, guestToken, startBackend } from './backend.mjs';

const { freePort, startDemoCollector, waitFor } = testing;

// Chromium comes from the system's packages (root installs it): without it, skip with one line, or fail in CI.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  const why = `${chromiumPath} is missing: install Chromium as root (\`apt-get install chromium\` on Debian, as .ci/run does) or set CHROMIUM_PATH to run it`;
  if (process.env.CI === 'true') {
    console.log(`browser test cannot run: ${why} (CI=true, so a missing prerequisite fails)`);
    process.exit(1);
  }
  console.log(`SKIPPED browser test: ${why}`);
  process.exit(0);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const jar = path.resolve(root, '..', 'collector', 'target', 'collector.jar');
const shots = path.join(here, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

// No Grafana runs here: the link is checked, not followed.
const GRAFANA_URL = 'http://grafana.example:3000';
let passed = 0;
let failed = 0;
const failures = [];
async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`  ok   ${name}`);
  } catch (e) {
    failed += 1;
    failures.push(name);
    console.log(`  FAIL ${name}: ${e instanceof Error ? e.message : e}`);
  }
}
function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: page shows ${JSON.stringify(actual)}, API says ${JSON.stringify(expected)}`);
  }
}

// Right after a quarantine the collector recomputes its reports for a few seconds: a check that
// compares the page with the API is retried (fresh API answer, reloaded page) until a deadline.
async function eventually(fn, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}

// A Backstage page scrolls inside its own container, not the window, so a `fullPage` screenshot
// would stop at the viewport: grow the viewport to the tallest scrolling content first.
async function screenshot(page, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('body, body *'), e => e.scrollHeight)),
  );
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 8000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
  await page.setViewportSize(viewport);
}

// One part of a page, e.g. a card: with the viewport grown as above, so the part is not cut at the scroll container.
async function elementScreenshot(page, testId, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('body, body *'), e => e.scrollHeight)),
  );
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 8000) });
  await page.waitForTimeout(300);
  await page.getByTestId(testId).screenshot({ path: path.join(shots, name) });
  await page.setViewportSize(viewport);
}

const cleanups = [];
let currentPage;
// The sidebar (nav) entry named `text`: a link with an icon (an <svg>) that leads to `pathname`.
async function checkSidebarEntry(page, text, pathname) {
  const item = page.locator('nav').getByRole('link', { name: text, exact: true });
  await item.waitFor();
  equal(new URL(await item.getAttribute('href'), page.url()).pathname, pathname, `${text} sidebar link`);
  if ((await item.locator('svg').count()) === 0) throw new Error(`the ${text} sidebar entry has no icon`);
  await item.click();
  await page.waitForURL(url => url.pathname === pathname);
}

async function main() {
  // The collector locks quarantines with a token that only the backend's test-health plugin has.
  const quarantineToken = `e2e-${crypto.randomUUID()}`;
  const collector = await startDemoCollector({
    jar,
    // Staging is observed: the demo's staging spans put untested integration points on the map.
    properties: {
      'testhealth.api.quarantine-tokens': quarantineToken,
      'testhealth.traces.observed-environments': 'staging',
    },
    // Loading the demo history takes 1–2 min on a quiet machine, several on a busy one.
    timeoutMs: 600000,
  });
  cleanups.push(collector.stop);
  console.log(`collector ${collector.baseUrl}`);
  const api = async p => {
    const res = await fetch(`${collector.baseUrl}/api/v1${p}`);
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    return res.json();
  };

  // The workspace's app-config.yaml with the ports of this run; the proxy endpoint points at
  // this collector.
  const backendPort = await freePort();
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const appNextPort = await freePort();
  const appNextUrl = `http://localhost:${appNextPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const config = path.join(shots, 'app-config.e2e.yaml');
  fs.writeFileSync(
    config,
    [
      'app:',
      `  baseUrl: ${appUrl}`,
      'backend:',
      `  baseUrl: ${backendUrl}`,
      '  listen:',
      `    port: ${backendPort}`,
      '  cors:',
      `    origin: [${appUrl}, ${appNextUrl}]`,
      'proxy:',
      '  endpoints:',
      '    /test-health:',
      `      target: ${collector.baseUrl}`,
      'testHealth:',
      '  collector:',
      `    baseUrl: ${collector.baseUrl}`,
      `    quarantineToken: ${quarantineToken}`,
      '  grafana:',
      `    baseUrl: ${GRAFANA_URL}`,
      '',
    ].join('\n'),
  );
  const configs = [path.join(root, 'app-config.yaml'), config];
  const appNextConfig = path.join(shots, 'app-config.app-next.e2e.yaml');
  fs.writeFileSync(appNextConfig, ['app:', `  baseUrl: ${appNextUrl}`, ''].join('\n'));

  // `backstage-cli package start` of a frontend package, its output in e2e/screenshots/<log>.
  const startDevServer = (dir, log, extraConfigs = []) => {
    const out = fs.openSync(path.join(shots, log), 'w');
    const child = spawn(
      path.join(root, 'node_modules', '.bin', 'backstage-cli'),
      ['package', 'start', ...[...configs, ...extraConfigs].flatMap(c => ['--config', c])],
      { cwd: dir, stdio: ['ignore', out, out], env: { ...process.env, BROWSER: 'none' }, detached: true },
    );
    cleanups.push(() => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    });
  };

  // The dev app's bundle takes longest: start it first, the backend meanwhile.
  const started = Date.now();
  startDevServer(path.join(root, 'plugins', 'test-health'), 'dev-app.log');
  const backend = await startBackend({
    root,
    configs,
    baseUrl: backendUrl,
    log: path.join(shots, 'backend.log'),
    entities: 10,
  });
  cleanups.push(backend.stop);
  console.log(
    `backend ${backendUrl} ready after ${(backend.readyAfterMs / 1000).toFixed(1)} s, ` +
      `its catalog after ${(backend.catalogAfterMs / 1000).toFixed(1)} s`,
  );
  const catalog = async (...filters) => catalogEntities(backendUrl, await guestToken(backendUrl), ...filters);

  await collector.settled();
  console.log(`collector demo loaded after ${Math.round((Date.now() - started) / 1000)} s`);

  // Tech Insights in the backend, with this workspace's fact retriever (every 10 s).
  await check("Tech Insights holds the collector's grade of each catalog component", () =>
    eventually(async () => {
      const token = await guestToken(backendUrl);
      for (const entity of await catalog('kind=component')) {
        const ref = `component:default/${entity.metadata.name}`;
        const res = await fetch(
          `${backendUrl}/api/tech-insights/facts/latest?entity=${encodeURIComponent(ref)}&ids[]=testHealthFactRetriever`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        if (!res.ok) throw new Error(`tech-insights facts of ${ref}: HTTP ${res.status}`);
        const facts = (await res.json()).testHealthFactRetriever?.facts;
        const name = entity.metadata.annotations?.['testhealth.io/component'] ?? entity.metadata.name;
        const scorecard = await fetch(`${collector.baseUrl}/api/v1/components/${name}/scorecard`);
        if (scorecard.status === 404) {
          equal(facts, undefined, `facts of ${ref}, unknown to the collector`);
        } else {
          equal(facts?.grade, (await scorecard.json()).grade, `Tech Insights grade of ${ref}`);
        }
      }
    }, 60000),
  );

  await waitFor('the dev app', async () => (await fetch(appUrl)).ok, 300000);
  console.log(`dev app ${appUrl} up after ${Math.round((Date.now() - started) / 1000)} s`);
  // The new-frontend-system app compiles while the dev app is tested (two bundles at once would
  // slow both on a small machine).
  const appNextStarted = Date.now();
  startDevServer(path.join(root, 'packages', 'app-next'), 'app-next.log', [appNextConfig]);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(60000);
  currentPage = page;
  page.on('console', m => { if (m.type() === 'error') console.log(`  [browser] ${m.text().slice(0, 300)}`); });
  page.on('pageerror', e => console.log(`  [page error] ${e.message.slice(0, 300)}`));

  // A component's tab and card.
  const scorecard = await api('/components/payments/scorecard');
  const flaky = await api('/components/payments/tests?state=flaky&sort=impact&limit=50');
  await page.goto(`${appUrl}/catalog/default/component/payments-service`);
  // The dev app asks for a sign-in method first: enter as guest. The backend's guest provider
  // issues a Backstage token; were it missing, the app would offer the legacy guest without a
  // token in a confirm dialog, which we decline (the catalog and the proxy would answer 401).
  let legacyGuestOffered = false;
  page.once('dialog', d => {
    legacyGuestOffered = true;
    d.dismiss();
  });
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByTestId('summary').waitFor();
  await check('component tab shows the grade of the API', async () => {
    const grades = await page.getByTestId('grade').allTextContents();
    equal(grades[0], scorecard.grade, 'card grade');
    equal(grades[1], scorecard.grade, 'tab grade');
  });
  await check('component tab shows the number of flaky tests of the API', async () => {
    equal(await page.getByTestId('flaky-count').textContent(), String(scorecard.metrics.flakyTests), 'tab flaky count');
    equal(await page.getByTestId('card-flaky-count').textContent(), String(scorecard.metrics.flakyTests), 'card flaky count');
  });
  await check('flaky table lists the tests of the API, by impact', async () => {
    const names = await page.getByTestId('flaky-test-name').allTextContents();
    equal(JSON.stringify(names), JSON.stringify(flaky.tests.map(t => t.name)), 'flaky test names');
  });
  await check('the ten checks are shown', async () => {
    for (const c of scorecard.checks) {
      await page.getByText(c.name, { exact: true }).first().waitFor({ timeout: 5000 });
    }
  });
  await check("the tab shows the team's weekly trends", async () => {
    await page.getByRole('table', { name: 'trends' }).waitFor();
  });
  await check("the flaky table links each test to its page", async () => {
    const href = await page.getByTestId('flaky-test-name').first().locator('a').getAttribute('href');
    equal(href, `/test-health/tests/${encodeURIComponent(flaky.tests[0].testId)}`, 'test link');
  });
  await screenshot(page, 'component-payments.png');
  await check("the pipelines the checks and the flaky tests name link to the CI runs the API gives", async () => {
    const scorecard = await api('/components/payments/scorecard');
    const runs = scorecard.pipelineRuns ?? {};
    if (Object.keys(runs).length === 0) throw new Error('the demo scorecard of payments links no pipeline');
    const links = await page.getByTestId('pipeline-link').evaluateAll(as =>
      as.map(a => [a.firstChild?.textContent ?? a.textContent, a.getAttribute('href')]));
    if (links.length === 0) throw new Error('no pipeline link on the Tests tab');
    for (const [text, href] of links) {
      const pipeline = text.split(',')[0].replace(/^pipeline /, '').trim(); // the link adds ", Opens in a new window"
      equal(href, runs[pipeline], `link of ${text}`);
    }
  });
  await check("the Tests tab opens the component's Grafana dashboard on its namespace, team and name", async () => {
    const scorecard = await api('/components/payments/scorecard');
    const team = scorecard.team.slice(scorecard.team.indexOf('/') + 1);
    const href = await page.getByTestId('grafana-link').first().getAttribute('href');
    equal(href, `${GRAFANA_URL}/d/testhealth-component?var-namespace=default&var-team=${team}&var-component=payments`
        + `&var-backstage=${encodeURIComponent(appUrl)}`, 'Grafana link');
  });

  // The integration map on the Tests tab, from the demo's OTLP spans (payments' integration job and staging).
  const integrations = await api('/components/payments/integrations');
  const peerOf = e => (e.caller === 'payments' ? e.target : e.caller);
  await check("the Tests tab shows the API's integration map of the component, untested edges marked", async () => {
    if (integrations.edges.length === 0) throw new Error('the demo collector has no integration edge for payments');
    if (integrations.untestedIntegrationPoints === 0) throw new Error('the demo collector has no untested edge for payments');
    await page.getByTestId('integration-summary').waitFor();
    const peers = await page.getByTestId('integration-peer').allTextContents();
    equal(JSON.stringify(peers), JSON.stringify(integrations.edges.map(peerOf)), 'edges');
    const untested = await page.getByTestId('edge-warning').filter({ hasText: 'Untested' }).count();
    equal(untested, integrations.untestedIntegrationPoints, 'untested edges');
    const shown = await page.getByTestId('edge-test').count();
    equal(shown, integrations.edges.reduce((n, e) => n + e.tests.length, 0), 'tests on the edges');
  });
  await check('a peer of the map that the catalog knows links to its entity', async () => {
    const edge = integrations.edges.find(e => peerOf(e) === 'checkout-web');
    if (!edge) throw new Error('no edge between payments and checkout-web in the demo');
    const row = page.locator('tr', { has: page.getByTestId('integration-peer').filter({ hasText: 'checkout-web' }) });
    const href = await row.getByTestId('integration-peer').locator('a').getAttribute('href');
    equal(href, '/catalog/default/component/checkout-web', 'checkout-web link');
  });
  await elementScreenshot(page, 'integration-map', 'integration-map.png');

  // A test on the map whose spans called a deployed service: its page shows the observed layer beside the declared one.
  const e2eEdge = integrations.edges.find(e => e.tests.some(t => t.observedLayer === 'e2e'));
  const e2eTest = e2eEdge?.tests.find(t => t.observedLayer === 'e2e');
  await check("a test's page shows the layer its spans showed beside the declared one", async () => {
    if (!e2eTest) throw new Error('no test of payments observed as e2e in the demo');
    const row = page.locator('tr', { has: page.getByTestId('integration-peer').filter({ hasText: peerOf(e2eEdge) }) });
    await row.getByRole('link', { name: e2eTest.name, exact: true }).first().click();
    await page.getByTestId('test-observed-layer').waitFor();
    const detail = await api(`/tests/${encodeURIComponent(e2eTest.testId)}`);
    equal(await page.getByTestId('test-observed-layer-value').textContent(), detail.observed?.layer, 'observed layer');
    if (detail.test.layer !== detail.observed.layer) {
      await page.getByTestId('test-layer-disagrees').waitFor({ timeout: 5000 });
    }
  });
  await screenshot(page, 'test-page-observed.png');
  await page.goto(`${appUrl}/catalog/default/component/payments-service`);
  await page.getByTestId('summary').waitFor();

  // Quarantine the first flaky test from the table.
  const target = flaky.tests.find(t => !t.quarantined);
  let quarantinedBy;
  await check('quarantining from the UI reaches the collector', async () => {
    const row = page.locator('tr', { has: page.getByTestId('flaky-test-name').filter({ hasText: target.name }) });
    await row.getByRole('button', { name: 'Quarantine' }).click();
    await page.getByTestId('quarantine-reason').fill('flaky in CI, see ticket');
    await page.getByTestId('quarantine-ticket').fill('PAY-4242');
    // The dialog fades in: the screenshot waits for its transitions, or it shows the table through it.
    await page.evaluate(() => Promise.all(document.getAnimations().map(a => a.finished)));
    await page.screenshot({ path: path.join(shots, 'quarantine-dialog.png') });
    await page.getByRole('dialog').getByRole('button', { name: 'Quarantine' }).click();
    await row.getByTestId('quarantine-state').waitFor();
    const list = await api('/components/payments/quarantine');
    const q = list.find(x => x.testId === target.testId);
    if (!q) throw new Error(`${target.testId} is not in the collector's quarantine list`);
    equal(q.ticket, 'PAY-4242', 'ticket');
    if (!/guest$/.test(q.by)) throw new Error(`quarantined by ${q.by}, not the signed-in guest`);
    quarantinedBy = q.by;
  });
  await check("the guest signed in through the backend's guest provider", async () => {
    equal(legacyGuestOffered, false, 'legacy guest offered');
    equal(quarantinedBy, 'user:development/guest', 'quarantined by');
  });
  await check('quarantines can only go through the backend plugin: the proxy and the collector refuse others', async () => {
    const body = JSON.stringify({ by: 'user:default/mallory', reason: 'bypass', ticket: '', expiresAt: null });
    const path = `/api/v1/tests/${encodeURIComponent(target.testId)}/quarantine`;
    const viaProxy = await fetch(`${backendUrl}/api/proxy/test-health${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await guestToken(backendUrl)}` },
    });
    if (viaProxy.ok) throw new Error(`the proxy let a DELETE through: HTTP ${viaProxy.status}`);
    const direct = await fetch(`${collector.baseUrl}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    equal(direct.status, 401, 'a quarantine without the token');
    const list = await api('/components/payments/quarantine');
    equal(list.find(x => x.testId === target.testId)?.by, 'user:development/guest', 'quarantined by');
  });
  await screenshot(page, 'component-payments-quarantined.png');
  // The table re-renders when the collector's refreshed report arrives a few seconds after the quarantine; a click
  // that lands during that re-render is lost, so the release is retried (after a reload) until the collector agrees.
  await check('releasing from the UI reaches the collector', () => {
    let attempt = 0;
    return eventually(async () => {
      if (attempt++ > 0) {
        await page.reload();
        await page.getByTestId('flaky-test-name').first().waitFor();
      }
      const row = page.locator('tr', { has: page.getByTestId('flaky-test-name').filter({ hasText: target.name }) });
      const release = row.getByRole('button', { name: 'Release' });
      if (await release.count() > 0) {
        await release.first().click();
      }
      await row.getByRole('button', { name: 'Quarantine' }).waitFor({ timeout: 10000 });
      const list = await api('/components/payments/quarantine');
      equal(list.some(x => x.testId === target.testId), false, 'still quarantined');
    }, 60000);
  });

  // The page of the test just quarantined and released: who did both, and the latest stack trace of each cause.
  await page.goto(`${appUrl}/test-health/tests/${encodeURIComponent(target.testId)}`);
  await page.getByTestId('test-what-happened').waitFor();
  await check("a test's page shows its quarantine history, newest first, and who released it", async () => {
    const detail = await api(`/tests/${encodeURIComponent(target.testId)}`);
    const history = detail.quarantineHistory ?? [];
    const last = history.slice(-2);
    equal(JSON.stringify(last.map(e => [e.action, e.by])),
        JSON.stringify([['quarantined', 'user:development/guest'], ['released', 'user:development/guest']]),
        "the collector's last two quarantine events");
    const shown = await page.getByTestId('quarantine-event').allTextContents();
    equal(shown.length, history.length, 'quarantine events');
    if (!/Released by .*guest/.test(shown[0])) throw new Error(`newest event: ${shown[0]}`);
    if (!/Quarantined by .*guest.*flaky in CI, see ticket · ticket PAY-4242/.test(shown[1])) {
      throw new Error(`the quarantine event: ${shown[1]}`);
    }
  });
  await check("a test's page folds the latest stack trace of each cause, as the API returns it", async () => {
    const detail = await api(`/tests/${encodeURIComponent(target.testId)}`);
    const withTrace = (detail.failureGroups ?? []).filter(g => g.latestTrace);
    if (withTrace.length === 0) throw new Error(`no failure cause of ${target.name} has a stack trace`);
    equal(await page.getByTestId('failure-trace').count(), withTrace.length, 'folded stack traces');
    const first = page.getByTestId('failure-trace').first();
    await first.locator('summary').click();
    equal(await first.getByTestId('failure-trace-text').textContent(), withTrace[0].latestTrace, 'latest stack trace');
  });
  await screenshot(page, 'test-page-history.png');

  // A team page.
  await page.goto(`${appUrl}/catalog/default/group/team-checkout`);
  await check('team page shows the team grade, flaky count and components of the API', () =>
    eventually(async () => {
      const team = await api('/teams/team-checkout/scorecard');
      await page.reload();
      await page.getByTestId('team-flaky-count').waitFor();
      equal(await page.getByTestId('grade').first().textContent(), team.grade, 'team grade');
      equal(await page.getByTestId('team-flaky-count').textContent(), String(team.metrics.flakyTests), 'team flaky count');
      const shown = (await page.getByTestId('team-component').allTextContents()).sort();
      equal(JSON.stringify(shown), JSON.stringify(team.components.map(c => c.component.replace('component:default/', '')).sort()), 'components');
    }),
  );
  await screenshot(page, 'team-checkout.png');
  await check("the team page opens the team's Grafana dashboard", async () => {
    const href = await page.getByTestId('grafana-link').first().getAttribute('href');
    equal(href, `${GRAFANA_URL}/d/testhealth-team?var-team=team-checkout`, 'Grafana link');
  });

  // The organisation page, reached from the sidebar as an adopter's Root.tsx mounts it (SidebarItem
  // with AssessmentIcon, as the plugin README says; the dev app renders one for each titled page).
  await check("classic: the sidebar's Test Health item, with its icon, opens the organisation page", () =>
    checkSidebarEntry(page, 'Test Health', '/test-health'),
  );
  await page.getByTestId('org-team').first().waitFor();
  await check('organisation page ranks every team of the API', () =>
    eventually(async () => {
      const teams = await api('/teams');
      await page.reload();
      await page.getByTestId('org-team').first().waitFor();
      const shown = (await page.getByTestId('org-team').allTextContents()).sort();
      equal(JSON.stringify(shown), JSON.stringify(teams.map(t => t.name).sort()), 'teams');
    }),
  );
  await check('organisation page shows the latest weekly review', async () => {
    const weekly = await api('/reports/weekly?format=json');
    await page.getByText(`Weekly review ${weekly.week}`).first().waitFor({ timeout: 10000 });
  });
  await check("organisation page heads with the organisation's KPIs of the weekly review", async () => {
    const weekly = await api('/reports/weekly?format=json');
    const org = weekly.headline.find(h => h.organisation) ?? weekly.headline[0];
    equal(await page.getByTestId('kpi-flaky-tests').textContent(), String(org.flakyTests.value), 'flaky tests KPI');
  });
  await screenshot(page, 'organisation.png');

  // A test's page, reached from the organisation page's flakiest tests.
  const firstLink = page.getByTestId('test-link').first();
  const testHref = await firstLink.getAttribute('href');
  const testId = decodeURIComponent(testHref.split('/tests/')[1] ?? '');
  await firstLink.click();
  await page.getByTestId('test-what-happened').waitFor();
  await check("a test's page shows the API's test, state, runs and failures", async () => {
    const detail = await api(`/tests/${encodeURIComponent(testId)}`);
    equal(await page.getByTestId('test-state').textContent(), detail.test.state, 'state');
    equal(await page.getByTestId('timeline-run').count(), detail.runs.length, 'runs on the timeline');
    equal(await page.getByTestId('failure-count').count(), (detail.failureGroups ?? []).length, 'failure groups');
    await page.getByRole('heading', { name: detail.test.name }).first().waitFor({ timeout: 5000 });
    const links = await page.getByTestId('run-link').evaluateAll(as => as.map(a => a.getAttribute('href')));
    equal(links[0], detail.runs.find(r => r.runUrl)?.runUrl, 'first CI run link');
  });
  await screenshot(page, 'test-page.png');
  await check("a test's page links back to its component in the catalog", async () => {
    const href = await page.getByTestId('test-component').locator('a').getAttribute('href');
    if (!/^\/catalog\/default\/component\//.test(href ?? '')) throw new Error(`component link ${href}`);
  });

  // A component the collector does not know.
  await page.goto(`${appUrl}/catalog/default/component/billing`);
  await check('an unknown component says so', async () => {
    await page.getByText('The collector does not know component "billing"').waitFor({ timeout: 30000 });
  });
  await screenshot(page, 'component-unknown.png');

  // The catalog: its entities come from the backend, not from the dev app.
  await page.goto(`${appUrl}/catalog`);
  await check('the catalog page lists the entities of the catalog backend', async () => {
    await page.getByTestId('catalog-entity').first().waitFor();
    const shown = (await page.getByTestId('catalog-entity').allTextContents()).sort();
    const entities = await catalog('kind=component', 'kind=group');
    equal(JSON.stringify(shown), JSON.stringify(entities.map(e => e.metadata.name).sort()), 'entities');
  });
  await screenshot(page, 'catalog.png');

  // checkout-web has no testhealth.io/component annotation: the plugin matches it by the name
  // of the entity the catalog backend serves.
  await page.goto(`${appUrl}/catalog/default/component/checkout-web`);
  await page.getByTestId('summary').waitFor();
  await check("a component matched by its catalog name shows the collector's grade", async () => {
    const [entity] = await catalog('kind=component,metadata.name=checkout-web');
    if (!entity) throw new Error('checkout-web is not in the catalog backend');
    if (entity.metadata.annotations?.['testhealth.io/component']) {
      throw new Error('checkout-web has the testhealth.io/component annotation');
    }
    equal(await page.getByTestId('entity-ref').textContent(), 'component:default/checkout-web', 'entity');
    await page.getByText(entity.metadata.description, { exact: true }).waitFor({ timeout: 5000 });
    const scorecard = await api('/components/checkout-web/scorecard');
    const grades = await page.getByTestId('grade').allTextContents();
    equal(grades[0], scorecard.grade, 'card grade');
    equal(grades[1], scorecard.grade, 'tab grade');
  });

  // Dark theme.
  await page.evaluate(() => localStorage.setItem('theme', 'dark'));
  await page.reload();
  await page.getByTestId('summary').waitFor();
  await screenshot(page, 'component-checkout-web-dark.png');

  // The new frontend system: packages/app-next (createApp of @backstage/frontend-defaults with
  // @backstage/plugin-catalog/alpha and this plugin's /alpha), same backend and collector.
  await waitFor('the app-next dev server', async () => (await fetch(appNextUrl)).ok, 300000);
  console.log(`app-next ${appNextUrl} up ${Math.round((Date.now() - appNextStarted) / 1000)} s after its start`);
  const nfs = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  nfs.setDefaultTimeout(60000);
  currentPage = nfs;
  nfs.on('console', m => { if (m.type() === 'error') console.log(`  [browser, app-next] ${m.text().slice(0, 300)}`); });
  const nfsPageErrors = [];
  nfs.on('pageerror', e => {
    nfsPageErrors.push(e.message);
    console.log(`  [page error, app-next] ${e.message.slice(0, 300)}`);
  });
  let nfsLegacyGuestOffered = false;
  nfs.on('dialog', d => {
    nfsLegacyGuestOffered = true;
    d.dismiss();
  });
  await nfs.goto(`${appNextUrl}/catalog/default/component/payments-service/tests`);
  await nfs.getByRole('button', { name: 'Enter' }).click();
  await check("new frontend system: the entity-content:test-health tab shows the API's grade and flaky count", () =>
    eventually(async () => {
      const sc = await api('/components/payments/scorecard');
      await nfs.getByTestId('flaky-count').waitFor();
      equal(await nfs.getByTestId('grade').first().textContent(), sc.grade, 'tab grade');
      equal(await nfs.getByTestId('flaky-count').textContent(), String(sc.metrics.flakyTests), 'tab flaky count');
      equal(nfsLegacyGuestOffered, false, 'legacy guest offered');
    }),
  );
  await screenshot(nfs, 'nfs-component-tests.png');
  await nfs.goto(`${appNextUrl}/catalog/default/component/payments-service`);
  await check("new frontend system: the entity-card:test-health card on the overview shows the API's flaky count", async () => {
    const sc = await api('/components/payments/scorecard');
    await nfs.getByTestId('card-flaky-count').waitFor();
    equal(await nfs.getByTestId('card-flaky-count').textContent(), String(sc.metrics.flakyTests), 'card flaky count');
    equal(await nfs.getByTestId('grade').first().textContent(), sc.grade, 'card grade');
  });
  await check("new frontend system: the catalog's About card renders the entity (one Backstage release line)", async () => {
    // With packages of two Backstage releases in one app the About card crashed here (two copies of
    // frontend-plugin-api): an error in place of the card and on the page.
    const [entity] = await catalog('kind=component,metadata.name=payments-service');
    const about = nfs.locator('article, .MuiCard-root, [class*="Card"]').filter({ has: nfs.getByText('About', { exact: true }) }).first();
    await about.getByText(entity.metadata.description, { exact: true }).waitFor();
    // The owner as the catalog names it: the Group's display name.
    const [owner] = await catalog(`kind=group,metadata.name=${entity.spec.owner}`);
    await about.getByText(owner.spec.profile.displayName, { exact: true }).waitFor();
    equal(JSON.stringify(nfsPageErrors), '[]', 'page errors on the entity page');
  });
  await screenshot(nfs, 'nfs-component-overview.png');
  await check("new frontend system: the card's deep link opens the Tests tab", async () => {
    await nfs.getByRole('link', { name: /See every test and check/ }).click();
    await nfs.getByTestId('flaky-count').waitFor();
    if (!nfs.url().endsWith('/catalog/default/component/payments-service/tests')) throw new Error(`card link led to ${nfs.url()}`);
  });
  await check("new frontend system: the sidebar's Test Health nav item (title and icon of the plugin's page) opens /test-health", () =>
    checkSidebarEntry(nfs, 'Test Health', '/test-health'),
  );
  await check('new frontend system: the /test-health page ranks every team of the API', async () => {
    await nfs.getByTestId('org-team').first().waitFor();
    const shown = (await nfs.getByTestId('org-team').allTextContents()).sort();
    equal(JSON.stringify(shown), JSON.stringify((await api('/teams')).map(t => t.name).sort()), 'teams');
  });
  await check("new frontend system: a test's page opens from the organisation page", async () => {
    const href = await nfs.getByTestId('test-link').first().getAttribute('href');
    await nfs.goto(`${appNextUrl}${href}`);
    await nfs.getByTestId('test-what-happened').waitFor();
  });
  await screenshot(nfs, 'nfs-test-page.png');
}

const t0 = Date.now();
try {
  await main();
} catch (e) {
  failed += 1;
  failures.push(String(e));
  console.log(`  FAIL ${e instanceof Error ? e.stack : e}`);
  if (currentPage) await screenshot(currentPage, 'failure.png').catch(() => {});
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      /* ignore */
    }
  }
}
console.log(`browser test took ${Math.round((Date.now() - t0) / 1000)} s; screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
