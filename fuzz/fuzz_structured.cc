// Fuzz structured intake: the same bytes read as x.json, x.yaml and x.csv
// through read_scripts_from_bytes (the content decides, the name is a hint),
// and as x.tex and x.ipynb (the LaTeX and notebook readers, which the content
// also selects under the other names: \documentclass, {"nbformat", "cells"}).
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
  for (const char* name : {"x.json", "x.yaml", "x.csv", "x.tex", "x.ipynb"}) {
    try {
      for (const Script& s : read_scripts_from_bytes(fuzz::as_view(data, size), name, rubric))
        fuzz::check_script(s, rubric);
    } catch (const Error& e) {
      fuzz::require(e.exit_code() > 0 && e.exit_code() < 128, "automark::Error with a bad exit code");
    }
  }
  return 0;
}
