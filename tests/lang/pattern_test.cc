#include <catch2/catch.hpp>

#include <string>

#include "automark/pattern.h"

using automark::parse_pattern;
using automark::PatternError;
using automark::PatternNode;
using Kind = automark::PatternNode::Kind;

namespace {

PatternNode ok(const std::string& src) {
  PatternError err;
  auto n = parse_pattern(src, &err);
  INFO(src << " -> " << err.col << ": " << err.message);
  REQUIRE(n.has_value());
  return *n;
}

PatternError fails(const std::string& src) {
  PatternError err;
  auto n = parse_pattern(src, &err);
  INFO(src);
  REQUIRE_FALSE(n.has_value());
  return err;
}

// A compact rendering of the tree to compare structure in one assertion.
std::string show(const PatternNode& n) {
  switch (n.kind) {
    case Kind::Word: return (n.exact ? "=" : "") + n.text + (n.prefix ? "*" : "");
    case Kind::Ref: return "@" + n.text;
    case Kind::Gap: return "..." + std::to_string(n.gap);
    case Kind::Opt: return "[" + show(n.children.at(0)) + "]";
    case Kind::Seq:
    case Kind::Alt: {
      std::string s = n.kind == Kind::Seq ? "seq(" : "alt(";
      for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? " " : "") + show(n.children[i]);
      return s + ")";
    }
  }
  return "?";
}

}  // namespace

TEST_CASE("pattern: '...' is a wider gap between two elements") {
  CHECK(show(ok("mrna ... to [the] ribosome")) == "seq(mrna ...8 to [the] ribosome)");
  CHECK(show(ok("mrna ...5 (to|into) ribosome")) == "seq(mrna ...5 alt(to into) ribosome)");
  CHECK(show(ok("(a ... b|c)")) == "alt(seq(a ...8 b) c)");
  // Glued to a word, or escaped, the dots stay literal; so does the ellipsis character.
  CHECK(show(ok("frames 1 \\.\\.\\. t")) == "seq(frames =1 =. =. =. t)");
  CHECK(show(ok("1...t")) == "seq(=1 =. =. =. t)");
  CHECK(show(ok("1 \u2026 t")) == "seq(=1 =\u2026 t)");
  CHECK(fails("... mrna").message == "'...' must stand between two words");
  CHECK(fails("mrna ...").message == "'...' must stand between two words");
  CHECK(fails("mrna ...31 to").message == "'...' allows at most 30 words, not 31");
  CHECK(fails("mrna ...31 to").col == 6);
}

TEST_CASE("pattern: words make a sequence, case-folded") {
  CHECK(show(ok("Learning Rate")) == "seq(learning rate)");
  CHECK(show(ok("  overfitting  ")) == "overfitting");
  auto n = ok("learning rate");
  CHECK(n.children.at(0).col == 1);
  CHECK(n.children.at(1).col == 10);
}

TEST_CASE("pattern: grouped alternatives of sequences") {
  CHECK(show(ok("(softmax|soft max)")) == "alt(softmax seq(soft max))");
  CHECK(show(ok("the (a b|c d) end")) == "seq(the alt(seq(a b) seq(c d)) end)");
}

TEST_CASE("pattern: bare | joins single elements") {
  CHECK(show(ok("a|b")) == "alt(a b)");
  CHECK(show(ok("a b|c d")) == "seq(a alt(b c) d)");
  CHECK(show(ok("x|(y z)")) == "alt(x seq(y z))");
}

TEST_CASE("pattern: optional elements") {
  CHECK(show(ok("[the] output")) == "seq([the] output)");
  CHECK(show(ok("[very large|huge] model")) == "seq([alt(seq(very large) huge)] model)");
  CHECK(ok("[the] output").children.at(0).col == 1);
}

TEST_CASE("pattern: prefix, exact, reference") {
  CHECK(show(ok("regulari*")) == "regulari*");
  CHECK(show(ok("=lr")) == "=lr");
  CHECK(show(ok("@lr rate")) == "seq(@lr rate)");
  CHECK(show(ok("=LR")) == "=lr");
  auto n = ok("use =eta");
  CHECK(n.children.at(1).col == 6);  // the word itself, after '='
}

TEST_CASE("pattern: numbers and symbols are exact literal tokens") {
  CHECK(show(ok("5 x 5")) == "seq(=5 x =5)");
  CHECK(show(ok("5x5")) == "seq(=5 x =5)");
  CHECK(show(ok("1/64")) == "seq(=1 =/ =64)");
  CHECK(show(ok("a = b")) == "seq(a == b)");  // '=' alone is the symbol "="
  CHECK(show(ok("x ≥ 2")) == "seq(x =≥ =2)");
  CHECK(show(ok("2^8 + 1")) == "seq(=2 =^ =8 =+ =1)");
  CHECK(show(ok("0.5")) == "=0.5");
  CHECK(show(ok("1,024 samples")) == "seq(=1,024 samples)");
  CHECK(show(ok("over-fitting")) == "seq(over =- fitting)");
  CHECK(show(ok("a|5x5")) == "alt(a seq(=5 x =5))");
  CHECK(show(ok("(over-fitting|overfit) model")) == "seq(alt(seq(over =- fitting) overfit) model)");
  CHECK(show(ok("4×4")) == "seq(=4 x =4)");
  CHECK(show(ok("a − b")) == "seq(a =- b)");
}

TEST_CASE("pattern: apostrophes stay inside words") {
  CHECK(show(ok("doesn't converge")) == "seq(doesn't converge)");
  CHECK(show(ok("doesn’t")) == "doesn't");
}

