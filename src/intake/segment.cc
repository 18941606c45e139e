// Segmentation of a free-text script into the rubric's leaf parts.
//
// The rules are written down in docs/segmentation.md; in short:
//  1. The text is normalised (text.h) and read line by line. Only the start of
//     a line can hold a label; inside fenced code blocks nothing is a label.
//  2. A label is scanned without the rubric (question word, heading and
//     emphasis decoration, components such as `1`, `(b)`, `ii.`), then
//     resolved against the rubric: absolute when it names a question,
//     otherwise relative to where the script currently is (deepest first).
//  3. A label that resolves is accepted or read as answer text by the
//     heuristics in decide(): numbered and lettered lists inside answers,
//     decimals, years and other look-alikes stay in the answer.
//  4. Each accepted label opens an attempt that runs to the next accepted
//     label. Attempts are then voided (markers, strike-through), cut at the
//     word limit and turned into Answers; two unvoided attempts at one leaf
//     are both kept and flagged.
// Offsets are computed on the normalised text and mapped back to
// Script::text through Normalised::to_orig.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "automark/rubric.h"
#include "automark/script.h"
#include "automark/text.h"

namespace automark {
namespace {

// ---------------------------------------------------------------- rubric index

struct Node {
  const Part* part = nullptr;
  int parent = -1;
  int question = -1;  ///< index of the question node
  int depth = 0;      ///< 0 for a question
  int order = 0;      ///< preorder index (paper order)
  std::vector<int> children;
};

struct Index {
  std::vector<Node> nodes;
  std::vector<int> questions;
  std::vector<int> leaves;

  int add(const Part& p, int parent, int question, int depth) {
    const int id = static_cast<int>(nodes.size());
    nodes.push_back(Node{&p, parent, question < 0 ? id : question, depth, id, {}});
    if (parent < 0) questions.push_back(id);
    const int q = nodes[static_cast<std::size_t>(id)].question;
    for (const Part& c : p.parts) {
      const int cid = add(c, id, q, depth + 1);
      nodes[static_cast<std::size_t>(id)].children.push_back(cid);
    }
    if (p.parts.empty()) leaves.push_back(id);
    return id;
  }
  explicit Index(const Rubric& r) {
    for (const Part& q : r.questions) add(q, -1, -1, 0);
  }
  const Node& at(int i) const { return nodes[static_cast<std::size_t>(i)]; }
  bool leaf(int i) const { return at(i).children.empty(); }
  int first_leaf(int i) const {
    while (!leaf(i)) i = at(i).children.front();
    return i;
  }
  /// The leaves at or below node i, in paper order.
  std::vector<int> leaves_under(int i) const {
    std::vector<int> out;
    for (int l : leaves)
      if (under(l, i)) out.push_back(l);
    return out;
  }
  bool under(int i, int anc) const {
    for (; i >= 0; i = at(i).parent)
      if (i == anc) return true;
    return false;
  }
};

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool label_eq(std::string_view label, std::string_view comp) {
  if (label.size() != comp.size()) return false;
  for (std::size_t i = 0; i < label.size(); ++i)
    if (lower(label[i]) != comp[i]) return false;
  return true;
}

bool is_roman(std::string_view s) {
  static const char* const kRomans[] = {"i",   "ii", "iii", "iv",  "v",   "vi",  "vii",
                                        "viii", "ix", "x",   "xi",  "xii"};
  for (const char* r : kRomans)
    if (s == r) return true;
  return false;
}

/// A roman numeral as OCR misreads a handwritten one: "ll" (ii), "iil"
/// (iii), "lv" (iv), "1i" (ii); "" when `s` is not such a misreading.
std::string ocr_roman(std::string_view s) {
  if (s.empty() || s.size() > 4) return "";
  std::string r;
  bool misread = false;
  for (char c : s) {
    const char l = lower(c);
    if (l == 'l' || c == '1' || c == '|') {
      r += 'i';
      misread = true;
    } else if (l == 'i' || l == 'v' || l == 'x') {
      r += l;
    } else {
      return "";
    }
  }
  return misread && is_roman(r) ? r : "";
}

int child_labelled(const Index& ix, int parent, std::string_view comp) {
  if (parent < 0) {
    for (int q : ix.questions)
      if (label_eq(ix.at(q).part->label, comp)) return q;
    return -1;
  }
  for (int c : ix.at(parent).children)
    if (label_eq(ix.at(c).part->label, comp)) return c;
  // "(l)" for (i) in an OCR'd script, when the part has no (l) of its own.
  if (const std::string r = ocr_roman(comp); !r.empty()) return child_labelled(ix, parent, r);
  return -1;
}

// ---------------------------------------------------------------- label scanning

/// One component of a label: `1`, `b`, `iii`, with how it was written.
struct Comp {
  std::string text;        ///< lower-cased
  std::size_t b = 0, e = 0;  ///< offsets in the normalised text (e after any closer)
  bool numeric = false;
  bool attached = false;   ///< no space between it and the previous component
  char style = ' ';        ///< '(' for (x), ')' for x), '.' for x., ':' for x:, ' ' bare
};

/// What the start of a line looks like, before the rubric is consulted.
struct RawLabel {
  bool qword = false;      ///< Question / Q / Qn before the number
  bool partword = false;   ///< the word "part"
  bool heading = false;    ///< Markdown heading
  bool emph = false;       ///< ** or __ (or * _) decoration
  bool struck = false;     ///< starts with ~~
  std::vector<Comp> comps;
};

struct Scanner {
  std::string_view t;
  std::size_t end;  // end of the line
  bool upper_ok = false;  // a capital letter may open the label ("A)" under a question heading)

  char at(std::size_t p) const { return p < end ? t[p] : '\0'; }

  std::size_t skip_blank(std::size_t p) const {
    while (p < end && is_blank(t[p])) ++p;
    return p;
  }

  // A list bullet ("* ", "- ", "+ ", "• ") before a label: "* **(a)** Tanh",
  // "    - (i) the learning rate". Returns the position after it and its blanks.
  std::size_t skip_bullet(std::size_t p) const {
    if ((at(p) == '*' || at(p) == '-' || at(p) == '+') && is_blank(at(p + 1))) return skip_blank(p + 1);
    if (at(p) == '\xE2' && at(p + 1) == '\x80' && at(p + 2) == '\xA2' && is_blank(at(p + 3))) return skip_blank(p + 3);
    return p;
  }

  // Emphasis and strike markers; returns the new position.
  std::size_t skip_decor(std::size_t p, RawLabel* r) const {
    for (;;) {
      const char c = at(p);
      if (c == '~' && at(p + 1) == '~') {
        if (r) r->struck = true;
        p += 2;
      } else if (c == '*' || c == '_') {
        std::size_t q = p;
        while (at(q) == c) ++q;
        if (q - p > 3) return p;
        if (r) r->emph = true;
        p = q;
      } else {
        return p;
      }
    }
  }

  // Case-insensitive word at p followed by a non-letter.
  bool word_at(std::size_t p, std::string_view w) const {
    if (p + w.size() > end) return false;
    for (std::size_t i = 0; i < w.size(); ++i)
      if (lower(t[p + i]) != w[i]) return false;
    return !is_alpha(at(p + w.size()));
  }

  // A number written as a word ("one" to "ten") at p followed by a non-letter; 0 if none.
  int number_word(std::size_t p) const {
    static constexpr std::string_view names[] = {"one", "two", "three", "four", "five",
                                                 "six", "seven", "eight", "nine", "ten"};
    for (std::size_t k = 0; k < std::size(names); ++k)
      if (word_at(p, names[k])) return static_cast<int>(k) + 1;
    return 0;
  }

  // Question word: returns the position of the number, or npos.
  std::size_t question_word(std::size_t p) const {
    if (const std::size_t q = question_number(p); q != std::string_view::npos) return q;
    // "Answer 1(a)", "Ans 2.b", "Ans 1 b ii": the word "answer" before a label;
    // also in prose, "Answer to 1(b)(i):", "Answer for 2.c", "My answer to
    // Question 3", "Ans to 4(a)". Only right before the number (no ':'
    // between: "Answer: 2 layers" is an answer), and only when the number
    // carries its part attached, or the line holds nothing but the label
    // ("Answer 4 x 12 x 12", "Answer to the question is 5" are answers).
    std::size_t a = p;
    const bool my = word_at(a, "my");
    if (my) a = skip_blank(a + 2);
    for (std::string_view w : {"answer", "ans"}) {
      if (!word_at(a, w)) continue;
      std::size_t q = a + w.size();
      if (at(q) == '.') ++q;
      if (!is_blank(at(q))) continue;
      q = skip_blank(q);
      for (std::string_view prep : {"to", "for"}) {
        if (word_at(q, prep) && is_blank(at(q + prep.size()))) {
          q = skip_blank(q + prep.size());
          // "Answer to Question 2", "Answer for Q3(b)"
          if (const std::size_t n = question_number(q); n != std::string_view::npos) return n;
          break;
        }
      }
      if (!is_digit(at(q))) continue;
      std::size_t d = q;
      while (is_digit(at(d))) ++d;
      const char c = at(d);
      if (c == '(' || c == '.' || c == ')' || c == ':' || (is_alpha(c) && !is_upper(c)) || skip_blank(d) >= end ||
          bare_chain_line(q))
        return q;
    }
    return std::string_view::npos;
  }

  // "Question", "Ques", "Qn", "Qu", "Q" before a number: the number's position, or npos.
  std::size_t question_number(std::size_t p) const {
    for (std::string_view w : {"question", "ques", "qn", "qu", "q"}) {
      if (!word_at(p, w) && !(w == "q" && lower(at(p)) == 'q' && is_digit(at(p + 1)))) continue;
      std::size_t q = p + w.size();
      if (at(q) == '.') ++q;
      q = skip_blank(q);
      if (at(q) == '.' || at(q) == ':') q = skip_blank(q + 1);
      if (is_digit(at(q))) return q;
      if (w != "q" && number_word(q) > 0) return q;  // "Question one"
    }
    return std::string_view::npos;
  }

