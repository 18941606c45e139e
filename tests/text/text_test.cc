// Tests of the text module: UTF-8 repair, normalisation and its offset map,
// the word rule (checked against the real `wc -w`), case folding, SHA-256.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>

#include "automark/text.h"

using namespace automark;

namespace {

std::string u8(const char8_t* s) { return std::string(reinterpret_cast<const char*>(s)); }

// Runs a shell command on `input` (written to a temporary file) and returns its stdout.
std::string run_on(const std::string& cmd, const std::string& input) {
  char path[] = "/tmp/automark_text_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  close(fd);
  std::string full = "(" + cmd + ") < " + path;
  FILE* p = popen(full.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[256];
  while (std::size_t k = fread(buf, 1, sizeof buf, p)) out.append(buf, k);
  pclose(p);
  unlink(path);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::vector<std::uint32_t> ids(std::size_t n) {
  std::vector<std::uint32_t> v(n + 1);
  for (std::size_t i = 0; i <= n; ++i) v[i] = static_cast<std::uint32_t>(i);
  return v;
}

}  // namespace

TEST_CASE("sha256 known vectors", "[text][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 agrees with sha256sum around block boundaries", "[text][sha256]") {
  for (std::size_t n : {1u, 54u, 55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u, 128u, 1000u}) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>((i * 37 + 11) & 0xFF));
    const std::string expect = run_on("sha256sum | cut -d' ' -f1", s);
    INFO("length " << n);
    CHECK(sha256_hex(s) == expect);
  }
}

TEST_CASE("utf8 validation rejects overlongs, surrogates and out of range", "[text][utf8]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii text that is longer than eight bytes"));
  CHECK(is_valid_utf8(u8(u8"caf\u00e9 \u20ac \U0001F600")));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong 3-byte
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // surrogate U+DFFF
  CHECK(is_valid_utf8("\xED\x9F\xBF"));            // U+D7FF
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("abcdefgh\x80"));       // lone continuation after the fast path
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));           // truncated
}

TEST_CASE("repair_utf8 replaces maximal subparts and reports the first", "[text][utf8]") {
  const std::string rep = "\xEF\xBF\xBD";
  {
    auto r = repair_utf8("ok");
    CHECK(r.text == "ok");
    CHECK(r.replaced == 0);
  }
  {
    auto r = repair_utf8("ab\xE2\x82z");  // truncated euro sign: one maximal subpart
    CHECK(r.text == "ab" + rep + "z");
    CHECK(r.replaced == 1);
    CHECK(r.first_bad == 2);
  }
  {
    auto r = repair_utf8("\xC0\xAF!");  // C0 can never start a sequence: two replacements
    CHECK(r.text == rep + rep + "!");
    CHECK(r.replaced == 2);
    CHECK(r.first_bad == 0);
  }
  {
    auto r = repair_utf8("x\xED\xA0\x80y");  // surrogate: three replacements (Unicode practice)
    CHECK(r.text == "x" + rep + rep + rep + "y");
    CHECK(r.replaced == 3);
    CHECK(r.first_bad == 1);
  }
  {
    auto r = repair_utf8("\xF0\x9F\x98");  // truncated 4-byte at the end
    CHECK(r.text == rep);
    CHECK(r.replaced == 1);
  }
  {
    auto r = repair_utf8(u8(u8"\u00e9") + "\xFF" + u8(u8"\u20ac"));
    CHECK(r.text == u8(u8"\u00e9") + rep + u8(u8"\u20ac"));
    CHECK(r.first_bad == 2);
  }
  // Whatever goes in, what comes out is valid.
  std::mt19937 rng(42);
  for (int t = 0; t < 500; ++t) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) s.push_back(static_cast<char>(rng() & 0xFF));
    auto r = repair_utf8(s);
    CHECK(is_valid_utf8(r.text));
    CHECK((r.replaced == 0) == is_valid_utf8(s));
  }
}

