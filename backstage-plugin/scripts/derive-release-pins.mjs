// Derives the version of Backstage's release for every @backstage/* package of package-lock.json, for the root
// overrides when the workspace moves to another release. Input: the lockfile and a JSON map of the versions that
// release's @backstage/create-app names (node -p "JSON.stringify(require('<create-app>/dist/lib/versions.cjs.js')
// .packageVersions)"). A package that create-app does not name gets the highest version that the release's own
// packages ask for (`^x.y.z`: Backstage publishes its internal dependencies as ^ the version of that release),
// repeated until nothing changes. Prints the map; after writing it to the overrides and the ranges,
// `rm -rf node_modules package-lock.json && npm install`, derive again, until scripts/check-backstage-release.mjs
// passes. Packages only other packages' devDependencies name (the lockfile has no devDependencies of installed
// packages) go into the input map by hand: for 1.55.0, @backstage/dev-utils 1.1.27 and @backstage/backend-test-utils
// 1.11.7, the devDependencies of @backstage/plugin-catalog 2.0.9 and @backstage/plugin-catalog-backend 4.0.0.
// Usage: node scripts/derive-release-pins.mjs package-lock.json create-app-versions.json
import fs from 'node:fs';
const [lockPath, seedPath] = process.argv.slice(2);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const seed = JSON.parse(fs.readFileSync(seedPath, 'utf8'));
const pins = { ...seed };
const entries = Object.entries(lock.packages).filter(([k]) => k.includes('node_modules/@backstage/'))
  .map(([k, p]) => ({ name: k.split('node_modules/').pop(), ...p })).filter(e => e.name.startsWith('@backstage/'));
const names = new Set(entries.map(e => e.name));
const cmp = (a, b) => { const x = a.split('.').map(Number), y = b.split('.').map(Number); for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i]; return 0; };
let changed = true;
while (changed) {
changed = false;
const derived = {};
for (const e of entries) {
  if (pins[e.name] !== e.version) continue; // only from release packages
  for (const [d, r] of Object.entries({ ...e.dependencies, ...e.peerDependencies })) {
    if (!d.startsWith('@backstage/')) continue;
    const m = /^\^(\d+\.\d+\.\d+)$/.exec(r); if (!m) { console.error('odd range', e.name, d, r); continue; }
    if (!derived[d] || cmp(m[1], derived[d]) > 0) derived[d] = m[1];
  }
}
for (const n of names) {
  if (seed[n]) { if (derived[n] && cmp(derived[n], seed[n]) > 0) console.error('CONFLICT', n, seed[n], derived[n]); continue; }
  if (derived[n] && pins[n] !== derived[n]) { pins[n] = derived[n]; changed = true; }
}
}
for (const n of names) if (!pins[n]) console.error('no release version for', n);
const out = {}; for (const n of [...names].sort()) if (pins[n]) out[n] = pins[n];
console.log(JSON.stringify(out, null, 2));
