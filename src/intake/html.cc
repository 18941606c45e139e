// HTML uploads (a web form's receipt saved from the browser, an exported
// page): the text a browser would show, one block per line, so that the
// segmenter reads it like any typed script. A small state machine, linear in
// the input, with no regular expressions: tags are skipped (script, style and
// head with their content), block elements and <br> end lines, table cells are
// spaced, <li> items start lines, struck text (<del>, <s>, <strike>, and a
// <span> struck by its style or by a class the page's <style> strikes) becomes
// ~~text~~ as in Markdown, <sub>/<sup> become _ and ^, and character references
// are decoded, and a text field's value (<input value="...">) is its answer.
// White space runs collapse outside <pre> and <textarea>.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "automark/text.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view w) {
  if (at + w.size() > s.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (lower(s[at + i]) != w[i]) return false;
  return true;
}

// 2: a paragraph break (a blank line), as a browser leaves space around these;
// 1: a line break; 0: inline.
int block_tag(std::string_view t) {
  static const std::unordered_map<std::string_view, int> m = {
      {"p", 2},        {"div", 2},      {"h1", 2},      {"h2", 2},       {"h3", 2},       {"h4", 2},
      {"h5", 2},       {"h6", 2},       {"table", 2},   {"ul", 2},       {"ol", 2},       {"section", 2},
      {"article", 2},  {"header", 2},   {"footer", 2},  {"main", 2},     {"nav", 2},      {"aside", 2},
      {"blockquote", 2}, {"pre", 2},    {"form", 2},    {"fieldset", 2}, {"dl", 2},       {"figure", 2},
      {"address", 2},  {"details", 2},  {"body", 2},    {"html", 2},     {"center", 2},   {"br", 1},
      {"li", 1},       {"tr", 1},       {"hr", 1},      {"legend", 1},   {"dt", 1},       {"dd", 1},
      {"figcaption", 1}, {"summary", 1}, {"caption", 1}, {"thead", 1},   {"tbody", 1},    {"tfoot", 1},
      {"textarea", 1}, {"label", 1}};
  auto it = m.find(t);
  return it == m.end() ? 0 : it->second;
}

