// Pins the outline of the bundled ECS7013P May 2024 rubric to the examiners'
// marking notes (/work/shared/exam/ECS7013P-2024-05-marking-notes.md). The
// expected table below was written by hand from the notes, not from the YAML:
// if the rubric drifts from the notes (an id, a mark, a word limit, the paper
// rules), this test fails.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "automark/rubric.h"

namespace {

using automark::Part;
using automark::Rubric;

std::string rubric_path() { return std::string(AUTOMARK_SOURCE_DIR) + "/rubrics/ecs7013p-2024-05.yaml"; }

struct LeafRow {
  const char* id;
  double marks;
  std::optional<int> word_limit;
  const char* kind;  // "choice" (1.a, 1.b.ii), "numeric" (numbers/shapes only), "text"
};

// From the notes, in paper order. Kinds: 1.a is the choice part of the notes; 1.b.ii
// (name one of the curves A, B, C) is expressed as a choice too, so that a bare
// letter answer reads as a selection and not as the article "a"; 3.b is marked
// from numbers only and 4.a from shapes/expressions only; every other leaf has
// text wordings (4.b and 4.c mix numbers with text).
const std::vector<LeafRow> kLeaves = {
    {"1.a", 2, std::nullopt, "choice"},
    {"1.b.i", 2, 30, "text"},
    {"1.b.ii", 2, 20, "choice"},
    {"1.b.iii", 4, 80, "text"},
    {"1.c.i", 2, 40, "text"},
    {"1.c.ii", 2, 40, "text"},
    {"1.c.iii", 1, 40, "text"},
    {"1.c.iv", 2, 40, "text"},
    {"1.c.v", 1, 40, "text"},
    {"1.d", 7, 120, "text"},
    {"2.a", 2, 40, "text"},
    {"2.b", 3, 80, "text"},
    {"2.c", 2, 60, "text"},
    {"2.d.i", 4, 100, "text"},
    {"2.d.ii", 4, 100, "text"},
    {"2.d.iii", 4, 60, "text"},
    {"2.e", 6, 120, "text"},
    {"3.a.i", 3, 60, "text"},
    {"3.a.ii", 3, 60, "text"},
    {"3.b", 3, 60, "numeric"},
    {"3.c", 6, 200, "text"},
    {"3.d", 2, 60, "text"},
    {"3.e.i", 2, 60, "text"},
    {"3.e.ii", 6, 120, "text"},
    {"4.a", 6, 80, "numeric"},
    {"4.b", 6, 150, "text"},
    {"4.c", 7, 120, "text"},
    {"4.d", 6, 120, "text"},
};

// Intermediate nodes with their marks as printed on the paper.
struct NodeRow {
  const char* id;
  double marks;
};
const std::vector<NodeRow> kNodes = {
    {"1", 25}, {"1.b", 8}, {"1.c", 8}, {"2", 25}, {"2.d", 12},
    {"3", 25}, {"3.a", 6}, {"3.e", 8}, {"4", 25},
};

std::string diagnostics_text(const automark::LoadResult& r) {
  std::string s;
  for (const auto& d : r.diagnostics) s += d.str() + "\n";
  return s;
}

}  // namespace

TEST_CASE("ECS7013P rubric loads without diagnostics", "[rubric][ecs7013p]") {
  const auto result = automark::load_rubric_file(rubric_path());
  INFO(diagnostics_text(result));
  REQUIRE(result.exit_code == automark::kExitOk);
  REQUIRE(result.rubric.has_value());
  std::size_t errors = 0;
  for (const auto& d : result.diagnostics)
    if (d.severity == "error") ++errors;
  CHECK(errors == 0);
}

TEST_CASE("ECS7013P rubric carries the paper's rules", "[rubric][ecs7013p]") {
  const auto result = automark::load_rubric_file(rubric_path());
  REQUIRE(result.rubric.has_value());
  const auto& exam = result.rubric->exam;
  CHECK(exam.code == "ECS7013P");
  CHECK(exam.answer == 4);
  CHECK(exam.count == automark::Exam::Count::Best);
  CHECK(exam.total == Approx(100));
}

TEST_CASE("ECS7013P rubric has the notes' four questions of 25 marks", "[rubric][ecs7013p]") {
  const auto result = automark::load_rubric_file(rubric_path());
  REQUIRE(result.rubric.has_value());
  const auto& qs = result.rubric->questions;
  REQUIRE(qs.size() == 4);
  const char* ids[] = {"1", "2", "3", "4"};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(qs[i].id == ids[i]);
    CHECK(qs[i].marks == Approx(25));
  }
}

TEST_CASE("ECS7013P rubric leaf parts match the notes in paper order", "[rubric][ecs7013p]") {
  const auto result = automark::load_rubric_file(rubric_path());
  REQUIRE(result.rubric.has_value());
  const auto leaves = result.rubric->leaves();
  REQUIRE(leaves.size() == kLeaves.size());
  REQUIRE(leaves.size() == 28);
  for (std::size_t i = 0; i < kLeaves.size(); ++i) {
    const LeafRow& want = kLeaves[i];
    const Part& got = *leaves[i];
    INFO("leaf #" << i << " expected " << want.id << ", got " << got.id);
    CHECK(got.id == want.id);
    CHECK(got.leaf());
    CHECK(got.marks == Approx(want.marks));
    CHECK(got.word_limit == want.word_limit);
    CHECK(got.kind == want.kind);
    CHECK_FALSE(got.prompt.empty());
    // Every leaf must have something that can earn credit.
    if (std::string(want.kind) == "choice") {
      CHECK(got.choice.has_value());
    } else {
      CHECK_FALSE(got.concepts.empty());
    }
    // find() resolves the full id to the same node.
    CHECK(result.rubric->find(want.id) == &got);
  }
}

