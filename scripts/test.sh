#!/usr/bin/env bash
# README command 2: set up the host (as root), then lint, typecheck, build and the whole test
# suite: unit, integration (real Docker engine with runc and runsc) and end-to-end.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
ISOBENCH_TEST_RUNTIMES=${ISOBENCH_TEST_RUNTIMES:-1} bash scripts/setup-host.sh
summary=results/vitest-report.json
rm -f "$summary"
status=0
npm test -- --reporter=default --reporter=json --outputFile.json="$summary" || status=$?
# One plain closing line that any CI log reader understands.
if [ -f "$summary" ]; then
  node -e 'const r=require(process.argv[1]); const failed=r.numFailedTests>0?r.numFailedTests:r.numFailedTestSuites; console.log(`tests: ${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`)' "$repo/$summary"
fi
exit "$status"