// Named character references candidates use; others are kept as written.
const std::unordered_map<std::string_view, char32_t>& entities() {
  static const std::unordered_map<std::string_view, char32_t> m = {
      {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
      {"nbsp", 0xA0},    {"times", 0xD7},    {"divide", 0xF7},   {"minus", 0x2212},  {"ndash", 0x2013},
      {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"le", 0x2264},     {"ge", 0x2265},     {"ne", 0x2260},     {"asymp", 0x2248},
      {"rarr", 0x2192},  {"larr", 0x2190},   {"harr", 0x2194},   {"rArr", 0x21D2},   {"sum", 0x2211},
      {"prod", 0x220F},  {"infin", 0x221E},  {"plusmn", 0xB1},   {"sup2", 0xB2},     {"sup3", 0xB3},
      {"deg", 0xB0},     {"micro", 0xB5},    {"middot", 0xB7},   {"lfloor", 0x230A}, {"rfloor", 0x230B},
      {"lceil", 0x2308}, {"rceil", 0x2309},  {"alpha", 0x3B1},   {"beta", 0x3B2},    {"gamma", 0x3B3},
      {"delta", 0x3B4},  {"epsilon", 0x3B5}, {"eta", 0x3B7},     {"theta", 0x3B8},   {"lambda", 0x3BB},
      {"mu", 0x3BC},     {"pi", 0x3C0},      {"sigma", 0x3C3},   {"Sigma", 0x3A3},   {"tau", 0x3C4},
      {"phi", 0x3C6},    {"omega", 0x3C9},   {"bull", 0x2022},   {"copy", 0xA9},     {"eacute", 0xE9},
      {"shy", 0xAD},     {"zwj", 0x200D},    {"zwnj", 0x200C},   {"ensp", 0x2002},   {"emsp", 0x2003},
      {"thinsp", 0x2009}, {"Delta", 0x394},  {"kappa", 0x3BA},   {"nu", 0x3BD},      {"xi", 0x3BE},
      {"rho", 0x3C1},    {"chi", 0x3C7},     {"psi", 0x3C8},     {"zeta", 0x3B6},    {"iota", 0x3B9},
      {"upsilon", 0x3C5}, {"Omega", 0x3A9},  {"Phi", 0x3A6},     {"Pi", 0x3A0},      {"Theta", 0x398},
      {"Lambda", 0x39B}, {"Gamma", 0x393},   {"part", 0x2202},   {"nabla", 0x2207},  {"isin", 0x2208},
      {"forall", 0x2200}, {"exist", 0x2203}, {"radic", 0x221A},  {"prop", 0x221D},   {"sim", 0x223C},
      {"cong", 0x2245},  {"equiv", 0x2261},  {"sdot", 0x22C5},   {"lowast", 0x2217}, {"uarr", 0x2191},
      {"darr", 0x2193},  {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},   {"sup1", 0xB9},
      {"hat", 0x5E},     {"Hat", 0x5E},      {"circ", 0x2C6},    {"szlig", 0xDF},    {"oslash", 0xF8},
      {"Oslash", 0xD8},  {"aelig", 0xE6},    {"AElig", 0xC6},    {"laquo", 0xAB},    {"raquo", 0xBB},
      {"sbquo", 0x201A}, {"bdquo", 0x201E},  {"prime", 0x2032},  {"Prime", 0x2033},  {"lang", 0x27E8},
      {"rang", 0x27E9},  {"empty", 0x2205},  {"cap", 0x2229},    {"cup", 0x222A},    {"int", 0x222B},
      {"and", 0x2227},   {"or", 0x2228},     {"not", 0xAC},      {"there4", 0x2234}, {"ang", 0x2220}};
  return m;
}

// A letter with a diacritic by its entity name ("ycirc" -> ŷ, "Uuml" -> Ü,
// "ntilde" -> ñ): the Latin-1 letters and the circumflexed w and y; 0 otherwise.
char32_t accented(std::string_view name) {
  if (name.size() < 4) return 0;
  struct Mark {
    std::string_view suffix;
    std::string_view letters;  // base letters in upper case, in the order of `first`
    std::array<char32_t, 6> first;
  };
  // Latin-1 code points of A E I O U Y with each mark (0: none).
  static const std::array<std::pair<std::string_view, std::array<char32_t, 6>>, 5> marks = {{
      {"grave", {0xC0, 0xC8, 0xCC, 0xD2, 0xD9, 0}},
      {"acute", {0xC1, 0xC9, 0xCD, 0xD3, 0xDA, 0xDD}},
      {"circ", {0xC2, 0xCA, 0xCE, 0xD4, 0xDB, 0x176}},
      {"uml", {0xC4, 0xCB, 0xCF, 0xD6, 0xDC, 0x178}},
      {"tilde", {0xC3, 0, 0, 0xD5, 0, 0}},
  }};
  const char base = name[0];
  const bool upper = base >= 'A' && base <= 'Z';
  const char b = upper ? base : static_cast<char>(base - 'a' + 'A');
  const std::string_view rest = name.substr(1);
  if (b == 'N' && rest == "tilde") return upper ? 0xD1 : 0xF1;
  if (b == 'C' && rest == "cedil") return upper ? 0xC7 : 0xE7;
  if (b == 'A' && rest == "ring") return upper ? 0xC5 : 0xE5;
  if (b == 'W' && rest == "circ") return upper ? 0x174 : 0x175;
  static constexpr std::string_view vowels = "AEIOUY";
  const std::size_t v = vowels.find(b);
  if (v == std::string_view::npos) return 0;
  for (const auto& [suffix, cps] : marks) {
    if (rest != suffix) continue;
    const char32_t u = cps[v];
    if (u == 0) return 0;
    if (upper) return u;
    if (u == 0x176) return 0x177;       // ŷ
    if (u == 0x178) return 0xFF;        // ÿ
    return u + 0x20;                    // Latin-1: lower case is 0x20 above
  }
  return 0;
}

class HtmlText {
 public:
  explicit HtmlText(std::string_view s) : s_(s) {}

  std::string run() {
    collect_struck_classes();
    std::size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '<') {
        i = tag(i);
        continue;
      }
      if (c == '&') {
        i = reference(i);
        continue;
      }
      if (space(c) && !pre_) {
        pending_space_ = true;
        ++i;
        continue;
      }
      text_char(c);
      ++i;
    }
    return finish();
  }

 private:
  void text_char(char c) {
    if (c == '\r') return;
    if (pending_space_) {
      if (!out_.empty() && out_.back() != '\n' && out_.back() != ' ') out_.push_back(' ');
      pending_space_ = false;
    }
    out_.push_back(c);
  }
  void text_piece(std::string_view p) {
    for (char c : p) text_char(c);
  }
  void line_break(int kind) {
    pending_space_ = false;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (out_.empty()) return;
    const std::size_t have = out_.size() >= 2 && out_.compare(out_.size() - 2, 2, "\n\n") == 0 ? 2
                             : out_.back() == '\n'                                                ? 1
                                                                                                 : 0;
    for (std::size_t k = have; k < static_cast<std::size_t>(kind); ++k) out_.push_back('\n');
  }

  // A character reference at i ("&amp;", "&#215;", "&#xD7;"); returns the next position.
  std::size_t reference(std::size_t i) {
    std::size_t j = i + 1;
    while (j < s_.size() && j - i <= 10 && (alnum(s_[j]) || s_[j] == '#')) ++j;
    const std::string_view name = s_.substr(i + 1, j - i - 1);
    const bool semi = j < s_.size() && s_[j] == ';';
    char32_t u = 0;
    if (!name.empty() && name[0] == '#') {
      std::uint32_t v = 0;
      bool ok = name.size() > 1;
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      for (std::size_t k = hex ? 2 : 1; k < name.size() && ok; ++k) {
        const char d = lower(name[k]);
        const int dv = (d >= '0' && d <= '9') ? d - '0' : (hex && d >= 'a' && d <= 'f') ? d - 'a' + 10 : -1;
        if (dv < 0 || v > 0x10FFFF) ok = false;
        else v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(dv);
      }
      if (ok && (hex ? name.size() > 2 : true)) u = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : v;
    } else if (auto it = entities().find(name); it != entities().end()) {
      u = it->second;
    } else {
      u = accented(name);
    }
    if (u == 0) {  // not a reference we know: the text as written
      text_char('&');
      return i + 1;
    }
    if (u == 0xA0 || u == 0x2002 || u == 0x2003 || u == 0x2009) {
      text_char(' ');
    } else {
      std::string enc;
      append_utf8(enc, u);
      text_piece(enc);
    }
    return semi ? j + 1 : j;
  }

  // A tag (or comment, doctype) at i; returns the position after it.
  std::size_t tag(std::size_t i) {
    if (s_.compare(i, 4, "<!--") == 0) {
      const std::size_t e = s_.find("-->", i + 4);
      return e == std::string_view::npos ? s_.size() : e + 3;
    }
    std::size_t j = i + 1;
    const bool closing = j < s_.size() && s_[j] == '/';
    if (closing) ++j;
    if (j >= s_.size() || !(alnum(s_[j]) || s_[j] == '!' || s_[j] == '?')) {
      text_char('<');  // "a < b": not a tag
      return i + 1;
    }
    std::string name;
    while (j < s_.size() && (alnum(s_[j]) || s_[j] == '-') && name.size() < 16) name.push_back(lower(s_[j++]));
    // The end of the tag, quotes respected.
    char quote = 0;
    while (j < s_.size()) {
      const char c = s_[j];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
      ++j;
    }
    const std::size_t after = j < s_.size() ? j + 1 : s_.size();
    if (!closing && (name == "script" || name == "style" || name == "head" || name == "template" ||
                     name == "noscript" || name == "title")) {
      // Skip to the matching end tag (no nesting of these in practice).
      const std::string end = "</" + name;
      std::size_t k = after;
      while (k < s_.size() && !starts_with_ci(s_, k, end)) ++k;
      if (k >= s_.size()) return s_.size();
      const std::size_t gt = s_.find('>', k);
      return gt == std::string_view::npos ? s_.size() : gt + 1;
    }
    if (name == "input" && !closing) {
      // A saved form page: a text field's answer is its value attribute.
      const std::string_view attrs = s_.substr(i, after - i);
      const std::string type = attribute(attrs, "type");
      if (type.empty() || type == "text" || type == "search") {
        const std::string value = attribute(attrs, "value");
        if (!value.empty()) {
          line_break(1);
          const std::size_t was = out_.size();
          HtmlText inner(value);
          const std::string decoded = inner.run();
          text_piece(decoded);
          if (out_.size() > was) line_break(1);
        }
      }
      return after;
    }
    if (name == "pre" || name == "textarea") pre_ = !closing;
    if (name == "del" || name == "s" || name == "strike") {
      text_piece("~~");
      return after;
    }
    // A span struck through by its style or by a class the page's style sheet
    // strikes (what Google Docs and other editors export for strike-through).
    if (name == "span") {
      if (closing) {
        if (!spans_.empty()) {
          if (spans_.back()) text_piece("~~");
          spans_.pop_back();
        }
      } else if (s_[after - 2] != '/') {
        const std::string_view attrs = s_.substr(i, after - i);
        bool struck = attribute(attrs, "style").find("line-through") != std::string::npos;
        const std::string cls = attribute(attrs, "class");
        for (std::size_t b = 0; b < cls.size() && !struck;) {
          std::size_t e = b;
          while (e < cls.size() && !space(cls[e])) ++e;
          if (e > b && struck_classes_.count(cls.substr(b, e - b))) struck = true;
          b = e + 1;
        }
        if (spans_.size() < 256) spans_.push_back(struck);
        if (struck) text_piece("~~");
      }
      return after;
    }
    if (name == "sub" && !closing) text_piece("_");
    if (name == "sup" && !closing) text_piece("^");
    if (name == "td" || name == "th") {
      if (!closing) pending_space_ = true;
      return after;
    }
    if (const int kind = block_tag(name); kind > 0) {
      line_break(kind);
      if (name == "li" && !closing) text_piece("- ");
    }
    return after;
  }

  // The value of attribute `key` (lower-case) in a tag's text, unquoted; "" when absent.
  static std::string attribute(std::string_view tag, std::string_view key) {
    for (std::size_t i = 1; i + key.size() < tag.size(); ++i) {
      if (!space(tag[i - 1]) || !starts_with_ci(tag, i, key)) continue;
      std::size_t j = i + key.size();
      while (j < tag.size() && space(tag[j])) ++j;
      if (j >= tag.size() || tag[j] != '=') continue;
      ++j;
      while (j < tag.size() && space(tag[j])) ++j;
      if (j >= tag.size()) return {};
      std::size_t e = j;
      if (tag[j] == '"' || tag[j] == '\'') {
        const char q = tag[j];
        e = tag.find(q, j + 1);
        if (e == std::string_view::npos) return {};
        std::string v(tag.substr(j + 1, e - j - 1));
        if (key != "value")
          for (char& c : v) c = lower(c);
        return v;
      }
      while (e < tag.size() && !space(tag[e]) && tag[e] != '>' && tag[e] != '/') ++e;
      std::string v(tag.substr(j, e - j));
      for (char& c : v) c = lower(c);
      return key == "value" ? std::string(tag.substr(j, e - j)) : v;
    }
    return {};
  }

  // Lines trimmed; runs of blank lines become one.
  std::string finish() {
    std::string out;
    out.reserve(out_.size());
    std::size_t b = 0;
    bool blank_pending = false;
    while (b <= out_.size()) {
      std::size_t e = out_.find('\n', b);
      if (e == std::string::npos) e = out_.size();
      std::size_t lb = b, le = e;
      while (lb < le && (out_[lb] == ' ' || out_[lb] == '\t')) ++lb;
      while (le > lb && (out_[le - 1] == ' ' || out_[le - 1] == '\t')) --le;
      if (lb == le) {
        blank_pending = !out.empty();
      } else {
        if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
        blank_pending = false;
        out.append(out_, lb, le - lb);
      }
      b = e + 1;
    }
    return out;
  }

  // Class names (lower case) whose rule in a <style> block sets line-through:
  // ".c5{...;text-decoration:line-through;...}".
  void collect_struck_classes() {
    for (std::size_t at = 0; (at = find_ci(s_, "<style", at)) != std::string_view::npos;) {
      const std::size_t open = s_.find('>', at);
      if (open == std::string_view::npos) return;
      const std::size_t close = find_ci(s_, "</style", open);
      const std::string_view css = s_.substr(open + 1, (close == std::string_view::npos ? s_.size() : close) - open - 1);
      std::size_t sel = 0;
      while (sel < css.size()) {
        const std::size_t lb = css.find('{', sel);
        if (lb == std::string_view::npos) break;
        const std::size_t rb = css.find('}', lb);
        const std::string_view decl = css.substr(lb, (rb == std::string_view::npos ? css.size() : rb) - lb);
        if (find_ci(decl, "line-through", 0) != std::string_view::npos) {
          // Each simple class selector of the rule's selector list.
          const std::string_view selectors = css.substr(sel, lb - sel);
          for (std::size_t k = 0; k < selectors.size(); ++k) {
            if (selectors[k] != '.') continue;
            std::size_t e = k + 1;
            std::string name;
            while (e < selectors.size() && (alnum(selectors[e]) || selectors[e] == '-' || selectors[e] == '_'))
              name.push_back(lower(selectors[e++]));
            if (!name.empty() && struck_classes_.size() < 4096) struck_classes_.insert(name);
            k = e - 1;
          }
        }
        if (rb == std::string_view::npos) break;
        sel = rb + 1;
      }
      if (close == std::string_view::npos) return;
      at = close + 1;
    }
  }

  static std::size_t find_ci(std::string_view s, std::string_view w, std::size_t from) {
    for (std::size_t i = from; i + w.size() <= s.size(); ++i)
      if (starts_with_ci(s, i, w)) return i;
    return std::string_view::npos;
  }

  std::string_view s_;
  std::string out_;
  bool pending_space_ = false;
  bool pre_ = false;
  std::unordered_set<std::string> struck_classes_;
  std::vector<bool> spans_;  ///< open <span>s: struck or not
};

}  // namespace

bool looks_like_html(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && space(text[i])) ++i;
  return starts_with_ci(text, i, "<!doctype html") || starts_with_ci(text, i, "<html") ||
         (starts_with_ci(text, i, "<") && text.substr(i, 4096).find("<body") != std::string_view::npos);
}

std::string html_text(std::string_view utf8) { return HtmlText(utf8).run(); }

}  // namespace automark::intake
