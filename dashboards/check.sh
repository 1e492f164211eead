#!/usr/bin/env bash
# The dashboards' checks, run by `mvn -B verify` (dashboards/pom.xml) and by hand: installs the locked packages,
# type-checks the generator against the Foundation SDK's types, and runs the tests (node's test runner): the
# committed JSON and alert rules are what the generator writes, and the thresholds colour as the scorecard judges.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npx tsc -p .
node --test build/test/
