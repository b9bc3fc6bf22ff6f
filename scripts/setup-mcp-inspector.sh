#!/usr/bin/env bash
# Installs the MCP Inspector CLI (a third-party MCP client, used by the acceptance tests) into .tools-npm/ under the
# repository root (git-ignored). Idempotent: does nothing when the pinned version is already there.
# Prints the path of the mcp-inspector launcher on success; exits non-zero when npm cannot install it.
set -euo pipefail

VERSION="0.15.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.tools-npm"
BIN="$PREFIX/node_modules/.bin/mcp-inspector"
STAMP="$PREFIX/node_modules/@modelcontextprotocol/inspector/package.json"

if ! command -v npm >/dev/null 2>&1; then
  echo "setup-mcp-inspector: npm is not installed; install Node.js 20 or later." >&2
  exit 3
fi

if [[ -x "$BIN" && -f "$STAMP" ]] && grep -q "\"version\": \"$VERSION\"" "$STAMP"; then
  echo "$BIN"
  exit 0
fi

mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "@modelcontextprotocol/inspector@$VERSION" >&2
if [[ ! -x "$BIN" ]]; then
  echo "setup-mcp-inspector: npm finished but $BIN is missing." >&2
  exit 1
fi

echo "$BIN"
