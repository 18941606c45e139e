# Helpers for the batch tests (sourced, not run by CTest: no .sh test of its own).
# make_cohort DIR N: N copies of the text sample scripts, each with its own student id.
make_cohort() {
  local dir=$1 n=$2 i=0
  mkdir -p "$dir"
  local samples=(submissions/scripts/*.md submissions/scripts/*.txt)
  while [ "$i" -lt "$n" ]; do
    for s in "${samples[@]}"; do
      [ "$i" -lt "$n" ] || break
      local ext=${s##*.}
      { printf 'Student ID: C%05d\n\n' "$i"; grep -v -i -E '^(\*\*)?(student id|candidate number|id)\b' "$s"; } > "$dir/c$(printf %05d "$i").$ext"
      i=$((i + 1))
    done
  done
}
fail() { echo "FAIL: $*" >&2; exit 1; }