TEST_CASE("next_code_point and append_utf8 round-trip every scalar value", "[text][utf8]") {
  std::string all;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    append_utf8(all, c);
  }
  CHECK(is_valid_utf8(all));
  std::size_t i = 0;
  char32_t expect = 0;
  bool ok = true;
  while (i < all.size()) {
    if (expect == 0xD800) expect = 0xE000;
    if (next_code_point(all, i) != expect) ok = false;
    ++expect;
  }
  CHECK(ok);
  CHECK(expect == 0x110000);
  std::size_t j = 0;
  CHECK(next_code_point("\xC0\xAF", j) == 0xFFFD);
  CHECK(j == 1);
}

TEST_CASE("normalise: ASCII fast path is the identity", "[text][normalise]") {
  const std::string s = "Question 1 (a) The answer is M/2-2.\n";
  auto n = normalise(s);
  CHECK(n.text == s);
  CHECK(n.to_orig == ids(s.size()));
  auto e = normalise("");
  CHECK(e.text.empty());
  CHECK(e.to_orig == std::vector<std::uint32_t>{0});
}

TEST_CASE("normalise: each fold with its exact offset map", "[text][normalise]") {
  struct Case {
    std::string in, out;
    std::vector<std::uint32_t> map;
  };
  const std::vector<Case> cases = {
      {"a\r\nb\rc", "a\nb\nc", {0, 1, 3, 4, 5, 6}},
      {"\xEF\xBB\xBFHi", "Hi", {3, 4, 5}},
      {u8(u8"a\u2014b"), "a-b", {0, 1, 4, 5}},
      {u8(u8"\u2018q\u2019 \u201cw\u201d"), "'q' \"w\"", {0, 3, 4, 7, 8, 11, 12, 15}},
      {u8(u8"\u201a\u201b\u201e"), "''\"", {0, 3, 6, 9}},
      {u8(u8"\u2010\u2011\u2012\u2013\u2015\u2212\ufe63\uff0d"), "--------",
       {0, 3, 6, 9, 12, 15, 18, 21, 24}},
      {u8(u8"5\u00d75\u00f72"), "5x5/2", {0, 1, 3, 4, 6, 7}},
      {u8(u8"a\u00a0b\u2007c\u202fd\u2003e\u3000f"), "a b c d e f",
       {0, 1, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20}},
      {u8(u8"x\u00ady\u200bz\u200d!\u2060?"), "xyz!?", {0, 3, 7, 11, 15, 16}},
      {u8(u8"\ufb01x"), "fix", {0, 0, 3, 4}},            // ligature fi
      {u8(u8"\uff21\uff11"), "A1", {0, 3, 6}},            // full-width
      {u8(u8"e\u0301!"), u8(u8"\u00e9!"), {0, 0, 3, 4}},  // composition
      {u8(u8"\u00e9t\u00e9"), u8(u8"\u00e9t\u00e9"), {0, 0, 2, 3, 3, 5}},
      {u8(u8"x\u00b2"), "x^2", {0, 1, 1, 3}},             // superscript: a power (not NFKC's "x2")
      {u8(u8"a\u2028b"), "a\nb", {0, 1, 4, 5}},
      {u8(u8"wait\u2026"), "wait...", {0, 1, 2, 3, 4, 4, 4, 7}},
      {u8(u8"y\u00bd"), "y0.5", {0, 1, 1, 1, 3}},          // vulgar fraction: its value (not NFKC's "1/2")
      {u8(u8"1\u00bc"), "1 0.25", {0, 1, 1, 1, 1, 1, 3}},  // kept apart from a whole number before it
      {u8(u8"\u2153"), "1/3", {0, 0, 0, 3}},               // inexact as a decimal: the fraction
      {u8(u8"1\u20442"), "1/2", {0, 1, 4, 5}},             // the fraction slash is a slash
  };
  for (const auto& c : cases) {
    INFO("input: " << c.in);
    auto n = normalise(c.in);
    CHECK(n.text == c.out);
    CHECK(n.to_orig == c.map);
  }
}

