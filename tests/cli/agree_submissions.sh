#!/usr/bin/env bash
# CI gate: agreement of automark with the human marks of the sample scripts
# must not fall below the floors recorded in docs/validation.md.
set -euo pipefail
AM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Floors from docs/validation.md (figures of 2026-11-24, third session: total MAE 0.92,
# QWK 0.999; MAE floor lowered from 1.5 (first 2.5) so the fixes cannot quietly regress).
"$AM" agree --rubric rubrics/ecs7013p-2024-05.yaml --human submissions/expected/marks.csv \
  submissions/scripts --json --max-mae 1.25 --min-qwk 0.99 > "$T/a.json"
python3 - "$T/a.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
t = a["total"]
print(f"sample scripts: n={t['n']} total MAE={t['mae']} bias={t['bias']} QWK={t['qwk']} "
      f"exact parts={sum(p['exact']*p['n'] for p in a['parts'])/max(1,sum(p['n'] for p in a['parts'])):.3f}")
assert t["n"] >= 14, f"expected at least 14 scripts with human marks, got {t['n']}"
# The 95% bootstrap intervals bracket their figures (15 scripts: enough for one).
lo, hi = t["qwk_ci95"]
assert lo <= t["qwk"] <= hi <= 1, f"total QWK {t['qwk']} outside its interval {t['qwk_ci95']}"
lo, hi = t["mae_ci95"]
assert 0 <= lo <= t["mae"] <= hi, f"total MAE {t['mae']} outside its interval {t['mae_ci95']}"
PY
"$AM" agree --rubric rubrics/ecs7013p-2024-05.yaml --human submissions/expected/marks.csv submissions/scripts \
  > "$T/a.txt"
grep -q "QWK 95% CI" "$T/a.txt"
grep -Eq "^total +100 +15 .*\[[01]\.[0-9]{3}, [01]\.[0-9]{3}\]$" "$T/a.txt"
