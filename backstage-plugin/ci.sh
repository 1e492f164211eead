#!/usr/bin/env bash
# CI of the Backstage plugin workspace: install, type check, lint, Jest, browser test.
# Needs collector/target/collector.jar (built by `mvn -B verify` before this runs).
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)
export CI=true

if [ ! -f ../collector/target/collector.jar ]; then
  (cd .. && mvn -B -q -pl collector -am package -DskipTests)
fi
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -q && apt-get install -y -q chromium
fi

echo "== npm ci"
npm ci --no-audit --no-fund
echo "== tsc"
npx tsc --noEmit -p .
echo "== lint"
npx backstage-cli repo lint
echo "== jest"
npx backstage-cli repo test --ci 2>&1 | tee /tmp/th-backstage-jest.log
jest_rc=${PIPESTATUS[0]}
summary=$(grep -E '^Tests:' /tmp/th-backstage-jest.log | tail -1)
passed=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
failed=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
echo "jest: ${passed} passed, ${failed} failed"
echo "== browser test"
e2e_rc=0
node e2e/browser-test.mjs || e2e_rc=$?
echo "backstage-plugin CI took $(( $(date +%s) - start )) s"
[ "$jest_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