TEST_CASE("normalise: offset map properties on random mixed text", "[text][normalise]") {
  const std::vector<std::string> pieces = {
      "a", "Z", " ", "\n", "\r\n", "\r", "1.", "(b)", u8(u8"\u2014"), u8(u8"\u00e9"), u8(u8"e\u0301"),
      u8(u8"\u0301"), u8(u8"\ufb01"), u8(u8"\u00a0"), u8(u8"\u200b"), u8(u8"\u00ad"), u8(u8"\u201c"),
      u8(u8"\uff21"), u8(u8"\U0001F600"), u8(u8"\u00d7"), u8(u8"\u1100\u1161"), u8(u8"\uac00\u11a8"),
      u8(u8"\u0b47\u0b3e"), "\xEF\xBB\xBF"};
  std::mt19937 rng(7);
  for (int t = 0; t < 400; ++t) {
    std::string s;
    const int k = static_cast<int>(rng() % 12);
    for (int i = 0; i < k; ++i) s += pieces[rng() % pieces.size()];
    auto n = normalise(s);
    INFO("input: " << s);
    REQUIRE(n.to_orig.size() == n.text.size() + 1);
    CHECK(n.to_orig.back() == s.size());
    CHECK(is_valid_utf8(n.text));
    for (std::size_t i = 1; i < n.to_orig.size(); ++i) REQUIRE(n.to_orig[i - 1] <= n.to_orig[i]);
    // Every mapped offset is a character boundary of the source.
    for (auto o : n.to_orig)
      if (o < s.size()) REQUIRE((static_cast<unsigned char>(s[o]) & 0xC0u) != 0x80u);
    // Between consecutive map changes, the output is the normalisation of that source range.
    std::size_t a = 0;
    for (std::size_t b = 1; b <= n.text.size(); ++b) {
      if (b < n.text.size() && n.to_orig[b] == n.to_orig[a]) continue;
      const std::string src = s.substr(n.to_orig[a], n.to_orig[b] - n.to_orig[a]);
      REQUIRE(normalise(src).text == n.text.substr(a, b - a));
      a = b;
    }
    // Normalising twice changes nothing.
    CHECK(normalise(n.text).text == n.text);
  }
}

TEST_CASE("word rule agrees with wc -w on ASCII", "[text][words]") {
  const std::vector<std::string> cases = {
      "",
      "   ",
      "M/2-2",
      "5 x 5",
      "one",
      "  leading and trailing  ",
      "tabs\tand\nnewlines\r\nand\r returns",
      "a\vb\fc",
      "can't-stop (really)! -- ok ,comma",
      "1. first\n2. second\n\n3. third",
      "x=5*y+3; y = 2",
      "**Question 1** (a) the answer",
      "word\n",
      "a  b   c    d",
  };
  for (const auto& c : cases) {
    INFO("text: [" << c << "]");
    CHECK(std::to_string(count_words(c)) == run_on("LC_ALL=C.UTF-8 wc -w", c));
  }
  CHECK(count_words("M/2-2") == 1);
  CHECK(count_words("5 x 5") == 3);
}

TEST_CASE("word rule on Unicode spaces", "[text][words]") {
  CHECK(count_words(u8(u8"a\u3000b\u2003c\u1680d\u2028e")) == 5);
  // GNU wc 9.1 (Debian 12) in C.UTF-8 splits at no-break spaces: `printf 'a\xc2\xa0b' | wc -w` is 2.
  CHECK(count_words(u8(u8"a\u00a0b")) == 2);
  CHECK(count_words(u8(u8"a\u202fb\u2007c\u2060d")) == 4);
  CHECK(count_words(u8(u8"caf\u00e9 na\u00efve")) == 2);
  CHECK(is_word_space(U' '));
  CHECK(is_word_space(U'\t'));
  CHECK(is_word_space(0x2009));
  CHECK(is_word_space(0x2007));
  CHECK(is_word_space(0x00A0));
  CHECK_FALSE(is_word_space(0x200B));
  CHECK_FALSE(is_word_space(U'x'));
}

