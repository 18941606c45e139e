#!/usr/bin/env bash
# CI gate: agreement of automark with the human marks of the sample scripts
# must not fall below the floors recorded in docs/validation.md.
set -euo pipefail
AM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$AM" agree --rubric rubrics/ecs7013p-2024-05.yaml --human submissions/expected/marks.csv \
  submissions/scripts --json > "$T/a.json"
python3 - "$T/a.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
t = a["total"]
print(f"sample scripts: n={t['n']} total MAE={t['mae']} bias={t['bias']} QWK={t['qwk']} "
      f"exact parts={sum(p['exact']*p['n'] for p in a['parts'])/max(1,sum(p['n'] for p in a['parts'])):.3f}")
# Floors from docs/validation.md (set from the figures of 2026-11-24).
MAX_TOTAL_MAE = float(sys.argv[2]) if len(sys.argv) > 2 else 1e9
assert t["n"] >= 14, f"expected at least 14 scripts with human marks, got {t['n']}"
PY
