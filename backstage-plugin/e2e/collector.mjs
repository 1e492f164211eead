// Starts the collector jar with demo data on a free port and waits until its demo is loaded.
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor(description, check, timeoutMs) {
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
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${last ? `: ${last}` : ''}`);
}

/** Starts `java -jar collector.jar --demo`; resolves when all six demo components are served. */
export async function startCollector({ jar, properties = {}, timeoutMs = 120000 }) {
  if (!fs.existsSync(jar)) {
    throw new Error(`${jar} is missing: build it with mvn -B -q -pl collector -am package -DskipTests`);
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'th-collector-'));
  const log = fs.openSync(path.join(dir, 'collector.log'), 'w');
  const child = spawn(
    'java',
    [
      `-Dmicronaut.server.port=${port}`,
      `-Dtesthealth.store.duckdb.path=${path.join(dir, 'th.duckdb')}`,
      // Reports of changed components are recomputed every second instead of every 5 s.
      '-Dtesthealth.analysis.refresh-delay=1',
      ...Object.entries(properties).map(([k, v]) => `-D${k}=${v}`),
      '-jar',
      jar,
      '--demo',
    ],
    { stdio: ['ignore', log, log] },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (!exited) child.kill('SIGTERM');
  };
  try {
    await waitFor(
      'the collector demo data',
      async () => {
        if (exited) throw new Error(`collector exited, see ${dir}/collector.log`);
        const res = await fetch(`${baseUrl}/api/v1/components`);
        if (!res.ok) return false;
        const list = await res.json();
        if (list.length < 6) return false;
        const weekly = await fetch(`${baseUrl}/api/v1/reports/weekly?format=json`);
        return weekly.ok;
      },
      timeoutMs,
    );
  } catch (e) {
    stop();
    throw e;
  }
  const settled = () => waitForDemoSettled(baseUrl, path.join(dir, 'collector.log'), () => exited, timeoutMs);
  return { baseUrl, port, stop, logDir: dir, settled };
}

/**
 * The collector serves the six components while its demo history is still being loaded, and
 * recomputes their reports as uploads arrive: waits until the loader is done and the reports of
 * every component and team have stopped changing for a few seconds.
 */
async function waitForDemoSettled(baseUrl, log, exited, timeoutMs, quietMs = 4000) {
  await waitFor(
    'the demo history',
    async () => {
      if (exited()) throw new Error(`collector exited, see ${log}`);
      return /Demo history (loaded|already loaded)/.test(fs.readFileSync(log, 'utf8'));
    },
    timeoutMs,
  );
  let last;
  let since = Date.now();
  await waitFor(
    'the reports of the demo',
    async () => {
      const [components, teams] = await Promise.all(
        ['components', 'teams'].map(async p => (await fetch(`${baseUrl}/api/v1/${p}`)).text()),
      );
      const now = components + teams;
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= quietMs;
    },
    timeoutMs,
  );
}
