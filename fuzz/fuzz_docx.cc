// Fuzz the office-document readers (.docx, .odt, RTF, and the .xlsx and .ods
// spreadsheets): bytes read through read_scripts_from_bytes as x.docx, x.xlsx and
// x.ods, where the content decides the format and the extension only breaks ties
// (a zip that cannot be opened, an OpenDocument zip without its mimetype).
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
  for (const char* name : {"x.docx", "x.xlsx", "x.ods"}) {
    try {
      for (const Script& s : read_scripts_from_bytes(fuzz::as_view(data, size), name, rubric))
        fuzz::check_script(s, rubric);
    } catch (const Error& e) {
      fuzz::require(e.exit_code() > 0 && e.exit_code() < 128, "automark::Error with a bad exit code");
    }
  }
  return 0;
}
