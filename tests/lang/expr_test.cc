#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "automark/pattern.h"

using automark::Expr;
using automark::ExprError;
using automark::parse_expr;
using automark::parse_shape;

namespace {

Expr ex(const std::string& s) {
  ExprError err;
  auto e = parse_expr(s, &err);
  INFO(s << " -> " << err.col << ": " << err.message);
  REQUIRE(e.has_value());
  return *e;
}

double at(const std::string& s, std::map<std::string, double> vars = {}) {
  auto v = ex(s).eval(vars);
  INFO(s);
  REQUIRE(v.has_value());
  return *v;
}

ExprError fails(const std::string& s) {
  ExprError err;
  INFO(s);
  REQUIRE_FALSE(parse_expr(s, &err).has_value());
  return err;
}

std::vector<std::map<std::string, double>> pointsM(std::initializer_list<double> ms) {
  std::vector<std::map<std::string, double>> p;
  for (double m : ms) p.push_back({{"M", m}});
  return p;
}

}  // namespace

TEST_CASE("expr: arithmetic and precedence") {
  CHECK(at("1 + 2 * 3") == 7);
  CHECK(at("(1 + 2) * 3") == 9);
  CHECK(at("2 ^ 3 ^ 2") == 512);
  CHECK(at("-2 ^ 2") == -4);
  CHECK(at("2 ^ -1") == 0.5);
  CHECK(at("2 ** 10") == 1024);
  CHECK(at("10 - 4 - 3") == 3);
  CHECK(at("64 / 4 / 2") == 8);
  CHECK(at("--3") == 3);
  CHECK(at("6.4e1") == 64);
  CHECK(at("1.5E-1") == Approx(0.15));
  CHECK(at(".5 + 1.") == 1.5);
}

TEST_CASE("expr: variables, implicit multiplication, Unicode operators") {
  CHECK(at("2M", {{"M", 5}}) == 10);
  CHECK(at("2(M+1)", {{"M", 5}}) == 12);
  CHECK(at("2 M^2", {{"M", 3}}) == 18);
  CHECK(at("(M)(M+1)", {{"M", 3}}) == 12);
  CHECK(at("M − 2", {{"M", 5}}) == 3);
  CHECK(at("3 × 4 · 2") == 24);
  CHECK(at("12 ÷ 4") == 3);
  CHECK(at("α β", {{"α", 2}, {"β", 3}}) == 6);
  CHECK(at("x_1 + n2", {{"x_1", 1}, {"n2", 2}}) == 3);
  CHECK(ex("M/2 - 2 + N").variables() == std::vector<std::string>{"M", "N"});
}

TEST_CASE("expr: functions and floor/ceil brackets") {
  CHECK(at("floor(7/2)") == 3);
  CHECK(at("7//2") == 3);  // Python's floor division
  CHECK(at("7 / / 2") == 3);
  CHECK(at("-7//2") == -4);
  CHECK(at("7//2*2") == 6);
  CHECK(ex("M//2 - 2").str() == "floor(M/2) - 2");
  CHECK(at("ceil(7/2)") == 4);
  CHECK(at("round(2.5)") == 3);
  CHECK(at("abs(-3)") == 3);
  CHECK(at("sqrt(16)") == 4);
  CHECK(at("ln(exp(2))") == Approx(2));
  CHECK(at("log(exp(1))") == Approx(1));
  CHECK(at("log2(1024)") == Approx(10));
  CHECK(at("min(3, 1, 2)") == 1);
  CHECK(at("max(3, 1, 2)") == 3);
  CHECK(at("⌊M/2⌋", {{"M", 7}}) == 3);
  CHECK(at("⌈M/2⌉", {{"M", 7}}) == 4);
}

TEST_CASE("expr: evaluation failures give nullopt") {
  CHECK_FALSE(ex("1/0").eval({}).has_value());
  CHECK_FALSE(ex("1/(M-2)").eval({{"M", 2}}).has_value());
  CHECK_FALSE(ex("log(-1)").eval({}).has_value());
  CHECK_FALSE(ex("sqrt(-1)").eval({}).has_value());
  CHECK_FALSE(ex("M + 1").eval({}).has_value());
  CHECK_FALSE(ex("10^400").eval({}).has_value());
  CHECK_FALSE(Expr().eval({}).has_value());
}

