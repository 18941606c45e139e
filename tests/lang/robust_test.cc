// Every parser of the lang module on many generated inputs (fixed seed): each
// returns a value or an error with a column inside the input, and never crashes.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "automark/pattern.h"

namespace {

struct Lcg {
  std::uint64_t s;
  std::uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(s >> 33);
  }
};

const char* const kPieces[] = {"(", ")", "[", "]", "|", "*", "@", "\\", "=", " ", "a", "bc", "regul", "M",
                               "x", "2", "0.5", "e", "/", "-", "+", "^", ",", "⌊", "⌋", "⌈", "⌉", "×",
                               "−", "η", "\xff", "\xe2\x82", "ms", "%", "1,024", "floor(", "max(", ".", "'"};

std::string generate(Lcg& g) {
  std::string s;
  const std::uint32_t n = g.next() % 40;
  for (std::uint32_t i = 0; i < n; ++i) s += kPieces[g.next() % (sizeof kPieces / sizeof kPieces[0])];
  return s;
}

}  // namespace

TEST_CASE("robust: generated inputs give a value or a located error") {
  Lcg g{12345};
  int parsed = 0, rejected = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string s = generate(g);
    const int max_col = static_cast<int>(s.size()) + 1;
    automark::PatternError pe;
    if (auto p = automark::parse_pattern(s, &pe)) {
      ++parsed;
      (void)automark::pattern_refs(*p);
    } else {
      ++rejected;
      INFO(s);
      CHECK(pe.col >= 1);
      CHECK(pe.col <= max_col);
      CHECK_FALSE(pe.message.empty());
    }
    automark::ExprError ee;
    if (auto e = automark::parse_expr(s, &ee)) {
      (void)e->eval({{"M", 3}, {"x", 2}, {"e", 1}, {"a", 1}, {"bc", 2}, {"regul", 1}, {"η", 1}});
      (void)e->str();
    } else {
      INFO(s);
      CHECK(ee.col >= 1);
      CHECK(ee.col <= max_col);
    }
    if (auto d = automark::parse_shape(s, &ee)) {
      CHECK_FALSE(d->empty());
    } else {
      INFO(s);
      CHECK(ee.col >= 1);
      CHECK(ee.col <= max_col);
    }
    std::string qe;
    if (!automark::parse_quantity(s, &qe)) CHECK_FALSE(qe.empty());
    (void)automark::tokenize(s);
  }
  // The generator must exercise both outcomes.
  CHECK(parsed > 100);
  CHECK(rejected > 100);
}

TEST_CASE("robust: canonical text of a parsed expression parses again") {
  Lcg g{777};
  int checked = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string s = generate(g);
    auto e = automark::parse_expr(s, nullptr);
    if (!e) continue;
    automark::ExprError err;
    auto again = automark::parse_expr(e->str(), &err);
    INFO(s << " -> " << e->str() << " -> " << err.message);
    REQUIRE(again.has_value());
    CHECK(again->str() == e->str());
    ++checked;
  }
  CHECK(checked > 10);
}
