#!/usr/bin/env bash
# Adds up the per-project summary lines of a dotnet test log ("Passed! - Failed: 0, Passed: 8, Skipped: 0, …"; a
# project whose tests were all skipped says "Skipped!") and prints "passed failed skipped".
set -euo pipefail

awk '
  /(Passed|Failed|Skipped)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$1"