TEST_CASE("ECS7013P rubric intermediate nodes carry the paper's marks", "[rubric][ecs7013p]") {
  const auto result = automark::load_rubric_file(rubric_path());
  REQUIRE(result.rubric.has_value());
  for (const auto& n : kNodes) {
    INFO("node " << n.id);
    const Part* p = result.rubric->find(n.id);
    REQUIRE(p != nullptr);
    CHECK_FALSE(p->leaf());
    CHECK(p->marks == Approx(n.marks));
  }
  // The leaves of each question add up to its 25 marks.
  double per_q[4] = {0, 0, 0, 0};
  for (const auto& row : kLeaves) per_q[row.id[0] - '1'] += row.marks;
  for (double m : per_q) CHECK(m == Approx(25));
}

TEST_CASE("ECS7013P rubric: every concept has feedback and the notes' special rules", "[rubric][ecs7013p]") {
  const auto result = automark::load_rubric_file(rubric_path());
  REQUIRE(result.rubric.has_value());
  const Rubric& r = *result.rubric;
  for (const Part* leaf : r.leaves()) {
    for (const auto& c : leaf->concepts) {
      INFO(leaf->id << " concept " << c.id);
      CHECK_FALSE(c.feedback.missed.empty());
      CHECK_FALSE(c.match.empty());
      CHECK(c.marks > 0);
      CHECK(c.marks <= leaf->marks);
    }
  }
  // 1.a: Tanh alone 2, Tanh with ReLU or Leaky ReLU 1, "None of the above" 0.
  const Part* q1a = r.find("1.a");
  REQUIRE(q1a != nullptr);
  REQUIRE(q1a->choice.has_value());
  const auto& ch = *q1a->choice;
  REQUIRE(ch.options.size() == 4);
  CHECK(ch.options[0].label == "ReLU");
  CHECK(ch.options[1].label == "Tanh");
  CHECK(ch.options[2].label == "Leaky ReLU");
  CHECK(ch.options[3].none_of_the_above);
  CHECK(ch.options[1].letter == "b");
  REQUIRE(ch.rules.size() == 2);
  CHECK(ch.rules[0].exactly == std::vector<std::string>{"tanh"});
  CHECK(ch.rules[0].marks == Approx(2));
  CHECK(ch.rules[1].includes == std::vector<std::string>{"tanh"});
  CHECK(ch.rules[1].excludes == std::vector<std::string>{"none"});
  CHECK(ch.rules[1].marks == Approx(1));
  // 2.d.i: any four, 1 each.
  const Part* q2di = r.find("2.d.i");
  REQUIRE(q2di != nullptr);
  CHECK(q2di->rule.kind == automark::Rule::Kind::Any);
  CHECK(q2di->rule.any == 4);
  CHECK(q2di->concepts.size() >= 5);
  // 3.c: the considerations, any two at 1 each, are a group capped at 2.
  const Part* q3c = r.find("3.c");
  REQUIRE(q3c != nullptr);
  REQUIRE(q3c->groups.size() == 1);
  CHECK(q3c->groups[0].max == Approx(2));
  int considerations = 0;
  for (const auto& c : q3c->concepts)
    if (c.group == q3c->groups[0].id) {
      ++considerations;
      CHECK(c.marks == Approx(1));
    }
  CHECK(considerations == 4);
  // 3.e.i: any two augmentations, 1 each.
  const Part* q3ei = r.find("3.e.i");
  REQUIRE(q3ei != nullptr);
  CHECK(q3ei->rule.kind == automark::Rule::Kind::Any);
  CHECK(q3ei->rule.any == 2);
  // 4.a: four layers at 1.5 each (half marks survive loading).
  const Part* q4a = r.find("4.a");
  REQUIRE(q4a != nullptr);
  REQUIRE(q4a->concepts.size() == 4);
  for (const auto& c : q4a->concepts) CHECK(c.marks == Approx(1.5));
  // 3.b: 1024 samples [2] accepting 1023; 64 ms [1] accepting 63.9 to 64.0 ms.
  const Part* q3b = r.find("3.b");
  REQUIRE(q3b != nullptr);
  REQUIRE(q3b->concepts.size() == 2);
  const auto& samples = q3b->concepts[0].match.at(0);
  CHECK(q3b->concepts[0].marks == Approx(2));
  CHECK(samples.kind == automark::Wording::Kind::Number);
  CHECK(samples.value == Approx(1024));
  CHECK(samples.lo == Approx(1023));
  CHECK(samples.hi == Approx(1024));
  const auto& ms = q3b->concepts[1].match.at(0);
  CHECK(q3b->concepts[1].marks == Approx(1));
  CHECK(ms.kind == automark::Wording::Kind::Number);
  CHECK(ms.value == Approx(64));
  CHECK(ms.unit == "ms");
  CHECK(ms.lo == Approx(63.9));
  CHECK(ms.hi == Approx(64.0));
}
