// RTF text (WordPad, macOS TextEdit, Word's "Rich Text Format"): one pass over
// the bytes with an explicit group stack (nesting is bounded, so a hostile file
// cannot overflow anything). Paragraphs, line breaks and table cells end lines;
// \'hh bytes are Windows-1252 (the code page every Western editor writes);
// \uN escapes are decoded and their fallback characters skipped; font and
// colour tables, style sheets, document info, pictures, headers, footers,
// footnotes, field instructions and every {\* ...} destination are left out;
// struck-through text becomes ~~text~~, as in Markdown, so that segmentation
// voids it.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what, kExitUnreadable);
}

constexpr std::size_t kMaxDepth = 512;

struct State {
  bool skip = false;    // inside a destination whose text is not shown
  bool strike = false;  // \strike, \striked1
  int uc = 1;           // fallback characters after a \uN escape
};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Destinations whose content is not part of the text a reader sees.
bool hidden_destination(std::string_view w) {
  static constexpr std::array<std::string_view, 36> kHidden = {
      "fonttbl",   "colortbl",   "stylesheet", "info",       "pict",         "header",
      "headerl",   "headerr",    "headerf",    "footer",     "footerl",      "footerr",
      "footerf",   "footnote",   "object",     "objdata",    "themedata",    "colorschememapping",
      "latentstyles", "datastore", "xmlnstbl", "listtable",  "listoverridetable", "rsidtbl",
      "generator", "filetbl",    "revtbl",     "pgdsctbl",   "fldinst",      "xe",
      "tc",        "template",   "private",    "pn",         "annotation",   "atnid"};
  for (std::string_view h : kHidden)
    if (w == h) return true;
  return false;
}

/// A control word standing for one character.
std::string_view char_word(std::string_view w) {
  if (w == "tab") return "\t";
  if (w == "emdash") return "\u2014";
  if (w == "endash") return "\u2013";
  if (w == "lquote") return "\u2018";
  if (w == "rquote") return "\u2019";
  if (w == "ldblquote") return "\u201C";
  if (w == "rdblquote") return "\u201D";
  if (w == "bullet") return "\u2022";
  if (w == "emspace" || w == "enspace" || w == "qmspace") return " ";
  return {};
}

}  // namespace

std::string rtf_text(std::string_view b, const std::string& name) {
  LineBuilder lb{"", "", "", ScriptLimits::kMaxTextBytes, name};
  std::vector<State> stack;
  State st;
  int fallback = 0;           // \uN fallback characters still to skip
  char32_t high = 0;          // a pending high surrogate from \uN
  std::string run;            // decoded text not yet handed to the line builder
  auto flush = [&] {
    if (!run.empty()) lb.text(run, st.strike);
    run.clear();
  };
  auto emit = [&](char32_t cp) {
    if (st.skip) return;
    if (fallback > 0) {
      --fallback;
      return;
    }
    append_utf8(run, cp);
  };
  auto end_line = [&] {
    if (st.skip) return;
    flush();
    lb.end_line(false);
  };
  const std::size_t n = b.size();
  std::size_t i = 0;
  while (i < n) {
    const char c = b[i];
    if (c == '{') {
      flush();
      if (stack.size() >= kMaxDepth)
        fail(name, "RTF groups nested deeper than " + std::to_string(kMaxDepth) + "; refused");
      stack.push_back(st);
      fallback = 0;
      ++i;
      if (i + 1 < n && b[i] == '\\' && b[i + 1] == '*') {
        st.skip = true;  // "{\*": an optional destination, never part of the visible text
        i += 2;
      }
      continue;
    }
    if (c == '}') {
      flush();
      if (!stack.empty()) {
        st = stack.back();
        stack.pop_back();
      }
      fallback = 0;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      ++i;  // line breaks in the file are not text
      continue;
    }
    if (c != '\\') {
      emit(static_cast<unsigned char>(c) < 0x80 ? static_cast<char32_t>(c)
                                                : cp1252_code_point(static_cast<unsigned char>(c)));
      ++i;
      continue;
    }
    // A control word or symbol.
    ++i;
    if (i >= n) break;
    const char d = b[i];
    if (!is_letter(d)) {
      ++i;
      switch (d) {
        case '\\': case '{': case '}':
          emit(static_cast<char32_t>(d));
          break;
        case '~':
          emit(0xA0);
          break;
        case '_':
          emit('-');
          break;
        case '\'': {
          const int h1 = i < n ? hex_value(b[i]) : -1;
          const int h2 = i + 1 < n ? hex_value(b[i + 1]) : -1;
          if (h1 >= 0 && h2 >= 0) {
            i += 2;
            emit(cp1252_code_point(static_cast<unsigned char>(h1 * 16 + h2)));
          } else if (h1 >= 0) {
            ++i;  // a cut-off escape: its one digit is not text
          }
          break;
        }
        case '\n': case '\r':  // "\" before a line break: a paragraph (TextEdit)
          end_line();
          break;
        case '*':
          st.skip = true;  // "\*" not right after "{": the rest of the group is optional
          break;
        default:  // \- (optional hyphen), \| \: (formulas), others: nothing to show
          break;
      }
      continue;
    }
    const std::size_t ws = i;
    while (i < n && is_letter(b[i]) && i - ws < 32) ++i;
    const std::string_view word = b.substr(ws, i - ws);
    bool has_param = false, negative = false;
    long param = 0;
    if (i < n && b[i] == '-' && i + 1 < n && is_digit(b[i + 1])) {
      negative = true;
      ++i;
    }
    for (int k = 0; i < n && is_digit(b[i]) && k < 10; ++k, ++i) {
      has_param = true;
      param = param * 10 + (b[i] - '0');
    }
    if (negative) param = -param;
    if (i < n && b[i] == ' ') ++i;  // the delimiter space belongs to the control word
    if (word == "bin") {
      // Raw binary data: skipped, never read as text.
      const std::size_t len = has_param && param > 0 ? static_cast<std::size_t>(param) : 0;
      i = len > n - i ? n : i + len;
      continue;
    }
    if (hidden_destination(word)) {
      flush();
      st.skip = true;
      continue;
    }
    if (word == "par" || word == "line" || word == "sect" || word == "page" || word == "row" || word == "cell" ||
        word == "nestcell" || word == "nestrow") {
      end_line();
      continue;
    }
    if (word == "u" && has_param) {
      long v = param < 0 ? param + 65536 : param;
      const char32_t cp = static_cast<char32_t>(v);
      const int skip_after = st.uc;
      if (cp >= 0xD800 && cp < 0xDC00) {
        high = cp;
      } else if (cp >= 0xDC00 && cp < 0xE000 && high != 0) {
        emit(0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00));
        high = 0;
      } else {
        high = 0;
        emit(cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : cp);
      }
      fallback = st.skip ? 0 : skip_after;
      continue;
    }
    if (word == "uc") {
      st.uc = has_param && param >= 0 && param < 16 ? static_cast<int>(param) : 1;
      continue;
    }
    if (word == "strike" || word == "striked") {
      flush();
      st.strike = !has_param || param != 0;
      continue;
    }
    if (word == "plain") {
      flush();
      st.strike = false;
      continue;
    }
    if (const std::string_view ch = char_word(word); !ch.empty()) {
      if (!st.skip && fallback == 0) run += ch;
      else if (fallback > 0) --fallback;
      continue;
    }
    // Every other control word (formatting, layout) shows nothing.
  }
  flush();
  lb.end_line(false);
  return lb.out;
}

}  // namespace automark::intake