TEST_CASE("cut_at_word_limit", "[text][words]") {
  const std::string s = "one two  three four ";
  {
    auto c = cut_at_word_limit(s, 2);
    CHECK(c.words == 4);
    CHECK(c.truncated);
    CHECK(c.kept_end == 7);
    CHECK(c.cut_offset == 9);
    CHECK(c.cut_word == 2);
    CHECK(s.substr(0, c.kept_end) == "one two");
    CHECK(s.substr(c.cut_offset) == "three four ");
  }
  {
    auto c = cut_at_word_limit(s, 4);
    CHECK(c.words == 4);
    CHECK_FALSE(c.truncated);
    CHECK(c.kept_end == 19);
    CHECK(c.cut_offset == s.size());
    CHECK(c.cut_word == 4);
  }
  {
    auto c = cut_at_word_limit(s, SIZE_MAX);
    CHECK_FALSE(c.truncated);
    CHECK(c.words == 4);
  }
  {
    auto c = cut_at_word_limit(s, 0);
    CHECK(c.truncated);
    CHECK(c.kept_end == 0);
    CHECK(c.cut_offset == 0);
    CHECK(c.cut_word == 0);
  }
  {
    auto c = cut_at_word_limit("", 3);
    CHECK(c.words == 0);
    CHECK_FALSE(c.truncated);
    CHECK(c.kept_end == 0);
    CHECK(c.cut_offset == 0);
  }
  {
    const std::string u = u8(u8"\u00e9t\u00e9\u3000na\u00efve\u2003x");
    auto c = cut_at_word_limit(u, 1);
    CHECK(c.words == 3);
    CHECK(u.substr(0, c.kept_end) == u8(u8"\u00e9t\u00e9"));
    CHECK(u.substr(c.cut_offset) == u8(u8"na\u00efve\u2003x"));
  }
}

TEST_CASE("fold_case is full Unicode case folding", "[text][case]") {
  CHECK(fold_case("Hello WORLD 42") == "hello world 42");
  CHECK(fold_case(u8(u8"Stra\u00dfe")) == "strasse");
  CHECK(fold_case(u8(u8"\u03a3\u0391\u03a3")) == u8(u8"\u03c3\u03b1\u03c3"));
  CHECK(fold_case(u8(u8"\u00c9T\u00c9")) == u8(u8"\u00e9t\u00e9"));
  CHECK(fold_case("") == "");
}

TEST_CASE("delatex: candidates' LaTeX maths in plain notation", "[text][latex]") {
  auto plain = [](const std::string& s) { return delatex(s).text; };
  CHECK(plain("$\\frac{1}{64}$") == " (1)/(64) ");
  CHECK(plain("\\frac12") == "(1)/(2)");
  CHECK(plain("\\dfrac{M}{2} - 2") == "(M)/(2) - 2");
  CHECK(plain("\\frac{\\frac{a}{b}}{c}") == "((a)/(b))/(c)");
  CHECK(plain("$4 \\times 12 \\times 12$") == " 4 \u00D7 12 \u00D7 12 ");
  CHECK(plain("(\\lfloor M/2 \\rfloor - 2)") == "(\u230A M/2 \u230B - 2)");
  CHECK(plain("\\left( M - 4 \\right)/2") == "( M - 4 )/2");
  CHECK(plain("64\\,\\text{ms}") == "64 ms");
  CHECK(plain("x^{2} + y_{i}") == "x^(2) + y_(i)");
  CHECK(plain("\\sum_i \\log \\hat{y}_i") == "\u03A3_i  log  y\u0302_i");
  CHECK(normalise(plain("\\hat y and \\hat{\\mathbf{y}}")).text == "\u0177 and \u0177");  // y-hat, composed
  CHECK(plain("\\alpha=1, \\beta=10") == " alpha =1,  beta =10");
  CHECK(plain("a \\le b \\to c") == "a \u2264 b \u2192 c");
  CHECK(plain("100\\% \\{x\\}") == "100% {x}");
  CHECK(plain("\\sqrt{d}") == " sqrt(d)");
  CHECK(plain("\\frac") == " frac ");             // no arguments: the word
  CHECK(plain("{unbalanced") == "{unbalanced");   // a lone brace is text
  // A tensor's space: the double-struck R, its exponent the shape as written.
  CHECK(plain("z \\in \\mathbb{R}^{4\\times 12\\times 12}") == "z \u2208 \u211D 4\u00D7 12\u00D7 12 ");
  CHECK(plain("\\mathbb R^{M}") == "\u211D M ");
  CHECK(plain("\\mathbb{N}") == "N");  // another set: styling only
  CHECK(plain("x^{2}") == "x^(2)");     // any other exponent stays a power
  CHECK(plain("L \\downarrow, V \\uparrow") == "L \u2193, V \u2191");
  CHECK(plain("close}") == "close}");
  CHECK(plain(u8(u8"\u00e9t\u00e9 $x$")) == u8(u8"\u00e9t\u00e9  x "));
  CHECK_FALSE(has_latex("no maths here, just a \\ backslash"));
  CHECK(has_latex("cost $5"));
  CHECK(has_latex("4\\times 4"));
}

