#!/usr/bin/env bash
# automark check on a terminal: ANSI colour, unless --no-color or NO_COLOR.
set -uo pipefail
AM=$1
F=tests/fixtures/report
if ! command -v script >/dev/null; then echo "no script(1): skipped"; exit 0; fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
script -qec "\"$AM\" check --rubric $F/demo.yaml $F/s1.txt" /dev/null > "$T/tty" 2>&1
grep -q $'\x1b\[32m' "$T/tty" || { echo "FAIL: no colour on a TTY"; cat -v "$T/tty"; exit 1; }
script -qec "\"$AM\" check --no-color --rubric $F/demo.yaml $F/s1.txt" /dev/null > "$T/plain" 2>&1
if grep -q $'\x1b\[' "$T/plain"; then echo "FAIL: colour despite --no-color"; exit 1; fi
NO_COLOR=1 script -qec "\"$AM\" check --rubric $F/demo.yaml $F/s1.txt" /dev/null > "$T/plain2" 2>&1
if grep -q $'\x1b\[' "$T/plain2"; then echo "FAIL: colour despite NO_COLOR"; exit 1; fi
echo "check_tty: ok"
