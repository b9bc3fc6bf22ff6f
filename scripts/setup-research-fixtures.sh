#!/usr/bin/env bash
# Installs the third-party MCP server the research tests attach over stdio (@modelcontextprotocol/server-everything,
# runs offline on Node 20) into .tools-npm/. Prints the path of its entry script; see setup-npm-fixture.sh for exit codes.
exec "$(dirname "${BASH_SOURCE[0]}")/setup-npm-fixture.sh" setup-research-fixtures @modelcontextprotocol/server-everything 2026.1.26 dist/index.js
