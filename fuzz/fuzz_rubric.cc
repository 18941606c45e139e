// Fuzz the rubric loader: bytes -> load_rubric_text, as `automark lint` reads a file.
// The loader promises never to throw; whatever it returns must be consistent.
#include <cstddef>
#include <cstdint>

#include "common.h"

using namespace automark;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  LoadResult r = load_rubric_text(fuzz::as_view(data, size), "fuzz.yaml");
  fuzz::require(r.exit_code == kExitOk || r.exit_code == kExitInvalid || r.exit_code == kExitUnreadable,
                "load_rubric_text returned an undocumented exit code");
  if (r.exit_code != kExitOk) fuzz::require(!r.diagnostics.empty(), "a failed load without any diagnostic");
  for (const Diagnostic& d : r.diagnostics) {
    fuzz::require(!d.message.empty(), "empty diagnostic message");
    (void)d.str();
  }
  if (r.ok()) {
    fuzz::require(r.rubric.has_value(), "ok load without a rubric");
    // What the later stages do with a valid rubric: list leaves, find them, compile.
    const auto leaves = r.rubric->leaves();
    for (const Part* p : leaves) fuzz::require(r.rubric->find(p->id) == p, "find(leaf id) mismatch");
    // Compiling a full paper takes seconds under the sanitizers: compile small rubrics only
    // (the matcher has its own target), so that a valid paper-sized input is not a "timeout".
    if (leaves.size() > 4) return 0;
    try {
      CompiledRubric compiled(*r.rubric);
      for (const Part* p : r.rubric->leaves()) (void)compiled.match(p->id, "a b c 1 2 3", 0);
    } catch (const Error&) {
      // The header allows it, though it "should not happen"; not a memory error.
    }
  }
  return 0;
}
