// Fuzz the office-document readers (.docx, .odt, RTF): bytes read as x.docx through
// read_scripts_from_bytes, where the content decides the format (seeds of all three).
#include <cstddef>
#include <cstdint>

#include "common.h"

using namespace automark;

// Load (and compile) the fixed rubric before fuzzing starts, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)automark::fuzz::fixed_rubric();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Rubric& rubric = fuzz::fixed_rubric();
  try {
    for (const Script& s : read_scripts_from_bytes(fuzz::as_view(data, size), "x.docx", rubric))
      fuzz::check_script(s, rubric);
  } catch (const Error& e) {
    fuzz::require(e.exit_code() > 0 && e.exit_code() < 128, "automark::Error with a bad exit code");
  }
  return 0;
}
