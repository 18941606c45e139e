#!/usr/bin/env bash
# automark segment --json: one array of script objects with the documented fields;
# the same script as .md, .docx and .pdf splits the same way.
set -u
AM=${1:?usage: segment_json.sh /path/to/automark}
R=tests/fixtures/intake/rubric.yaml
F=tests/fixtures/intake
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$AM" segment --rubric "$R" --json "$F/same.md" "$F/same.docx" "$F/same.pdf" >"$T/out.json" 2>"$T/err" ||
  fail "exit $?: $(cat "$T/err")"
python3 - "$T/out.json" <<'PY' || fail "JSON check"
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, list) and len(doc) == 3, doc
keys = ["student", "student_source", "source", "format", "sha256", "parts", "answers", "missing",
        "voided", "preamble", "unassigned", "flags"]
part_keys = ["text", "start", "end", "words", "word_limit", "truncated", "cut_offset", "cut_word",
             "tail", "attempt", "attempts"]
for s in doc:
    for k in keys:
        assert k in s, (k, s["source"])
    assert s["student"] == "2400999" and s["student_source"] == "id-line", s["student"]
    for pid, p in s["parts"].items():
        for k in part_keys:
            assert k in p, (pid, k)
assert [s["format"] for s in doc] == ["markdown", "docx", "pdf"]
def split(s):
    return {pid: " ".join(p["text"].split()) for pid, p in s["parts"].items()}
want = ["1.a", "1.b.i", "1.b.ii", "1.b.iii", "1.c", "2.a", "2.b"]
for s in doc:
    assert list(s["parts"]) == want, (s["format"], list(s["parts"]))
    assert split(s) == split(doc[0]), s["format"]
    p = s["parts"]["2.b"]
    assert p["truncated"] and p["words"] == 7 and p["word_limit"] == 5 and p["cut_word"] == 5, p
    assert p["tail"] == "ten classes.", p["tail"]
    assert s["missing"] == []
# spans point into the text the preamble and answers came from
md = open("tests/fixtures/intake/same.md", encoding="utf-8").read()
for pid, p in doc[0]["parts"].items():
    assert md[p["start"]:p["end"]].startswith(p["text"].rstrip()[:10]), pid
assert doc[0]["preamble"]["text"].strip() == "Student ID: 2400999"
PY

# Structured: a long CSV gives one object per student; unknown parts are flagged.
printf 'student,part,answer\ns1,1.a,the learning rate\ns2,2.a,softmax\ns1,9.z,lost\n' >"$T/long.csv"
"$AM" segment --rubric "$R" --json "$T/long.csv" >"$T/out.json" 2>"$T/err" || fail "csv exit $?: $(cat "$T/err")"
python3 - "$T/out.json" <<'PY' || fail "CSV JSON check"
import json, sys
doc = json.load(open(sys.argv[1]))
assert [s["student"] for s in doc] == ["s1", "s2"], doc
s1 = doc[0]
assert s1["format"] == "csv" and s1["student_source"] == "field"
assert s1["source"].endswith("long.csv:row 2"), s1["source"]
assert list(s1["parts"]) == ["1.a"]
assert [f["code"] for f in s1["flags"]] == ["unknown-part"], s1["flags"]
assert len(s1["unassigned"]) == 1 and s1["unassigned"][0]["text"] == "lost"
PY

# A failed file is not in the JSON, and the exit status says so.
"$AM" segment --rubric "$R" --json "$F/same.md" "$T/missing.md" >"$T/out.json" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "exit $rc with a missing file"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==1' "$T/out.json" || fail "valid JSON with the good script"
echo "ok"
