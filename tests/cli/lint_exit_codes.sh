#!/usr/bin/env bash
# automark lint: exit 0 valid, 1 invalid, 2 unreadable / not YAML; messages on stderr.
set -u
AM=${1:?usage: lint_exit_codes.sh /path/to/automark}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
expect() {  # expect CODE PATTERN ARGS...: exit code and a line of stderr
  local want=$1 pat=$2
  shift 2
  "$AM" lint "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: lint $* exited $got, expected $want"; cat "$T/err"; fail=1
  elif [ "$pat" = NOTHING ]; then
    [ -s "$T/err" ] && { echo "FAIL: lint $*: unexpected stderr"; cat "$T/err"; fail=1; }
  elif ! grep -qE -- "$pat" "$T/err"; then
    echo "FAIL: lint $*: stderr lacks /$pat/"; cat "$T/err"; fail=1
  fi
}
expect 0 NOTHING tests/fixtures/rubric/demo.yaml
[ -s "$T/out" ] && { echo "FAIL: lint without --json printed on stdout"; fail=1; }
expect 1 '^tests/fixtures/rubric/invalid.yaml:4:5: error: unknown key .marsk. in a question; did you mean .marks.\?$' \
  tests/fixtures/rubric/invalid.yaml
expect 1 '^tests/fixtures/rubric/invalid.yaml:6:34: error: invalid pattern: ' tests/fixtures/rubric/invalid.yaml
[ "$(grep -c ': error: ' "$T/err")" -ge 3 ] || { echo "FAIL: not every problem reported"; fail=1; }
expect 2 ': error: cannot read: No such file or directory$' "$T/missing.yaml"
expect 2 ': error: cannot read: Is a directory$' "$T"
: >"$T/empty.yaml"
expect 2 'empty.yaml: error: empty file$' "$T/empty.yaml"
printf 'exam:\0\n' >"$T/bin.yaml"
expect 2 'bin.yaml:1:6: error: not a text file \(NUL byte\)$' "$T/bin.yaml"
printf 'exam: {code: T}\nquestions: \xfe\n' >"$T/utf.yaml"
expect 2 'utf.yaml:2:12: error: invalid UTF-8 \(byte 0xFE\)$' "$T/utf.yaml"
printf 'exam: {code: T\n' >"$T/notyaml.yaml"
expect 2 'notyaml.yaml:2:1: error: not valid YAML: ' "$T/notyaml.yaml"
python3 -c "import sys; sys.stdout.write('a: ' + '[' * 100000 + ']' * 100000 + '\n')" >"$T/deep.yaml"
expect 2 'deep.yaml:1:35: error: YAML nested deeper than 32 levels$' "$T/deep.yaml"
truncate -s 100M "$T/big.yaml"
expect 2 'big.yaml: error: file too large: 104857600 bytes' "$T/big.yaml"
# Usage errors.
"$AM" lint >/dev/null 2>&1; [ $? -ne 0 ] || { echo "FAIL: lint without RUBRIC succeeded"; fail=1; }
"$AM" lint --help | grep -q 'Exit status' || { echo "FAIL: --help lacks exit statuses"; fail=1; }
exit $fail
