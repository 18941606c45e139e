// Properties of segment_script on generated label soup: never crashes, every
// span lies in the text, answers are in script order and their text is the
// script's text (voided stretches blanked), cuts are consistent, and nothing
// is both answered and voided.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "automark/rubric.h"
#include "automark/script.h"
#include "automark/text.h"

using namespace automark;

namespace {

Part leaf(const std::string& id, std::optional<int> limit) {
  Part p;
  p.id = id;
  p.label = id.substr(id.rfind('.') + 1);
  p.word_limit = limit;
  p.kind = "text";
  return p;
}
Part node(const std::string& id, std::vector<Part> kids) {
  Part p;
  p.id = id;
  p.label = id.substr(id.rfind('.') + 1);
  p.parts = std::move(kids);
  return p;
}

// A small paper built in code (independent of the YAML loader).
Rubric small_paper() {
  Rubric r;
  r.questions.push_back(node("1", {leaf("1.a", std::nullopt),
                                   node("1.b", {leaf("1.b.i", 5), leaf("1.b.ii", 3)}), leaf("1.c", 10)}));
  r.questions.push_back(node("2", {leaf("2.a", 4), leaf("2.b", 4)}));
  return r;
}

}  // namespace

TEST_CASE("segment_script on a rubric built in code", "[segment]") {
  const Rubric r = small_paper();
  Script s;
  s.text = "Intro line\nQuestion 1\n(a) Tanh\n(b)(i) one two three four five six seven\n(ii) A\n"
           "Q2\nb. cross entropy\na. softmax\n";
  segment_script(s, r);
  REQUIRE(s.answers.size() == 5);
  CHECK(s.answers[0].part == "1.a");
  CHECK(s.answers[0].text == "Tanh");
  CHECK(s.answers[1].part == "1.b.i");
  CHECK(s.answers[1].truncated);
  CHECK(s.answers[1].words == 7);
  CHECK(s.answers[1].text == "one two three four five");
  CHECK(s.answers[1].tail == "six seven");
  CHECK(s.text.substr(s.answers[1].cut_offset, 3) == "six");
  CHECK(s.answers[2].part == "1.b.ii");
  CHECK(s.answers[3].part == "2.b");
  CHECK(s.answers[4].part == "2.a");
  CHECK(s.text.substr(s.preamble.start, s.preamble.end - s.preamble.start) == "Intro line");
}

TEST_CASE("a single-leaf rubric takes an unlabelled script as its answer", "[segment]") {
  Rubric r;
  r.questions.push_back(leaf("1", 3));
  Script s;
  s.text = "  acid rain damages limestone statues  \n";
  segment_script(s, r);
  REQUIRE(s.answers.size() == 1);
  CHECK(s.answers[0].part == "1");
  CHECK(s.answers[0].words == 5);
  CHECK(s.answers[0].truncated);
  CHECK(s.answers[0].text == "acid rain damages");
  CHECK(s.text.substr(s.answers[0].start, s.answers[0].end - s.answers[0].start) ==
        "acid rain damages limestone statues");
  CHECK(s.unassigned.empty());
}

TEST_CASE("empty and whitespace-only scripts give nothing", "[segment]") {
  const Rubric r = small_paper();
  for (const char* t : {"", "\n\n  \n", "\xEF\xBB\xBF"}) {
    Script s;
    s.text = t;
    segment_script(s, r);
    CHECK(s.answers.empty());
    CHECK(s.voided.empty());
  }
}

TEST_CASE("offsets point into the original text after CRLF and Unicode normalisation", "[segment]") {
  const Rubric r = small_paper();
  Script s;
  s.text = "\xEF\xBB\xBFQuestion\xC2\xA0" "1\r\n(a)\xE2\x80\x83\xEF\xAC\x81ne \xE2\x80\x94 ok\r\n(c) done\r\n";
  segment_script(s, r);
  REQUIRE(s.answers.size() == 2);
  CHECK(s.answers[0].part == "1.a");
  CHECK(s.answers[0].text == "\xEF\xAC\x81ne \xE2\x80\x94 ok");
  CHECK(s.text.substr(s.answers[0].start, s.answers[0].end - s.answers[0].start) == s.answers[0].text);
  CHECK(s.answers[1].text == "done");
  CHECK(s.text.substr(s.answers[1].start, 4) == "done");
}

TEST_CASE("segment_script properties on random label soup", "[segment]") {
  const Rubric r = small_paper();
  const std::vector<std::string> bits = {
      "Question 1", "Q2", "(a)", "(b)", "(i)", "(ii)", "b)", "ii.", "1.", "2.", "3.", "1.b.ii", "Q1b i", "**",
      "## ", "~~", "ignore this", "rough work", "crossed out", "word", "2.5", "e.g.", " ", " ", "\n", "\n",
      "\n\n", "\r\n", "```", "---", "\xC2\xA0", "\xE2\x80\x94", "\xEF\xBB\xBF", "x", "(c)", "Part (b)", ":",
      "[deleted: ", "(crossed out - ", "]", ")", "rough:", "(rough)", "Response:", "[2 marks]", "Words: 3 / 30",
      "do not mark Question 2", "Actually", "IGNORE THIS: "};
  std::mt19937 rng(1234);
  for (int t = 0; t < 3000; ++t) {
    Script s;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) s.text += bits[rng() % bits.size()];
    segment_script(s, r);
    INFO("text: [" << s.text << "]");
    std::size_t prev = 0;
    for (const Answer& a : s.answers) {
      REQUIRE(a.start < a.end);
      REQUIRE(a.end <= s.text.size());
      CHECK(a.start >= prev);
      prev = a.start;
      CHECK(r.find(a.part) != nullptr);
      CHECK(r.find(a.part)->leaf());
      REQUIRE(a.start + a.text.size() <= s.text.size());
      for (std::size_t i = 0; i < a.text.size(); ++i)
        if (a.text[i] != ' ') REQUIRE(a.text[i] == s.text[a.start + i]);
      CHECK(is_valid_utf8(a.text));
      if (a.truncated) {
        CHECK(count_words(a.text) + count_words(a.tail) == a.words);
        CHECK(a.cut_offset >= a.start);
        CHECK(a.cut_offset < a.end);
      } else {
        CHECK(count_words(a.text) == a.words);
      }
      for (const Voided& v : s.voided) {
        const std::size_t lo = std::max(a.start, v.span.start), hi = std::min(a.start + a.text.size(), v.span.end);
        for (std::size_t i = lo; i < hi; ++i)  // blanked, line breaks kept
          CHECK((a.text[i - a.start] == ' ' || (a.text[i - a.start] == '\n' && s.text[i] == '\n')));
      }
    }
    for (const Voided& v : s.voided) {
      CHECK(v.span.start <= v.span.end);
      CHECK(v.span.end <= s.text.size());
    }
    for (const Span& u : s.unassigned) CHECK(u.end <= s.text.size());
    CHECK(s.preamble.end <= s.text.size());
  }
}
