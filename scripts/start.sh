#!/bin/sh
# `npm start`: install what is missing, build the server and the web app, and serve Werkraum at
# http://localhost:3000 (PORT overrides) with embedded SQLite storage in ./data (DATA_DIR overrides).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
export TURBO_TELEMETRY_DISABLED=1
pnpm exec turbo run build --filter=@werkraum/server... --output-logs=errors-only
export DATA_DIR="${DATA_DIR:-$PWD/data}"
exec node apps/server/dist/main.js
