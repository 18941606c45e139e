#!/usr/bin/env bash
# Nothing lost: kill -9 a batch at several points, rerun, and check the cohort
# is complete with reports identical to an uninterrupted run.
set -euo pipefail
AM=$1
source tests/cli/lib/batch.bash
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
R=rubrics/ecs7013p-2024-05.yaml
make_cohort "$T/in" 400

t0=$(date +%s.%N)
"$AM" mark --rubric "$R" --out "$T/ref" --jobs 2 "$T/in" 2> /dev/null || fail "reference run failed"
t1=$(date +%s.%N)
# Kill points as fractions of the uninterrupted run's time, so that they land
# mid-batch in a fast build and in a slow sanitizer build alike.
killed_mid=0
for frac in 0.3 0.5 0.7 0.9; do
  delay=$(python3 -c "print(round(($t1 - $t0) * $frac, 3))")
  rm -rf "$T/o"
  "$AM" mark --rubric "$R" --out "$T/o" --jobs 2 "$T/in" 2> /dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  # Only complete reports may exist: each is valid JSON.
  if [ -d "$T/o/reports" ]; then
    # One interpreter for all of them (one per file cost minutes under load).
    bad=$(python3 - "$T/o/reports" <<'PY'
import glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    try:
        json.load(open(f))
    except Exception:
        print(f)
        break
PY
)
    [ -z "$bad" ] || fail "truncated report after kill: $bad"
    n=$(ls "$T/o/reports" | grep -c '\.json$' || true)
    [ "$n" -lt 400 ] && killed_mid=$((killed_mid + 1))
  fi
  "$AM" mark --rubric "$R" --out "$T/o" --jobs 2 "$T/in" 2> "$T/err" || fail "rerun failed: $(cat "$T/err")"
  ls "$T/o/reports" | grep -q '\.tmp\.' && fail "temporary files left after the rerun"
  diff -r "$T/ref" "$T/o" > "$T/d" || fail "after kill at ${delay}s the rerun differs: $(head -20 "$T/d")"
done
echo "killed mid-batch in $killed_mid of 4 runs; every rerun matched the uninterrupted run"
[ "$killed_mid" -ge 1 ] || fail "no kill landed mid-batch: make the cohort bigger"

# Working files of a run killed at the worst instant are cleared by the next run.
touch "$T/o/.automark-rows.tmp.999999" "$T/o/marks.csv.tmp.999999.0" "$T/o/reports/x.json.tmp.999999.1"
"$AM" mark --rubric "$R" --out "$T/o" --jobs 2 "$T/in" 2> "$T/err" || fail "rerun over stale working files failed: $(cat "$T/err")"
leftover=$(find "$T/o" -name '*.tmp.*' | head -3)
[ -z "$leftover" ] || fail "stale working files not removed: $leftover"
diff -r "$T/ref" "$T/o" > "$T/d" || fail "rerun over stale working files differs: $(head -20 "$T/d")"
echo "stale working files of a killed run are removed"
