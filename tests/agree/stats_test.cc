// Agreement statistics checked against values worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "automark/agree.h"

using namespace automark;

TEST_CASE("QWK is 1 for perfect agreement and 0 for chance-level agreement", "[agree]") {
  CHECK(quadratic_weighted_kappa({0, 1, 2}, {0, 1, 2}, 3) == Approx(1.0));
  // Observed disagreement 2, expected 2 (worked by hand): kappa 0.
  CHECK(quadratic_weighted_kappa({0, 0, 1, 1}, {0, 1, 0, 1}, 2) == Approx(0.0));
}

TEST_CASE("QWK of a small 0-2 case matches the hand computation", "[agree]") {
  // obs (0,0) (1,1) (2,1) (2,2); numerator 0.25, expected 1.25 -> 1 - 0.25/1.25 = 0.8
  CHECK(quadratic_weighted_kappa({0, 1, 2, 2}, {0, 1, 1, 2}, 3) == Approx(0.8));
  // Symmetric in the raters.
  CHECK(quadratic_weighted_kappa({0, 1, 1, 2}, {0, 1, 2, 2}, 3) == Approx(0.8));
}

TEST_CASE("QWK penalises a two-category miss four times a one-category miss", "[agree]") {
  double one = quadratic_weighted_kappa({0, 1, 2, 0, 1, 2}, {0, 1, 2, 1, 1, 2}, 3);
  double two = quadratic_weighted_kappa({0, 1, 2, 0, 1, 2}, {0, 1, 2, 2, 1, 2}, 3);
  CHECK(one > two);
}

TEST_CASE("Pearson r matches the hand computation and is undefined for a constant", "[agree]") {
  auto r = pearson_r({1, 2, 3}, {2, 4, 7});
  REQUIRE(r.has_value());
  CHECK(*r == Approx(5.0 / std::sqrt(2.0 * 38.0 / 3.0)));
  CHECK_FALSE(pearson_r({1, 1, 1}, {1, 2, 3}).has_value());
}

TEST_CASE("agreement_for handles half marks on a 0.5 scale", "[agree]") {
  ItemAgreement a = agreement_for("4.b", 2, {{1.5, 1}, {2, 2}, {0, 0.5}});
  CHECK(a.n == 3);
  CHECK(a.step == 0.5);
  CHECK(a.scale.size() == 5);  // 0, 0.5, 1, 1.5, 2
  CHECK(a.exact == Approx(1.0 / 3));
  CHECK(a.adjacent == Approx(1.0));
  CHECK(a.mae == Approx(1.0 / 3));
  CHECK(a.bias == Approx(0.0));
  // confusion[human][auto]: human 1 -> auto 1.5 is row 2, column 3.
  CHECK(a.confusion[2][3] == 1);
  CHECK(a.confusion[4][4] == 1);
  CHECK(a.confusion[1][0] == 1);
}

TEST_CASE("agreement_for: bias is automark minus human", "[agree]") {
  ItemAgreement a = agreement_for("t", 3, {{3, 1}, {2, 1}, {1, 1}});
  CHECK(a.bias == Approx(1.0));
  CHECK(a.mae == Approx(1.0));
  CHECK(a.exact == Approx(1.0 / 3));
  CHECK(a.adjacent == Approx(2.0 / 3));
}

TEST_CASE("human marks CSV: columns in any order, extra columns ignored", "[agree]") {
  HumanMarks h = parse_human_marks("mark,note,part,student\n2,\"ok, fine\",1.a,s1\n1.5,,4.b,s1\n7,,total,s2\n", "h.csv");
  CHECK(h["s1"]["1.a"] == 2);
  CHECK(h["s1"]["4.b"] == 1.5);
  CHECK(h["s2"]["total"] == 7);
}

TEST_CASE("human marks CSV errors name the file and line", "[agree]") {
  CHECK_THROWS_WITH(parse_human_marks("student,part\n", "h.csv"),
                    Catch::Contains("h.csv:1: the header must name the columns student, part and mark"));
  CHECK_THROWS_WITH(parse_human_marks("student,part,mark\ns1,1.a,two\n", "h.csv"),
                    Catch::Contains("h.csv:2: mark 'two' is not a non-negative number"));
  CHECK_THROWS_WITH(parse_human_marks("student,part,mark\ns1,1.a,1\ns1,1.a,2\n", "h.csv"),
                    Catch::Contains("h.csv:3: a second mark for s1 1.a"));
  CHECK_THROWS_WITH(parse_human_marks("student,part,mark\ns1,1.a\n", "h.csv"), Catch::Contains("h.csv:2: expected 3"));
  CHECK_THROWS_WITH(parse_human_marks("student,part,mark\n\"s1,1.a,1\n", "h.csv"),
                    Catch::Contains("unterminated quoted field"));
}

