// Helpers for the rubric tests: lint YAML held in the test itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "automark/rubric.h"

namespace rubric_test {

/// Loads YAML written as a raw string; a leading newline is dropped so that
/// the first line of the literal is line 1. Messages name the file "t.yaml".
inline automark::LoadResult lint(std::string_view yaml) {
  if (!yaml.empty() && yaml.front() == '\n') yaml.remove_prefix(1);
  return automark::load_rubric_text(yaml, "t.yaml");
}

/// Every diagnostic as "FILE:LINE:COL: severity: message".
inline std::vector<std::string> diags(const automark::LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.str());
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace rubric_test
