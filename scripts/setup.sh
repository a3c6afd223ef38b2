#!/usr/bin/env bash
# Installs the project on a fresh machine: dependencies from the lockfile (with Node 24's npm, so that
# EDR's native binary is installed), then the compiled contracts and their TypeScript bindings.
# Skips the install when node_modules already matches the lockfile.
# `npm install` rather than `npm ci`: the registry here serves only this platform's optional native
# packages, so the lockfile lacks the other platforms' entries and `npm ci` refuses it as out of sync;
# `npm install` installs the locked versions and leaves the lockfile as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
npm run build