namespace {

Rubric two_question_rubric() {
  Rubric r;
  r.exam.code = "T";
  r.exam.answer = 1;
  r.exam.total = 4;
  for (std::string q : {"1", "2"}) {
    Part qp;
    qp.id = q;
    qp.label = q;
    qp.marks = 4;
    for (std::string l : {"a", "b"}) {
      Part p;
      p.id = q + "." + l;
      p.label = l;
      p.marks = 2;
      qp.parts.push_back(p);
    }
    r.questions.push_back(qp);
  }
  return r;
}

MarkSheet sheet(const std::string& student, std::vector<double> marks) {
  MarkSheet s;
  s.student = student;
  s.source = student + ".md";
  std::size_t k = 0;
  double best = 0;
  for (std::string q : {"1", "2"}) {
    QuestionResult qr;
    qr.id = q;
    qr.max = 4;
    for (std::string l : {"a", "b"}) {
      PartResult p;
      p.id = q + "." + l;
      p.max = 2;
      p.awarded = marks[k++];
      p.attempted = true;
      qr.awarded += p.awarded;
      qr.parts.push_back(p);
    }
    qr.attempted = true;
    best = std::max(best, qr.awarded);
    s.questions.push_back(qr);
  }
  s.awarded = best;
  s.max = 4;
  return s;
}

}  // namespace

TEST_CASE("compute_agreement derives human question marks and the best-of total", "[agree]") {
  Rubric r = two_question_rubric();
  std::vector<MarkSheet> sheets = {sheet("s1", {2, 1, 0, 0}), sheet("s2", {1, 1, 2, 2})};
  HumanMarks h = parse_human_marks(
      "student,part,mark\ns1,1.a,2\ns1,1.b,2\ns2,1.a,1\ns2,1.b,1\ns2,2.a,2\ns2,2.b,1\nghost,1.a,1\n", "h.csv");
  AgreementReport rep = compute_agreement(r, sheets, h);
  REQUIRE(rep.parts.size() == 4);
  // 1.b: auto (1, 1) vs human (2, 1)
  CHECK(rep.parts[1].id == "1.b");
  CHECK(rep.parts[1].n == 2);
  CHECK(rep.parts[1].exact == Approx(0.5));
  // s1's question 2 has no human leaf marks and automark gave it 0 (attempted): human 0.
  REQUIRE(rep.questions.size() == 2);
  CHECK(rep.questions[0].n == 2);
  // Totals, best one question: s1 auto 3 vs human 4; s2 auto 4 vs human 3.
  CHECK(rep.total.n == 2);
  CHECK(rep.total.mae == Approx(1.0));
  CHECK(rep.total.bias == Approx(0.0));
  REQUIRE(rep.no_script.size() == 1);
  CHECK(rep.no_script[0] == "ghost");
  REQUIRE_FALSE(rep.largest.empty());
  CHECK(std::fabs(rep.largest[0].automark - rep.largest[0].human) >= 1.0);
}

TEST_CASE("diff_reports names the part and the change, ignoring source and engine", "[agree][regress]") {
  std::string a = R"({"engine":"1","source":"a/x.md","questions":[{"id":"1","parts":[{"id":"1.a","awarded":2}]}]})";
  std::string b = R"({"engine":"2","source":"b/x.md","questions":[{"id":"1","parts":[{"id":"1.a","awarded":1}]}]})";
  auto d = diff_reports(a, b);
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "questions/1/parts/1.a/awarded: 2 -> 1");
  CHECK(diff_reports(a, a).empty());
  std::string c = R"({"questions":[{"id":"1","parts":[{"id":"1.a","awarded":2},{"id":"1.b","awarded":0}]}]})";
  auto d2 = diff_reports(R"({"questions":[{"id":"1","parts":[{"id":"1.a","awarded":2}]}]})", c);
  REQUIRE(d2.size() == 1);
  CHECK(d2[0].rfind("questions/1/parts/1.b: added", 0) == 0);
}

namespace {
// n pairs cycling through a fixed pattern of (automark, human) categories.
void cycle(std::vector<int>& a, std::vector<int>& b, std::size_t n) {
  static const int pa[] = {0, 1, 2, 2, 3, 1, 0, 3, 2, 1, 3, 0};
  static const int pb[] = {0, 1, 1, 2, 3, 2, 0, 2, 2, 0, 3, 1};
  for (std::size_t i = 0; i < n; ++i) {
    a.push_back(pa[i % 12]);
    b.push_back(pb[i % 12]);
  }
}
}  // namespace

