#!/usr/bin/env bash
# Installs the MCP Inspector CLI (a third-party MCP client, used by the acceptance tests) into .tools-npm/.
# Prints the path of the mcp-inspector launcher; see setup-npm-fixture.sh for exit codes.
exec "$(dirname "${BASH_SOURCE[0]}")/setup-npm-fixture.sh" setup-mcp-inspector @modelcontextprotocol/inspector 0.15.0 .bin/mcp-inspector