TEST_CASE("pattern: escapes make special characters literal") {
  CHECK(show(ok("\\(a\\)")) == "seq(=( a =))");
  CHECK(show(ok("a \\| b")) == "seq(a =| b)");
  CHECK(show(ok("3\\*3")) == "seq(=3 =* =3)");
  CHECK(show(ok("\\@home")) == "seq(=@ home)");
  CHECK(show(ok("\\[x\\]")) == "seq(=[ x =])");
}

TEST_CASE("pattern: non-ASCII letters") {
  CHECK(show(ok("Η")) == "η");
  CHECK(show(ok("η value")) == "seq(η value)");
  CHECK(show(ok("naïve Bayes")) == "seq(naïve bayes)");
  auto n = ok("η value");
  CHECK(n.children.at(1).col == 3);  // columns count characters, not bytes
}

TEST_CASE("pattern: refs are listed once, in order") {
  auto n = ok("@a (@b|x) [@a] @c");
  CHECK(automark::pattern_refs(n) == std::vector<std::string>{"a", "b", "c"});
  CHECK(automark::pattern_refs(ok("plain words")).empty());
}

TEST_CASE("pattern: errors carry a column") {
  struct Case {
    const char* src;
    int col;
    const char* message;
  };
  const Case cases[] = {
      {"", 1, "empty pattern"},
      {"   ", 1, "empty pattern"},
      {"(a b", 1, "unclosed '('"},
      {"x [a b", 3, "unclosed '['"},
      {"a b)", 4, "unmatched ')'"},
      {"a]", 2, "unmatched ']'"},
      {"(a]", 3, "']' does not close the '(' at column 1"},
      {"(a|)", 4, "empty alternative before ')'"},
      {"(|a)", 2, "empty alternative before '|'"},
      {"(a||b)", 4, "empty alternative before '|'"},
      {"a|", 2, "empty alternative after '|'"},
      {"|a", 1, "empty alternative before '|'"},
      {"a||b", 2, "empty alternative after '|'"},
      {"()", 1, "empty group '()'"},
      {"x []", 3, "empty group '[]'"},
      {"*", 1, "'*' must follow a word of at least 3 letters, as in regulari*"},
      {"abc *", 5, "'*' must follow a word of at least 3 letters, as in regulari*"},
      {"ab*", 3, "'*' needs at least 3 letters before it"},
      {"12*", 3, "'*' must follow a word of at least 3 letters, as in regulari*"},
      {"regu*lar", 6, "'*' must end a word"},
      {"@", 1, "'@' must be followed by a synonym-set name"},
      {"a @ b", 3, "'@' must be followed by a synonym-set name"},
      {"@lr*", 4, "'*' cannot follow a synonym-set reference"},
      {"a \\", 3, "'\\' must be followed by the character it escapes"},
  };
  for (const auto& c : cases) {
    auto e = fails(c.src);
    INFO("pattern: " << c.src);
    CHECK(e.col == c.col);
    CHECK(e.message == c.message);
  }
}

TEST_CASE("pattern: nesting limit is 16 levels") {
  std::string ok16 = std::string(16, '(') + "a" + std::string(16, ')');
  CHECK(show(ok(ok16)) == "a");
  std::string deep = std::string(17, '(') + "a" + std::string(17, ')');
  auto e = fails(deep);
  CHECK(e.col == 17);
  CHECK(e.message == "brackets nested deeper than 16 levels");
  // Far deeper input returns an error too, without exhausting the stack.
  auto e2 = fails(std::string(900, '[') + "a" + std::string(90, ']'));
  CHECK(e2.col == 17);
}

TEST_CASE("pattern: length limit is 1000 characters") {
  std::string s;
  while (s.size() < 1000) s += "a ";
  s.resize(1000);
  CHECK(parse_pattern(s, nullptr).has_value());
  s += "b";
  auto e = fails(s);
  CHECK(e.col == 1001);
  CHECK(e.message == "pattern longer than 1000 characters");
}

TEST_CASE("pattern: invalid UTF-8 never crashes") {
  PatternError err;
  auto n = parse_pattern(std::string("ab\xff\xfe cd"), &err);
  REQUIRE(n.has_value());
  CHECK(show(*n) == "seq(ab =\xEF\xBF\xBD =\xEF\xBF\xBD cd)");
}

TEST_CASE("tokenize: words, numbers, symbols and byte offsets") {
  auto t = automark::tokenize("The 5x5 kernel, doesn't 1,024 η−1");
  std::vector<std::string> texts;
  for (const auto& k : t) texts.push_back(k.text);
  CHECK(texts == std::vector<std::string>{"the", "5", "x", "5", "kernel", ",", "doesn't", "1,024", "η", "-", "1"});
  CHECK(t[0].kind == automark::Token::Kind::Word);
  CHECK(t[1].kind == automark::Token::Kind::Number);
  CHECK(t[5].kind == automark::Token::Kind::Symbol);
  CHECK(t[4].begin == 8);
  CHECK(t[4].end == 14);
  CHECK(t[8].begin == 30);  // η is two bytes
  CHECK(t[8].end == 32);
  CHECK(t[9].end == 35);    // − is three bytes
}

TEST_CASE("tokenize: trailing apostrophe and full stop are symbols") {
  auto t = automark::tokenize("students' 3.5.");
  REQUIRE(t.size() == 4);
  CHECK(t[0].text == "students");
  CHECK(t[1].text == "'");
  CHECK(t[2].text == "3.5");
  CHECK(t[3].text == ".");
}
