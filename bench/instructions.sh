#!/usr/bin/env bash
# Instructions per script (callgrind: independent of the machine's load), the
# measure behind docs/performance.md's per-script figures: marks 50 and then 1
# script of the synthetic cohort with --jobs 1 and prints (Ir(50) - Ir(1)) / 49,
# so that loading and compiling the rubric cancels out.
# usage: bench/instructions.sh [AUTOMARK_BINARY]   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench/instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
am=${1:-}
if [ -z "$am" ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAUTOMARK_TESTS=OFF >/dev/null
  cmake --build build-bench -j"$(nproc)" --target automark >/dev/null
  am=build-bench/automark
fi
rubric=rubrics/ecs7013p-2024-05.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$am" segment --rubric "$rubric" --json submissions/scripts/*.md submissions/scripts/*.txt > "$work/segments.json"
python3 bench/gen_cohort.py "$work/segments.json" "$work/c50" 50 >/dev/null
mkdir -p "$work/c1" && cp "$work/c50/B000000.md" "$work/c1/"
ir() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$am" mark --rubric "$rubric" --out "$work/out-$2" \
    --jobs 1 "$1" 2>&1 | grep -o "refs: *[0-9,]*" | tr -d ', ' | cut -d: -f2
}
a=$(ir "$work/c50" 50)
b=$(ir "$work/c1" 1)
python3 -c "print('instructions per script: %.2f million (rubric loading and the first script: %.0f million)' % (($a - $b) / 49 / 1e6, $b / 1e6))"
