// Starts the workspace's test backend (packages/backend: catalog, proxy, guest auth) with
// `backstage-cli package start` and waits until its catalog holds the demo entities.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import testing from '@internal/test-health-collector-testing';

const { waitFor } = testing;

/** A Backstage token of the guest user, as the dev app's guest sign-in gets it. */
export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** Entities of the catalog backend matching the filters (OR-ed), as the guest sees them. */
export async function catalogEntities(baseUrl, token, ...filters) {
  const query = new URLSearchParams(filters.map(f => ['filter', f]));
  query.set('limit', '100');
  const res = await fetch(`${baseUrl}/api/catalog/entities/by-query?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`catalog: HTTP ${res.status}`);
  return (await res.json()).items;
}

/**
 * Starts the backend on backend.baseUrl of the given config files; resolves when it is ready and
 * the catalog has processed at least `entities` Components and Groups.
 */
export async function startBackend({ root, configs, baseUrl, log, entities, timeoutMs = 120000 }) {
  const out = fs.openSync(log, 'w');
  const child = spawn(
    path.join(root, 'node_modules', '.bin', 'backstage-cli'),
    ['package', 'start', ...configs.flatMap(c => ['--config', c])],
    { cwd: path.join(root, 'packages', 'backend'), stdio: ['ignore', out, out], detached: true },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const started = Date.now();
  let readyAfterMs;
  try {
    await waitFor(
      'the backend',
      async () => {
        if (exited) throw new Error(`the backend exited, see ${log}`);
        return (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok;
      },
      timeoutMs,
    );
    readyAfterMs = Date.now() - started;
    await waitFor(
      'the catalog entities',
      async () => {
        const token = await guestToken(baseUrl);
        const items = await catalogEntities(baseUrl, token, 'kind=component', 'kind=group');
        return items.length >= entities;
      },
      timeoutMs,
    );
  } catch (e) {
    stop();
    throw e;
  }
  return { stop, readyAfterMs, catalogAfterMs: Date.now() - started };
}
