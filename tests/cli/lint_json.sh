#!/usr/bin/env bash
# automark lint --json: the outline of a valid rubric on stdout, nothing for an invalid one.
set -u
AM=${1:?usage: lint_json.sh /path/to/automark}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$AM" lint --json tests/fixtures/rubric/demo.yaml >"$T/out.json" 2>"$T/err" || { echo "FAIL: exit $?"; cat "$T/err"; exit 1; }
python3 - "$T/out.json" <<'PY' || exit 1
import json, sys
o = json.load(open(sys.argv[1]))
assert list(o)[:2] == ["exam", "questions"], list(o)
e = o["exam"]
assert list(e)[:4] == ["code", "answer", "count", "total"], list(e)
assert e == {**e, "code": "DEMO200", "answer": 1, "count": "best", "total": 10}, e
qs = o["questions"]
assert [q["id"] for q in qs] == ["1", "2"]
assert [q["marks"] for q in qs] == [10, 10]
for q in qs:
    assert list(q)[:3] == ["id", "marks", "parts"], list(q)
    for p in q["parts"]:
        assert list(p)[:4] == ["id", "marks", "word_limit", "kind"], list(p)
leaves = [(p["id"], p["marks"], p["word_limit"], p["kind"]) for q in qs for p in q["parts"]]
assert leaves == [
    ("1.a", 2, None, "choice"), ("1.b.i", 2, 30, "text"), ("1.b.ii", 3.5, 80, "text"),
    ("1.b.iii", 2.5, 60, "text"), ("2.a", 2, 40, "numeric"), ("2.b", 1.5, 20, "numeric"),
    ("2.c", 1, 20, "numeric"), ("2.d", 3, 100, "text"), ("2.e", 2, 60, "text"), ("2.f", 0.5, None, "text"),
], leaves
PY
# answer is null when every question counts; count may be "first".
printf 'exam: {code: T, count: first}\nquestions:\n  - {id: "1", marks: 1, concepts: [{id: c, match: rate}]}\n' >"$T/r.yaml"
"$AM" lint --json "$T/r.yaml" >"$T/out2.json" || { echo "FAIL: small rubric"; exit 1; }
python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))["exam"]
assert e["answer"] is None and e["count"] == "first" and e["total"] == 1, e
' "$T/out2.json" || exit 1
# Invalid: nothing on stdout, exit 1.
"$AM" lint --json tests/fixtures/rubric/invalid.yaml >"$T/out3" 2>/dev/null
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: invalid rubric exited $rc"; exit 1; }
[ -s "$T/out3" ] && { echo "FAIL: --json printed an outline for an invalid rubric"; exit 1; }
exit 0
