#!/usr/bin/env bash
# automark mark on bad input: documented exit codes and clear messages.
set -uo pipefail
AM=$1
F=tests/fixtures/report
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; cat "$T/err" 2>/dev/null; exit 1; }

# An invalid rubric is refused with its diagnostics: exit 1, nothing on stdout.
"$AM" mark --rubric $F/invalid.yaml $F/s1.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] || fail "invalid rubric: exit $rc"
[ ! -s "$T/out" ] || fail "invalid rubric: something was marked"
grep -q "invalid.yaml:" "$T/err" || fail "invalid rubric: diagnostics name the file"
grep -q "not marking" "$T/err" || fail "invalid rubric: refusal message"

# A missing rubric: exit 2.
"$AM" mark --rubric $F/no-such.yaml $F/s1.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "missing rubric: exit $rc"

# A missing script: exit 2, message names it.
"$AM" mark --rubric $F/demo.yaml $F/no-such.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "missing script: exit $rc"
grep -q "no-such.txt" "$T/err" || fail "missing script: message names the file"

# A script for another paper (no label fits): exit 1, no report, clear message.
"$AM" mark --rubric $F/demo.yaml $F/other-paper.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] || fail "other paper: exit $rc"
[ ! -s "$T/out" ] || fail "other paper: a report was printed"
grep -q "another paper" "$T/err" || fail "other paper: message"

# An empty script: intake's error, non-zero, message names the file.
"$AM" mark --rubric $F/demo.yaml $F/empty.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -ne 0 ] || fail "empty script accepted"
grep -q "empty.txt" "$T/err" || fail "empty script: message names the file"

# One good and one bad script: the good one is still reported, exit 1.
"$AM" mark --rubric $F/demo.yaml $F/s1.txt $F/other-paper.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] || fail "mixed: exit $rc"
grep -q '"student": "S0001"' "$T/out" || fail "mixed: the good script's report"
echo "mark_bad_input: ok"