TEST_CASE("expr: canonical text") {
  CHECK(ex("M/2-2").str() == "M/2 - 2");
  CHECK(ex("(M - 4) / 2").str() == "(M - 4)/2");
  CHECK(ex("floor( M/2 ) - 2").str() == "floor(M/2) - 2");
  CHECK(ex("⌊M/2⌋").str() == "floor(M/2)");
  CHECK(ex("a - (b - c)").str() == "a - (b - c)");
  CHECK(ex("a - b - c").str() == "a - b - c");
  CHECK(ex("2M").str() == "2*M");
  CHECK(ex("-(a+b)").str() == "-(a + b)");
  CHECK(ex("(2^3)^2").str() == "(2^3)^2");
  CHECK(ex("2^3^2").str() == "2^3^2");
  CHECK(ex("0.5").str() == "0.5");
  CHECK(ex("max(a,b)").str() == "max(a, b)");
  // The canonical text parses back to the same value.
  for (const char* s : {"(M - 4)/2", "-(a + b)*c^2", "a/(b*c)", "2^-1"}) {
    Expr a = ex(s);
    Expr b = ex(a.str());
    std::map<std::string, double> v{{"M", 9}, {"a", 2}, {"b", 3}, {"c", 5}};
    CHECK(*a.eval(v) == *b.eval(v));
  }
}

TEST_CASE("expr: equivalence by value") {
  const auto even = pointsM({4, 8, 12, 28, 100});
  CHECK(automark::expr_equivalent(ex("M/2-2"), ex("(M-4)/2"), pointsM({3, 7, 12, 28, 101})));
  CHECK(automark::expr_equivalent(ex("M/2-2"), ex("floor(M/2)-2"), even));
  CHECK(automark::expr_equivalent(ex("M/2-2"), ex("⌊M/2⌋ - 2"), even));
  CHECK_FALSE(automark::expr_equivalent(ex("M/2-2"), ex("floor(M/2)-2"), pointsM({3, 7})));
  CHECK_FALSE(automark::expr_equivalent(ex("M/2-2"), ex("M/2+2"), even));
  // M/2 - 2 and M - 8 agree at M = 12 only.
  CHECK(*ex("M/2-2").eval({{"M", 12}}) == *ex("M-8").eval({{"M", 12}}));
  CHECK_FALSE(automark::expr_equivalent(ex("M/2-2"), ex("M-8"), pointsM({3, 7, 12, 28, 101})));
  CHECK(automark::expr_equivalent(ex("0.1 + 0.2"), ex("0.3"), {{}}));
}

TEST_CASE("expr: equivalence needs a point where both evaluate") {
  CHECK_FALSE(automark::expr_equivalent(ex("M"), ex("M"), {}));
  CHECK_FALSE(automark::expr_equivalent(ex("1/(M-2)"), ex("1/(M-2)"), pointsM({2})));
  CHECK(automark::expr_equivalent(ex("1/(M-2)"), ex("1/(M-2)"), pointsM({2, 3})));
  // One side fails where the other evaluates: not equivalent.
  CHECK_FALSE(automark::expr_equivalent(ex("(M-2)/(M-2)"), ex("1"), pointsM({2, 3})));
  CHECK_FALSE(automark::expr_equivalent(ex("N"), ex("M"), pointsM({3})));
}

TEST_CASE("expr: errors carry a column") {
  struct Case {
    const char* src;
    int col;
    const char* message;
  };
  const Case cases[] = {
      {"", 1, "empty expression"},
      {"1 +", 4, "expected a number, a variable or '(' at the end"},
      {"(1 + 2", 1, "unclosed '('"},
      {"1 + 2)", 6, "unmatched ')'"},
      {"(1 + 2]", 7, "expected ')' to close the '(' at column 1"},
      {"floor 3", 1, "expected '(' after floor"},
      {"min(1)", 1, "min takes at least 2 arguments"},
      {"sqrt(1, 2)", 1, "sqrt takes 1 argument"},
      {"2 3", 3, "unexpected '3'"},
      {"1.2.3", 4, "unexpected '.' in a number"},
      {"a $ b", 3, "unexpected '$'"},
      {"⌊M/2", 1, "unclosed '⌊'"},
  };
  for (const auto& c : cases) {
    auto e = fails(c.src);
    INFO("expr: " << c.src);
    CHECK(e.col == c.col);
    CHECK(e.message == c.message);
  }
}

