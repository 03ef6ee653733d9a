#!/bin/sh
# `npm test`: install what is missing, then format check, lint, typecheck, build and every test
# (unit, integration, browser), with one closing line that sums them up.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
export TURBO_TELEMETRY_DISABLED=1
node scripts/test-summary.mjs --clean
pnpm run check
status=0
pnpm exec turbo run test --concurrency=1 --continue || status=$?
node scripts/test-summary.mjs || status=$?
exit "$status"
