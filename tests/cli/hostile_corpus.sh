#!/usr/bin/env bash
# The hostile corpus (issue 8): every file of tests/hostile/MANIFEST.tsv is given to the CLI with
# a timeout and a memory limit; each must exit with its documented status and message, and none
# may crash (signal, exit >= 128), hang, report an internal error (exit 70) or trip a sanitizer.
#
#   bash tests/cli/hostile_corpus.sh /path/to/automark [NAME-REGEX]     (from the repo root)
#
# Big files are made at test time by tests/hostile/make_corpus.py in a temporary folder.
# Environment: HOSTILE_TIMEOUT (seconds per case, default 60), HOSTILE_MEM_MB (default 1536;
# ulimit -v, or ASan's hard_rss_limit_mb when the binary is built with AddressSanitizer),
# HOSTILE_KEEP=1 keeps the temporary folder.
set -u
am=${1:?usage: hostile_corpus.sh /path/to/automark [NAME-REGEX]}
only=${2:-}
case $am in /*) ;; *) am=$(pwd)/$am ;; esac
root=$(pwd)
manifest=$root/tests/hostile/MANIFEST.tsv
rubric=$root/rubrics/ecs7013p-2024-05.yaml
[ -f "$manifest" ] || { echo "run from the repository root" >&2; exit 2; }
[ -x "$am" ] || { echo "not an executable: $am" >&2; exit 2; }
timeout_s=${HOSTILE_TIMEOUT:-60}
mem_mb=${HOSTILE_MEM_MB:-1536}

work=$(mktemp -d "${TMPDIR:-/tmp}/automark-hostile.XXXXXX")
if [ "${HOSTILE_KEEP:-0}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
python3 "$root/tests/hostile/make_corpus.py" big "$work/big" || { echo "cannot make the big files" >&2; exit 2; }
mkdir -p "$work/a-directory.md"

# ASan reserves terabytes of address space, so ulimit -v cannot be used with it: use its own limit.
asan=0
if grep -q "__asan_init" "$am" 2>/dev/null; then asan=1; fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:hard_rss_limit_mb=$mem_mb:allocator_may_return_null=1"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0
fail=0
failed=()
n=0
bad() {  # bad NAME REASON
  echo "FAIL $1: $2"
  fail_this=1
}

while IFS=$'\t' read -r file cmd want_rc err_re out_re why; do
  [ -n "$file" ] || continue
  case $file in \#*|file) continue ;; esac
  if [ -n "$only" ] && ! [[ $file =~ $only ]]; then continue; fi
  n=$((n + 1))
  case $file in
    big/*) path=$work/$file ;;
    @directory) path=$work/a-directory.md ;;
    @missing) path=$work/no-such-file.md ;;
    @missing-rubric) path=$work/no-such-rubric.yaml ;;
    *) path=$root/tests/hostile/files/$file ;;
  esac
  case $file in @*) ;; *) [ -f "$path" ] || { echo "FAIL $file: not in the corpus ($path)"; fail=$((fail + 1)); failed+=("$file"); continue; } ;; esac
  case_dir=$work/case-$n
  out_dir=$case_dir/a/b/c/out   # deep, so a "../../" escape would still land inside case_dir
  mkdir -p "$case_dir/a/b/c"
  case $cmd in
    lint) args=(lint "$path") ;;
    segment) args=(segment --rubric "$rubric" "$path") ;;
    segjson) args=(segment --rubric "$rubric" --json "$path") ;;
    mark) args=(mark --rubric "$rubric" "$path") ;;
    batch) args=(mark --rubric "$rubric" --out "$out_dir" "$path") ;;
    *) echo "FAIL $file: unknown command '$cmd' in the manifest"; fail=$((fail + 1)); failed+=("$file"); continue ;;
  esac
  rm -f /tmp/automark_hostile_escape
  start=$(date +%s)
  (
    cd "$case_dir" || exit 99
    [ $asan = 1 ] || ulimit -v $((mem_mb * 1024))
    exec timeout -k 5 "$timeout_s" "$am" "${args[@]}"
  ) >"$case_dir/stdout" 2>"$case_dir/stderr"
  rc=$?
  secs=$(($(date +%s) - start))
  fail_this=0
  if [ $rc = 124 ] || [ $rc = 137 ]; then
    bad "$file" "no answer within ${timeout_s}s ($cmd): hang or unbounded work"
  elif [ $rc -ge 128 ]; then
    bad "$file" "crashed with signal $((rc - 128)) ($cmd)"
  elif [ "$rc" != "$want_rc" ]; then
    bad "$file" "exit $rc, expected $want_rc ($cmd)"
  fi
  if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|internal error|std::bad_alloc|terminate called' "$case_dir/stderr"; then
    bad "$file" "sanitizer report or internal error on stderr"
  fi
  if [ "$err_re" != "-" ] && ! grep -qEi -- "$err_re" "$case_dir/stderr"; then
    bad "$file" "stderr lacks /$err_re/"
  fi
  if [ "${out_re:0:1}" = "!" ]; then
    # "!PCRE": stdout must NOT match (e.g. raw control characters reaching a terminal).
    if grep -qP -- "${out_re:1}" "$case_dir/stdout"; then bad "$file" "stdout matches /${out_re:1}/"; fi
  elif [ "$out_re" != "-" ] && ! grep -qEi -- "$out_re" "$case_dir/stdout"; then
    bad "$file" "stdout lacks /$out_re/"
  fi
  # A message about a file names it.
  if [ "$rc" = 2 ] && [ "$want_rc" = 2 ]; then
    base=$(basename "$path")
    grep -qF -- "$base" "$case_dir/stderr" || bad "$file" "the message does not name the file ($base)"
  fi
  if [ "$cmd" = batch ]; then
    # Nothing may be written outside --out, and report names must be safe file names.
    stray=$(find "$case_dir" -mindepth 1 \( -path "$out_dir" -prune \) -o -type f ! -name stdout ! -name stderr -print | head -3)
    [ -z "$stray" ] || bad "$file" "files written outside --out: $stray"
    [ ! -e /tmp/automark_hostile_escape ] || bad "$file" "a report escaped to /tmp/automark_hostile_escape"
    reports=$(find "$out_dir/reports" -type f -name '*.json' 2>/dev/null | wc -l)
    [ "$reports" -ge 1 ] || bad "$file" "no report in $out_dir/reports"
    while IFS= read -r r; do
      b=$(basename "$r")
      # safe_file_stem(): [A-Za-z0-9._-], no leading dot, at most 96 bytes; "~hash8" on a clash.
      if ! [[ $b =~ ^[A-Za-z0-9_][A-Za-z0-9._~-]*\.(json|csv)$ ]] || [ ${#b} -gt 110 ]; then
        bad "$file" "unsafe report file name '$b'"
      fi
    done < <(find "$out_dir" -type f)
  fi
  if [ $fail_this = 1 ]; then
    echo "     why: $why"
    echo "     ran: automark ${args[*]} (exit $rc, ${secs}s)"
    head -c 600 "$case_dir/stderr" | sed 's/^/     stderr: /'
    fail=$((fail + 1))
    failed+=("$file")
  else
    pass=$((pass + 1))
  fi
done <"$manifest"

echo "hostile corpus: $pass passed, $fail failed (of $n)"
[ $fail = 0 ] || { printf '  %s\n' "${failed[@]}"; exit 1; }