  // One component at p; `bare_ok`: a bare letter/roman without closer is allowed.
  bool comp(std::size_t p, bool anchored, Comp& out) const {
    out = Comp{};
    out.b = p;
    std::size_t q = p;
    if (at(q) == '(') {
      ++q;
      const std::size_t s = q;
      while (q < end && (is_alpha(t[q]) || is_digit(t[q])) && q - s < 5) ++q;
      if (q == s || at(q) != ')') return false;
      std::string txt(t.substr(s, q - s));
      const bool num = std::all_of(txt.begin(), txt.end(), [](char c) { return is_digit(c); });
      const bool alpha = std::all_of(txt.begin(), txt.end(), [](char c) { return is_alpha(c); });
      if (!num && !alpha) return false;
      if (alpha) {
        if (!anchored && !upper_ok && is_upper(txt[0])) return false;
        for (char& c : txt) c = lower(c);
        if (txt.size() > 1 && !is_roman(txt)) {
          // "(ll)", "(iil)", "(lv)": a handwritten numeral as OCR read it.
          std::string r = ocr_roman(txt);
          if (r.empty()) return false;
          txt = std::move(r);
        }
      }
      out.text = std::move(txt);
      out.numeric = num;
      out.style = '(';
      out.e = q + 1;
      return true;
    }
    std::string ocr;  // a bare numeral as OCR misread it, read as the numeral
    if (is_digit(at(q))) {
      while (is_digit(at(q))) ++q;
      if (q - p > 3) return false;
      out.numeric = true;
    } else if (is_alpha(at(q))) {
      while (is_alpha(at(q))) ++q;
      std::string txt(t.substr(p, q - p));
      if (!anchored && !upper_ok && is_upper(txt[0])) return false;
      for (char& c : txt) c = lower(c);
      // "Q1 b ll": a bare OCR-misread numeral after a space, as its numeral.
      if (txt.size() > 1 && !is_roman(txt) && p > 0 && is_blank(t[p - 1])) ocr = ocr_roman(txt);
      if (txt.size() > 1 && !is_roman(txt) && ocr.empty()) {
        // "1bii", "1civ": a part letter glued to a number and then to a
        // lower-case roman numeral. Only the letter is this component; the
        // numeral is read next, as an attached component.
        const std::string_view rest = t.substr(p + 1, q - p - 1);
        const bool lower_rest = std::all_of(rest.begin(), rest.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (p == 0 || !is_digit(t[p - 1]) || !lower_rest || !is_roman(rest)) return false;
        q = p + 1;
      }
    } else {
      return false;
    }
    out.text = ocr.empty() ? std::string(t.substr(p, q - p)) : ocr;
    for (char& c : out.text) c = lower(c);
    const char c = at(q);
    if (c == ')' || c == '.' || c == ':') {
      out.style = c;
      ++q;
    }
    out.e = q;
    return true;
  }

  // "3 a i", "1 b ii:", "4 a" with nothing else on the line: a question number
  // and bare letters or roman numerals separated by spaces, optionally closed
  // by one ':', ')' or '.', then the end of the line (or, after the closer, the
  // answer). Such a line is a label although its components have no closers.
  bool bare_chain_line(std::size_t p, bool emph = false) const {
    std::size_t q = p;
    while (is_digit(at(q))) ++q;
    if (q == p || q - p > 2) return false;
    int parts = 0;
    while (at(q) == ' ') {
      std::size_t s = q;
      while (at(s) == ' ') ++s;
      std::size_t w = s;
      while (is_alpha(at(w))) ++w;
      if (w == s || w - s > 4) break;
      std::string txt(t.substr(s, w - s));
      if (!std::all_of(txt.begin(), txt.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
      if (txt.size() > 1 && !is_roman(txt) && ocr_roman(txt).empty()) return false;
      ++parts;
      q = w;
    }
    if (parts == 0) return false;
    if (emph && (at(q) == '*' || at(q) == '_')) return true;  // "**1 c ii** ..." closed by the bold
    if (at(q) == ':' || at(q) == ')' || at(q) == '.') return is_blank(at(q + 1)) || q + 1 >= end;
    return skip_blank(q) >= end;
  }

  RawLabel scan(std::size_t b) const {
    RawLabel r = scan_label(b);
    // Emphasis that closes after a word the label does not take ("**a lot** of
    // it", "**2 bits** of") is bold prose, not a label; a label with its own
    // closer or word stays one ("**1a: Tanh**", "**Question 2 (b) - loss**").
    if (r.emph && !r.comps.empty() && !r.qword && !r.partword && r.comps.back().style == ' ') {
      std::size_t q = r.comps.back().e;
      while (q < end && (is_blank(t[q]) || t[q] == ')' || t[q] == '.' || t[q] == ':')) ++q;
      const std::size_t close = t.substr(0, end).find_first_of("*_", q);
      if (close != std::string_view::npos && close > q) {
        bool words = false;
        for (std::size_t k = q; k < close; ++k) words = words || is_alpha(t[k]) || is_digit(t[k]);
        if (words) r.comps.clear();
      }
    }
    return r;
  }

  RawLabel scan_label(std::size_t b) const {
    RawLabel r;
    std::size_t p = skip_blank(b);
    if (at(p) == '>') p = skip_blank(p + 1);
    if (at(p) == '|') p = skip_blank(p + 1);  // a Markdown table row: "| 1b(ii) | A |"
    p = skip_bullet(p);
    if (at(p) == '#') {
      std::size_t q = p;
      while (at(q) == '#') ++q;
      if (q - p > 6 || !(is_blank(at(q)) || q == end)) return r;
      r.heading = true;
      p = skip_blank(q);
    }
    p = skip_blank(skip_decor(p, &r));
    if (const std::size_t q = question_word(p); q != std::string_view::npos) {
      r.qword = true;
      p = q;
      if (const int n = number_word(q); n > 0) {  // "Question one": the number as a word
        Comp c;
        c.text = std::to_string(n);
        c.numeric = true;
        c.b = q;
        std::size_t e = q;
        while (is_alpha(at(e))) ++e;
        if (at(e) == ')' || at(e) == '.' || at(e) == ':') {
          c.style = at(e);
          ++e;
        }
        c.e = e;
        r.comps.push_back(c);
        p = skip_blank(e);
        if (p == e || p >= end) return r;  // the word ends the label
      }
    } else if (word_at(p, "part")) {
      r.partword = true;
      p = skip_blank(p + 4);
    }
    const bool anchor_word = r.qword || r.partword;
    const bool bare_chain = !anchor_word && bare_chain_line(p, r.emph);
    bool sep = false;  // the next component follows a '-' or '/' separator
    for (int n = 0; n < 6; ++n) {
      Comp c;
      const bool first = r.comps.empty();
      if (!comp(p, anchor_word || !first, c)) break;
      if (!first) {
        const Comp& prev = r.comps.back();
        c.attached = (c.b == prev.e) || (sep && c.b == prev.e + 1);
        sep = false;
        // After a space a component needs its own closer unless a question
        // or part word anchors the label; numbers never follow a space. A
        // margin label written bare, a part letter then a roman numeral, is
        // one too when the numeral has two letters or more ("e ii alpha and
        // beta...") or a wide gap or the line's end follows it ("a i    loss
        // goes up", "c i" alone); "a i think" stays prose.
        const bool margin = !c.attached && !c.numeric && c.style == ' ' && r.comps.size() == 1 &&
                            prev.style == ' ' && !prev.numeric && prev.text.size() == 1 && prev.text[0] <= 'h' &&
                            is_roman(c.text) && c.b == prev.e + 1 &&
                            (c.text.size() >= 2 || c.e >= end || (at(c.e) == ' ' && (at(c.e + 1) == ' ' || c.e + 1 >= end)));
        // Inside emphasis the closing marker closes the component: "**1b i** the
        // learning rate" (a space inside the bold) is 1.b.i.
        const bool emph_closed = r.emph && !c.numeric && c.style == ' ' && (at(c.e) == '*' || at(c.e) == '_');
        if (!c.attached && !margin && !emph_closed && (c.numeric || (c.style == ' ' && !anchor_word && !bare_chain)))
          break;
        // A number directly after a letter ("b2") is not a label component.
        if (c.attached && c.numeric && !prev.numeric) break;
        // "1D filter", "2D conv": a capital glued to a bare number with no closer
        // is a word, not a part ("1D)" and "Q1D" still are).
        if (c.attached && !c.numeric && prev.numeric && prev.style == ' ' && c.style == ' ' && !anchor_word &&
            is_upper(t[c.b]))
          break;
      }
      r.comps.push_back(c);
      p = c.e;
      std::size_t q = skip_decor(p, nullptr);
      if (at(q) == '(' || is_alpha(at(q)) || is_digit(at(q))) {
        if (q != p) break;  // "**1**b" is not one label
        continue;           // attached component
      }
      // "1-a", "1-b-iii", "2/d/iii": a hyphen or slash joining a letter or roman
      // numeral to the component before it (never a number: "1/2", "2-3").
      if (q == p && c.style == ' ' && (at(q) == '-' || at(q) == '/') && is_alpha(at(q + 1))) {
        Comp nx;
        if (comp(q + 1, true, nx) && !nx.numeric && !is_upper(t[q + 1])) {
          std::size_t w = q + 1;
          while (is_alpha(at(w))) ++w;
          if (!is_alpha(at(w))) {
            p = q + 1;  // the next component counts as attached
            sep = true;
            continue;
          }
        }
      }
      q = skip_blank(q);
      if (at(q) == '-' && is_blank(at(q + 1))) q = skip_blank(q + 1);
      if (word_at(q, "part")) {
        r.partword = true;
        q = skip_blank(q + 4);
      }
      if (q == p) break;
      p = q;
    }
    return r;
  }
};

// ---------------------------------------------------------------- markers

/// Phrases with which candidates void their own work (matched lower-case, on word boundaries).
constexpr std::string_view kVoidPhrases[] = {
    "ignore this", "ignore the following", "ignore below", "ignore above", "please ignore",
    "rough work",  "rough working",        "crossed out",  "cross out",    "cross this out",
    "do not mark", "don't mark",           "dont mark",    "not for marking", "scratch work"};

/// Position of a void phrase in `s` (ASCII lower-cased compare), or npos.
std::size_t find_void_phrase(std::string_view s) {
  std::string low(s);
  for (char& c : low) c = lower(c);
  std::size_t best = std::string::npos;
  for (std::string_view ph : kVoidPhrases) {
    for (std::size_t at = low.find(ph); at != std::string::npos; at = low.find(ph, at + 1)) {
      const bool left = at == 0 || !is_alpha(low[at - 1]);
      const bool right = at + ph.size() >= low.size() || !is_alpha(low[at + ph.size()]);
      // "not crossed out", "isn't rough work": a negated phrase is not a marker.
      const bool negated = (at >= 4 && (low.compare(at - 4, 4, "not ") == 0 || low.compare(at - 4, 4, "n't ") == 0));
      if (left && right && !negated) {
        best = std::min(best, at);
        break;
      }
    }
  }
  return best;
}

std::size_t words_before(std::string_view s, std::size_t pos) { return count_words(s.substr(0, pos)); }

/// "rough: ...", "(rough) ...", "[rough work]": a line opened by the word
/// rough as a label of its own marks rough work (0), else npos. "rough
/// estimate" and "a rough curve" are prose.
std::size_t leading_rough(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_blank(s[i])) ++i;
  const std::size_t at = i;
  const bool bracket = i < s.size() && (s[i] == '(' || s[i] == '[');
  if (bracket) ++i;
  if (s.size() - i < 5) return std::string_view::npos;
  for (std::size_t k = 0; k < 5; ++k)
    if (lower(s[i + k]) != "rough"[k]) return std::string_view::npos;
  i += 5;
  if (i < s.size() && is_alpha(s[i])) return std::string_view::npos;
  if (bracket) {
    const std::size_t close = s.find(s[at] == '(' ? ')' : ']', i);
    return close != std::string_view::npos && count_words(s.substr(i, close - i)) <= 2 ? at : std::string_view::npos;
  }
  return i < s.size() && s[i] == ':' ? at : std::string_view::npos;
}

/// An exam platform's furniture on a line of its own, not the candidate's
/// words: "Response:", "[6 marks]", "Words: 3 / 30", "(no response)".
bool is_furniture(std::string_view line) {
  // Every furniture line is short: most lines are answer text and return here.
  std::size_t n = 0;
  for (char c : line) n += !is_blank(c) && c != '\r';
  if (n > 32 || n == 0) return false;
  std::string s;
  for (char c : line) s += lower(c);
  std::size_t b = 0, e = s.size();
  while (b < e && (is_blank(s[b]) || s[b] == '\r')) ++b;
  while (e > b && (is_blank(s[e - 1]) || s[e - 1] == '\r')) --e;
  std::string_view v(s.data() + b, e - b);
  if (v.empty()) return false;
  if (v.back() == ':') v.remove_suffix(1);
  static constexpr std::string_view kWhole[] = {
      "response", "answer", "your answer", "your response", "candidate response", "answer text",
      "(no response)", "[no response]", "no response", "(no answer)", "[no answer]", "no answer given",
      "(not answered)", "[not answered]"};
  for (std::string_view w : kWhole)
    if (v == w) return true;
  auto digits = [&](std::size_t& i) {
    const std::size_t from = i;
    while (i < v.size() && (is_digit(v[i]) || v[i] == '.')) ++i;
    return i > from;
  };
  auto blanks = [&](std::size_t& i) {
    while (i < v.size() && is_blank(v[i])) ++i;
  };
  // "[6 marks]", "(2 marks)", "[1 mark]", "(30 words)"
  if ((v.front() == '[' && v.back() == ']') || (v.front() == '(' && v.back() == ')')) {
    std::size_t i = 1;
    blanks(i);
    if (digits(i)) {
      blanks(i);
      const std::string_view rest = v.substr(i, v.size() - 1 - i);
      if (rest == "marks" || rest == "mark" || rest == "words" || rest == "word") return true;
    }
  }
  // "Words: 3", "Words: 3 / 30", "Word count: 12/40"
  for (std::string_view lead : {std::string_view("words:"), std::string_view("word count:")}) {
    if (v.substr(0, lead.size()) != lead) continue;
    std::size_t i = lead.size();
    blanks(i);
    if (!digits(i)) return false;
    blanks(i);
    if (i < v.size() && v[i] == '/') {
      ++i;
      blanks(i);
      if (!digits(i)) return false;
      blanks(i);
    }
    return i == v.size();
  }
  return false;
}

// ---------------------------------------------------------------- segmentation

struct Range {
  std::size_t b = 0, e = 0;
};

enum class Kind { Preamble, Part, Unknown };

struct Attempt {
  Kind kind = Kind::Preamble;
  int node = -1;
  std::size_t content_b = 0, content_e = 0;  // normalised offsets
  std::size_t line_b = 0;                    // start of the label line
  std::string label;                         // label as written (for messages)
  // Filled by analyse():
  bool void_all = false;
  std::string void_reason;
  std::vector<std::pair<Range, std::string>> voids;  // voided stretches inside (normalised)
  std::vector<Range> blanks;                         // decoration to ignore (normalised)
  bool has_text = false;
};

struct ListState {
  bool active = false;
  char style = ' ';
  bool numeric = false;
  std::string last;
};

std::string successor(const std::string& s, bool numeric) {
  if (numeric) return std::to_string(std::stoi(s) + 1);
  static const char* const kRomans[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
  for (int k = 0; k < 11; ++k)
    if (s == kRomans[k]) return kRomans[k + 1];
  if (s.size() == 1 && s[0] >= 'a' && s[0] < 'z') return std::string(1, static_cast<char>(s[0] + 1));
  return "";
}

class Segmenter {
 public:
  Segmenter(Script& s, const Rubric& r) : script_(s), ix_(r), norm_(normalise(s.text)), t_(norm_.text) {}

  void run();

 private:
  Script& script_;
  Index ix_;
  Normalised norm_;
  std::string_view t_;
  std::vector<Range> lines_;
  std::vector<Range> struck_;
  std::vector<bool> in_code_;
  std::vector<Attempt> attempts_;
  std::vector<bool> answered_;  // by node: has an unvoided attempt with text (self or below)
  // styles seen per question per depth (bit per style) among accepted labels
  std::vector<std::uint32_t> styles_;
  ListState list_;
  bool any_label_ = false;
  int upper_q_ = -1;        // question whose parts are being labelled "A)", "B)"...
  int ordinal_q_ = -1;      // question whose parts are being numbered "1.", "2."...
  std::string ordinal_last_;
  bool cur_text_ = false;   // the current attempt has visible text so far
  Range last_line_{};       // its last line with visible text (normalised)

  std::size_t orig(std::size_t i) const { return norm_.orig(i); }

  void split_lines();
  void find_strikes();
  void find_bracket_strikes();
  void withdraw_questions();
  int reference_target(std::size_t k, bool check_target = true) const;
  mutable std::vector<int> first_answer_;  // by node: its first attempt with text (reference_target)
  mutable std::set<std::size_t> end_refs_;  // attempts pointing at the end of their target ("see end of (ii)")
  int resolve(const RawLabel& r, int ctx, std::size_t& consumed, bool& unknown_question) const;
  enum class Verdict { Label, Text, Unknown };
  Verdict decide(std::size_t li, const RawLabel& r, int node, std::size_t consumed, bool unknown_question,
                 int ctx, std::size_t content_b);
  std::size_t content_start(const RawLabel& r, std::size_t consumed, std::size_t line_e) const;
  void analyse(Attempt& a);
  std::string blanked(const Attempt& a, std::size_t& ob, std::size_t& oe) const;
  /// The attempt's text as exactly n numbered items ("1." .. "n." opening
  /// lines, item 1 first) or else n paragraphs (blank lines between), as
  /// normalised ranges; empty when it is neither. `kind` names the unit.
  std::vector<Range> positional_blocks(const Attempt& a, std::size_t n, std::string& kind) const;
  void merge_continuations();
  /// The text after a label says the candidate answers the part again on
  /// purpose ("again", "corrected", "please mark this one").
  bool says_again(std::size_t b, std::size_t e) const;
  void emit();
  bool has_visible(std::size_t b, std::size_t e) const;
  std::string_view last_text_line() const;
  const RawLabel* peek_label(std::size_t li, RawLabel& buf) const;
  /// Sub-parts written on one line ("1 b) (i) the learning rate (ii) A (iii) B
  /// because..."): after a label accepted for `node`, the next sibling's label
  /// in the same bracket style, later on the same line, ends the line there.
  void split_inline(std::size_t li, int node, char style, std::size_t content_b);

  static std::uint32_t style_bit(char s) {
    switch (s) {
      case '(': return 1;
      case ')': return 2;
      case '.': return 4;
      case ':': return 8;
      default: return 16;
    }
  }
};

void Segmenter::split_lines() {
  std::size_t b = 0;
  bool code = false;
  char fence_char = 0;       // of the open fence
  std::size_t fence_len = 0;  // its length: a closing fence is at least as long (CommonMark)
  while (b <= t_.size()) {
    std::size_t e = t_.find('\n', b);
    if (e == std::string_view::npos) e = t_.size();
    lines_.push_back({b, e});
    std::size_t p = b;
    while (p < e && is_blank(t_[p])) ++p;
    std::size_t run = 0;
    if (p < e && (t_[p] == '`' || t_[p] == '~'))
      while (p + run < e && t_[p + run] == t_[p]) ++run;
    bool fence = run >= 3;
    if (fence && code) {  // closes only with the same character, as long or longer, nothing after it
      std::size_t q = p + run;
      while (q < e && is_blank(t_[q])) ++q;
      fence = t_[p] == fence_char && run >= fence_len && q == e;
    }
    in_code_.push_back(code || fence);
    if (fence) {
      code = !code;
      fence_char = t_[p];
      fence_len = run;
    }
    if (e == t_.size()) break;
    b = e + 1;
  }
}

// ~~struck~~ stretches; they do not cross a blank line (as in Markdown).
void Segmenter::find_strikes() {
  std::size_t i = 0;
  std::size_t para = 0;  // next paragraph break at or after the current opener
  while (true) {
    const std::size_t open = t_.find("~~", i);
    if (open == std::string_view::npos) return;
    std::size_t close = t_.find("~~", open + 2);
    if (close == std::string_view::npos) return;
    if (para != std::string_view::npos && para < open) para = t_.find("\n\n", open);
    if (para != std::string_view::npos && para < close) {
      i = para + 2;
      continue;
    }
    if (close == open + 2) {  // "~~~~": not a strike
      i = close + 2;
      continue;
    }
    struck_.push_back({open, close + 2});
    i = close + 2;
  }
}

// "[deleted: C]", "(crossed out: batch size)": what an exam platform or a
// candidate writes for crossed-out text, within one line.
void Segmenter::find_bracket_strikes() {
  static constexpr std::string_view kWords[] = {"deleted", "crossed out", "crossed-out", "struck out",
                                                "struck",  "strikethrough", "scratched", "removed"};
  std::vector<Range> found;
  for (std::size_t i = 0; i < t_.size(); ++i) {
    const char open = t_[i];
    if (open != '[' && open != '(') continue;
    const char close = open == '[' ? ']' : ')';
    std::size_t j = i + 1;
    while (j < t_.size() && is_blank(t_[j])) ++j;
    std::size_t after = std::string_view::npos;
    for (std::string_view w : kWords) {
      if (t_.size() - j < w.size()) continue;
      bool eq = true;
      for (std::size_t k = 0; k < w.size() && eq; ++k) eq = lower(t_[j + k]) == w[k];
      if (eq && (j + w.size() == t_.size() || !is_alpha(t_[j + w.size()]))) {
        after = j + w.size();
        break;
      }
    }
    if (after == std::string_view::npos) continue;
    // "[deleted: ...]" or "[deleted - ...]" with the text it crosses out (a
    // bare "[crossed out]" is a marker: see analyse()).
    std::size_t q = after;
    while (q < t_.size() && is_blank(t_[q])) ++q;
    if (q >= t_.size() || (t_[q] != ':' && t_[q] != '-')) continue;
    const std::size_t end = t_.find(close, q);
    const std::size_t nl = t_.find('\n', i);
    if (end == std::string_view::npos || (nl != std::string_view::npos && nl < end)) continue;
    found.push_back({i, end + 1});
    i = end;
  }
  if (found.empty()) return;
  found.insert(found.end(), struck_.begin(), struck_.end());
  std::sort(found.begin(), found.end(), [](const Range& x, const Range& y) { return x.b < y.b; });
  struck_.clear();
  for (const Range& r : found) {
    if (!struck_.empty() && r.b < struck_.back().e) {
      struck_.back().e = std::max(struck_.back().e, r.e);
    } else {
      struck_.push_back(r);
    }
  }
}

int Segmenter::resolve(const RawLabel& r, int ctx, std::size_t& consumed, bool& unknown_question) const {
  consumed = 0;
  unknown_question = false;
  if (r.comps.empty()) return -1;
  auto greedy = [&](int node, std::size_t k) {
    while (k < r.comps.size()) {
      const int c = child_labelled(ix_, node, r.comps[k].text);
      if (c < 0) break;
      node = c;
      ++k;
    }
    consumed = k;
    return node;
  };
  const Comp& c0 = r.comps.front();
  // "l(d)", "I(d)": question 1 as OCR read a handwritten 1, when a part follows attached.
  if (!r.qword && !c0.numeric && (c0.text == "l" || c0.text == "i") && r.comps.size() >= 2 && r.comps[1].attached) {
    const int q = child_labelled(ix_, -1, "1");
    if (q >= 0 && child_labelled(ix_, q, r.comps[1].text) >= 0 && child_labelled(ix_, ctx, c0.text) < 0)
      return greedy(q, 1);
  }
  if (r.qword || c0.numeric) {
    const int q = child_labelled(ix_, -1, c0.text);
    if (q < 0) {
      unknown_question = r.qword;
      return -1;
    }
    return greedy(q, 1);
  }
  int start = ctx;
  if (start < 0) {
    if (ix_.questions.size() != 1) return -1;
    start = ix_.questions.front();
  }
  const int q = ix_.at(start).question;
  for (int p = ix_.leaf(start) ? ix_.at(start).parent : start; p >= 0; p = ix_.at(p).parent) {
    if (ix_.at(p).question != q) break;
    if (child_labelled(ix_, p, c0.text) >= 0) return greedy(p, 0);
  }
  return -1;
}

std::size_t Segmenter::content_start(const RawLabel& r, std::size_t consumed, std::size_t line_e) const {
  Scanner sc{t_, line_e};
  std::size_t p = r.comps[consumed - 1].e;
  p = sc.skip_decor(p, nullptr);
  const char c = sc.at(p);
  if ((c == ':' || c == ')' || c == '.' || c == '-') && (p + 1 >= line_e || is_blank(sc.at(p + 1)))) ++p;
  p = sc.skip_decor(p, nullptr);
  p = sc.skip_blank(p);
  // A spaced separator after the label ("1bi - there are ...", "1a) - Tanh",
  // "Q2 – softmax") belongs to the label, not to the answer's words.
  // Only with an answer after it on the line: a page footer "- 4 -" is no label.
  const bool spaced = p > r.comps[consumed - 1].e && is_blank(sc.at(p - 1));
  const auto answer_after = [&](std::size_t q) { return q < line_e && is_blank(sc.at(q)) && sc.skip_blank(q) < line_e; };
  if (spaced && (sc.at(p) == '-' || sc.at(p) == ':') && answer_after(p + 1)) {
    p = sc.skip_blank(p + 1);
  } else if (spaced && p + 3 <= line_e && static_cast<unsigned char>(sc.at(p)) == 0xE2 &&
             static_cast<unsigned char>(sc.at(p + 1)) == 0x80 &&
             (static_cast<unsigned char>(sc.at(p + 2)) == 0x93 || static_cast<unsigned char>(sc.at(p + 2)) == 0x94) &&
             answer_after(p + 3)) {
    p = sc.skip_blank(p + 3);  // an en or em dash
  }
  if (sc.at(p) == '|') p = sc.skip_blank(p + 1);  // the answer cell of a table row
  return p;
}

bool Segmenter::has_visible(std::size_t b, std::size_t e) const {
  e = std::min(e, t_.size());
  // struck_ is sorted and non-overlapping.
  auto it = std::upper_bound(struck_.begin(), struck_.end(), b, [](std::size_t x, const Range& r) { return x < r.e; });
  for (std::size_t i = b; i < e; ++i) {
    while (it != struck_.end() && it->e <= i) ++it;
    if (it != struck_.end() && i >= it->b) {
      i = it->e - 1;
      continue;
    }
    if (!is_blank(t_[i]) && t_[i] != '\n') return true;
  }
  return false;
}

std::string_view Segmenter::last_text_line() const {
  if (!cur_text_) return {};
  std::size_t b = last_line_.b, e = last_line_.e;
  while (e > b && (is_blank(t_[e - 1]) || t_[e - 1] == '*' || t_[e - 1] == '_')) --e;
  return t_.substr(b, e - b);
}

const RawLabel* Segmenter::peek_label(std::size_t li, RawLabel& buf) const {
  for (std::size_t j = li + 1; j < lines_.size(); ++j) {
    if (in_code_[j]) continue;
    Scanner sc{t_, lines_[j].e};
    buf = sc.scan(lines_[j].b);
    if (!buf.comps.empty()) return &buf;
  }
  return nullptr;
}

Segmenter::Verdict Segmenter::decide(std::size_t li, const RawLabel& r, int node, std::size_t consumed,
                                     bool unknown_question, int ctx, std::size_t content_b) {
  const Range line = lines_[li];
  if (node < 0) {
    // A question word or heading naming no question of the rubric ends the
    // current answer; what follows cannot be placed.
    if (unknown_question || (r.heading && !r.comps.empty() && r.comps.front().numeric)) return Verdict::Unknown;
    return Verdict::Text;
  }
  // What follows the consumed components must not continue them ("2.5", "e.g.", "1st").
  if (consumed < r.comps.size() && r.comps[consumed].attached) return Verdict::Text;
  const Comp& last = r.comps[consumed - 1];
  {
    Scanner sc{t_, line.e};
    const char c = sc.at(last.e);
    if (last.style == ' ' && !(last.e >= line.e || is_blank(c) || c == '*' || c == '_' || c == '~' ||
                                c == '-' || c == ',')) {
      return Verdict::Text;
    }
  }
  const bool rest_empty = content_b >= line.e;
  const bool strong = r.qword || r.heading || r.emph || r.partword || consumed >= 2;
  const Comp& c = r.comps.front();
  const bool in_leaf_with_text = ctx >= 0 && ix_.leaf(ctx) && cur_text_;
  auto start_list = [&] {
    list_.active = true;
    list_.style = c.style;
    list_.numeric = c.numeric;
    list_.last = c.text;
    return Verdict::Text;
  };
  auto continues_list = [&] {
    return list_.active && list_.style == c.style && list_.numeric == c.numeric &&
           successor(list_.last, c.numeric) == c.text;
  };
  if (strong) return Verdict::Label;
  // "a chain of linear layers...", "i think...": the article or pronoun opening a
  // sentence, not a part letter written without its closer.
  if (r.comps.size() == 1 && c.style == ' ' && (c.text == "a" || c.text == "i")) {
    Scanner sc{t_, line.e};
    const std::size_t nx = sc.skip_blank(c.e);
    if (nx > c.e && nx < line.e && t_[nx] >= 'a' && t_[nx] <= 'z') return Verdict::Text;
    // "(ii)" alone on its line, then "a 5 x 5 region": right under a part's own
    // label that has no answer yet, "a" before a number is the article.
    if (nx > c.e && nx < line.e && is_digit(t_[nx]) && ctx >= 0 && ix_.leaf(ctx) && !cur_text_) return Verdict::Text;
  }
  // "1 b iii" alone on its line, then "b is good enough and quicker": right
  // under a part's own label that has no answer yet, a bare letter followed by
  // a word, naming that part's own question part or an earlier one, is the
  // answer's first word (option b), not a step back.
  if (r.comps.size() == 1 && c.style == ' ' && !c.numeric && ctx >= 0 && ix_.leaf(ctx) && !cur_text_ &&
      ix_.at(node).order < ix_.at(ctx).order) {
    Scanner sc{t_, line.e};
    const std::size_t nx = sc.skip_blank(c.e);
    if (nx > c.e && nx < line.e && t_[nx] >= 'a' && t_[nx] <= 'z') return Verdict::Text;
  }
  if (c.numeric) {
    const int q = node;  // single component: the question itself
    if (continues_list()) return start_list();
    if (ctx >= 0 && ix_.at(ctx).question == q) return start_list();
    if (!rest_empty && !ix_.leaf(q)) return start_list();
    return Verdict::Label;
  }
  if (continues_list()) return start_list();
  if (in_leaf_with_text) {
    const std::string_view prev = last_text_line();
    if (!prev.empty() && prev.back() == ':') return start_list();
    if (node == ctx && (c.text == "a" || c.text == "i")) {
      // "(a)" inside the answer to part a, followed by "(b)": a list.
      RawLabel buf;
      const RawLabel* nx = peek_label(li, buf);
      if (nx && nx->comps.size() == 1 && nx->comps[0].style == c.style &&
          nx->comps[0].text == successor(c.text, false))
        return start_list();
    }
    if (node == ctx) return Verdict::Label;  // a second attempt at the same part
    if (ix_.at(node).order < ix_.at(ctx).order) {
      const int q = ix_.at(node).question;
      const std::size_t slot = static_cast<std::size_t>(q) * 8 + static_cast<std::size_t>(std::min(ix_.at(node).depth, 7));
      const bool style_seen = slot < styles_.size() && (styles_[slot] & style_bit(c.style));
      // "(c) again - I forgot to average, please mark this one: ...": a part
      // answered earlier, taken up again on purpose, is a second attempt.
      if (answered_[static_cast<std::size_t>(node)] && says_again(content_b, line.e)) return Verdict::Label;
      if (answered_[static_cast<std::size_t>(node)] || !style_seen) return start_list();
    }
  }
  return Verdict::Label;
}

void Segmenter::run() {
  if (script_.text.empty()) return;
  split_lines();
  find_strikes();
  find_bracket_strikes();
  answered_.assign(ix_.nodes.size(), false);
  styles_.assign(ix_.nodes.size() * 8, 0);

  Attempt pre;
  pre.kind = Kind::Preamble;
  pre.content_b = 0;
  attempts_.push_back(pre);
  int ctx = -1;

  for (std::size_t li = 0; li < lines_.size(); ++li) {
    const Range line = lines_[li];
    auto as_text = [&] {
      if (has_visible(line.b, line.e)) {
        cur_text_ = true;
        last_line_ = line;
      }
    };
    if (in_code_[li]) {
      as_text();
      continue;
    }
    Scanner sc{t_, line.e};
    RawLabel r = sc.scan(line.b);
    bool upper = false;
    if (r.comps.empty() && ctx >= 0) {
      // "A)", "B." as part letters: right under a question heading (nothing
      // written yet, the first one A), or continuing such a run in the same
      // question. A capital elsewhere ("A. because...") is answer text.
      const int q = ix_.at(ctx).question;
      if ((ctx == q && !cur_text_) || upper_q_ == q) {
        Scanner up{t_, line.e, true};
        RawLabel ru = up.scan(line.b);
        // Capital roman numerals ("II)", "IV.") continue such a run as sub-parts.
        const bool one_letter = !ru.comps.empty() && ru.comps[0].text.size() == 1;
        const bool roman_run = !ru.comps.empty() && upper_q_ == q && is_roman(ru.comps[0].text);
        if (ru.comps.size() == 1 && !ru.comps[0].numeric && (one_letter || roman_run) &&
            (ru.comps[0].style == ')' || ru.comps[0].style == '.') && (upper_q_ == q || ru.comps[0].text == "a") &&
            is_upper(t_[ru.comps[0].b])) {
          r = std::move(ru);
          upper = true;
        }
      }
    }
    if (r.comps.empty()) {
      as_text();
      continue;
    }
    // "Q2" then "1. ...", "2. ...": parts numbered in order right under a
    // question heading whose parts are letters; the run continues with the
    // next number while the labels stay in that question.
    bool ordinal = false;
    if (ctx >= 0 && r.comps.size() == 1 && r.comps[0].numeric && !r.qword && !r.heading &&
        (r.comps[0].style == '.' || r.comps[0].style == ')')) {
      const int q = ix_.at(ctx).question;
      const auto& kids = ix_.at(q).children;
      const bool first = ctx == q && !cur_text_ && r.comps[0].text == "1";
      const bool next = ordinal_q_ == q && r.comps[0].text == successor(ordinal_last_, true);
      const std::size_t k = static_cast<std::size_t>(std::atoi(r.comps[0].text.c_str()));
      if ((first || next) && k >= 1 && k <= kids.size()) {
        const std::string& lab = ix_.at(kids[k - 1]).part->label;
        if (!lab.empty() && is_alpha(lab[0])) {
          ordinal_last_ = r.comps[0].text;
          std::string low = lab;
          for (char& ch : low) ch = lower(ch);
          r.comps[0].text = low;
          r.comps[0].numeric = false;
          ordinal = true;
        }
      }
    }
    std::size_t consumed = 0;
    bool unknown_q = false;
    const int node = resolve(r, ctx, consumed, unknown_q);
    const std::size_t cb = node >= 0 ? content_start(r, consumed, line.e) : line.e;
    const Verdict v = decide(li, r, node, consumed, unknown_q, ctx, cb);
    if (v == Verdict::Text) {
      as_text();
      continue;
    }

    // Close the current attempt and open the next.
    Attempt& cur = attempts_.back();
    cur.content_e = line.b;
    analyse(cur);
    if (cur.kind == Kind::Part && cur.has_text && !cur.void_all)
      for (int n = cur.node; n >= 0; n = ix_.at(n).parent) answered_[static_cast<std::size_t>(n)] = true;

    Attempt a;
    a.line_b = line.b;
    std::size_t lab_b = sc.skip_blank(line.b);
    if (v == Verdict::Unknown) {
      a.kind = Kind::Unknown;
      a.content_b = line.b;  // the whole line, label included, cannot be placed
      a.label = std::string(t_.substr(lab_b, line.e - lab_b));
      ctx = -1;
    } else {
      a.kind = Kind::Part;
      a.node = node;
      a.content_b = cb;
      a.label = std::string(t_.substr(lab_b, cb - lab_b));
      while (!a.label.empty() && is_blank(a.label.back())) a.label.pop_back();
      ctx = node;
      any_label_ = true;
      if (upper) upper_q_ = ix_.at(node).question;
      else if (upper_q_ >= 0 && ix_.at(node).question != upper_q_) upper_q_ = -1;
      if (ordinal) ordinal_q_ = ix_.at(node).question;
      else if (ordinal_q_ >= 0 && ix_.at(node).question != ordinal_q_) ordinal_q_ = -1;
      const int q = ix_.at(node).question;
      int n = node;
      for (std::size_t k = consumed; k-- > 0 && n >= 0; n = ix_.at(n).parent) {
        const std::size_t slot = static_cast<std::size_t>(q) * 8 + static_cast<std::size_t>(std::min(ix_.at(n).depth, 7));
        styles_[slot] |= style_bit(r.comps[k].style);
      }
    }
    list_ = ListState{};
    cur_text_ = false;
    if (v != Verdict::Unknown) split_inline(li, node, r.comps[consumed - 1].style, a.content_b);
    const Range line2 = lines_[li];  // split_inline may have ended the line early
    if (v != Verdict::Unknown && has_visible(a.content_b, line2.e)) {
      cur_text_ = true;
      last_line_ = {a.content_b, line2.e};
    }
    attempts_.push_back(std::move(a));
  }
  attempts_.back().content_e = t_.size();
  analyse(attempts_.back());
  merge_continuations();
  withdraw_questions();
  emit();
}

void Segmenter::split_inline(std::size_t li, int node, char style, std::size_t content_b) {
  if (style != '(' && style != ')') return;
  const int parent = ix_.at(node).parent;
  if (parent < 0 || !ix_.leaf(node)) return;
  const auto& kids = ix_.at(parent).children;
  const auto me = std::find(kids.begin(), kids.end(), node);
  if (me == kids.end() || me + 1 == kids.end()) return;
  const int next = *(me + 1);
  const Range line = lines_[li];
  Scanner sc{t_, line.e};
  auto single = [&](std::size_t p, Comp& c) {
    return sc.comp(p, false, c) && !c.numeric && c.style == style && (c.e >= line.e || is_blank(t_[c.e]));
  };
  for (std::size_t p = content_b + 1; p < line.e; ++p) {
    if (!is_blank(t_[p - 1]) || (t_[p] != '(' && !is_alpha(t_[p]))) continue;
    Comp c;
    if (!single(p, c)) continue;
    // The part's own label again on the line: a list of options, not sub-parts.
    if (child_labelled(ix_, parent, c.text) == node) return;
    if (child_labelled(ix_, parent, c.text) != next) continue;
    // A reference in prose: "see (ii)", "as in (b)", "((ii) below)".
    std::size_t w = p - 1;
    while (w > content_b && is_blank(t_[w - 1])) --w;
    std::size_t wb = w;
    while (wb > content_b && is_alpha(t_[wb - 1])) --wb;
    std::string prev(t_.substr(wb, w - wb));
    for (char& ch : prev) ch = lower(ch);
    static const std::set<std::string, std::less<>> refs = {"see", "in", "as", "and", "or", "of", "to", "from",
                                                            "with", "than", "part", "question", "like", "for"};
    if ((w > content_b && t_[w - 1] == '(') || refs.count(prev)) continue;
    if (!has_visible(content_b, p) || !has_visible(c.e, line.e)) return;
    lines_[li].e = p;
    lines_.insert(lines_.begin() + static_cast<std::ptrdiff_t>(li) + 1, Range{p, line.e});
    in_code_.insert(in_code_.begin() + static_cast<std::ptrdiff_t>(li) + 1, false);
    return;
  }
}

bool Segmenter::says_again(std::size_t b, std::size_t e) const {
  std::string low;
  for (std::size_t i = b; i < e && low.size() < 120; ++i) low.push_back(lower(t_[i]));
  std::size_t p = 0;
  while (p < low.size() && (is_blank(low[p]) || low[p] == '(' || low[p] == '[' || low[p] == '-' || low[p] == '*'))
    ++p;
  const std::string_view rest = std::string_view(low).substr(p);
  for (std::string_view w : {"again", "redo", "re-do", "second attempt", "2nd attempt", "new attempt", "corrected",
                             "correction", "revised"})
    if (rest.substr(0, w.size()) == w && (rest.size() == w.size() || !is_alpha(rest[w.size()]))) return true;
  for (std::string_view w : {"mark this one", "mark this instead", "marks this one", "use this one",
                             "use this answer", "this one instead", "mark this answer"})
    if (rest.find(w) != std::string_view::npos) return true;
  return false;
}

// "1(b)(iii) continued: ...", "Q2c (cont.)", "1b contd -": the rest of an
// earlier answer to the same part, written after other answers. The two
// pieces become one answer (what lies between them is blanked, never read),
// instead of a second attempt.
void Segmenter::merge_continuations() {
  std::map<int, std::size_t> last;  // leaf -> its latest attempt
  std::vector<Attempt> kept;
  kept.reserve(attempts_.size());
  for (Attempt& a : attempts_) {
    const bool leaf = a.kind == Kind::Part && ix_.leaf(a.node);
    std::size_t p = a.content_b;
    const std::size_t e = std::max(a.content_b, a.content_e);
    while (p < e && (is_blank(t_[p]) || t_[p] == '(' || t_[p] == '[' || t_[p] == '*' || t_[p] == '_')) ++p;
    std::size_t w = p;
    while (w < e && is_alpha(t_[w])) ++w;
    std::string word;
    for (std::size_t i = p; i < w; ++i) word.push_back(lower(t_[i]));
    if (word == "cont" && w + 1 < e && t_[w] == '\'' && lower(t_[w + 1]) == 'd') w += 2;  // cont'd
    const bool cont_word = word == "continued" || word == "cont" || word == "contd" || word == "continuing" ||
                           word == "continuation";
    auto prev = leaf ? last.find(a.node) : last.end();
    // "Q1b continued:" names a part with sub-parts: the continuation of the
    // sub-part of it answered last before.
    bool via_parent = false;
    if (cont_word && !leaf && a.kind == Kind::Part) {
      std::size_t best = 0;
      for (auto it = last.begin(); it != last.end(); ++it)
        if (ix_.under(it->first, a.node) && (prev == last.end() || it->second > best)) {
          prev = it;
          best = it->second;
        }
      via_parent = prev != last.end();
    }
    if (!cont_word || prev == last.end() || a.void_all || kept[prev->second].void_all) {
      if (leaf) last[a.node] = kept.size();
      kept.push_back(std::move(a));
      continue;
    }
    // Skip the word's trailing punctuation and "from above"-style words are left as text.
    while (w < e && (is_blank(t_[w]) || t_[w] == '.' || t_[w] == ')' || t_[w] == ']' || t_[w] == ':' ||
                     t_[w] == '-' || t_[w] == '*' || t_[w] == '_'))
      ++w;
    Attempt& f = kept[prev->second];
    f.blanks.push_back({f.content_e, w});
    f.content_e = a.content_e;
    for (auto& v : a.voids) f.voids.push_back(std::move(v));
    for (const Range& r : a.blanks) f.blanks.push_back(r);
    f.has_text = f.has_text || has_visible(w, e);
    const std::string& leaf_id = ix_.at(f.node).part->id;
    script_.flags.push_back({leaf_id, "continued",
                             "the answer continues under \"" + a.label + "\" later in the script; both pieces are marked as one answer" +
                                 (via_parent ? " (the label names " + ix_.at(a.node).part->id + "; " + leaf_id +
                                                   " is its sub-part answered last before)"
                                             : std::string())});
  }
  attempts_.swap(kept);
}

// A note before the answers that withdraws a whole question ("what is under
// Question 3 is only rough work, not for marking", "Do not mark Q4"): a
// clause of the preamble (cut at . ! ? ; , and line ends) that says so and
// names questions voids every attempt at them. "Please mark Questions 1, 2
// and 4" withdraws nothing; "ignore the crossed-out text in Question 2" is
// not about the question.
void Segmenter::withdraw_questions() {
  if (attempts_.empty() || attempts_.front().kind != Kind::Preamble) return;
  const Attempt& pre = attempts_.front();
  const std::size_t b = pre.content_b, e = std::min(std::max(pre.content_b, pre.content_e), t_.size());
  std::string low;
  for (std::size_t i = b; i < e; ++i) low += lower(t_[i]);
  std::map<int, std::string> withdrawn;  // question node -> reason
  auto starts = [&](std::size_t i, std::string_view w) { return low.compare(i, w.size(), w) == 0; };
  auto word_at = [&](std::size_t i) { return i == 0 || !is_alpha(low[i - 1]); };
  std::size_t cb = 0;
  for (std::size_t i = 0; i <= low.size(); ++i) {
    if (i < low.size() && std::string_view(".!?;,\n").find(low[i]) == std::string_view::npos) continue;
    if (i < low.size() && low[i] == '.' && i + 1 < low.size() && is_digit(low[i + 1])) continue;  // "Q.3"
    const std::string_view c(low.data() + cb, i - cb);
    const std::size_t clause_b = cb;
    cb = i + 1;
    bool says = false;
    for (std::string_view ph : {"not for marking", "do not mark", "don't mark", "dont mark", "rough work",
                                "rough working", "scratch work", "please ignore question", "ignore question",
                                "ignore my answer to question", "ignore my answers to question"}) {
      const std::size_t at = c.find(ph);
      if (at != std::string_view::npos && (at == 0 || !is_alpha(c[at - 1])) &&
          !(at >= 4 && (c.substr(at - 4, 4) == "not " || c.substr(at - 4, 4) == "n't ")))
        says = true;
    }
    if (!says) continue;
    // The questions named: "question 3", "questions 3 and 4", "q3", "q.3", "q 3".
    std::vector<std::string> nums;
    for (std::size_t k = 0; k < c.size(); ++k) {
      const std::size_t at = clause_b + k;
      std::size_t j;
      if (word_at(at) && starts(at, "question")) {
        j = k + 8;
        if (j < c.size() && c[j] == 's') ++j;
      } else if (word_at(at) && c[k] == 'q' && k + 1 < c.size() && (c[k + 1] == '.' || is_blank(c[k + 1]) || is_digit(c[k + 1]))) {
        j = k + 1;
        if (c[j] == '.') ++j;
      } else {
        continue;
      }
      bool list = true;
      while (list) {
        while (j < c.size() && is_blank(c[j])) ++j;
        const std::size_t d = j;
        while (j < c.size() && is_digit(c[j])) ++j;
        if (j == d || (j < c.size() && is_alpha(c[j]))) break;
        nums.emplace_back(c.substr(d, j - d));
        std::size_t q = j;
        while (q < c.size() && is_blank(c[q])) ++q;
        if (c.compare(q, 3, "and") == 0 || c.compare(q, 2, "or") == 0 || c.compare(q, 1, "&") == 0) {
          j = q + (c[q] == '&' ? 1 : c[q] == 'a' ? 3 : 2);
        } else {
          list = false;
        }
      }
      k = j;
    }
    for (const std::string& n : nums)
      for (int q : ix_.questions)
        if (label_eq(ix_.at(q).part->id, n))
          withdrawn.emplace(q, "withdrawn by the candidate in the note before the answers (\"" +
                                   std::string(t_.substr(b + clause_b, std::min<std::size_t>(60, c.size()))) + "\")");
  }
  if (withdrawn.empty()) return;
  for (Attempt& a : attempts_) {
    if (a.kind != Kind::Part || a.void_all) continue;
    auto it = withdrawn.find(ix_.at(a.node).question);
    if (it == withdrawn.end()) continue;
    a.void_all = true;
    a.void_reason = it->second;
  }
}

// An answer that only points at another ("Same as (i).", "see my answer to
// 2(b)", "as above"): the index of the attempt it points at, or -1. The
// pointer must be the whole answer (at most 8 words, one line) and open with
// a reference phrase; the target is a labelled leaf answered in the script
// (for "above", the nearest answer before it), never itself a pointer. -2: a
// pointer whose target is not there (or, without check_target, any pointer).
int Segmenter::reference_target(std::size_t k, bool check_target) const {
  const Attempt& a = attempts_[k];
  if (a.kind != Kind::Part || a.void_all || !a.has_text || !ix_.leaf(a.node) || !a.voids.empty()) return -1;
  std::size_t b = a.content_b, e = std::min(std::max(a.content_b, a.content_e), t_.size());
  while (b < e && (is_blank(t_[b]) || t_[b] == '\n' || t_[b] == '\r')) ++b;
  while (e > b && (is_blank(t_[e - 1]) || t_[e - 1] == '\n' || t_[e - 1] == '\r' || t_[e - 1] == '.')) --e;
  if (b >= e || t_.substr(b, e - b).find('\n') != std::string_view::npos || count_words(t_.substr(b, e - b)) > 8)
    return -1;
  std::string low;
  for (std::size_t i = b; i < e; ++i) low += lower(t_[i]);
  static constexpr std::string_view kLeads[] = {
      "same as my answer to", "same as my answer for", "same answer as", "same as in", "same as for", "same as",
      "see my answer to", "see my answer for", "see answer to", "see answer", "see part", "see", "as in", "as for",
      "as per", "refer to", "refer back to", "ditto", "as above", "as before"};
  std::size_t lead = std::string::npos;
  std::string_view lead_text;
  for (std::string_view l : kLeads)
    if (low.compare(0, l.size(), l) == 0 && (low.size() == l.size() || !is_alpha(low[l.size()]))) {
      lead = l.size();
      lead_text = l;
      break;
    }
  if (lead == std::string::npos) return -1;
  std::size_t r = lead;
  while (r < low.size() && (is_blank(low[r]) || low[r] == ':' || low[r] == ',')) ++r;
  // "see end of (ii)", "see the bottom of 2(b)": the answer is somewhere in that part's text.
  bool to_end = false;
  for (std::string_view w : {"the end of ", "end of ", "the bottom of ", "bottom of ", "the last part of ",
                             "the second half of "})
    if (std::string_view(low).substr(r).starts_with(w)) {
      r += w.size();
      while (r < low.size() && is_blank(low[r])) ++r;
      to_end = true;
      break;
    }
  auto found = [&](int j) {  // a target found for attempt k
    if (to_end) end_refs_.insert(k);
    return j;
  };
  const std::string_view rest(low.data() + r, low.size() - r);
  auto pointer = [&](std::size_t j) { return reference_target(j, false) != -1; };
  auto answered = [&](int node) {  // the first attempt at node with text
    if (first_answer_.empty()) {  // once per script: pointers must not cost a scan each
      first_answer_.assign(ix_.nodes.size(), -1);
      for (std::size_t j = attempts_.size(); j-- > 0;) {
        const Attempt& t = attempts_[j];
        if (t.kind == Kind::Part && !t.void_all && t.has_text) first_answer_[static_cast<std::size_t>(t.node)] = static_cast<int>(j);
      }
    }
    const int j = first_answer_[static_cast<std::size_t>(node)];
    return j == static_cast<int>(k) ? -1 : j;
  };
  static constexpr std::string_view kAbove[] = {"", "above", "the above", "the answer above", "my answer above",
                                                "before", "previous", "the previous part", "the previous answer",
                                                "the last part", "the part above"};
  for (std::string_view w : kAbove) {
    if (rest != w) continue;
    if (w.empty() && lead_text != "ditto" && lead_text != "as above" && lead_text != "as before")
      return -1;  // only these stand alone
    if (!check_target) return -2;
    for (std::size_t j = k, steps = 0; j-- > 0 && steps < 64; ++steps) {
      const Attempt& t = attempts_[j];
      if (t.kind == Kind::Part && ix_.leaf(t.node) && t.node != a.node && !t.void_all && t.has_text)
        return pointer(j) ? -2 : found(static_cast<int>(j));
    }
    return -2;
  }
  // A label: "(i)", "part (i)", "1(c)(i)", "question 2 (b)", "2b".
  Scanner sc{t_, e};
  RawLabel lab = sc.scan(b + r);
  if (lab.comps.empty()) return -1;
  std::size_t tail = lab.comps.back().e;
  while (tail < e && (is_blank(t_[tail]) || t_[tail] == ')' || t_[tail] == ']' || t_[tail] == ':')) ++tail;
  if (tail < e) return -1;  // more than a label after the phrase
  std::size_t consumed = 0;
  bool unknown = false;
  const int node = resolve(lab, a.node, consumed, unknown);
  if (node < 0 || consumed != lab.comps.size() || !ix_.leaf(node) || node == a.node) return -1;
  if (!check_target) return -2;
  const int j = answered(node);
  if (j < 0 || pointer(static_cast<std::size_t>(j))) return -2;
  return found(j);
}

// Voids and decoration inside an attempt.
void Segmenter::analyse(Attempt& a) {
  a.voids.clear();
  a.blanks.clear();
  a.void_all = false;
  const std::size_t b = a.content_b, e = std::max(a.content_b, a.content_e);
  for (auto it = std::upper_bound(struck_.begin(), struck_.end(), b,
                                  [](std::size_t x, const Range& r) { return x < r.e; });
       it != struck_.end() && it->b < e; ++it) {
    const std::size_t sb = std::max(it->b, b), se = std::min(it->e, e);
    if (sb < se) a.voids.push_back({{sb, se}, "struck through"});
  }
  // Content lines (the rest of the label line first).
  std::vector<Range> ls;
  for (std::size_t p = b; p < e;) {
    std::size_t q = t_.find('\n', p);
    if (q == std::string_view::npos || q > e) q = e;
    ls.push_back({p, q});
    p = q + 1;
  }
  // Thematic breaks (---, ***, ___) are decoration.
  for (const Range& l : ls) {
    std::size_t n = 0;
    char m = 0;
    bool only = true;
    for (std::size_t i = l.b; i < l.e; ++i) {
      const char c = t_[i];
      if (is_blank(c)) continue;
      if ((c == '-' || c == '*' || c == '_') && (m == 0 || m == c)) {
        m = c;
        ++n;
      } else {
        only = false;
        break;
      }
    }
    if (only && n >= 3) a.blanks.push_back(l);
  }
  // An exam platform's furniture ("Response:", "[6 marks]", "Words: 3 / 30")
  // on a line of its own is no part of the answer.
  for (const Range& l : ls)
    if (is_furniture(t_.substr(l.b, l.e - l.b))) a.blanks.push_back(l);
  // A line holding only an HTML comment (an answer sheet's reminder,
  // `<!-- 2 marks; limit 30 words -->`) is decoration too: Markdown never
  // shows it, so it is no part of the answer.
  for (const Range& l : ls) {
    std::size_t i = l.b, j = l.e;
    while (i < j && is_blank(t_[i])) ++i;
    while (j > i && (is_blank(t_[j - 1]) || t_[j - 1] == '\r')) --j;
    const std::string_view line = t_.substr(i, j - i);
    if (line.size() >= 7 && line.substr(0, 4) == "<!--" && line.substr(line.size() - 3) == "-->" &&
        line.find("-->") == line.size() - 3)
      a.blanks.push_back(l);
  }
  // Text of a line with struck stretches removed, for the marker rules.
  // (a.voids holds only struck stretches here, sorted and disjoint.)
  auto visible = [&](const Range& l) {
    std::string s(t_.substr(l.b, l.e - l.b));
    auto it = std::upper_bound(a.voids.begin(), a.voids.end(), l.b,
                               [](std::size_t x, const std::pair<Range, std::string>& v) { return x < v.first.e; });
    for (; it != a.voids.end() && it->first.b < l.e; ++it)
      for (std::size_t i = std::max(it->first.b, l.b); i < std::min(it->first.e, l.e); ++i) s[i - l.b] = ' ';
    return s;
  };
  std::vector<std::size_t> nonblank;
  for (std::size_t k = 0; k < ls.size(); ++k) {
    const std::string s = visible(ls[k]);
    if (count_words(s) > 0 && !is_furniture(s)) nonblank.push_back(k);
  }
  // Void markers: at the start of the attempt (first line, within 8 words),
  // on a short line of their own (the attempt's last line: all of it;
  // otherwise from that line on).
  // A phrase right after struck text ("~~Batch size~~ (IGNORE THIS) the
  // learning rate") annotates the struck words, which are void already.
  auto after_struck = [&](const Range& line, std::size_t at) {
    std::size_t q = line.b + at;
    while (q > line.b && (is_blank(t_[q - 1]) || t_[q - 1] == '(' || t_[q - 1] == '[' || t_[q - 1] == '-' ||
                          t_[q - 1] == ':' || t_[q - 1] == ','))
      --q;
    return q >= line.b + 2 && t_[q - 1] == '~' && t_[q - 2] == '~';
  };
  // "IGNORE THIS: <a sentence>" opening the attempt, and a correction on
  // the next line ("Actually ...", "Correct answer: ..."): the marker voids
  // its own line only.
  auto corrects = [&](const std::string& line) {
    std::string low;
    for (char c : line) low += lower(c);
    std::size_t i = 0;
    while (i < low.size() && (is_blank(low[i]) || low[i] == '-' || low[i] == '*' || low[i] == '>')) ++i;
    for (std::string_view w : {"actually", "correct answer", "correction", "corrected", "instead", "real answer",
                               "new answer", "my answer", "answer:"})
      if (low.compare(i, w.size(), w) == 0 && (i + w.size() == low.size() || !is_alpha(low[i + w.size()])))
        return true;
    return false;
  };
  // (A note before the answers is not marked anyway; withdraw_questions()
  // reads it for withdrawn questions.)
  if (!nonblank.empty() && a.kind != Kind::Preamble) {
    const std::string first = visible(ls[nonblank.front()]);
    std::size_t at = find_void_phrase(first);
    // "rough: M x M" labels its own line; "rough:" alone, all below it.
    const bool rough_label = at == std::string::npos && (at = leading_rough(first)) != std::string::npos;
    if (at != std::string::npos && words_before(first, at) < 8 && !after_struck(ls[nonblank.front()], at)) {
      const std::string why =
          "marked by the candidate as void (\"" + first.substr(at, std::min<std::size_t>(40, first.size() - at)) + "\")";
      const bool own_line = rough_label ? count_words(first) >= 2
                                        : count_words(first) >= words_before(first, at) + 5 &&
                                              corrects(visible(ls[nonblank[1 % nonblank.size()]]));
      if (nonblank.size() > 1 && own_line) {
        a.voids.push_back({{ls[nonblank.front()].b, ls[nonblank.front()].e}, why});
        std::sort(a.voids.begin(), a.voids.end(),
                  [](const std::pair<Range, std::string>& x, const std::pair<Range, std::string>& y) {
                    return x.first.b < y.first.b;
                  });
      } else {
        a.void_all = true;
        a.void_reason = why;
      }
    }
    if (!a.void_all) {
      for (std::size_t j = 1; j < nonblank.size(); ++j) {
        const std::size_t k = nonblank[j];
        const std::string s = visible(ls[k]);
        const std::size_t pos = find_void_phrase(s);
        if (pos == std::string::npos || count_words(s) > 8 || after_struck(ls[k], pos)) continue;
        std::string why = "marked by the candidate as void (\"";
        why += s.substr(pos, std::min<std::size_t>(40, s.size() - pos));
        why += "\")";
        // "IGNORE THIS, I doubled wrong, see next line": the lines above are
        // void, and the correction after the marker is the answer.
        std::string low = s;
        for (char& c : low) c = lower(c);
        if (low.find("next line") != std::string::npos || low.find("see below") != std::string::npos ||
            low.find("corrected below") != std::string::npos || low.find("correction below") != std::string::npos) {
          a.voids.push_back({{b, ls[k].e}, why});
          break;
        }
        if (j + 1 == nonblank.size()) {
          a.void_all = true;
          a.void_reason = why;
        } else {
          a.voids.push_back({{ls[k].b, e}, why});
        }
        break;
      }
    }
  }
  // Text left when voids and decoration are taken out?
  a.has_text = false;
  {
    std::vector<Range> hide;
    for (const auto& [v, why] : a.voids) hide.push_back(v);
    hide.insert(hide.end(), a.blanks.begin(), a.blanks.end());
    std::sort(hide.begin(), hide.end(), [](const Range& x, const Range& y) { return x.b < y.b; });
    std::size_t h = 0, reach = b;  // hidden up to `reach`
    for (std::size_t i = b; i < e && !a.has_text; ++i) {
      while (h < hide.size() && hide[h].b <= i) reach = std::max(reach, hide[h++].e);
      if (i < reach) continue;
      if (!is_blank(t_[i]) && t_[i] != '\n') a.has_text = true;
    }
  }
  if (!a.has_text && !a.voids.empty() && !a.void_all) {
    a.void_all = true;
    a.void_reason = a.voids.front().second;
  }
}

// The attempt's text in Script::text coordinates, voids and decoration blanked
// byte for byte (so offsets still match); [ob, oe) is its original range.
std::string Segmenter::blanked(const Attempt& a, std::size_t& ob, std::size_t& oe) const {
  ob = orig(a.content_b);
  oe = orig(std::max(a.content_b, a.content_e));
  std::string s = script_.text.substr(ob, oe - ob);
  auto blank = [&](Range r) {
    const std::size_t rb = orig(r.b), re = orig(r.e);
    for (std::size_t i = std::max(rb, ob); i < std::min(re, oe); ++i)
      if (s[i - ob] != '\n') s[i - ob] = ' ';
  };
  for (const auto& [v, why] : a.voids) blank(v);
  for (const Range& d : a.blanks) blank(d);
  return s;
}

bool trim(const std::string& s, std::size_t& b, std::size_t& e) {
  b = 0;
  e = s.size();
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (b < e && ws(s[b])) ++b;
  while (e > b && ws(s[e - 1])) --e;
  return e > b;
}

// 1-based line of `off`, given the offsets where lines start.
std::size_t line_of(const std::vector<std::size_t>& starts, std::size_t off) {
  return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), off) - starts.begin());
}

std::vector<Range> Segmenter::positional_blocks(const Attempt& a, std::size_t n, std::string& kind) const {
  const std::size_t cb = a.content_b, ce = std::min(a.content_e, t_.size());
  if (ce <= cb) return {};
  // Lines of the attempt, with whether each is blank (voids and decoration count as blank).
  std::size_t ob = 0, oe = 0;
  const std::string vis = blanked(a, ob, oe);
  auto visible_blank = [&](std::size_t nb, std::size_t ne) {  // normalised range
    const std::size_t rb = orig(nb), re = orig(ne);
    for (std::size_t i = std::max(rb, ob); i < std::min(re, oe); ++i) {
      const char ch = vis[i - ob];
      if (!is_blank(ch) && ch != '\r' && ch != '\v' && ch != '\f') return false;
    }
    return true;
  };
  struct Line {
    std::size_t b, e;
    bool blank;
  };
  std::vector<Line> lines;
  for (std::size_t b = cb; b < ce;) {
    std::size_t e = t_.find('\n', b);
    if (e == std::string_view::npos || e > ce) e = ce;
    lines.push_back({b, e, visible_blank(b, e)});
    b = e + 1;
  }
  // Numbered items: "k." or "k)" then a space at the start of a line, k = 1..n in order.
  {
    std::vector<Range> items;
    bool ok = true, before_first = true;
    for (const Line& l : lines) {
      std::size_t p = l.b;
      while (p < l.e && is_blank(t_[p])) ++p;
      std::size_t q = p;
      while (q < l.e && q - p < 2 && is_digit(t_[q])) ++q;
      const bool numbered = q > p && q + 1 < l.e && (t_[q] == '.' || t_[q] == ')') && is_blank(t_[q + 1]) &&
                            std::stoul(std::string(t_.substr(p, q - p))) == items.size() + 1;
      if (numbered) {
        if (!items.empty()) items.back().e = l.b;
        items.push_back({q + 1, ce});
        before_first = false;
      } else if (before_first && !l.blank) {
        ok = false;  // text before item 1
        break;
      }
    }
    if (ok && items.size() == n) {
      kind = "item";
      return items;
    }
  }
  // Paragraphs: runs of lines with text, blank lines between.
  std::vector<Range> paras;
  bool in_para = false;
  for (const Line& l : lines) {
    if (l.blank) {
      in_para = false;
    } else if (in_para) {
      paras.back().e = l.e;
    } else {
      paras.push_back({l.b, l.e});
      in_para = true;
    }
  }
  if (paras.size() == n) {
    kind = "paragraph";
    return paras;
  }
  return {};
}

void Segmenter::emit() {
  Script& s = script_;
  const bool single_leaf_no_labels = !any_label_ && ix_.leaves.size() == 1;
  struct Orphan {
    int node;
    std::size_t idx;
  };
  std::vector<Orphan> orphans;
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < s.text.size(); ++i)
    if (s.text[i] == '\n') starts.push_back(i + 1);

