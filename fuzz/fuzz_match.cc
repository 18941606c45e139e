// Fuzz the matcher: one compiled rubric (ECS7013P), the bytes (repaired to
// UTF-8) matched as the answer to every leaf part. Evidence must lie inside
// the answer and the verdicts must line up with the rubric.
#include <cstddef>
#include <cstdint>

#include "automark/text.h"
#include "common.h"

using namespace automark;

// Load (and compile) the fixed rubric before fuzzing starts, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)automark::fuzz::fixed_compiled();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const CompiledRubric& compiled = fuzz::fixed_compiled();
  const std::string text = repair_utf8(fuzz::as_view(data, size)).text;
  constexpr std::size_t kBase = 7;  // as if the answer started at offset 7 of the script
  for (const Part* part : compiled.rubric().leaves()) {
    PartMatch m = compiled.match(part->id, text, kBase);
    fuzz::require(m.concepts.size() == part->concepts.size(), "one ConceptMatch per concept");
    fuzz::require(m.misconceptions.size() == part->misconceptions.size(), "one MisconceptionMatch per misconception");
    auto inside = [&](const Evidence& e) { return e.start >= kBase && e.start <= e.end && e.end <= kBase + text.size(); };
    for (const ConceptMatch& c : m.concepts)
      for (const Evidence& e : c.evidence) fuzz::require(inside(e), "concept evidence outside the answer");
    for (const MisconceptionMatch& c : m.misconceptions)
      for (const Evidence& e : c.evidence) fuzz::require(inside(e), "misconception evidence outside the answer");
    for (const Evidence& e : m.selection_evidence) fuzz::require(inside(e), "selection evidence outside the answer");
  }
  return 0;
}
