#!/usr/bin/env bash
# automark mark: the JSON report of a small fixture script, its totals, the
# questions that count, byte-identical reruns, and schema-level shape.
set -euo pipefail
AM=$1
F=tests/fixtures/report
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$AM" mark --rubric $F/demo.yaml $F/s1.txt > "$T/a.json"
"$AM" mark --rubric $F/demo.yaml $F/s1.txt > "$T/b.json"
cmp "$T/a.json" "$T/b.json"          # identical input, identical bytes
"$AM" mark --rubric $F/demo.yaml --format json $F/s1.txt | cmp - "$T/a.json"
python3 - "$T/a.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def check(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)
check(r["schema"] == "1", "schema")
check(r["rubric"]["code"] == "DEMO101", "rubric code")
check(len(r["rubric"]["sha256"]) == 64, "rubric sha256")
check(r["student"] == "S0001", "student id from the id line")
check(r["source"] == "tests/fixtures/report/s1.txt", "source as given")
check(r["total"] == {"awarded": 6, "max": 8}, "total %r" % r["total"])
q = {x["id"]: x for x in r["questions"]}
check([x["id"] for x in r["questions"]] == ["1", "2", "3"], "paper order")
check(q["1"]["awarded"] == 4 and q["1"]["counted"], "Q1 counts 4")
# Q2 and Q3 tie at 2: paper order keeps Q2.
check(q["2"]["awarded"] == 2 and q["2"]["counted"], "Q2 counts 2")
check(q["3"]["awarded"] == 2 and q["3"]["attempted"] and not q["3"]["counted"], "Q3 marked, not counted")
a, b = q["1"]["parts"]
check(a["id"] == "1.a" and a["selected"] == ["tanh"] and a["awarded"] == 2, "choice 1.a")
check(b["truncated"] and b["words"] == 16 and b["word_limit"] == 12, "1.b cut at 12 of 16 words")
text = open("tests/fixtures/report/s1.txt", encoding="utf-8").read().encode()
check(text[b["cut_offset"]:].startswith(b"and the loss"), "cut offset points at the first ignored word")
ev = b["concepts"][0]["evidence"][0]
check(text[ev["start"]:ev["end"]].decode() == ev["text"], "evidence offsets")
check(ev["text"].lower() == "step size", "evidence text %r" % ev["text"])
p2 = q["2"]["parts"][0]
check(p2["feedback"] == ["The outputs are probabilities that add up to one."], "examiner JSON keeps every hint")
for x in r["questions"]:
    for p in x["parts"]:
        for k in ("id", "awarded", "max", "words", "word_limit", "truncated", "cut_offset",
                  "concepts", "misconceptions", "feedback"):
            check(k in p, "part key " + k)
for f in r["flags"]:
    check(set(f) == {"part", "code", "reason"}, "flag keys")
raw = open(sys.argv[1]).read()
check(".0," not in raw and ".0\n" not in raw, "marks printed as short numbers")
PY
echo "mark_json: ok"