TEST_CASE("delatex: offset map properties on random LaTeX-ish text", "[text][latex]") {
  const std::vector<std::string> pieces = {
      "a", "M", " ", "\n", "2", "$", "{", "}", "\\frac", "\\times", "\\,", "\\lfloor", "\\rfloor", "^", "_",
      "\\text", "\\left(", "\\right)", "\\alpha", "\\%", "\\\\", "\\", u8(u8"\u00e9"), u8(u8"\u2014"), "/", "-"};
  std::mt19937 rng(11);
  for (int t = 0; t < 2000; ++t) {
    std::string s;
    const int k = static_cast<int>(rng() % 16);
    for (int i = 0; i < k; ++i) s += pieces[rng() % pieces.size()];
    const Normalised d = delatex(s);
    INFO("input: " << s);
    REQUIRE(d.to_orig.size() == d.text.size() + 1);
    CHECK(d.to_orig.back() == s.size());
    CHECK(is_valid_utf8(d.text));
    for (std::size_t i = 1; i < d.to_orig.size(); ++i) REQUIRE(d.to_orig[i - 1] <= d.to_orig[i]);
    for (auto o : d.to_orig) {
      REQUIRE(o <= s.size());
      if (o < s.size()) REQUIRE((static_cast<unsigned char>(s[o]) & 0xC0u) != 0x80u);
    }
  }
  // Deep nesting is bounded: copied as it is past the limit, never a crash.
  const std::string deep = std::string(5000, '{') + "x" + std::string(5000, '}');
  CHECK(delatex(deep).text.find('x') != std::string::npos);
  const std::string fracs = [] {
    std::string f;
    for (int i = 0; i < 3000; ++i) f += "\\frac{";
    return f + "1" + std::string(3000, '}');
  }();
  CHECK(delatex(fracs).to_orig.back() == fracs.size());
}

TEST_CASE("normalise: superscript digits and minus read as a power", "[text][normalise]") {
  CHECK(normalise(u8(u8"x\u00b2")).text == "x^2");
  CHECK(normalise(u8(u8"(M/2-2)\u00b2")).text == "(M/2-2)^2");
  CHECK(normalise(u8(u8"10\u207b\u00b3 s")).text == "10^-3 s");
  CHECK(normalise(u8(u8"2\u00b9\u2070")).text == "2^10");
  CHECK(normalise(u8(u8"m\u00b2 and m\u00b3")).text == "m^2 and m^3");
  const Normalised n = normalise(u8(u8"a\u00b2\u00b3"));  // a, then two superscripts of 2 bytes each
  REQUIRE(n.text == "a^23");
  CHECK(n.to_orig == std::vector<std::uint32_t>{0, 1, 1, 3, 5});
}

TEST_CASE("normalise: subscript digits and letters read as an index", "[text][normalise]") {
  CHECK(normalise(u8(u8"y\u2096")).text == "y_k");
  CHECK(normalise(u8(u8"\u2212\u03a3\u2096 y\u2096 log \u0177\u2096")).text == u8(u8"-\u03a3_k y_k log \u0177_k"));
  CHECK(normalise(u8(u8"x\u2081\u2080")).text == "x_10");
  CHECK(normalise(u8(u8"W\u2082W\u2081")).text == "W_2W_1");
}
