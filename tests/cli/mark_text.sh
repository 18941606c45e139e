#!/usr/bin/env bash
# automark mark --format text and --format md on the fixture script.
set -euo pipefail
AM=$1
F=tests/fixtures/report
out=$("$AM" mark --rubric $F/demo.yaml --format text $F/s1.txt)
fail() { echo "FAIL: $*"; echo "$out"; exit 1; }
grep -q "TOTAL 6 / 8" <<<"$out" || fail "total line"
grep -q "Question 3  2 / 4  NOT COUNTED" <<<"$out" || fail "Q3 not counted"
grep -q '+ learning-rate 2/2: "step size"' <<<"$out" || fail "credited point with evidence"
grep -q -- "- sums-to-one 0/2 missed" <<<"$out" || fail "missed point"
grep -q "16 words (limit 12), cut after word 12" <<<"$out" || fail "words and cut"
out=$("$AM" mark --rubric $F/demo.yaml --format md $F/s1.txt)
grep -q "^# DEMO101: S0001" <<<"$out" || fail "md title"
grep -q "^\*\*Total: 6 / 8\*\*" <<<"$out" || fail "md total"
grep -q "^### 1(b): 2 / 2" <<<"$out" || fail "md part heading"
# A hint marked reveal: true is withheld from the student-facing Markdown.
if grep -q "add up to one" <<<"$out"; then fail "revealing hint in md"; fi
# Unknown format: usage error.
if "$AM" mark --rubric $F/demo.yaml --format xml $F/s1.txt >/dev/null 2>&1; then fail "--format xml accepted"; fi
echo "mark_text: ok"
