// For the workspace's tests only: the repository's collector jar with its demo data, started on a
// free port. CommonJS with JSDoc types so that the Jest suites (TypeScript) and the browser test
// (plain Node ESM, no build step) share one implementation.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` every half second until it answers true; a thrown error counts as "not yet" and is
 * reported if time runs out.
 * @param {string} description what is awaited, for the error message
 * @param {() => Promise<boolean> | boolean} check
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
async function waitFor(description, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${description}${last ? `: ${last}` : ''}`,
  );
}

/**
 * @typedef {object} CollectorProcess
 * @property {string} baseUrl e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {string} logDir where the collector's log and store are
 * @property {() => Promise<void>} settled resolves when the demo history is loaded and the reports of
 *   every component and team have stopped changing for a few seconds
 * @property {() => Promise<void>} stop
 */

/**
 * Starts `java -jar collector.jar --demo`; resolves when the six demo components are served. Their
 * reports still change while the demo history loads: call `settled()` before comparing numbers.
 * @param {{ jar?: string, properties?: Record<string, string>, timeoutMs?: number }} [options]
 *   `properties` become `-D` system properties (e.g. `testhealth.api.quarantine-tokens`)
 * @returns {Promise<CollectorProcess>}
 */
async function startDemoCollector(options = {}) {
  const timeoutMs = options.timeoutMs ?? 120000;
  const jar =
    options.jar ??
    process.env.TEST_HEALTH_COLLECTOR_JAR ??
    // The repository's jar, for tests: this package is never built or published.
    // eslint-disable-next-line no-restricted-syntax
    path.resolve(__dirname, '../../../../collector/target/collector.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(
      `${jar} is missing: build it with mvn -B -q -pl collector -am package -DskipTests`,
    );
  }
  const port = await freePort();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'th-collector-'));
  const log = path.join(logDir, 'collector.log');
  const out = fs.openSync(log, 'w');
  const properties = Object.entries(options.properties ?? {}).map(
    ([k, v]) => `-D${k}=${v}`,
  );
  const child = spawn(
    'java',
    [
      // As every start of the collector: a JVM out of memory exits rather than live on deaf.
      '-XX:+ExitOnOutOfMemoryError',
      `-Dmicronaut.server.port=${port}`,
      `-Dtesthealth.store.duckdb.path=${path.join(logDir, 'th.duckdb')}`,
      // Reports of changed components are recomputed every second instead of every 5 s.
      '-Dtesthealth.analysis.refresh-delay=1',
      // No OTLP/gRPC receiver: its fixed port 4317 would clash between collectors started side by side.
      '-Dtesthealth.traces.grpc.enabled=false',
      ...properties,
      '-jar',
      jar,
      '--demo',
    ],
    { stdio: ['ignore', out, out] },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = () =>
    new Promise(resolve => {
      if (exited) {
        resolve(undefined);
        return;
      }
      child.once('exit', () => resolve(undefined));
      child.kill('SIGTERM');
    });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'the collector demo data',
      async () => {
        if (exited) throw new Error(`the collector exited, see ${log}`);
        const res = await fetch(`${baseUrl}/api/v1/components`);
        return res.ok && (await res.json()).length >= 6;
      },
      timeoutMs,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  const settled = () =>
    waitForDemoSettled(baseUrl, log, () => exited, timeoutMs);
  return { baseUrl, port, logDir, settled, stop };
}

async function waitForDemoSettled(
  baseUrl,
  log,
  exited,
  timeoutMs,
  quietMs = 4000,
) {
  await waitFor(
    'the demo history',
    async () => {
      if (exited()) throw new Error(`the collector exited, see ${log}`);
      return /Demo history (loaded|already loaded)/.test(
        fs.readFileSync(log, 'utf8'),
      );
    },
    timeoutMs,
  );
  let last;
  let since = Date.now();
  await waitFor(
    'the reports of the demo',
    async () => {
      const answers = await Promise.all(
        ['components', 'teams'].map(async p =>
          (await fetch(`${baseUrl}/api/v1/${p}`)).text(),
        ),
      );
      const now = answers.join('\n');
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= quietMs;
    },
    timeoutMs,
  );
}

module.exports = { freePort, startDemoCollector, waitFor };
