#!/usr/bin/env bash
# automark check: friendly plain feedback when not on a TTY, hints but never
# revealing ones, exit 0 whatever the mark.
set -uo pipefail
AM=$1
F=tests/fixtures/report
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; cat "$T/out"; exit 1; }
"$AM" check --rubric $F/demo.yaml $F/s1.txt >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] || fail "exit $rc"
if grep -q $'\x1b\[' "$T/out"; then fail "colour codes when stdout is not a TTY"; fi
grep -q "Question 1: 4 / 4" "$T/out" || fail "question mark"
grep -q 'Credit for: "step size"' "$T/out" || fail "credit quoted from the answer"
grep -q "16 of 12 words: over the limit" "$T/out" || fail "words against the limit"
grep -q 'Marking stopped after word 12: "...so every update overshoots the minimum" | not marked: "and the loss grows."' "$T/out" \
  || fail "the words where marking stopped"
grep -q "Hint: What does a model that memorises" "$T/out" && fail "hint shown for a credited point"
grep -q "A further point was expected here." "$T/out" || fail "revealing hint replaced"
if grep -q "add up to one" "$T/out"; then fail "revealing hint shown"; fi
if grep -q "sum|add" "$T/out"; then fail "a pattern was shown"; fi
grep -q "Hint: On what data should a model be judged?" "$T/out" || fail "missed hint"
grep -q "You chose: Tanh" "$T/out" || fail "choice"
grep -q "Not counted: question 3" "$T/out" || fail "which questions count"
# Forced plain and the NO_COLOR convention.
"$AM" check --no-color --rubric $F/demo.yaml $F/s1.txt | cmp - "$T/out" || fail "--no-color differs"
# A zero mark still exits 0.
printf 'Student ID: S9\n\n2 I do not know.\n' > "$T/zero.txt"
"$AM" check --rubric $F/demo.yaml "$T/zero.txt" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] || fail "zero mark: exit $rc"
grep -q "Question 1: not answered" "$T/out" || fail "unanswered question"
# Bad input: invalid rubric 1, missing script 2.
"$AM" check --rubric $F/invalid.yaml $F/s1.txt >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] || fail "invalid rubric: exit $rc"
"$AM" check --rubric $F/demo.yaml $F/missing.txt >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "missing script: exit $rc"
echo "check_feedback: ok"
