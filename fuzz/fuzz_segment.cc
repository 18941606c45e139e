// Fuzz the free-text segmenter with the fixed ECS7013P rubric: bytes are
// repaired to UTF-8 (as intake does) and split into leaf parts.
#include <cstddef>
#include <cstdint>

#include "automark/text.h"
#include "common.h"

using namespace automark;

// Load (and compile) the fixed rubric before fuzzing starts, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)automark::fuzz::fixed_rubric();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Rubric& rubric = fuzz::fixed_rubric();
  Script s;
  s.source = "fuzz.md";
  s.format = "markdown";
  s.text = repair_utf8(fuzz::as_view(data, size)).text;
  try {
    segment_script(s, rubric);
  } catch (const Error&) {
    return 0;  // an expected failure, reported to the user
  }
  fuzz::check_script(s, rubric);
  return 0;
}
