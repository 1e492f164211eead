import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** For tests: a collector started from the repository's jar with its demo data. */
export interface CollectorProcess {
  baseUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the collector jar with its demo data and waits until its six demo components are served.
 * `properties` become `-D` system properties (e.g. `testhealth.api.quarantine-tokens`).
 */
export async function startDemoCollector(
  options: { timeoutMs?: number; properties?: Record<string, string> } = {},
): Promise<CollectorProcess> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const properties = Object.entries(options.properties ?? {}).map(
    ([k, v]) => `-D${k}=${v}`,
  );
  // Test-only helper: the jar is in the repository, never in a production build.
  const jar =
    process.env.TEST_HEALTH_COLLECTOR_JAR ??
    // eslint-disable-next-line no-restricted-syntax
    path.resolve(__dirname, '../../../../collector/target/collector.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(
      `${jar} is missing: build it with mvn -B -q -pl collector -am package -DskipTests`,
    );
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'th-collector-'));
  const child: ChildProcess = spawn(
    'java',
    [
      `-Dmicronaut.server.port=${port}`,
      `-Dtesthealth.store.duckdb.path=${path.join(dir, 'th.duckdb')}`,
      ...properties,
      '-jar',
      jar,
      '--demo',
    ],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = () =>
    new Promise<void>(resolve => {
      if (exited) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error('the collector exited before it was ready');
    try {
      const res = await fetch(`${baseUrl}/api/v1/components`);
      if (res.ok && ((await res.json()) as unknown[]).length >= 6) {
        return { baseUrl, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the collector was not ready within ${timeoutMs} ms`);
}
