// The model built from the demo rubric (tests/fixtures/rubric/demo.yaml):
// ids, marks, kinds, option letters, sample points, number intervals, lookups.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "automark/rubric.h"
#include "automark/text.h"
#include "rubric/rubric_test_util.h"

using automark::Part;
using automark::Rubric;
using automark::Wording;

namespace {

const Rubric& demo() {
  static const automark::LoadResult r =
      automark::load_rubric_file(std::string(AUTOMARK_SOURCE_DIR) + "/tests/fixtures/rubric/demo.yaml");
  INFO((r.diagnostics.empty() ? std::string() : r.diagnostics[0].str()));
  REQUIRE(r.exit_code == automark::kExitOk);
  REQUIRE(r.rubric);
  return *r.rubric;
}

const Part& leaf(const std::string& id) {
  const Part* p = demo().find(id);
  REQUIRE(p != nullptr);
  return *p;
}

}  // namespace

TEST_CASE("demo rubric: exam rules", "[rubric][model]") {
  const Rubric& r = demo();
  CHECK(r.exam.code == "DEMO200");
  CHECK(r.exam.answer == 1);
  CHECK(r.exam.count == automark::Exam::Count::Best);
  CHECK(r.exam.total == 10);
  CHECK(r.path.size() > 0);
  // The file's hash (empty only while the text module's SHA-256 is a stub).
  std::string h = r.sha256;
  CHECK((h.empty() || h.size() == 64));
}

TEST_CASE("demo rubric: leaves in paper order with full ids, marks, limits and kinds", "[rubric][model]") {
  struct Row {
    const char* id;
    double marks;
    int word_limit;  // 0 = none
    const char* kind;
  };
  const std::vector<Row> want = {
      {"1.a", 2, 0, "choice"},      {"1.b.i", 2, 30, "text"},    {"1.b.ii", 3.5, 80, "text"},
      {"1.b.iii", 2.5, 60, "text"}, {"2.a", 2, 40, "numeric"},   {"2.b", 1.5, 20, "numeric"},
      {"2.c", 1, 20, "numeric"},    {"2.d", 3, 100, "text"},     {"2.e", 2, 60, "text"},
      {"2.f", 0.5, 0, "text"},
  };
  auto leaves = demo().leaves();
  REQUIRE(leaves.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO(want[i].id);
    CHECK(leaves[i]->id == want[i].id);
    CHECK(leaves[i]->marks == want[i].marks);
    CHECK(leaves[i]->word_limit.value_or(0) == want[i].word_limit);
    CHECK(leaves[i]->kind == want[i].kind);
  }
  CHECK(leaves[2]->label == "ii");
  // A node without marks takes the sum of its parts.
  CHECK(leaf("1.b").marks == 8);
  CHECK_FALSE(leaf("1.b").leaf());
  CHECK(demo().questions.size() == 2);
}

TEST_CASE("demo rubric: find and question_of", "[rubric][model]") {
  CHECK(demo().find("1.b.iii") != nullptr);
  CHECK(demo().find("1.b")->parts.size() == 3);
  CHECK(demo().find("2")->id == "2");
  CHECK(demo().find("1.b.iv") == nullptr);
  CHECK(demo().find("3") == nullptr);
  CHECK(demo().find("1.") == nullptr);
  CHECK(Rubric::question_of("1.b.iii") == "1");
  CHECK(Rubric::question_of("12") == "12");
}

TEST_CASE("demo rubric: choice options are lettered in order", "[rubric][model]") {
  const Part& p = leaf("1.a");
  REQUIRE(p.choice);
  const auto& o = p.choice->options;
  REQUIRE(o.size() == 4);
  CHECK(o[0].id == "relu");
  CHECK(o[0].label == "ReLU");
  CHECK(o[0].letter == "a");
  CHECK(o[1].label == "Tanh");
  CHECK(o[1].aliases == std::vector<std::string>{"hyperbolic tangent"});
  CHECK(o[3].letter == "d");
  CHECK(o[3].none_of_the_above);
  REQUIRE(p.choice->rules.size() == 2);
  CHECK(p.choice->rules[0].exactly == std::vector<std::string>{"tanh"});
  CHECK(p.choice->rules[1].includes == std::vector<std::string>{"tanh"});
  CHECK(p.choice->rules[1].excludes == std::vector<std::string>{"none"});
  CHECK(p.choice->rules[1].marks == 1);
}

TEST_CASE("demo rubric: concepts, groups, requires, misconceptions, rules", "[rubric][model]") {
  const Part& i = leaf("1.b.i");
  REQUIRE(i.concepts.size() == 1);
  CHECK(i.concepts[0].feedback.missed.find("how big") != std::string::npos);
  CHECK(i.concepts[0].feedback.credited.size() > 0);
  REQUIRE(i.misconceptions.size() == 1);
  CHECK(i.misconceptions[0].cancels == std::vector<std::string>{"learning-rate"});
  const Part& ii = leaf("1.b.ii");
  REQUIRE(ii.groups.size() == 1);
  CHECK(ii.groups[0].id == "speed");
  CHECK(ii.groups[0].max == 1.5);
  CHECK(ii.concepts[0].group == "speed");
  CHECK(ii.concepts[1].match[0].opts.free_order);
  CHECK_FALSE(ii.concepts[1].match[0].opts.fuzzy);
  CHECK(ii.concepts[0].match[1].kind == Wording::Kind::All);
  CHECK(ii.concepts[0].match[1].all.size() == 2);
  CHECK(ii.concepts[0].match[1].opts.window == 8);
  CHECK(ii.concepts[2].feedback.reveal);
  CHECK(ii.misconceptions[0].penalty == 0.5);
  const Part& iii = leaf("1.b.iii");
  CHECK(iii.rule.kind == automark::Rule::Kind::AllOrNothing);
  CHECK(iii.concepts[1].requires_ == std::vector<std::string>{"overfitting"});
  CHECK_FALSE(iii.concepts[1].negation);
  CHECK(leaf("2.d").rule.kind == automark::Rule::Kind::Levels);
  CHECK(leaf("2.d").rule.levels == std::vector<std::pair<int, double>>{{4, 3}, {3, 2}, {1, 1}});
  CHECK(leaf("2.e").rule.kind == automark::Rule::Kind::Any);
  CHECK(leaf("2.e").rule.any == 2);
  CHECK(leaf("2.f").rule.kind == automark::Rule::Kind::Sum);
}

