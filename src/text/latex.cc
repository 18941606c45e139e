// LaTeX maths as candidates type it ($\frac{1}{64}\sum_i L_i$, \lfloor M/2
// \rfloor - 2, 4 \times 12 \times 12, 64\,\text{ms}) rewritten into the plain
// notation the matcher reads ((1)/(64) Σ_i L_i, ⌊M/2⌋ - 2, 4 × 12 × 12, 64 ms),
// with a map back to the source like normalise()'s.
//
// One pass over the text; braces are paired first with a stack, so a group's
// end is known in constant time and unbalanced input costs nothing extra.
// Nesting deeper than kMaxDepth is copied as it is.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "automark/text.h"

namespace automark {
namespace {

constexpr int kMaxDepth = 32;

inline bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Commands that become a symbol or a word. A word is written with spaces
// around it so that it never glues to its neighbours ("\eta\lambda").
const std::unordered_map<std::string_view, std::string_view>& symbols() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      {"times", "\u00D7"}, {"cdot", "*"}, {"ast", "*"}, {"div", "/"},
      {"lfloor", "\u230A"}, {"rfloor", "\u230B"}, {"lceil", "\u2308"}, {"rceil", "\u2309"},
      {"ge", "\u2265"}, {"geq", "\u2265"}, {"le", "\u2264"}, {"leq", "\u2264"}, {"neq", "\u2260"}, {"ne", "\u2260"},
      {"approx", "\u2248"}, {"sim", "~"}, {"to", "\u2192"}, {"rightarrow", "\u2192"}, {"Rightarrow", "\u2192"},
      {"implies", "\u2192"}, {"mapsto", "\u2192"}, {"infty", "\u221E"}, {"partial", "\u2202"},
      {"nabla", "\u2207"}, {"in", "\u2208"}, {"sum", "\u03A3"}, {"prod", "\u03A0"}, {"pm", "\u00B1"},
      {"cdots", "..."}, {"ldots", "..."}, {"dots", "..."}, {"quad", " "}, {"qquad", " "},
      {"lbrace", "{"}, {"rbrace", "}"}, {"langle", "<"}, {"rangle", ">"}, {"mid", "|"}, {"vert", "|"},
      {"uparrow", "\u2191"}, {"Uparrow", "\u2191"}, {"nearrow", "\u2197"}, {"downarrow", "\u2193"},
      {"Downarrow", "\u2193"}, {"searrow", "\u2198"}, {"lt", "<"}, {"gt", ">"}};
  return m;
}

// Commands that only style or size what follows: dropped (their group, if
// any, is read as plain text).
bool styling(std::string_view c) {
  static const std::unordered_set<std::string_view> m = {
      "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "bigg", "Bigg", "displaystyle", "text",
      "textrm", "textit", "textbf", "mathrm", "mathit", "mathbf", "mathsf", "mathcal", "mathbb", "boldsymbol",
      "operatorname", "vec", "limits", "nolimits"};
  return m.count(c) > 0;
}

