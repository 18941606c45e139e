// Every scoring rule of a leaf part, on hand-built parts and matches.
#include <catch2/catch.hpp>

#include "score/score_helpers.h"

using namespace automark;
using namespace automark::test;

namespace {

const ConceptResult& concept_of(const PartResult& r, const std::string& id) {
  for (const auto& c : r.concepts)
    if (c.id == id) return c;
  FAIL("no concept " << id);
  return r.concepts.front();
}

bool has_flag(const PartResult& r, const std::string& code) {
  for (const auto& f : r.flags)
    if (f.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("sum: credited concepts add up", "[score][sum]") {
  Part p = leaf("1.a", 4, {concept_("a", 2), concept_("b", 1), concept_("c", 1)});
  Answer a = answer("1.a", 10);
  auto r = score_part(p, credit(p, {"a", "c"}), &a);
  CHECK(r.attempted);
  CHECK(r.awarded == 3);
  CHECK(r.max == 4);
  CHECK(concept_of(r, "a").awarded == 2);
  CHECK(concept_of(r, "b").awarded == 0);
  CHECK_FALSE(concept_of(r, "b").credited);
  CHECK(concept_of(r, "c").awarded == 1);
  // The missed concept's hint is the part's feedback.
  REQUIRE(r.feedback.size() == 1);
  CHECK(r.feedback[0] == "hint for b");
  CHECK(concept_of(r, "a").evidence.size() == 1);
}

TEST_CASE("sum: capped at the part's marks", "[score][sum][cap]") {
  Part p = leaf("1.b", 4, {concept_("a", 2), concept_("b", 2), concept_("c", 2)});
  Answer a = answer("1.b", 10);
  auto r = score_part(p, credit(p, {"a", "b", "c"}), &a);
  CHECK(r.awarded == 4);
  // Concept awards add up to the part's mark (rubric order keeps the first ones).
  CHECK(concept_of(r, "a").awarded == 2);
  CHECK(concept_of(r, "b").awarded == 2);
  CHECK(concept_of(r, "c").awarded == 0);
  CHECK(concept_of(r, "c").credited);
}

TEST_CASE("sum: group caps its members' total", "[score][sum][group]") {
  Part p = leaf("2.d", 6,
                {concept_("x1", 1, "g"), concept_("x2", 1, "g"), concept_("x3", 1, "g"),
                 concept_("y", 2)});
  p.groups.push_back(Group{"g", 2, {}});
  Answer a = answer("2.d", 50);
  SECTION("group over its cap") {
    auto r = score_part(p, credit(p, {"x1", "x2", "x3", "y"}), &a);
    CHECK(r.awarded == 4);
    CHECK(concept_of(r, "x3").awarded == 0);
  }
  SECTION("group under its cap") {
    auto r = score_part(p, credit(p, {"x2", "y"}), &a);
    CHECK(r.awarded == 3);
  }
  SECTION("group and part caps together") {
    p.marks = 3;
    auto r = score_part(p, credit(p, {"x1", "x2", "x3", "y"}), &a);
    CHECK(r.awarded == 3);
  }
}

TEST_CASE("any k: only the best k credited concepts count", "[score][any]") {
  Part p = leaf("1.b.iii", 10, {concept_("r1", 1), concept_("r2", 2), concept_("r3", 2),
                                concept_("r4", 1)});
  p.rule.kind = Rule::Kind::Any;
  p.rule.any = 2;
  Answer a = answer("1.b.iii", 40);
  auto r = score_part(p, credit(p, {"r1", "r2", "r3", "r4"}), &a);
  CHECK(r.awarded == 4);
  CHECK(concept_of(r, "r1").awarded == 0);
  CHECK(concept_of(r, "r2").awarded == 2);
  CHECK(concept_of(r, "r3").awarded == 2);
  auto r1 = score_part(p, credit(p, {"r1"}), &a);
  CHECK(r1.awarded == 1);
  auto r2 = score_part(p, credit(p, {"r1", "r4"}), &a);
  CHECK(r2.awarded == 2);
}

TEST_CASE("levels: the count of credited concepts sets the mark", "[score][levels]") {
  Part p = leaf("asap", 3, {concept_("k1", 1), concept_("k2", 1), concept_("k3", 1),
                            concept_("k4", 1), concept_("k5", 1)});
  p.rule.kind = Rule::Kind::Levels;
  p.rule.levels = {{1, 1}, {4, 3}, {3, 2}};  // deliberately unsorted
  Answer a = answer("asap", 40);
  CHECK(score_part(p, credit(p, {}), &a).awarded == 0);
  CHECK(score_part(p, credit(p, {"k2"}), &a).awarded == 1);
  CHECK(score_part(p, credit(p, {"k1", "k5"}), &a).awarded == 1);
  CHECK(score_part(p, credit(p, {"k1", "k2", "k3"}), &a).awarded == 2);
  CHECK(score_part(p, credit(p, {"k1", "k2", "k3", "k4"}), &a).awarded == 3);
  CHECK(score_part(p, credit(p, {"k1", "k2", "k3", "k4", "k5"}), &a).awarded == 3);
}

TEST_CASE("all-or-nothing: full marks only when every concept is credited", "[score][all]") {
  Part p = leaf("3.a", 2, {concept_("a", 1), concept_("b", 1)});
  p.rule.kind = Rule::Kind::AllOrNothing;
  Answer a = answer("3.a", 10);
  CHECK(score_part(p, credit(p, {"a"}), &a).awarded == 0);
  CHECK(score_part(p, credit(p, {"a", "b"}), &a).awarded == 2);
}

TEST_CASE("a wording's partial marks", "[score][partial]") {
  Part p = leaf("2.c", 2, {concept_("mean", 2)});
  Wording full, partial;
  partial.marks = 1;
  p.concepts[0].match = {full, partial};
  Answer a = answer("2.c", 20);
  PartMatch m = credit(p, {"mean"});
  m.concepts[0].wording = 1;
  CHECK(score_part(p, m, &a).awarded == 1);
  m.concepts[0].wording = 0;
  CHECK(score_part(p, m, &a).awarded == 2);
  // The matcher's own marks are used when the wording carries none.
  m.concepts[0].marks = 1.5;
  CHECK(score_part(p, m, &a).awarded == 1.5);
  // ...but never above the concept's marks.
  m.concepts[0].marks = 5;
  CHECK(score_part(p, m, &a).awarded == 2);
}

TEST_CASE("requires: a concept counts only with its prerequisites", "[score][requires]") {
  Part p = leaf("1.d", 7, {concept_("ge-half", 2), concept_("always-bird", 2, "", {"ge-half"}),
                           concept_("fix", 2), concept_("why", 1, "", {"always-bird"})});
  Answer a = answer("1.d", 60);
  CHECK(score_part(p, credit(p, {"always-bird"}), &a).awarded == 0);
  CHECK(score_part(p, credit(p, {"ge-half", "always-bird"}), &a).awarded == 4);
  // Chains: why -> always-bird -> ge-half.
  CHECK(score_part(p, credit(p, {"always-bird", "why", "fix"}), &a).awarded == 2);
  CHECK(score_part(p, credit(p, {"ge-half", "always-bird", "why", "fix"}), &a).awarded == 7);
  auto r = score_part(p, credit(p, {"always-bird"}), &a);
  CHECK_FALSE(concept_of(r, "always-bird").credited);
}

TEST_CASE("misconceptions: penalties after the rule, never below 0", "[score][penalty]") {
  Part p = leaf("1.b.i", 2, {concept_("lr", 2), concept_("extra", 1)});
  Misconception m1;
  m1.id = "batch";
  m1.penalty = 1;
  m1.feedback = "batch size is not it";
  p.misconceptions.push_back(m1);
  Answer a = answer("1.b.i", 10);
  SECTION("penalty from a capped mark") {
    PartMatch m = credit(p, {"lr", "extra"});
    find_misconception(m, "batch");
    auto r = score_part(p, m, &a);
    CHECK(r.awarded == 1);  // min(3, 2) - 1
    REQUIRE(r.misconceptions.size() == 1);
    CHECK(r.misconceptions[0].penalty == 1);
    CHECK(r.misconceptions[0].feedback == "batch size is not it");
  }
  SECTION("never below zero; the deduction reported is what was taken") {
    PartMatch m = credit(p, {});
    find_misconception(m, "batch");
    auto r = score_part(p, m, &a);
    CHECK(r.awarded == 0);
    REQUIRE(r.misconceptions.size() == 1);
    CHECK(r.misconceptions[0].penalty == 0);
  }
  SECTION("not found: no deduction and not reported") {
    auto r = score_part(p, credit(p, {"lr"}), &a);
    CHECK(r.awarded == 2);
    CHECK(r.misconceptions.empty());
  }
}

TEST_CASE("misconceptions: cancels", "[score][cancels]") {
  Part p = leaf("1.d", 7, {concept_("a", 2), concept_("b", 2), concept_("c", 3)});
  Misconception m1;
  m1.id = "threshold-only";
  m1.cancels = {"c"};
  Misconception m2;
  m2.id = "nonsense";
  m2.cancels = {"*"};
  p.misconceptions = {m1, m2};
  Answer a = answer("1.d", 60);
  PartMatch m = credit(p, {"a", "c"});
  find_misconception(m, "threshold-only");
  auto r = score_part(p, m, &a);
  CHECK(r.awarded == 2);
  CHECK_FALSE(concept_of(r, "c").credited);
  REQUIRE(r.misconceptions.size() == 1);
  CHECK(r.misconceptions[0].cancelled == std::vector<std::string>{"c"});
  find_misconception(m, "nonsense");
  auto r2 = score_part(p, m, &a);
  CHECK(r2.awarded == 0);
  // A cancelled concept's hint is shown as missed.
  CHECK(std::find(r2.feedback.begin(), r2.feedback.end(), "hint for a") != r2.feedback.end());
}

TEST_CASE("halves sum exactly", "[score][halves]") {
  std::vector<Concept> cs;
  for (int i = 0; i < 9; ++i) cs.push_back(concept_("h" + std::to_string(i), 0.5));
  cs.push_back(concept_("q", 0.25));
  Part p = leaf("4.a", 10, cs);
  Answer a = answer("4.a", 40);
  auto r = score_part(p, credit(p, {"h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "q"}), &a);
  CHECK(r.awarded == 4.75);  // exact, not approximately
  // And round_marks keeps halves and rounds the rest to 1/1000.
  CHECK(round_marks(2.5) == 2.5);
  CHECK(round_marks(0.1 + 0.2) == 0.3);
  CHECK(round_marks(1.0 / 3.0) == 0.333);
  CHECK_FALSE(std::signbit(round_marks(-0.0001)));
}

TEST_CASE("not attempted: 0 with every hint", "[score][unattempted]") {
  Part p = leaf("1.a", 2, {concept_("a", 1), concept_("b", 1)});
  auto r = score_part(p, credit(p, {"a"}), nullptr);  // a match without an answer is ignored
  CHECK_FALSE(r.attempted);
  CHECK(r.awarded == 0);
  CHECK(r.feedback.size() == 2);
  CHECK(r.flags.empty());
}

TEST_CASE("choice parts: the first rule that fits", "[score][choice]") {
  Part p = leaf("1.a", 2, {});
  p.kind = "choice";
  Choice ch;
  for (auto id : {"relu", "tanh", "leaky", "none"}) {
    ChoiceOption o;
    o.id = id;
    o.label = id;
    ch.options.push_back(o);
  }
  ChoiceRule r1;
  r1.exactly = {"tanh"};
  r1.marks = 2;
  ChoiceRule r2;
  r2.includes = {"tanh"};
  r2.excludes = {"none"};
  r2.marks = 1;
  ch.rules = {r1, r2};
  p.choice = ch;
  Answer a = answer("1.a", 1);
  auto sel = [&](std::vector<std::string> s) {
    PartMatch m;
    m.part = "1.a";
    m.selected = std::move(s);
    return score_part(p, m, &a);
  };
  CHECK(sel({"tanh"}).awarded == 2);
  CHECK(sel({"relu", "tanh"}).awarded == 1);
  CHECK(sel({"tanh", "leaky"}).awarded == 1);
  CHECK(sel({"tanh", "none"}).awarded == 0);
  CHECK(sel({"relu"}).awarded == 0);
  CHECK(sel({}).awarded == 0);
  CHECK(sel({"tanh"}).selected == std::vector<std::string>{"tanh"});
}

TEST_CASE("flags: a long answer that earns nothing", "[score][flags]") {
  Part p = leaf("1.b.i", 2, {concept_("lr", 2)}, 30);
  Answer longa = answer("1.b.i", 12, 30);  // 40% of 30
  CHECK(has_flag(score_part(p, credit(p, {}), &longa), "long-no-credit"));
  Answer shorta = answer("1.b.i", 11, 30);
  CHECK_FALSE(has_flag(score_part(p, credit(p, {}), &shorta), "long-no-credit"));
  CHECK_FALSE(has_flag(score_part(p, credit(p, {"lr"}), &longa), "long-no-credit"));
  Part nolimit = leaf("x", 2, {concept_("lr", 2)});
  Answer thirty = answer("x", 30);
  Answer twentynine = answer("x", 29);
  CHECK(has_flag(score_part(nolimit, credit(nolimit, {}), &thirty), "long-no-credit"));
  CHECK_FALSE(has_flag(score_part(nolimit, credit(nolimit, {}), &twentynine), "long-no-credit"));
  auto r = score_part(p, credit(p, {}), &longa);
  REQUIRE_FALSE(r.flags.empty());
  CHECK(r.flags[0].part == "1.b.i");
  CHECK_FALSE(r.flags[0].reason.empty());
}

TEST_CASE("flags: credited evidence near an unresolved negation", "[score][flags]") {
  Part p = leaf("1.a", 2, {concept_("a", 2)});
  Answer a = answer("1.a", 5);
  PartMatch m = credit(p, {"a"});
  CHECK_FALSE(has_flag(score_part(p, m, &a), "uncertain-negation"));
  m.concepts[0].uncertain = true;
  auto r = score_part(p, m, &a);
  CHECK(r.awarded == 2);
  CHECK(has_flag(r, "uncertain-negation"));
}

TEST_CASE("truncated answers: points after the word limit", "[score][limit]") {
  Part p = leaf("2.a", 2, {concept_("softmax", 1), concept_("sums-to-one", 1)}, 40);
  Answer a = answer("2.a", 55, 40);
  a.truncated = true;
  a.cut_word = 40;
  a.cut_offset = 300;
  a.tail = "so the outputs sum to one";
  SECTION("a point only in the tail is lost and flagged") {
    PartMatch kept = credit(p, {"softmax"});
    PartMatch tail = credit(p, {"sums-to-one"});
    auto r = score_part(p, kept, &a, &tail);
    CHECK(r.awarded == 1);
    CHECK(r.truncated);
    REQUIRE(r.cut_offset);
    CHECK(*r.cut_offset == 300);
    CHECK(r.lost_to_limit == std::vector<std::string>{"sums-to-one"});
    REQUIRE(has_flag(r, "lost-to-limit"));
    for (const auto& f : r.flags)
      if (f.code == "lost-to-limit")
        CHECK(f.reason.find("after the word limit") != std::string::npos);
  }
  SECTION("a point repeated in the tail is not lost") {
    PartMatch kept = credit(p, {"softmax"});
    PartMatch tail = credit(p, {"softmax"});
    auto r = score_part(p, kept, &a, &tail);
    CHECK(r.lost_to_limit.empty());
    CHECK_FALSE(has_flag(r, "lost-to-limit"));
  }
  SECTION("a point in the tail of a full-mark answer is listed but not flagged") {
    p.marks = 1;
    PartMatch kept = credit(p, {"softmax"});
    PartMatch tail = credit(p, {"sums-to-one"});
    auto r = score_part(p, kept, &a, &tail);
    CHECK(r.lost_to_limit == std::vector<std::string>{"sums-to-one"});
    CHECK_FALSE(has_flag(r, "lost-to-limit"));
  }
}