TEST_CASE("demo rubric: numbers get their acceptance interval", "[rubric][model]") {
  const Part& p = leaf("2.a");
  const auto& samples = p.concepts[0].match;
  REQUIRE(samples.size() == 2);
  CHECK(samples[0].kind == Wording::Kind::Number);
  CHECK(samples[0].value == 1024);
  CHECK(samples[0].unit == "samples");
  CHECK(samples[0].lo == 1024);
  CHECK(samples[0].hi == 1024);
  CHECK(samples[1].marks == 0.5);
  const auto& d = p.concepts[1].match;
  REQUIRE(d.size() == 3);
  CHECK(d[0].unit == "ms");
  CHECK(d[0].lo == Approx(63.9));
  CHECK(d[0].hi == Approx(64.1));
  CHECK(d[1].unit == "s");
  CHECK(d[1].lo == Approx(0.06336));
  CHECK(d[1].hi == Approx(0.06464));
  CHECK(d[1].unit_required);
  CHECK(d[2].unit == "frames");  // a lexicon unit
  CHECK(d[2].lo == Approx(6.3));
  CHECK(d[2].hi == Approx(6.5));
}

TEST_CASE("tolerance with another unit of the same dimension is converted", "[rubric][model]") {
  auto r = rubric_test::lint(R"(
exam: {code: T}
questions:
  - {id: "1", marks: 1, concepts: [{id: c, match: {number: 64 ms, tolerance: 0.001 s}}]}
)");
  REQUIRE(r.rubric);
  const Wording& w = r.rubric->questions[0].concepts[0].match[0];
  CHECK(w.lo == Approx(63));
  CHECK(w.hi == Approx(65));
}

TEST_CASE("expressions: default and given sample points, zipped and cycled", "[rubric][model]") {
  const auto& m = leaf("2.b").concepts[0].match;
  REQUIRE(m.size() == 2);
  CHECK(m[0].kind == Wording::Kind::Expr);
  REQUIRE(m[0].points.size() == 3);
  CHECK(m[0].points[0].at("M") == 28);
  CHECK(m[0].points[2].at("M") == 100);
  REQUIRE(m[1].points.size() == 5);  // default [3, 7, 12, 28, 101]
  std::vector<double> ms;
  for (const auto& p : m[1].points) ms.push_back(p.at("M"));
  CHECK(ms == std::vector<double>{3, 7, 12, 28, 101});

  auto r = rubric_test::lint(R"(
exam: {code: T}
questions:
  - {id: "1", marks: 1, concepts: [{id: c, match: {expr: (M - K)/2 + N, vars: {M: [28, 32, 36], K: [5, 3]}}}]}
)");
  REQUIRE(r.rubric);
  const auto& pts = r.rubric->questions[0].concepts[0].match[0].points;
  REQUIRE(pts.size() == 5);  // the longest list: N's default
  CHECK(pts[0] == std::map<std::string, double>{{"K", 5}, {"M", 28}, {"N", 3}});
  CHECK(pts[1] == std::map<std::string, double>{{"K", 3}, {"M", 32}, {"N", 7}});
  CHECK(pts[2] == std::map<std::string, double>{{"K", 5}, {"M", 36}, {"N", 12}});
  CHECK(pts[3] == std::map<std::string, double>{{"K", 3}, {"M", 28}, {"N", 28}});
}

TEST_CASE("shapes keep their dimensions and order option", "[rubric][model]") {
  const Wording& w = leaf("2.c").concepts[0].match[0];
  CHECK(w.kind == Wording::Kind::Shape);
  CHECK(w.dims.size() == 3);
  CHECK_FALSE(w.ordered);
}

TEST_CASE("lexicon: synonyms, variants, abbreviations, units, terms", "[rubric][model]") {
  const auto& lx = demo().lexicon;
  REQUIRE(lx.synonyms.count("lr"));
  CHECK(lx.synonyms.at("lr").size() == 5);
  CHECK(lx.synonym_sources.at("lr")[0] == "learning rate");
  CHECK(lx.variants == std::vector<std::vector<std::string>>{{"grey", "gray"}});
  CHECK(lx.abbreviations.at("SGD") == "stochastic gradient descent");
  REQUIRE(lx.units.count("frames"));
  CHECK(lx.units.at("frame").factor == 0.01);
  CHECK(lx.units.at("frames").dimension == "time");
  CHECK(lx.terms == std::vector<std::string>{"adam", "rmsprop"});
}
