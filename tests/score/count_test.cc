// Which questions count: answer N with best / first, fewer attempted than N.
#include <catch2/catch.hpp>

#include "automark/score.h"

using namespace automark;

namespace {

/// Six questions of 25 marks; `marks[i] < 0` = question i+1 not attempted.
std::vector<QuestionResult> paper(const std::vector<double>& marks) {
  std::vector<QuestionResult> qs;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    QuestionResult q;
    q.id = std::to_string(i + 1);
    PartResult a;
    a.id = q.id + ".a";
    a.max = 12.5;
    PartResult b;
    b.id = q.id + ".b";
    b.max = 12.5;
    if (marks[i] >= 0) {
      a.attempted = true;
      a.awarded = std::min(marks[i], 12.5);
      b.attempted = true;
      b.awarded = marks[i] - a.awarded;
    }
    q.parts = {a, b};
    qs.push_back(q);
  }
  return qs;
}

std::string counted(const std::vector<QuestionResult>& qs) {
  std::string s;
  for (const auto& q : qs)
    if (q.counted) s += q.id;
  return s;
}

Exam exam(Exam::Count c) {
  Exam e;
  e.answer = 4;
  e.count = c;
  e.total = 100;
  return e;
}

}  // namespace

TEST_CASE("best 4 of 5 attempted", "[score][count]") {
  auto qs = paper({10, 20.5, -1, 5, 15, 12});
  double awarded = -1, max = -1;
  count_questions(exam(Exam::Count::Best), qs, {"1", "2", "4", "5", "6"}, awarded, max);
  CHECK(counted(qs) == "1256");
  CHECK(awarded == 57.5);
  CHECK(max == 100);
  CHECK(qs[3].attempted);
  CHECK_FALSE(qs[3].counted);  // marked and reported, not counted
  CHECK(qs[3].awarded == 5);
  CHECK_FALSE(qs[2].attempted);
  CHECK_FALSE(qs[2].counted);
  CHECK(qs[1].awarded == 20.5);
  CHECK(qs[1].max == 25);
}

TEST_CASE("best: ties are broken by paper order", "[score][count]") {
  auto qs = paper({10, 10, 10, 10, 10, -1});
  double awarded = 0, max = 0;
  count_questions(exam(Exam::Count::Best), qs, {"5", "4", "3", "2", "1"}, awarded, max);
  CHECK(counted(qs) == "1234");
  CHECK(awarded == 40);
}

TEST_CASE("first 4 of 5 attempted, in script order", "[score][count]") {
  auto qs = paper({10, 20, -1, 5, 15, 12});
  double awarded = 0, max = 0;
  // The candidate answered 6 first, then 4, 2, 1 and finally 5.
  count_questions(exam(Exam::Count::First), qs, {"6", "4", "2", "1", "5"}, awarded, max);
  CHECK(counted(qs) == "1246");
  CHECK(awarded == 47);
  CHECK(max == 100);
  CHECK_FALSE(qs[4].counted);
  CHECK(qs[4].attempted);
}

TEST_CASE("exactly 4 attempted: all four count (best and first)", "[score][count]") {
  for (auto c : {Exam::Count::Best, Exam::Count::First}) {
    auto qs = paper({-1, 3.5, 7, 0, -1, 25});
    double awarded = 0, max = 0;
    count_questions(exam(c), qs, {"2", "3", "4", "6"}, awarded, max);
    CHECK(counted(qs) == "2346");
    CHECK(awarded == 35.5);
    CHECK(max == 100);
  }
}

TEST_CASE("3 attempted of 4 required: the missing one counts 0", "[score][count]") {
  for (auto c : {Exam::Count::Best, Exam::Count::First}) {
    auto qs = paper({-1, 8, -1, 9.5, 11, -1});
    double awarded = 0, max = 0;
    count_questions(exam(c), qs, {"5", "2", "4"}, awarded, max);
    CHECK(awarded == 28.5);
    CHECK(max == 100);  // out of the full paper, not 75
    // Three attempted and counted, and the first unattempted one fills in at 0.
    CHECK(counted(qs) == "1245");
    CHECK_FALSE(qs[0].attempted);
    CHECK(qs[0].awarded == 0);
    CHECK_FALSE(qs[2].counted);
  }
}

TEST_CASE("nothing attempted", "[score][count]") {
  auto qs = paper({-1, -1, -1, -1, -1, -1});
  double awarded = 1, max = 0;
  count_questions(exam(Exam::Count::Best), qs, {}, awarded, max);
  CHECK(awarded == 0);
  CHECK(max == 100);
}

TEST_CASE("answer omitted: every question counts", "[score][count]") {
  auto qs = paper({1, -1, 2.5});
  Exam e;
  double awarded = 0, max = 0;
  count_questions(e, qs, {"1", "3"}, awarded, max);
  CHECK(counted(qs) == "123");
  CHECK(awarded == 3.5);
  CHECK(max == 75);
}

TEST_CASE("many halves and quarters total exactly", "[score][count][halves]") {
  std::vector<QuestionResult> qs(1);
  qs[0].id = "1";
  for (int i = 0; i < 400; ++i) {
    PartResult p;
    p.id = "1." + std::to_string(i);
    p.attempted = true;
    p.max = 1;
    p.awarded = (i % 2) ? 0.5 : 0.25;
    qs[0].parts.push_back(p);
  }
  double awarded = 0, max = 0;
  count_questions(Exam{}, qs, {"1"}, awarded, max);
  CHECK(awarded == 150);
  CHECK(max == 400);
}
