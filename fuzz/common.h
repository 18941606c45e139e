// Shared helpers of the libFuzzer targets: the embedded ECS7013P rubric,
// loaded and compiled once per process, and invariant checks that abort (a
// finding) when a module breaks its header's contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "automark/match.h"
#include "automark/rubric.h"
#include "automark/script.h"

namespace automark::fuzz {

/// The bytes of rubrics/ecs7013p-2024-05.yaml, embedded at build time.
std::string_view embedded_rubric();
/// The embedded rubric, loaded with load_rubric_text once (aborts if it does not load).
const Rubric& fixed_rubric();
/// ...and compiled once for the matcher.
const CompiledRubric& fixed_compiled();

/// Abort with a message (a fuzzer finding) when `ok` is false.
void require(bool ok, const char* what);

/// Check the invariants script.h promises: valid UTF-8 text, every span and
/// offset inside Script::text, answers for leaf parts of the rubric only.
void check_script(const Script& script, const Rubric& rubric);

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace automark::fuzz
