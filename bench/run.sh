#!/usr/bin/env bash
# Marking benchmark (docs/performance.md): generate a synthetic cohort, time
# `wc -w` over it, then mark it with --jobs 2, and report scripts per second,
# the ratio to wc -w and peak memory. usage: bench/run.sh [COUNT ...]
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 20000)
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAUTOMARK_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target automark >/dev/null
am=build-bench/automark
rubric=rubrics/ecs7013p-2024-05.yaml
work=${BENCH_DIR:-/tmp/automark-bench}
mkdir -p "$work"
$am segment --rubric "$rubric" --json submissions/scripts/*.md submissions/scripts/*.txt > "$work/segments.json"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
for n in "${counts[@]}"; do
  dir="$work/cohort-$n"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    python3 bench/gen_cohort.py "$work/segments.json" "$dir" "$n"
    touch "$dir/.done"
  fi
  words=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -w)
  sync
  # wc -w over the same files (warm cache, as the marking run will be).
  find "$dir" -name '*.md' -print0 | xargs -0 cat > /dev/null
  t0=$(date +%s.%N)
  find "$dir" -name '*.md' -print0 | xargs -0 wc -w > /dev/null
  t1=$(date +%s.%N)
  rm -rf "$work/out-$n"
  /usr/bin/time -f "%e %M" -o "$work/time-$n" $am mark --rubric "$rubric" --out "$work/out-$n" --jobs 2 "$dir" 2> "$work/mark-$n.log" || true
  read -r secs kb < "$work/time-$n"
  calc() { python3 -c "print($1)"; }
  wc_secs=$(calc "$t1 - $t0")
  marked=$(python3 -c "import json;print(json.load(open('$work/out-$n/summary.json'))['scripts']['marked'])")
  printf 'scripts %s (%s words): marked %s in %.2f s = %.0f scripts/s; wc -w %.3f s; ratio %.1f; peak RSS %.0f MB\n' \
    "$n" "$words" "$marked" "$secs" "$(calc "$marked / $secs")" "$wc_secs" "$(calc "$secs / $wc_secs")" "$(calc "$kb / 1024")"
done
