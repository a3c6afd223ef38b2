#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH. Machines here ship Node 20, which is too old for
# Hardhat 3 (npm on Node 20 silently skips EDR's native binary), so Node 24 comes from the npm
# registry through npx's cache. Usage: scripts/with-node24.sh <command> [args...]
set -euo pipefail
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 24 ]; then
  dir=$(npx -y -p node@24 -c 'dirname "$(command -v node)"' 2>/dev/null | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/node" ]; then
    echo "with-node24: could not get Node 24 from the npm registry (npx -p node@24)" >&2
    exit 1
  fi
  export PATH="$dir:$PATH"
fi
exec "$@"