  auto add_unassigned = [&](std::size_t ob, std::size_t b, std::size_t e, const std::string& code,
                            const std::string& why) {
    s.unassigned.push_back({ob + b, ob + e});
    s.flags.push_back({"", code, why});
  };

  // `inferred`: why the text counts as this leaf's answer when no label of its own says so ("" = it does).
  auto make_answer = [&](int leaf, const Attempt& a, const std::string& inferred) {
    std::size_t ob = 0, oe = 0;
    const std::string txt = blanked(a, ob, oe);
    std::size_t b = 0, e = 0;
    if (!trim(txt, b, e)) return;
    // The closing cell border of a Markdown table row ("| 1a | Tanh |") is not
    // part of the answer (nor a word of it); "|x|" keeps its bar.
    while (e > b && txt[e - 1] == '|' && (e - 1 == b || is_blank(txt[e - 2]))) {
      --e;
      while (e > b && is_blank(txt[e - 1])) --e;
    }
    if (e == b) return;
    const Part& p = *ix_.at(leaf).part;
    Answer ans;
    ans.part = p.id;
    ans.start = ob + b;
    ans.end = ob + e;
    ans.word_limit = p.word_limit;
    const std::string_view body(txt.data() + b, e - b);
    const std::size_t limit = (p.word_limit && *p.word_limit > 0) ? static_cast<std::size_t>(*p.word_limit) : SIZE_MAX;
    const WordCut cut = cut_at_word_limit(body, limit);
    ans.words = cut.words;
    ans.truncated = cut.truncated;
    ans.text = std::string(body.substr(0, cut.kept_end));
    if (cut.truncated) {
      ans.cut_word = cut.cut_word;
      ans.cut_offset = ans.start + cut.cut_offset;
      ans.tail = std::string(body.substr(cut.cut_offset));
    }
    if (!inferred.empty()) s.flags.push_back({p.id, "part-inferred", inferred});
    s.answers.push_back(std::move(ans));
  };

