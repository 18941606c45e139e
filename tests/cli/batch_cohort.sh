#!/usr/bin/env bash
# Batch marking of a cohort: bad files mixed in, duplicate and hostile ids,
# --jobs 1 and --jobs 2 give identical output, rerun skips, --force re-marks.
set -euo pipefail
AM=$1
source tests/cli/lib/batch.bash
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
R=rubrics/ecs7013p-2024-05.yaml

make_cohort "$T/in" 30
# 10% bad files: empty, binary, a directory-like mess, a broken docx.
: > "$T/in/empty.txt"
printf '\x00\x01\x02binary\x00' > "$T/in/binary.txt"
printf 'PK\x03\x04 not really a zip' > "$T/in/broken.docx"
# Duplicate id: two different scripts claim C00003.
{ printf 'Student ID: C00003\n\n'; cat submissions/scripts/2400101.md | grep -v -i '^student id'; } > "$T/in/dup.md"
# Hostile ids.
{ printf 'Student ID: ../../escape\n\n'; tail -n +3 "$T"/in/c00001.*; } > "$T/in/hostile1.md"
{ printf 'Student ID: CON\n\n'; tail -n +3 "$T"/in/c00002.*; } > "$T/in/hostile2.md"

set +e
"$AM" mark --rubric "$R" --out "$T/o1" --jobs 1 "$T/in" 2> "$T/err1"
rc1=$?
"$AM" mark --rubric "$R" --out "$T/o2" --jobs 2 "$T/in" 2> "$T/err2"
rc2=$?
set -e
[ "$rc1" = 3 ] || fail "expected exit 3 with bad files, got $rc1: $(cat "$T/err1")"
[ "$rc2" = 3 ] || fail "expected exit 3 with bad files (jobs 2), got $rc2"
grep -q "3 failed" "$T/err1" || fail "summary line should count 3 failures: $(cat "$T/err1")"

# Every good script has its report: 30 + dup + 2 hostile = 33.
n=$(ls "$T/o1/reports" | wc -l)
[ "$n" = 33 ] || fail "expected 33 reports, found $n"
# Nothing outside DIR/reports.
[ ! -e "$T/escape.json" ] && [ ! -e "$T/o1/escape.json" ] || fail "a hostile id escaped the output folder"
ls "$T/o1/reports" | grep -q '^_CON.json$' || fail "CON should be written as _CON.json"
# Duplicate id: both reports, hashed names, both flagged.
[ "$(ls "$T/o1/reports" | grep -c '^C00003~')" = 2 ] || fail "duplicate ids should give two hashed reports"
for f in "$T"/o1/reports/C00003~*.json; do grep -q "duplicate-id" "$f" || fail "$f lacks the duplicate-id flag"; done
# The failures are listed with their messages.
python3 - "$T/o1/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["scripts"]["marked"] == 33, s["scripts"]
assert s["scripts"]["failed"] == 3, s["scripts"]
srcs = sorted(f["source"].rsplit("/", 1)[-1] for f in s["failures"])
assert srcs == ["binary.txt", "broken.docx", "empty.txt"], srcs
assert all(f["message"] for f in s["failures"])
assert any("duplicate" in " ".join(x["reasons"]) or "also used" in " ".join(x["reasons"]) for x in s["flagged"])
assert len(s["questions"]) == 4 and len(s["parts"]) == 28
assert sum(b["count"] for b in s["total"]["histogram"]) == 33
PY
# marks.csv: header and one row per report, sorted by student.
head -1 "$T/o1/marks.csv" | grep -q '^student,source,Q1,Q2,Q3,Q4,total,counted,flags$' || fail "marks.csv header: $(head -1 "$T/o1/marks.csv")"
[ "$(tail -n +2 "$T/o1/marks.csv" | wc -l)" = 33 ] || fail "marks.csv should have 33 rows"
tail -n +2 "$T/o1/marks.csv" | cut -d, -f1 | LC_ALL=C sort -c || fail "marks.csv is not sorted by student"

# --jobs 1 and --jobs 2: identical output.
diff -r "$T/o1" "$T/o2" > "$T/d" || fail "jobs 1 and jobs 2 differ: $(head -20 "$T/d")"

# Rerun: everything up to date, identical files.
cp -r "$T/o1" "$T/o1.before"
set +e
"$AM" mark --rubric "$R" --out "$T/o1" --jobs 2 "$T/in" 2> "$T/err3"
set -e
grep -q "0 this run, 33 up to date" "$T/err3" || fail "rerun should skip all: $(cat "$T/err3")"
diff -r "$T/o1.before" "$T/o1" > /dev/null || fail "rerun changed the output"
# --force re-marks everything, same result.
set +e
"$AM" mark --rubric "$R" --out "$T/o1" --jobs 2 --force "$T/in" 2> "$T/err4"
set -e
grep -q "33 this run, 0 up to date" "$T/err4" || fail "--force should re-mark all: $(cat "$T/err4")"
diff -r "$T/o1.before" "$T/o1" > /dev/null || fail "--force changed the output"
# A changed script is re-marked.
echo "An extra line." >> "$T/in/c00005.md"
set +e
"$AM" mark --rubric "$R" --out "$T/o1" --jobs 2 "$T/in" 2> "$T/err5"
set -e
grep -q "1 this run, 32 up to date" "$T/err5" || fail "an edited script should be re-marked: $(cat "$T/err5")"
echo "batch cohort: ok"