TEST_CASE("expr: limits return errors, never crash") {
  std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  auto e = fails(deep);
  CHECK(e.message == "expression longer than 1000 characters");
  std::string d65 = std::string(65, '(') + "1" + std::string(65, ')');
  auto e2 = fails(d65);
  CHECK(e2.message == "expression nested deeper than 64 levels");
  std::string d60 = std::string(60, '(') + "1" + std::string(60, ')');
  CHECK(at(d60) == 1);
  std::string minus(900, '-');
  CHECK(fails(minus + "1").message == "expression nested deeper than 64 levels");
  std::string pw = "2";
  for (int i = 0; i < 200; ++i) pw += "^1";
  CHECK(fails(pw).message == "expression nested deeper than 64 levels");
}

TEST_CASE("shape: separators and brackets") {
  std::map<std::string, double> m{{"M", 28}};
  auto dims = [&](const std::string& s) {
    ExprError err;
    auto d = parse_shape(s, &err);
    INFO(s << " -> " << err.col << ": " << err.message);
    REQUIRE(d.has_value());
    std::vector<double> v;
    for (const auto& e : *d) v.push_back(*e.eval(m));
    return v;
  };
  CHECK(dims("4 x 12 x 12") == std::vector<double>{4, 12, 12});
  CHECK(dims("4×12×12") == std::vector<double>{4, 12, 12});
  CHECK(dims("12x12x4") == std::vector<double>{12, 12, 4});
  CHECK(dims("(4, 12, 12)") == std::vector<double>{4, 12, 12});
  CHECK(dims("[M/2-2, M/2-2]") == std::vector<double>{12, 12});
  CHECK(dims("(M/2 - 2) x (M/2 - 2)") == std::vector<double>{12, 12});
  CHECK(dims("M x M") == std::vector<double>{28, 28});
  CHECK(dims("(M/2-2)") == std::vector<double>{12});
  CHECK(dims("  7 ") == std::vector<double>{7});
  CHECK(dims("2M X 3") == std::vector<double>{56, 3});
}

TEST_CASE("shape: x as a variable") {
  ExprError err;
  auto d = parse_shape("x x 3", &err);
  REQUIRE(d.has_value());
  REQUIRE(d->size() == 2);
  CHECK((*d)[0].variables() == std::vector<std::string>{"x"});
  CHECK((*d)[1].str() == "3");
  auto e = parse_shape("max(x, 2) x 4", &err);
  REQUIRE(e.has_value());
  REQUIRE(e->size() == 2);
  CHECK((*e)[0].str() == "max(x, 2)");
}

TEST_CASE("shape: errors") {
  ExprError err;
  CHECK_FALSE(parse_shape("", &err).has_value());
  CHECK(err.message == "empty shape");
  CHECK_FALSE(parse_shape("4 ×", &err).has_value());
  CHECK(err.message == "empty dimension");
  CHECK_FALSE(parse_shape("(4, , 2)", &err).has_value());
  CHECK(err.message == "empty dimension");
  CHECK(err.col == 4);
  CHECK_FALSE(parse_shape("(4, 2", &err).has_value());
  CHECK(err.message == "unclosed '('");
  CHECK(err.col == 1);
  CHECK_FALSE(parse_shape("4, 2)", &err).has_value());
  CHECK(err.message == "unmatched ')'");
  CHECK(err.col == 5);
  CHECK_FALSE(parse_shape("4 x 1 +", &err).has_value());
  CHECK_FALSE(parse_shape(std::string(200, '(') + "1" + std::string(200, ')'), &err).has_value());
}
