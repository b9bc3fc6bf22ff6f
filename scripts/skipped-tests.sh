#!/usr/bin/env bash
# Prints one line per skipped test found in the given TRX files (dotnet test --logger trx), with the reason the test
# gave for skipping: "skipped: <test> — <reason>". Prints nothing when no test was skipped.
set -euo pipefail

[ "$#" -gt 0 ] || exit 0
# Each <UnitTestResult …> element is one record; a skipped one has outcome="NotExecuted" and its reason in
# <ErrorInfo><Message>. XML escapes are undone for the terminal.
awk '
  BEGIN { RS = "<UnitTestResult " }
  /outcome="NotExecuted"/ {
    name = "?"
    if (match($0, /testName="[^"]*"/)) name = substr($0, RSTART + 10, RLENGTH - 11)
    reason = "no reason given"
    if (match($0, /<Message>[^<]*<\/Message>/)) reason = substr($0, RSTART + 9, RLENGTH - 19)
    text = name " — " reason
    gsub(/[\r\n]+[ \t]*/, " ", text)
    gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text); gsub(/&quot;/, "\"", text); gsub(/&apos;/, "'\''", text); gsub(/&amp;/, "\\&", text)
    print "skipped: " text
  }' "$@" | awk '!seen[$0]++' # a TRX file can hold a test's result more than once
