#!/usr/bin/env bash
# Runs the release tests that the normal suite skips because they publish (minutes of CPU): the linux-x64 archive
# unpacked into an empty folder and run with no .NET SDK and no repository on PATH (help, doctor, aggregate,
# sandbox up + plex status, mcp tools/list, demo), and the dotnet tool installed into a temporary tool path.
# The archive is published once for all of them, into artifacts/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/setup-python27.sh >/dev/null
export PLEXIMPROVE_PUBLISH_TESTS=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet test tests/PlexImprove.Cli.Tests/PlexImprove.Cli.Tests.csproj -c Release --nologo -v minimal \
  --filter "FullyQualifiedName~PlexImprove.Cli.Tests.Install.PublishedArchiveTests" "$@"
