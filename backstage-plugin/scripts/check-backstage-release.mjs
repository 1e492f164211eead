// Checks that the workspace is on ONE Backstage release line: the release named in backstage.json.
//
// Where the versions come from: the root package.json's `overrides` name, for every @backstage/* package
// in the tree, its version in that release (the versions of `@backstage/create-app` of the release, and
// for packages it does not list, the version the release's packages depend on). This script checks that
//   - every @backstage/* package the lockfile installs is there in exactly one version, the overridden one
//     (two versions of frontend-plugin-api or core-plugin-api in one app break React contexts and
//     extension data refs: the catalog's About card crashed that way in app-next);
//   - every @backstage/* dependency of a workspace package is that version (`^x.y.z` in packages, the
//     exact version at the root, where npm wants overrides and direct dependencies to agree).
// Run from the workspace root: `node scripts/check-backstage-release.mjs`.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const read = f => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

const release = read('backstage.json').version;
const rootPkg = read('package.json');
const pins = Object.fromEntries(
  Object.entries(rootPkg.overrides ?? {}).filter(([n]) => n.startsWith('@backstage/')),
);
const problems = [];

const installed = new Map();
const wanted = new Map(); // @backstage/* package -> the lock entries that depend on it
for (const [where, entry] of Object.entries(read('package-lock.json').packages)) {
  for (const dep of Object.keys(entry.dependencies ?? {})) {
    if (dep.startsWith('@backstage/')) wanted.set(dep, [...(wanted.get(dep) ?? []), where || 'package.json']);
  }
  const name = where.split('node_modules/').pop();
  if (!where.includes('node_modules/') || !name.startsWith('@backstage/')) continue;
  if (!installed.has(name)) installed.set(name, new Set());
  installed.get(name).add(entry.version);
}
for (const [name, by] of wanted) {
  if (!installed.has(name)) {
    problems.push(`${name} is a dependency of ${by[0]} but the lockfile does not install it`);
  }
}
for (const [name, versions] of installed) {
  const pinned = pins[name];
  if (!pinned) problems.push(`${name} ${[...versions].join(', ')} is installed but has no version of Backstage ${release} in the root overrides`);
  else if (versions.size !== 1 || !versions.has(pinned)) problems.push(`${name}: the lockfile has ${[...versions].join(', ')}, Backstage ${release} has ${pinned}`);
}

const manifests = ['package.json'];
for (const dir of ['packages', 'plugins']) {
  for (const p of fs.readdirSync(path.join(root, dir))) {
    if (fs.existsSync(path.join(root, dir, p, 'package.json'))) manifests.push(`${dir}/${p}/package.json`);
  }
}
for (const file of manifests) {
  const pkg = read(file);
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      const expected = file === 'package.json' ? pins[name] : `^${pins[name]}`;
      if (range !== expected) problems.push(`${file}: ${field}.${name} is "${range}", Backstage ${release} wants "${expected}"`);
    }
  }
}

if (problems.length) {
  console.log(`Not on one Backstage release line (backstage.json: ${release}):`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log(`Backstage ${release}: ${installed.size} @backstage/* packages, each in one version of the release`);
