#!/bin/sh
# npm run test:node24 — the whole suite on Node 24 LTS, whatever Node this machine has.
# Node 24 comes from the npm registry (the `node` package) into a folder outside the project; the project is copied
# next to it and installed there, so native modules (better-sqlite3, argon2) are built for Node 24 and this checkout's
# node_modules stay untouched. Extra arguments go to `npm test`.
set -eu
project="$(cd "$(dirname "$0")/.." && pwd)"
base="${NODE24_DIR:-${TMPDIR:-/tmp}/mailroom-node24}"
mkdir -p "$base/runtime"
if [ ! -x "$base/runtime/node_modules/node/bin/node" ]; then
  npm install --prefix "$base/runtime" --no-save --no-audit --no-fund node@24 >/dev/null
fi
export PATH="$base/runtime/node_modules/node/bin:$PATH"
# Native modules compile against Node 24.18.1's headers: better-sqlite3 12 built against 24.19+ headers aborts in
# Statement's destructor (nodejs/node#65446; fixed in better-sqlite3 13, which drops Node 20). Built against 24.18.1,
# it runs cleanly on every 24.x.
if [ ! -d "$base/headers/node_modules" ]; then
  npm install --prefix "$base/headers" --no-save --no-audit --no-fund node@24.18.1 >/dev/null
fi
headers="$(dirname "$(find "$base/headers/node_modules" -path '*/include/node/node.h' | head -n 1)")"
export npm_config_nodedir="${headers%/include/node}"
echo "Using Node $(node --version) from $base/runtime"

work="$(mktemp -d "$base/work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The tracked files only: what a clean clone would have.
git -C "$project" ls-files -z | (cd "$project" && xargs -0 cp --parents -t "$work")
cd "$work"
npm ci --no-audit --no-fund
npm test "$@"