class Rewriter {
 public:
  explicit Rewriter(std::string_view s) : s_(s), match_(s.size(), SIZE_MAX) {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        ++i;  // an escaped brace is no group
        continue;
      }
      if (s[i] == '{') open.push_back(i);
      if (s[i] == '}' && !open.empty()) {
        match_[open.back()] = i;
        open.pop_back();
      }
    }
  }

  Normalised run() {
    out_.text.reserve(s_.size() + 16);
    out_.to_orig.reserve(s_.size() + 17);
    emit(0, s_.size(), 0);
    out_.to_orig.push_back(static_cast<std::uint32_t>(s_.size()));
    return std::move(out_);
  }

 private:
  void put(std::string_view piece, std::size_t src) {
    out_.text.append(piece.data(), piece.size());
    out_.to_orig.insert(out_.to_orig.end(), piece.size(), static_cast<std::uint32_t>(src));
  }

  // Blank-skipping start of the next argument at or after i (< e).
  std::size_t skip_space(std::size_t i, std::size_t e) const {
    while (i < e && (s_[i] == ' ' || s_[i] == '\t')) ++i;
    return i;
  }

  // One argument of \frac or \sqrt at i: a {group} or a single character.
  // Writes it bracketed, the opening bracket mapped to `open_at` (the command,
  // so that evidence shows it whole); returns the position after it (i when
  // there is none).
  std::size_t argument(std::size_t i, std::size_t e, int depth, std::size_t open_at) {
    i = skip_space(i, e);
    if (i >= e) return i;
    if (s_[i] == '{' && match_[i] < e) {
      const std::size_t close = match_[i];
      put("(", std::min(open_at, i));
      emit(i + 1, close, depth + 1);
      put(")", close);
      return close + 1;
    }
    if (s_[i] == '\\' || s_[i] == '}') return i;
    std::size_t n = 1;  // one whole UTF-8 character
    while (i + n < e && (static_cast<unsigned char>(s_[i + n]) & 0xC0u) == 0x80u) ++n;
    put("(", std::min(open_at, i));
    put(s_.substr(i, n), i);
    put(")", i + n);
    return i + n;
  }

  void emit(std::size_t b, std::size_t e, int depth) {
    if (depth > kMaxDepth) {
      put(s_.substr(b, e - b), b);
      return;
    }
    std::size_t i = b;
    while (i < e) {
      const char c = s_[i];
      if (c == '$') {  // math delimiters: the maths is read as text
        put(" ", i);
        ++i;
        continue;
      }
      if (c == '{' && match_[i] < e) {  // a bare group: its content
        const std::size_t close = match_[i];
        // After ^ or _ the group is one exponent or index: keep it together.
        const bool script = !out_.text.empty() && (out_.text.back() == '^' || out_.text.back() == '_');
        if (script) put("(", i);
        emit(i + 1, close, depth + 1);
        if (script) put(")", close);
        i = close + 1;
        continue;
      }
      if (c != '\\' || i + 1 >= e) {
        // Plain text up to the next character that may start LaTeX, copied as
        // it is; each byte maps to the start of its UTF-8 character.
        std::size_t k = i + 1;
        while (k < e && s_[k] != '$' && s_[k] != '{' && s_[k] != '\\') ++k;
        std::size_t lead = i;
        for (std::size_t q = i; q < k; ++q) {
          if ((static_cast<unsigned char>(s_[q]) & 0xC0u) != 0x80u) lead = q;
          out_.text.push_back(s_[q]);
          out_.to_orig.push_back(static_cast<std::uint32_t>(lead));
        }
        i = k;
        continue;
      }
      // A command.
      std::size_t j = i + 1;
      if (!letter(s_[j])) {
        const char x = s_[j];
        if (static_cast<unsigned char>(x) >= 0x80u) {  // not a command: the backslash as text
          put("\\", i);
          i = j;
          continue;
        }
        if (x == ',' || x == ';' || x == ':' || x == '!' || x == ' ' || x == '(' || x == ')' || x == '[' || x == ']')
          put(" ", i);
        else if (x == '\\')
          put("\n", i);
        else
          put(s_.substr(j, 1), i);  // \% \_ \{ \} \& \$ \#
        i = j + 1;
        continue;
      }
      while (j < e && letter(s_[j])) ++j;
      const std::string_view name = s_.substr(i + 1, j - i - 1);
      if (name == "frac" || name == "dfrac" || name == "tfrac") {
        const std::size_t a = argument(j, e, depth, i);
        if (a == skip_space(j, e)) {  // no numerator: leave the word
          put(" frac ", i);
          i = j;
          continue;
        }
        put("/", a);
        const std::size_t d = argument(a, e, depth, a);
        i = d;
        continue;
      }
      // Accents become combining marks after what they cover, so that NFKC
      // composes \hat{y} into the y-hat the rubric writes.
      static const std::unordered_map<std::string_view, std::string_view> accents = {
          {"hat", "\u0302"}, {"widehat", "\u0302"}, {"tilde", "\u0303"}, {"widetilde", "\u0303"},
          {"bar", "\u0304"}, {"overline", "\u0304"}, {"dot", "\u0307"}};
      if (auto it = accents.find(name); it != accents.end()) {
        std::size_t a = skip_space(j, e);
        if (a < e && s_[a] == '{' && match_[a] < e) {
          emit(a + 1, match_[a], depth + 1);
          put(it->second, match_[a]);
          i = match_[a] + 1;
        } else if (a < e && s_[a] != '\\' && s_[a] != '}' && s_[a] != '$' &&
                   static_cast<unsigned char>(s_[a]) < 0x80u) {
          put(s_.substr(a, 1), a);
          put(it->second, a + 1);
          i = a + 1;
        } else {
          i = j;  // nothing to put it on: dropped
        }
        continue;
      }
      if (name == "sqrt") {
        put(" sqrt", i);
        const std::size_t a = argument(j, e, depth, i);
        i = a;
        continue;
      }
      if (auto it = symbols().find(name); it != symbols().end()) {
        put(it->second, i);
        i = j;
        continue;
      }
      // The real numbers as a tensor's space ("z \in \mathbb{R}^{4 \times 12 \times 12}"):
      // the double-struck R, which the shape reader passes over, followed by its
      // exponent as written ("4 x 12 x 12"), not a letter R raised to a power.
      if (name == "mathbb" || name == "mathbf") {
        const std::size_t a = skip_space(j, e);
        std::size_t after = 0;
        if (a + 2 < e && s_[a] == '{' && s_[a + 1] == 'R' && s_[a + 2] == '}') after = a + 3;
        else if (name == "mathbb" && a < e && s_[a] == 'R' && (a + 1 >= e || !letter(s_[a + 1]))) after = a + 1;
        if (after > 0) {
          put("\u211D", i);
          i = after;
          const std::size_t hat = skip_space(i, e);
          if (hat + 1 < e && s_[hat] == '^' && s_[hat + 1] == '{' && match_[hat + 1] < e) {
            put(" ", hat);
            emit(hat + 2, match_[hat + 1], depth + 1);
            put(" ", match_[hat + 1]);
            i = match_[hat + 1] + 1;
          }
          continue;
        }
      }
      if (styling(name)) {
        i = j;
        continue;
      }
      // Anything else (\log, \exp, \max, \alpha, \eta, \sigma, ...): its name as a word.
      put(" ", i);
      put(name, i + 1);
      put(" ", j);
      i = j;
    }
  }

  std::string_view s_;
  std::vector<std::size_t> match_;
  Normalised out_;
};

}  // namespace

bool has_latex(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '$') return true;
    if (s[i] == '\\' && (letter(s[i + 1]) || s[i + 1] == ',' || s[i + 1] == '(' || s[i + 1] == '[')) return true;
  }
  return false;
}

Normalised delatex(std::string_view s) { return Rewriter(s).run(); }

}  // namespace automark
