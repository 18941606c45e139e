#!/usr/bin/env bash
# The same cohort exported as CSV, .xlsx and .ods (tests/fixtures/intake/cohort.*,
# made by make_fixtures.py) is marked the same: identical marks.csv (but for the
# file named in the source column), identical reports but for source, format and
# file hash, and the same totals as the sample scripts' goldens; segment and agree
# read the workbooks too.
set -uo pipefail
AM=$1
R=rubrics/ecs7013p-2024-05.yaml
F=tests/fixtures/intake
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; cat "$T/err" 2>/dev/null; exit 1; }

for ext in csv xlsx ods; do
  "$AM" mark --rubric "$R" --out "$T/$ext" --jobs 2 "$F/cohort.$ext" >"$T/out" 2>"$T/err" || fail "mark cohort.$ext: exit $?"
  [ -s "$T/$ext/marks.csv" ] || fail "cohort.$ext: no marks.csv"
  # The file's name aside (and the CSV's "(line N)" where a quoted answer spans lines), the same.
  sed -E "s#cohort\.$ext:row ([0-9]+)( \(line [0-9]+\))?#cohort.FILE:row \1#" "$T/$ext/marks.csv" >"$T/$ext.marks"
done
rows=$(tail -n +2 "$T/csv.marks" | wc -l)
[ "$rows" -eq 12 ] || fail "cohort.csv: expected 12 candidates, got $rows"
# Candidates 2400101 and 2400104 carry the answers of sample scripts 2400101.md and
# exam_answers_final.txt: the same totals as those scripts' golden reports.
python3 - "$T/csv.marks" submissions/golden <<'PY' || fail "cohort.csv: totals differ from the sample scripts' goldens"
import csv, glob, json, sys
rows = {r["student"]: r for r in csv.DictReader(open(sys.argv[1]))}
gold = {}
for f in glob.glob(sys.argv[2] + "/*.json"):
    d = json.load(open(f))
    gold[d["student"]] = d["total"]["awarded"]
for sid in ("2400101", "2400104"):
    assert float(rows[sid]["total"]) == float(gold[sid]), (sid, rows[sid]["total"], gold[sid])
    assert rows[sid]["counted"] == "1;2;3;4" and rows[sid]["flags"] == "0", rows[sid]
PY
for ext in xlsx ods; do
  diff -u "$T/csv.marks" "$T/$ext.marks" || fail "marks.csv from cohort.$ext differs from cohort.csv"
  python3 - "$T/csv/reports" "$T/$ext/reports" "$ext" <<'PY' || fail "cohort.$ext: the reports differ"
import json, os, sys
csv_dir, other_dir, ext = sys.argv[1:4]
names = sorted(os.listdir(csv_dir))
assert len(names) == 12 and names == sorted(os.listdir(other_dir)), (names, os.listdir(other_dir))
for n in names:
    a, b = (json.load(open(os.path.join(d, n))) for d in (csv_dir, other_dir))
    assert b["format"] == ext, (n, b["format"])
    for k in ("source", "format", "script_sha256"):
        a.pop(k); b.pop(k)
    assert a == b, (n, [k for k in a if a[k] != b.get(k)])
PY
done

# segment reads the workbook's rows as scripts, with the sheet's row numbers.
"$AM" segment --rubric "$R" --json "$F/cohort.xlsx" >"$T/seg.json" 2>"$T/err" || fail "segment cohort.xlsx: exit $?"
python3 - "$T/seg.json" <<'PY' || fail "segment cohort.xlsx: unexpected output"
import json, sys
d = json.load(open(sys.argv[1]))
scripts = d["scripts"] if isinstance(d, dict) else d
assert len(scripts) == 12, len(scripts)
assert scripts[0]["format"] == "xlsx" and scripts[0]["source"].endswith("cohort.xlsx:row 2"), scripts[0]["source"]
assert scripts[0]["student"] == "2400101", scripts[0]["student"]
PY

# agree: the workbook's scripts against the human marks, as for the CSV.
"$AM" agree --rubric "$R" --human submissions/expected/marks.csv "$F/cohort.csv" --json >"$T/a.csv.json" 2>"$T/err" ||
  fail "agree cohort.csv: exit $?"
"$AM" agree --rubric "$R" --human submissions/expected/marks.csv "$F/cohort.ods" --json >"$T/a.ods.json" 2>"$T/err" ||
  fail "agree cohort.ods: exit $?"
for ext in csv ods; do
  sed -E "s#cohort\.$ext:row ([0-9]+)( \(line [0-9]+\))?#cohort.FILE:row \1#" "$T/a.$ext.json" >"$T/a.$ext.norm"
done
cmp -s "$T/a.csv.norm" "$T/a.ods.norm" || fail "agree: cohort.ods differs from cohort.csv: $(diff "$T/a.csv.norm" "$T/a.ods.norm" | head -20)"

# Human marks kept in a workbook (ids and marks as numbers) agree as the CSV they came from.
"$AM" agree --rubric "$R" --human "$F/human_marks.xlsx" "$F/cohort.csv" --json >"$T/a.hx.json" 2>"$T/err" ||
  fail "agree --human human_marks.xlsx: exit $?"
cmp -s "$T/a.csv.json" "$T/a.hx.json" || fail "agree: --human human_marks.xlsx differs from marks.csv: $(diff "$T/a.csv.json" "$T/a.hx.json" | head -20)"

"$AM" agree --rubric "$R" --human "$F/sheet_encrypted.xlsx" "$F/cohort.csv" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "agree --human encrypted workbook: exit $rc"
grep -q "sheet_encrypted.xlsx: password-protected (encrypted) Excel workbook" "$T/err" || fail "agree --human encrypted: message"

# A bad workbook: exit 2 (mark without --out), the message names the file.
"$AM" mark --rubric "$R" "$F/sheet_encrypted.xlsx" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "encrypted workbook: exit $rc"
grep -q "sheet_encrypted.xlsx: password-protected (encrypted) Excel workbook" "$T/err" || fail "encrypted workbook: message"
echo "mark_sheets: ok"
