#!/usr/bin/env bash
# automark segment: plain output and exit statuses (run from the repo root).
set -u
AM=${1:?usage: segment_exit.sh /path/to/automark}
R=tests/fixtures/intake/rubric.yaml
F=tests/fixtures/intake
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A readable script: exit 0, the split visible at a glance.
"$AM" segment --rubric "$R" "$F/same.md" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] || fail "same.md: exit $rc"
grep -q "student 2400999 (id-line)" "$T/out" || fail "student id line missing"
grep -q "^   1.b.iii " "$T/out" || fail "part 1.b.iii missing"
grep -q "CUT at word 8" "$T/out" || fail "cut point missing"
grep -q "^   preamble " "$T/out" || fail "preamble missing"
[ ! -s "$T/err" ] || fail "unexpected stderr: $(cat "$T/err")"

# A part with no answer is listed as such.
printf 'Student ID: 42\nQ1 (a) the learning rate\n' >"$T/partial.txt"
"$AM" segment --rubric "$R" "$T/partial.txt" >"$T/out" 2>&1 || fail "partial.txt: exit $?"
grep -q "^   2.b       -- no answer" "$T/out" || fail "missing part not shown: $(cat "$T/out")"

# Control characters from a script never reach the terminal raw.
printf 'Student ID: 43\nQ1 (a) red \033[31mALERT\007 back\010 \342\200\256rtl\n' >"$T/ctrl.txt"
"$AM" segment --rubric "$R" "$T/ctrl.txt" >"$T/out" 2>&1 || fail "ctrl.txt: exit $?"
! grep -qP '\x1b|\x07|\x08|\x{202E}' "$T/out" || fail "raw control characters in the plain output"
grep -qF '\x1B[31mALERT\x07' "$T/out" || fail "escaped control characters not shown: $(cat "$T/out")"

# One bad file among good ones: its error on stderr, the others still shown, exit 2.
"$AM" segment --rubric "$R" "$F/same.md" "$T/nope.md" "$F/scanned.pdf" "$F/same.pdf" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "bad file: exit $rc, expected 2"
grep -q "nope.md: cannot read" "$T/err" || fail "missing-file error not on stderr"
grep -q "scanned.pdf: no text layer" "$T/err" || fail "scanned-pdf error not on stderr"
[ "$(grep -c '^== ' "$T/out")" -eq 2 ] || fail "the two good scripts should still be shown"

# Every kind of unreadable input exits 2 and names the file.
: >"$T/empty.md"
printf 'a\0b' >"$T/bin.txt"
for f in "$T/empty.md" "$T/bin.txt" "$T" "$F/encrypted.pdf" "$F/bomb.docx" "$F/not_docx.docx"; do
  "$AM" segment --rubric "$R" "$f" >/dev/null 2>"$T/err"; rc=$?
  [ $rc -eq 2 ] || fail "$f: exit $rc, expected 2"
  grep -qF "$f" "$T/err" || fail "$f: error does not name the file: $(cat "$T/err")"
done

# An invalid or unreadable rubric: its diagnostics, exit 1 or 2, no script output.
printf 'exam: {code: X}\nquestions: 7\n' >"$T/bad.yaml"
"$AM" segment --rubric "$T/bad.yaml" "$F/same.md" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] || [ $rc -eq 2 ] || fail "invalid rubric: exit $rc"
grep -q "bad.yaml" "$T/err" || fail "rubric diagnostics missing"
[ ! -s "$T/out" ] || fail "scripts shown despite an invalid rubric"
"$AM" segment --rubric "$T/none.yaml" "$F/same.md" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "missing rubric: exit $rc, expected 2"

# Usage errors: no script given.
"$AM" segment --rubric "$R" >/dev/null 2>&1; rc=$?
[ $rc -ne 0 ] || fail "no scripts: exit 0"
echo "ok"