  for (std::size_t k = 0; k < attempts_.size(); ++k) {
    Attempt& a = attempts_[k];
    const std::string part = a.kind == Kind::Part ? ix_.at(a.node).part->id : "";
    // Voided stretches and attempts.
    if (a.void_all) {
      std::size_t ob = 0, oe = 0;
      const std::string raw = script_.text.substr(orig(a.content_b), orig(std::max(a.content_b, a.content_e)) - orig(a.content_b));
      ob = orig(a.content_b);
      oe = ob + raw.size();
      std::size_t b = 0, e = 0;
      if (trim(raw, b, e)) s.voided.push_back({part, {ob + b, ob + e}, a.void_reason});
      (void)oe;
      continue;
    }
    for (const auto& [v, why] : a.voids) s.voided.push_back({part, {orig(v.b), orig(v.e)}, why});
    if (!a.has_text) {
      if (a.kind == Kind::Part && ix_.leaf(a.node))
        s.flags.push_back({part, "empty-answer", "the label \"" + a.label + "\" is followed by no answer"});
      continue;
    }
    if (a.kind == Kind::Preamble) {
      std::size_t ob = 0, oe = 0;
      const std::string txt = blanked(a, ob, oe);
      std::size_t b = 0, e = 0;
      if (!trim(txt, b, e)) continue;
      if (single_leaf_no_labels) {
        make_answer(ix_.leaves.front(), a, "");
      } else if (!any_label_) {
        add_unassigned(ob, b, e, "no-labels",
                       "no part label was recognised; the script's text could not be placed in a part");
      } else {
        s.preamble = {ob + b, ob + e};
        const std::size_t w = count_words(std::string_view(txt).substr(b, e - b));
        if (w > 60)
          s.flags.push_back({"", "long-preamble",
                             std::to_string(w) + " words before the first label are not marked (check for a missing label)"});
      }
      continue;
    }
    if (a.kind == Kind::Unknown) {
      std::size_t ob = 0, oe = 0;
      const std::string txt = blanked(a, ob, oe);
      std::size_t b = 0, e = 0;
      if (trim(txt, b, e))
        add_unassigned(ob, b, e, "unknown-part",
                       "\"" + a.label + "\" (line " + std::to_string(line_of(starts, ob + b)) +
                           ") names no part of the rubric; its text is not marked");
      continue;
    }
    if (ix_.leaf(a.node)) {
      const int target = reference_target(k);
      if (target >= 0) {
        // "Same as (i).": marked on the answer it points at, as an examiner reads it.
        const Attempt& t = attempts_[static_cast<std::size_t>(target)];
        const std::string to = ix_.at(t.node).part->id;
        // "see end of (ii)": the end of that text, as much of it as this part's word limit allows.
        Attempt tail = t;
        const Part& here = *ix_.at(a.node).part;
        if (end_refs_.count(k) && here.word_limit && *here.word_limit > 0) {
          const std::size_t limit = static_cast<std::size_t>(*here.word_limit);
          const std::size_t tb = t.content_b, te = std::min(std::max(t.content_b, t.content_e), t_.size());
          const std::size_t words = count_words(t_.substr(tb, te - tb));
          if (words > limit) tail.content_b = tb + cut_at_word_limit(t_.substr(tb, te - tb), words - limit).cut_offset;
        }
        s.flags.push_back({part, "cross-reference",
                           "the answer to " + part + " points at " + to + "'s answer; it is marked on " +
                               (tail.content_b != t.content_b ? "the end of that text" : "that text")});
        make_answer(a.node, tail, "");
      } else {
        make_answer(a.node, a, "");
      }
    } else {
      orphans.push_back({a.node, k});
    }
  }
  // Text under a label of a part with sub-parts. When none of its leaves has
  // an answer and the text falls into as many numbered items ("1." .. "n.") or
  // paragraphs as the part has leaves, an examiner reads them in order, one
  // per leaf. Otherwise it is the first leaf's answer when that leaf has no
  // answer of its own, else unassigned.
  std::set<std::string> answered_ids;
  for (const Answer& a : s.answers) answered_ids.insert(a.part);
  for (const Orphan& o : orphans) {
    const Attempt& a = attempts_[o.idx];
    const std::vector<int> leaves = ix_.leaves_under(o.node);
    const bool none_answered = std::none_of(leaves.begin(), leaves.end(), [&](int l) {
      return answered_ids.count(ix_.at(l).part->id) > 0;
    });
    if (leaves.size() >= 2 && none_answered) {
      std::string kind;
      const std::vector<Range> blocks = positional_blocks(a, leaves.size(), kind);
      if (!blocks.empty()) {
        for (std::size_t k = 0; k < leaves.size(); ++k) {
          Attempt sub = a;
          sub.content_b = blocks[k].b;
          sub.content_e = blocks[k].e;
          const std::string& id = ix_.at(leaves[k]).part->id;
          make_answer(leaves[k], sub,
                      kind + " " + std::to_string(k + 1) + " of " + std::to_string(leaves.size()) +
                          " under the label \"" + a.label + "\" was taken as the answer to " + id +
                          " (no label of its own; read in order, one per sub-part)");
          answered_ids.insert(id);
        }
        continue;
      }
    }
    const int leaf = ix_.first_leaf(o.node);
    const std::string& id = ix_.at(leaf).part->id;
    const bool taken = answered_ids.count(id) > 0;
    if (!taken) {
      make_answer(leaf, a,
                  "text under the label \"" + a.label + "\" was taken as the answer to " + id + " (no label of its own)");
      answered_ids.insert(id);
    } else {
      std::size_t ob = 0, oe = 0;
      const std::string txt = blanked(a, ob, oe);
      std::size_t b = 0, e = 0;
      if (trim(txt, b, e))
        add_unassigned(ob, b, e, "unassigned",
                       "text under \"" + a.label + "\" (line " + std::to_string(line_of(starts, ob + b)) +
                           ") is not labelled with one of its sub-parts; it is not marked");
    }
  }
  std::stable_sort(s.answers.begin(), s.answers.end(), [](const Answer& x, const Answer& y) { return x.start < y.start; });
  std::sort(s.voided.begin(), s.voided.end(), [](const Voided& x, const Voided& y) { return x.span.start < y.span.start; });
  std::sort(s.unassigned.begin(), s.unassigned.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  // Repeated unvoided attempts: numbered in script order and flagged.
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < s.answers.size(); ++i) {
    const int n = seen[s.answers[i].part]++;
    s.answers[i].attempt = n + 1;
    if (n == 1) {
      s.flags.push_back({s.answers[i].part, "two-attempts",
                         "more than one unvoided attempt at " + s.answers[i].part + "; all are kept for review"});
    }
  }
}

}  // namespace

void segment_script(Script& script, const Rubric& rubric) {
  script.answers.clear();
  script.voided.clear();
  script.unassigned.clear();
  script.preamble = {};
  Segmenter seg(script, rubric);
  seg.run();
}

}  // namespace automark
