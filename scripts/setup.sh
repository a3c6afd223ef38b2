#!/usr/bin/env bash
# Installs the project on a fresh machine: dependencies from the lockfile (with Node 24's npm, so that
# EDR's native binary is installed), then the compiled contracts and their TypeScript bindings.
# Skips the install when node_modules already matches the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
