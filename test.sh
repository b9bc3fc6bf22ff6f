#!/usr/bin/env bash
# Runs the whole test suite (provisioning Python 2.7 first), lists the ten slowest tests, and ends with one plain
# line: "N passed, N failed, N skipped", after one line per skipped test saying why it was skipped.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! ./scripts/setup-python27.sh; then
  echo "error: Python 2.7 could not be provisioned; tests that need it cannot run." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

log="$(mktemp)"
results="$(mktemp -d)"
# Build once, then run the test projects one after another: several of them start Python processes and
# loopback servers, and running them all at once on a small machine starves their timeouts.
if dotnet build PlexImproveAgent.sln -c Release --nologo -v minimal -p:UseSharedCompilation=false 2>&1 | tee "$log"; then
  dotnet test PlexImproveAgent.sln -c Release --no-build --nologo -v minimal -m:1 \
    --logger trx --results-directory "$results" "$@" 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
else
  status=1
fi

# dotnet test prints one summary line per test project; add them up.
read -r passed failed skipped < <(./scripts/test-totals.sh "$log")
rm -f "$log"
shopt -s nullglob
reports=("$results"/*.trx)

# Each test project leaves a TRX file with every test's duration (hh:mm:ss.fffffff, so text order is time order).
if compgen -G "$results/*.trx" > /dev/null; then
  echo "Slowest tests:"
  grep -ho '<UnitTestResult [^>]*>' "$results"/*.trx \
    | sed -n 's/.* testName="\([^"]*\)".* duration="\([0-9:.]*\)".*/\2  \1/p' \
    | sort -r | head -n 10 | sed 's/^/  /'
fi
./scripts/skipped-tests.sh "${reports[@]}"
rm -rf "$results"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