TEST_CASE("bootstrap intervals: none from fewer than 10 pairs", "[agree]") {
  std::vector<int> a, b;
  cycle(a, b, kMinBootstrapPairs - 1);
  const BootstrapIntervals ci = bootstrap_intervals(a, b, 4, 1.0);
  CHECK_FALSE(ci.qwk.has_value());
  CHECK_FALSE(ci.mae.has_value());
  a.push_back(1);
  b.push_back(1);
  CHECK(bootstrap_intervals(a, b, 4, 1.0).qwk.has_value());
}

TEST_CASE("bootstrap intervals: perfect agreement gives [1, 1] and a zero MAE", "[agree]") {
  std::vector<int> a, b;
  cycle(a, b, 24);
  const BootstrapIntervals ci = bootstrap_intervals(a, a, 4, 1.0);
  REQUIRE(ci.qwk.has_value());
  CHECK(ci.qwk->lo == Approx(1.0));
  CHECK(ci.qwk->hi == Approx(1.0));
  CHECK(ci.mae->lo == 0.0);
  CHECK(ci.mae->hi == 0.0);
}

TEST_CASE("bootstrap intervals: bracket the figures, repeat exactly, narrow with more scripts", "[agree]") {
  std::vector<int> a, b;
  cycle(a, b, 48);
  const double kappa = quadratic_weighted_kappa(a, b, 4);
  const BootstrapIntervals ci = bootstrap_intervals(a, b, 4, 1.0);
  REQUIRE(ci.qwk.has_value());
  CHECK(ci.qwk->lo < kappa);
  CHECK(kappa < ci.qwk->hi);
  CHECK(ci.qwk->lo > -1.0);
  CHECK(ci.qwk->hi <= 1.0);
  // 5 of the 12 pattern pairs differ, each by one mark: MAE 5/12.
  CHECK(ci.mae->lo < 5.0 / 12);
  CHECK(5.0 / 12 < ci.mae->hi);
  // A fixed seed: the same pairs give the same interval.
  const BootstrapIntervals again = bootstrap_intervals(a, b, 4, 1.0);
  CHECK(again.qwk->lo == ci.qwk->lo);
  CHECK(again.qwk->hi == ci.qwk->hi);
  // Ten times the scripts with the same agreement: about sqrt(10) = 3.2 times narrower.
  std::vector<int> a10, b10;
  cycle(a10, b10, 480);
  const BootstrapIntervals wide = ci, narrow = bootstrap_intervals(a10, b10, 4, 1.0);
  const double ratio = (wide.qwk->hi - wide.qwk->lo) / (narrow.qwk->hi - narrow.qwk->lo);
  CHECK(ratio > 2.2);
  CHECK(ratio < 4.5);
  // On a half-mark scale the categories are half marks: the MAE interval halves.
  const BootstrapIntervals halves = bootstrap_intervals(a, b, 4, 0.5);
  CHECK(halves.mae->lo == Approx(ci.mae->lo / 2));
  CHECK(halves.mae->hi == Approx(ci.mae->hi / 2));
  CHECK(halves.qwk->lo == Approx(ci.qwk->lo));
}

TEST_CASE("agreement_for and the JSON carry the intervals", "[agree]") {
  std::vector<std::pair<double, double>> pairs;
  std::vector<int> a, b;
  cycle(a, b, 36);
  for (std::size_t i = 0; i < a.size(); ++i) pairs.emplace_back(a[i], b[i]);
  const ItemAgreement item = agreement_for("total", 3, pairs);
  REQUIRE(item.qwk_ci.has_value());
  REQUIRE(item.qwk.has_value());
  CHECK(item.qwk_ci->lo < *item.qwk);
  CHECK(*item.qwk < item.qwk_ci->hi);
  AgreementReport rep;
  rep.total = item;
  const auto j = nlohmann::json::parse(agreement_json(rep));
  REQUIRE(j["total"]["qwk_ci95"].is_array());
  CHECK(j["total"]["qwk_ci95"][0].get<double>() == Approx(item.qwk_ci->lo).margin(1e-4));
  CHECK(j["total"]["mae_ci95"][1].get<double>() == Approx(item.mae_ci->hi).margin(1e-4));
  const ItemAgreement few = agreement_for("1.a", 2, {{1, 1}, {2, 1}});
  rep.total = few;
  CHECK(nlohmann::json::parse(agreement_json(rep))["total"]["qwk_ci95"].is_null());
  CHECK(agreement_text(rep).find("95% bootstrap") != std::string::npos);
}
