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

# Two lanes at once, each running its test projects one after another, of about the same length: much of a test's
# time is spent waiting (on Python agents, fake sites, child processes), which the other lane fills. More at once on
# a small machine starves the timeouts of the tests that start Python processes and loopback servers.
first_lane=(PlexImprove.Loop.Tests PlexImprove.Cli.Tests PlexImprove.Core.Tests PlexImprove.Plex.Tests)
second_lane=(PlexImprove.Sandbox.Tests PlexImprove.Agent.Tests PlexImprove.Python.Tests PlexImprove.Mcp.Tests)
for dir in tests/*/; do
  name="$(basename "$dir")"
  [ -f "$dir$name.csproj" ] || continue
  case " ${first_lane[*]} ${second_lane[*]} " in
    *" $name "*) ;;
    *) echo "error: test project $name is in neither lane of test.sh; add it to one." >&2
       echo "0 passed, 1 failed, 0 skipped"
       exit 1 ;;
  esac
done

# Runs the named test projects in order, appending their output to the file $1; fails if any of them failed.
run_lane() {
  local lane_log="$1" lane_status=0
  shift
  for project in "$@"; do
    dotnet test "tests/$project" -c Release --no-build --nologo -v minimal \
      --logger "trx;LogFileName=$project.trx" --results-directory "$results" "${test_args[@]}" 2>&1 | tee -a "$lane_log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || lane_status=1
  done
  return "$lane_status"
}

test_args=("$@")
if dotnet build PlexImproveAgent.sln -c Release --nologo -v minimal -p:UseSharedCompilation=false 2>&1 | tee "$log"; then
  lane_logs=("$(mktemp)" "$(mktemp)")
  run_lane "${lane_logs[0]}" "${first_lane[@]}" & first=$!
  run_lane "${lane_logs[1]}" "${second_lane[@]}" & second=$!
  status=0
  wait "$first" || status=1
  wait "$second" || status=1
  cat "${lane_logs[@]}" >> "$log"
  rm -f "${lane_logs[@]}"
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
if [ "$status" -eq 0 ]; then
  rm -rf "$results"
else
  # A test process that crashes reports only the tests it finished: what its TRX lacks is what was running.
  echo "Test reports kept in $results" >&2
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
