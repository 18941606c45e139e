#include "common.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "automark/text.h"

namespace automark::fuzz {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "automark fuzz: invariant violated: %s\n", what);
  std::abort();
}

const Rubric& fixed_rubric() {
  static const Rubric* rubric = [] {
    LoadResult r = load_rubric_text(embedded_rubric(), "ecs7013p-2024-05.yaml");
    if (!r.rubric || !r.ok()) {
      for (const auto& d : r.diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
      std::fprintf(stderr, "automark fuzz: the embedded rubric does not load (exit %d)\n", r.exit_code);
      std::abort();
    }
    return new Rubric(std::move(*r.rubric));  // lives for the whole process
  }();
  return *rubric;
}

const CompiledRubric& fixed_compiled() {
  static const CompiledRubric* compiled = new CompiledRubric(fixed_rubric());
  return *compiled;
}

void check_script(const Script& s, const Rubric& rubric) {
  const std::size_t n = s.text.size();
  require(is_valid_utf8(s.text), "Script::text is not valid UTF-8");
  require(s.preamble.start <= s.preamble.end && s.preamble.end <= n, "preamble span outside the text");
  for (const Span& u : s.unassigned) require(u.start <= u.end && u.end <= n, "unassigned span outside the text");
  for (const Voided& v : s.voided)
    require(v.span.start <= v.span.end && v.span.end <= n, "voided span outside the text");
  for (const Answer& a : s.answers) {
    require(a.start <= a.end && a.end <= n, "answer span outside the text");
    const Part* p = rubric.find(a.part);
    require(p != nullptr && p->leaf(), "answer for a part that is not a leaf of the rubric");
    require(a.attempt >= 1, "answer attempt < 1");
    require(is_valid_utf8(a.text), "Answer::text is not valid UTF-8");
    if (a.truncated) {
      require(a.word_limit.has_value(), "truncated answer without a word limit");
      require(a.cut_offset >= a.start && a.cut_offset <= a.end, "cut offset outside the answer");
      require(a.words > static_cast<std::size_t>(*a.word_limit), "truncated answer within its limit");
    }
  }
}

}  // namespace automark::fuzz
