#!/usr/bin/env bash
# Build automark and run every test: the normal build, then the whole suite
# again under AddressSanitizer + UndefinedBehaviorSanitizer, then the fuzz
# targets for a short smoke run. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (RelWithDebInfo) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
echo "== tests =="
ctest --test-dir build --output-on-failure -j"$jobs"

if [ "${AUTOMARK_SKIP_ASAN:-0}" != 1 ]; then
  echo "== build (address,undefined sanitizers) =="
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAUTOMARK_SANITIZE=address,undefined >/dev/null
  cmake --build build-asan -j"$jobs"
  echo "== tests under ASan+UBSan =="
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi

if [ "${AUTOMARK_SKIP_FUZZ:-0}" != 1 ] && [ -x fuzz/run.sh ] && command -v clang++ >/dev/null; then
  echo "== fuzz smoke run =="
  fuzz/run.sh "${AUTOMARK_FUZZ_SECONDS:-60}"
fi
