#!/usr/bin/env bash
# CI gate: agreement of automark with the hand marks of the blind held-out
# scripts (tests/fixtures/heldout-scripts, written before their author read the
# rubric) must not fall below the floors recorded in docs/validation.md.
set -euo pipefail
AM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Figures of 2026-11-24 (third session, after the fixes): total MAE 0.75, QWK 0.999;
# first run, before any fix: MAE 10.94, QWK 0.604 (one script's labels were not read).
"$AM" agree --rubric rubrics/ecs7013p-2024-05.yaml --human tests/fixtures/heldout-scripts/expected.csv \
  tests/fixtures/heldout-scripts/scripts --json --max-mae 1.25 --min-qwk 0.99 > "$T/a.json"
python3 - "$T/a.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
t = a["total"]
parts = a["parts"]
exact = sum(p["exact"] * p["n"] for p in parts) / max(1, sum(p["n"] for p in parts))
print(f"held-out scripts: n={t['n']} total MAE={t['mae']} QWK={t['qwk']} exact parts={exact:.3f}")
assert t["n"] == 8, f"expected the 8 held-out scripts to be marked, got {t['n']}"
assert exact >= 0.9, f"share of exact part marks {exact:.3f} below the floor 0.9"
PY
