#!/bin/sh
# Prepares a checkout for `npm start` / `npm test`: the pinned pnpm, the workspace's dependencies.
# Idempotent and quick when everything is in place.
set -eu
cd "$(dirname "$0")/.."

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION globally" >&2
  npm install -g "pnpm@$PNPM_VERSION" >&2
fi

# better-sqlite3 compiles from source here; node-gyp must find Node's headers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
export TURBO_TELEMETRY_DISABLED=1

pnpm install --frozen-lockfile --prefer-offline >&2
