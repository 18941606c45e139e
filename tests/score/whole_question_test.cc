// A question answered twice as a whole is marked on the better whole answer,
// not on the better answer to each part; corrections of single parts between
// first answers are still marked part by part (score.cc, mark_script).
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "automark/match.h"
#include "automark/rubric.h"
#include "automark/score.h"

namespace {

const automark::CompiledRubric& compiled() {
  static const auto r = automark::load_rubric_text(R"(exam: {code: T}
questions:
  - id: "1"
    parts:
      - {id: a, marks: 1, concepts: [{id: alpha, match: alpha}]}
      - {id: b, marks: 1, concepts: [{id: beta, match: beta}]}
      - {id: c, marks: 1, concepts: [{id: gamma, match: gamma}]}
  - id: "2"
    marks: 1
    concepts: [{id: delta, match: delta}]
)",
                                                   "t.yaml");
  REQUIRE(r.rubric.has_value());
  static const automark::Rubric rubric = *r.rubric;
  static const automark::CompiledRubric c(rubric);
  return c;
}

// Answers as (part, attempt, text), laid out one after another in the script.
automark::Script script_of(const std::vector<std::tuple<std::string, int, std::string>>& answers) {
  automark::Script s;
  s.student = "s1";
  for (const auto& [part, attempt, text] : answers) {
    automark::Answer a;
    a.part = part;
    a.attempt = attempt;
    a.start = s.text.size();
    a.text = text;
    a.end = a.start + text.size();
    a.words = 1;
    s.text += text + "\n";
    s.answers.push_back(a);
  }
  return s;
}

bool has_flag(const automark::MarkSheet& m, const std::string& code) {
  for (const auto& f : m.flags)
    if (f.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("a question answered twice counts its better whole answer", "[score][attempts]") {
  // First whole answer earns 1 (c), the second 2 (a, b): the second counts, 2 marks, not 3.
  const auto m = automark::mark_script(compiled(), script_of({{"1.a", 1, "wrong"},
                                                             {"1.b", 1, "wrong"},
                                                             {"1.c", 1, "gamma"},
                                                             {"1.a", 2, "alpha"},
                                                             {"1.b", 2, "beta"},
                                                             {"1.c", 2, "wrong"},
                                                             {"2", 1, "delta"}}));
  REQUIRE(m.questions.size() == 2);
  CHECK(m.questions[0].awarded == 2);
  CHECK(m.questions[1].awarded == 1);
  CHECK(has_flag(m, "question-twice"));
  // The first whole answer wins when it is the better one.
  const auto m2 = automark::mark_script(compiled(), script_of({{"1.a", 1, "alpha"},
                                                              {"1.b", 1, "beta"},
                                                              {"1.c", 1, "wrong"},
                                                              {"1.a", 2, "wrong"},
                                                              {"1.b", 2, "wrong"},
                                                              {"1.c", 2, "gamma"}}));
  CHECK(m2.questions[0].awarded == 2);
  // A part missing from the better whole answer earns nothing there.
  const auto m3 = automark::mark_script(compiled(), script_of({{"1.a", 1, "wrong"},
                                                              {"1.b", 1, "wrong"},
                                                              {"1.c", 1, "gamma"},
                                                              {"1.a", 2, "alpha"},
                                                              {"1.b", 2, "beta"}}));
  CHECK(m3.questions[0].awarded == 2);
}

TEST_CASE("corrections of single parts are still marked part by part", "[score][attempts]") {
  // Each part corrected right after its first answer: not a second whole answer.
  const auto m = automark::mark_script(compiled(), script_of({{"1.a", 1, "wrong"},
                                                             {"1.a", 2, "alpha"},
                                                             {"1.b", 1, "beta"},
                                                             {"1.b", 2, "wrong"},
                                                             {"1.c", 1, "gamma"}}));
  CHECK(m.questions[0].awarded == 3);
  CHECK_FALSE(has_flag(m, "question-twice"));
  // One part answered twice: the better attempt counts.
  const auto m2 = automark::mark_script(compiled(), script_of({{"1.a", 1, "wrong"},
                                                              {"1.b", 1, "beta"},
                                                              {"1.c", 1, "gamma"},
                                                              {"1.a", 2, "alpha"}}));
  CHECK(m2.questions[0].awarded == 3);
  CHECK_FALSE(has_flag(m2, "question-twice"));
}
