// Fuzz structured intake: the same bytes read as x.json, x.yaml and x.csv
// through read_scripts_from_bytes (the content decides, the name is a hint).
#include <cstddef>
#include <cstdint>

#include "common.h"

using namespace automark;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Rubric& rubric = fuzz::fixed_rubric();
  for (const char* name : {"x.json", "x.yaml", "x.csv"}) {
    try {
      for (const Script& s : read_scripts_from_bytes(fuzz::as_view(data, size), name, rubric))
        fuzz::check_script(s, rubric);
    } catch (const Error& e) {
      fuzz::require(e.exit_code() > 0 && e.exit_code() < 128, "automark::Error with a bad exit code");
    }
  }
  return 0;
}
