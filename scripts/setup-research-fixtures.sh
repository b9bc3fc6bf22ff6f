#!/usr/bin/env bash
# Installs the third-party MCP server the research tests attach over stdio (@modelcontextprotocol/server-everything,
# runs offline on Node 20) into .tools-npm/ under the repository root (git-ignored). Idempotent: does nothing when
# the pinned version is already there. Prints the path of the server's entry script on success; exits 3 when npm is
# absent and 1 when npm cannot install it.
set -euo pipefail

VERSION="2026.1.26"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.tools-npm"
PACKAGE="$PREFIX/node_modules/@modelcontextprotocol/server-everything"
ENTRY="$PACKAGE/dist/index.js"

if ! command -v npm >/dev/null 2>&1; then
  echo "setup-research-fixtures: npm is not installed; install Node.js 20 or later." >&2
  exit 3
fi

if [[ -f "$ENTRY" && -f "$PACKAGE/package.json" ]] && grep -q "\"version\": \"$VERSION\"" "$PACKAGE/package.json"; then
  echo "$ENTRY"
  exit 0
fi

mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "@modelcontextprotocol/server-everything@$VERSION" >&2
if [[ ! -f "$ENTRY" ]]; then
  echo "setup-research-fixtures: npm finished but $ENTRY is missing." >&2
  exit 1
fi

echo "$ENTRY"
