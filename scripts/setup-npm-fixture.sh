#!/usr/bin/env bash
# setup-npm-fixture.sh NAME PACKAGE VERSION FILE: installs PACKAGE@VERSION from npm into .tools-npm/ under the
# repository root (git-ignored) for the tests that need a third-party MCP client or server. Idempotent: does nothing
# when that version is already there. Prints the path of FILE (relative to the package folder, or a
# node_modules/.bin launcher when FILE starts with ".bin/") on success; exits 3 when npm is absent and 1 when npm
# cannot install it. NAME prefixes the error messages.
set -euo pipefail

NAME="$1" PACKAGE="$2" VERSION="$3" FILE="$4"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.tools-npm"
FOLDER="$PREFIX/node_modules/$PACKAGE"
if [[ "$FILE" == .bin/* ]]; then TARGET="$PREFIX/node_modules/$FILE"; else TARGET="$FOLDER/$FILE"; fi

if ! command -v npm >/dev/null 2>&1; then
  echo "$NAME: npm is not installed; install Node.js 20 or later." >&2
  exit 3
fi

if [[ -e "$TARGET" && -f "$FOLDER/package.json" ]] && grep -q "\"version\": \"$VERSION\"" "$FOLDER/package.json"; then
  echo "$TARGET"
  exit 0
fi

mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "$PACKAGE@$VERSION" >&2
if [[ ! -e "$TARGET" ]]; then
  echo "$NAME: npm finished but $TARGET is missing." >&2
  exit 1
fi

echo "$TARGET"
