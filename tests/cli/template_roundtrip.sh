#!/usr/bin/env bash
# automark template: a label for every leaf part; filled in under each
# reminder, the sheet marks back into exactly every leaf part, once, and the
# reminders (marks, word limits, as Markdown comment lines `<!-- ... -->`)
# count as no answer words and raise no flags (docs/cli-template.md).
set -euo pipefail
AM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for R in tests/fixtures/report/demo.yaml rubrics/ecs7013p-2024-05.yaml; do
  [ -f "$R" ] || continue
  "$AM" template --rubric "$R" > "$T/sheet.md"
  python3 - "$T/sheet.md" "$T/filled.md" "$T/labels" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, labels = [], []
def is_part(l): return re.match(r"^\d+(\([a-z]+\))+$", l.strip())
def is_question(l): return re.match(r"^## Question \d+$", l.strip())
for i, line in enumerate(lines):
    if line.startswith("Student ID:"):
        line = "Student ID: T0001"
    out.append(line)
    # A leaf's label: a part label, or a question heading with no part label after it.
    nxt = next((l for l in lines[i + 1:] if l.strip() and not l.startswith("<!--")), "")
    if is_part(line) or (is_question(line) and not is_part(nxt)):
        labels.append(line.strip())
    # Answers go under each reminder, where a student writes.
    if line.startswith("<!--") and i > 0 and (is_part(lines[i - 1]) or is_question(lines[i - 1])):
        out.append("alpha beta gamma")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
open(sys.argv[3], "w").write("\n".join(labels))
PY
  "$AM" mark --rubric "$R" "$T/filled.md" > "$T/r.json"
  python3 - "$T/r.json" "$T/labels" "$R" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
labels = open(sys.argv[2]).read().split("\n")
parts = [p for q in r["questions"] for p in q["parts"]]
if len(labels) != len(parts) or len(set(labels)) != len(labels):
    sys.exit("FAIL %s: %d labels for %d leaf parts" % (sys.argv[3], len(labels), len(parts)))
for p in parts:
    if not p["attempted"] or p["attempts"] != 1:
        sys.exit("FAIL %s: part %s not read back exactly once" % (sys.argv[3], p["id"]))
    if p["words"] != 3:
        sys.exit("FAIL %s: part %s has %d words: the reminders leaked into the answer"
                 % (sys.argv[3], p["id"], p["words"]))
if r["student"] != "T0001":
    sys.exit("FAIL: student id line")
if r["flags"]:
    sys.exit("FAIL %s: flags on a clean sheet: %r" % (sys.argv[3], r["flags"]))
PY
  echo "template_roundtrip: $R ok"
done
