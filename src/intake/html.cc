// HTML uploads (a web form's receipt saved from the browser, an exported
// page): the text a browser would show, one block per line, so that the
// segmenter reads it like any typed script. A small state machine, linear in
// the input, with no regular expressions: tags are skipped (script, style and
// head with their content), block elements and <br> end lines, table cells are
// spaced, <li> items start lines, struck text (<del>, <s>, <strike>) becomes
// ~~text~~ as in Markdown, <sub>/<sup> become _ and ^, and character references
// are decoded, and a text field's value (<input value="...">) is its answer.
// White space runs collapse outside <pre> and <textarea>.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

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
      {"thinsp", 0x2009}};
  return m;
}

class HtmlText {
 public:
  explicit HtmlText(std::string_view s) : s_(s) {}

  std::string run() {
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

  std::string_view s_;
  std::string out_;
  bool pending_space_ = false;
  bool pre_ = false;
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
