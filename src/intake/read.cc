// Script intake: from a file (or bytes) to Scripts. Detects the format by
// content (the extension is only a hint), enforces the size limits, finds the
// student id, and hands free text to segment_script(). See docs/intake.md.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_internal.h"

namespace automark {
namespace intake {

// ---------------------------------------------------------------- utilities

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

std::string file_stem(const std::string& name) {
  std::string base = name;
  auto slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  auto colon = base.find(':');  // "file.csv:row 3" style names
  if (colon != std::string::npos && colon > 0) base = base.substr(0, colon);
  auto dot = base.find_last_of('.');
  if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
  return base;
}

std::string file_ext(const std::string& name) {
  std::string base = name;
  auto slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  auto dot = base.find_last_of('.');
  if (dot == std::string::npos || dot == 0) return "";
  return lower_ascii(base.substr(dot + 1));
}

namespace {

void collect_leaves(const Part& p, std::vector<const Part*>& out) {
  if (p.leaf()) {
    out.push_back(&p);
    return;
  }
  for (const Part& c : p.parts) collect_leaves(c, out);
}

/// "Q1(b)(ii)", "1b ii", "1.B.II" -> "1.b.ii": alphanumeric runs, split where
/// digits meet letters, joined by dots, after dropping a "question"/"q" prefix.
std::string canonical_id(std::string_view id) {
  std::string s = lower_ascii(trim(id));
  if (s.rfind("question", 0) == 0) s = s.substr(8);
  else if (s.size() > 1 && s[0] == 'q' && s[1] >= '0' && s[1] <= '9') s = s.substr(1);
  std::string out, tok;
  auto flush = [&] {
    if (tok.empty()) return;
    if (!out.empty()) out += '.';
    out += tok;
    tok.clear();
  };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto alpha = [](char c) { return c >= 'a' && c <= 'z'; };
  for (char c : s) {
    if (digit(c) || alpha(c)) {
      if (!tok.empty() && digit(tok.back()) != digit(c)) flush();
      tok += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

/// Key words that carry no part component ("Q4 part c", "Answer 2.b", "ans 1 b ii").
bool filler_word(std::string_view w) {
  for (std::string_view f : {"question", "ques", "qn", "qu", "q", "part", "pt", "answer", "ans", "no", "sub",
                             "response", "responses", "text"})
    if (w == f) return true;
  return false;
}

/// Follow a key's components down the rubric: a component is a child's label,
/// a number where the children are roman numerals ("2.d.1" is 2.d.i), or a run
/// of letters that splits into several labels ("1cv" is 1.c.v).
const Part* walk_key(const std::vector<Part>& level, const std::vector<std::string>& toks, std::size_t k) {
  if (k == toks.size()) return nullptr;
  const std::string& t = toks[k];
  auto child = [&](std::string_view label) -> const Part* {
    for (const Part& p : level)
      if (lower_ascii(p.label) == label) return &p;
    return nullptr;
  };
  auto descend = [&](const Part* p, std::size_t next) -> const Part* {
    if (next == toks.size()) return p->leaf() ? p : nullptr;
    return p->leaf() ? nullptr : walk_key(p->parts, toks, next);
  };
  if (const Part* p = child(t))
    if (const Part* r = descend(p, k + 1)) return r;
  if (std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) && t.size() <= 2) {
    if (const Part* p = child(roman(std::stoi(t), false)))
      if (const Part* r = descend(p, k + 1)) return r;
  } else if (t.size() > 1) {
    for (std::size_t cut = 1; cut < t.size(); ++cut) {
      const Part* p = child(std::string_view(t).substr(0, cut));
      if (p == nullptr || p->leaf()) continue;
      std::vector<std::string> rest(toks.begin(), toks.end());
      rest[k] = t.substr(cut);
      if (const Part* r = walk_key(p->parts, rest, k)) return r;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<const Part*> leaf_parts(const Rubric& rubric) {
  std::vector<const Part*> out;
  for (const Part& q : rubric.questions) collect_leaves(q, out);
  return out;
}

const Part* find_leaf(const Rubric& rubric, std::string_view id) {
  std::string want = lower_ascii(trim(id));
  if (want.empty()) return nullptr;
  auto leaves = leaf_parts(rubric);
  for (const Part* p : leaves)
    if (lower_ascii(p->id) == want) return p;
  std::string canon = canonical_id(id);
  if (canon.empty()) return nullptr;
  for (const Part* p : leaves)
    if (canonical_id(p->id) == canon) return p;
  // Guided by the rubric: "Q4 part c", "2.d.1", "1cv", "Answer 1 b ii".
  std::vector<std::string> toks;
  std::string low = lower_ascii(trim(id)), tok;
  // "Q4b [6 marks]", "2.e (6 marks)": a bracketed note about marks is not part of the id.
  for (char open : {'[', '('}) {
    const char close = open == '[' ? ']' : ')';
    for (std::size_t b = low.find(open); b != std::string::npos; b = low.find(open, b)) {
      const std::size_t e = low.find(close, b);
      if (e == std::string::npos) break;
      const std::string inner = low.substr(b + 1, e - b - 1);
      if (open == '[' || inner.find("mark") != std::string::npos) low.erase(b, e - b + 1);
      else b = e;
    }
  }
  auto flush = [&] {
    if (!tok.empty() && !filler_word(tok)) toks.push_back(tok);
    tok.clear();
  };
  for (char c : low) {
    const bool digit = c >= '0' && c <= '9', alpha = c >= 'a' && c <= 'z';
    if (!digit && !alpha) {
      flush();
      continue;
    }
    const bool tok_digit = !tok.empty() && tok.back() >= '0' && tok.back() <= '9';
    if (!tok.empty() && tok_digit != digit) {
      // "q4": the question word's letter joined to its number
      if (!(tok == "q" && digit)) flush();
      else tok.clear();
    }
    tok += c;
  }
  flush();
  if (toks.empty() || toks.size() > 8) return nullptr;
  return walk_key(rubric.questions, toks, 0);
}

// Windows-1252 (Western European), what Windows editors save "ANSI" text as:
// 0x80-0x9F are the table below (0 = undefined, read as U+FFFD), 0xA0-0xFF are
// Latin-1 (U+00A0-U+00FF).
char32_t cp1252_code_point(unsigned char c) {
  static constexpr char32_t k80[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  if (c < 0x80 || c >= 0xA0) return c;
  const char32_t u = k80[c - 0x80];
  return u ? u : 0xFFFD;
}

}  // namespace intake

namespace {

using intake::lower_ascii;
using intake::trim;

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what, kExitUnreadable);
}

std::string mib(std::size_t bytes) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

void put_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

/// UTF-16 (after its BOM) to UTF-8; unpaired surrogates and an odd last byte
/// become U+FFFD (counted in `bad`).
std::string cp1252_to_utf8(std::string_view b) {
  std::string out;
  out.reserve(b.size() + b.size() / 4);
  for (unsigned char c : b) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
    else append_utf8(out, intake::cp1252_code_point(c));
  }
  return out;
}

/// True when a text that is not valid UTF-8 reads as Windows-1252: nearly
/// every byte at or above 0x80 is outside a valid UTF-8 sequence (a UTF-8 file
/// with a few damaged bytes keeps most of its multi-byte characters valid).
bool looks_like_cp1252(std::string_view text) {
  std::size_t high = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) continue;
    ++high;
    // Not typed Western text: bytes Windows-1252 leaves undefined, ÿþ (a stray
    // byte order mark, 0xFF runs), or a lead byte followed by all the
    // continuation bytes it announces (overlong UTF-8 such as C0 AE); "é”"
    // (E9 94 then a space) is Windows-1252.
    if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D || c == 0xFE || c == 0xFF) return false;
    if (c >= 0xC0) {  // the shape of a UTF-8 sequence (lead + all its continuation bytes): overlong UTF-8
      const std::size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      bool shaped = true;
      for (std::size_t k = 1; k <= need && shaped; ++k)
        shaped = i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xC0u) == 0x80u;
      if (shaped) return false;
    }
  }
  if (high == 0) return false;
  std::size_t stray = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t c = next_code_point(text, i);
    if (c == 0xFFFD && !(i - at == 3 && static_cast<unsigned char>(text[at]) == 0xEF)) stray += i - at;
  }
  return stray * 10 >= high * 9;
}

std::string utf16_to_utf8(std::string_view b, bool little, std::size_t& bad) {
  std::string out;
  out.reserve(b.size());
  auto unit = [&](std::size_t i) -> char32_t {
    auto lo = static_cast<unsigned char>(b[i + (little ? 0 : 1)]);
    auto hi = static_cast<unsigned char>(b[i + (little ? 1 : 0)]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  std::size_t i = 0;
  while (i + 1 < b.size()) {
    char32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < b.size()) {
        char32_t v = unit(i);
        if (v >= 0xDC00 && v <= 0xDFFF) {
          i += 2;
          put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
          continue;
        }
      }
      ++bad;
      put_utf8(out, 0xFFFD);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      ++bad;
      put_utf8(out, 0xFFFD);
    } else {
      put_utf8(out, u);
    }
  }
  if (i < b.size()) {
    ++bad;
    put_utf8(out, 0xFFFD);
  }
  return out;
}

bool is_id_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
         c == '_' || c == '.' || c == '/';
}

/// An id value: the first run of id characters, trailing dots dropped.
std::string id_value(std::string_view v) {
  v = trim(v);
  while (!v.empty() && (v.front() == '*' || v.front() == '"' || v.front() == '\'' || v.front() == '`' ||
                        v.front() == ' '))
    v.remove_prefix(1);
  std::size_t n = 0;
  while (n < v.size() && is_id_char(v[n])) ++n;
  std::string out(v.substr(0, n));
  while (!out.empty() && (out.back() == '.' || out.back() == '_')) out.pop_back();
  while (!out.empty() && out.front() == '_') out.erase(0, 1);
  if (out.size() > 64) return "";
  bool alnum = false;
  for (char c : out) alnum |= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return alnum ? out : "";
}

/// Labels of an id line, lower case; `colon` = the label needs a ':' after it.
struct IdLabel {
  std::string_view label;
  bool colon;
};
constexpr IdLabel kIdLabels[] = {
    {"student id", false},       {"student number", false},  {"student no.", false},
    {"student no", false},       {"student #", false},       {"candidate number", false},
    {"candidate no.", false},    {"candidate no", false},    {"candidate id", false},
    {"candidate #", false},      {"exam number", false},     {"examination number", false},
    {"student", true},           {"candidate", true},        {"id", true},
};

/// The id after an id label that ends at `at` in `s`, or "".
std::string id_after_label(std::string_view s, const IdLabel& l, std::size_t at) {
  std::string_view rest = s.substr(at);
  if (!rest.empty() && is_id_char(rest.front()) && rest.front() != '.') return "";  // "identity", "students"
  while (!rest.empty() && (rest.front() == '*' || rest.front() == '_' || rest.front() == ' ' || rest.front() == '\t'))
    rest.remove_prefix(1);
  bool has_colon = !rest.empty() && (rest.front() == ':' || rest.front() == '=');
  if (has_colon) rest.remove_prefix(1);
  if (l.colon && !has_colon) return "";
  if (!has_colon && !rest.empty() && rest.front() == '-') rest.remove_prefix(1);
  while (!rest.empty() && (rest.front() == '*' || rest.front() == '_' || rest.front() == ' '))
    rest.remove_prefix(1);
  return id_value(rest);
}

/// The id on one line ("Student ID: 12345", "**Candidate number:** 4821"), or "".
/// A label may also stand inside a short heading line, after other words
/// ("ECS7013P resit - Candidate number 2702405", "Name: Jo Bloggs (resit) Student
/// number 2702410"); there the id must hold a digit, so prose ("the student id
/// is ...") is never read as one.
std::string id_from_line(std::string_view line) {
  std::string_view s = trim(line);
  while (!s.empty() && (s.front() == '#' || s.front() == '*' || s.front() == '_' || s.front() == '>' ||
                        s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  std::string low = lower_ascii(s.substr(0, 40));
  for (const IdLabel& l : kIdLabels) {
    if (!starts_with(low, l.label)) continue;
    std::string v = id_after_label(s, l, l.label.size());
    if (!v.empty()) return v;
  }
  if (s.size() > 120) return "";
  low = lower_ascii(s);
  auto has_digit = [](const std::string& v) { return std::any_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  for (std::size_t i = 1; i < low.size(); ++i) {
    const char before = low[i - 1];
    if ((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9')) continue;
    for (const IdLabel& l : kIdLabels) {
      if (low.compare(i, l.label.size(), l.label) != 0) continue;
      std::string v = id_after_label(s, l, i + l.label.size());
      if (!v.empty() && has_digit(v)) return v;
    }
  }
  return "";
}

/// Front matter "---\nstudent: 12345\n---" at the top of the text.
std::string id_from_front_matter(std::string_view text) {
  std::size_t pos = 0;
  auto next_line = [&](std::string_view& line) {
    if (pos >= text.size()) return false;
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    return true;
  };
  std::string_view line;
  if (!next_line(line) || trim(line) != "---") return "";
  std::string found;
  for (int n = 0; n < 64 && next_line(line); ++n) {
    std::string_view t = trim(line);
    if (t == "---" || t == "...") return found;
    auto colon = t.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = lower_ascii(trim(t.substr(0, colon)));
    if (key == "student" || key == "student_id" || key == "student id" || key == "candidate" ||
        key == "candidate_number" || key == "candidate number" || key == "id") {
      std::string v = id_value(t.substr(colon + 1));
      if (!v.empty() && found.empty()) found = v;
    }
  }
  return "";  // no closing line: not front matter
}

void find_student(Script& s, const std::string& name) {
  std::string v = id_from_front_matter(s.text);
  if (!v.empty()) {
    s.student = v;
    s.student_source = "front-matter";
    return;
  }
  // An id line among the first 15 non-blank lines.
  std::size_t pos = 0;
  int nonblank = 0;
  while (pos < s.text.size() && nonblank < 15) {
    auto nl = s.text.find('\n', pos);
    if (nl == std::string::npos) nl = s.text.size();
    std::string_view line(s.text.data() + pos, nl - pos);
    pos = nl + 1;
    if (trim(line).empty()) continue;
    ++nonblank;
    v = id_from_line(line);
    if (!v.empty()) {
      s.student = v;
      s.student_source = "id-line";
      return;
    }
  }
  s.student = intake::file_stem(name);
  s.student_source = "filename";
}

bool is_structured_json(std::string_view bytes) {
  if (!nlohmann::json::accept(bytes)) return false;
  try {
    auto j = nlohmann::json::parse(bytes);
    auto has = [](const nlohmann::json& o) {
      return o.is_object() && (o.contains("answers") || o.contains("responses"));
    };
    if (has(j)) return true;
    if (j.is_array() && !j.empty()) {
      for (const auto& e : j)
        if (!has(e)) return false;
      return true;
    }
  } catch (const std::exception&) {
  }
  return false;
}

/// A YAML mapping with a top-level "answers:" key (checked cheaply first).
bool looks_like_structured_yaml(std::string_view s) {
  std::size_t pos = 0;
  bool answers = false, student = false;
  while (pos < s.size()) {
    auto nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view line = s.substr(pos, nl - pos);
    pos = nl + 1;
    if (starts_with(line, "answers:")) answers = true;
    if (starts_with(line, "student:") || starts_with(line, "- student:")) student = true;
  }
  return answers && student;
}

void check_text_size(const std::string& name, std::size_t n) {
  if (n > ScriptLimits::kMaxTextBytes)
    fail(name, "text is " + mib(n) + ", over the " + mib(ScriptLimits::kMaxTextBytes) +
                   " limit for one script");
}

/// Finish a free-text script: repair, id, segmentation; intake flags first.
Script finish_free_text(std::string raw, const std::string& name, const std::string& format,
                        const std::string& sha, std::vector<Flag> flags, const Rubric& rubric) {
  check_text_size(name, raw.size());
  Script s;
  s.source = name;
  s.format = format;
  s.sha256 = sha;
  Utf8Repair rep = repair_utf8(raw);
  if (rep.replaced > 0) {
    flags.push_back({"", "invalid-utf8",
                     std::to_string(rep.replaced) +
                         " invalid UTF-8 sequence(s) replaced by U+FFFD; first at byte " +
                         std::to_string(rep.first_bad)});
  }
  s.text = std::move(rep.text);
  if (trim(s.text).empty()) fail(name, "no text in the file (only white space)");
  find_student(s, name);
  s.flags.clear();
  segment_script(s, rubric);
  s.flags.insert(s.flags.begin(), flags.begin(), flags.end());
  return s;
}

}  // namespace

std::vector<Script> read_scripts_from_bytes(std::string_view bytes, const std::string& name,
                                            const Rubric& rubric) {
  if (bytes.empty()) fail(name, "empty file");
  if (bytes.size() > ScriptLimits::kMaxFileBytes)
    fail(name, "file is " + mib(bytes.size()) + ", over the " + mib(ScriptLimits::kMaxFileBytes) +
                   " limit for a script");
  const std::string ext = intake::file_ext(name);
  const std::string sha = sha256_hex(bytes);

  // Binary containers first: the content decides, whatever the extension.
  if (intake::looks_like_zip(bytes)) {
    // Spreadsheets: the worksheet's table, read as the same table saved as CSV.
    if (auto table = intake::sheet_table(bytes, name)) return intake::read_table(std::move(*table), name, rubric, sha);
    if (intake::looks_like_odt(bytes) || ext == "odt")
      return {finish_free_text(intake::odt_text(bytes, name), name, "odt", sha, {}, rubric)};
    std::string text = intake::docx_text(bytes, name);
    return {finish_free_text(std::move(text), name, "docx", sha, {}, rubric)};
  }
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    std::string text = intake::pdf_text(bytes, name);
    return {finish_free_text(std::move(text), name, "pdf", sha, {}, rubric)};
  }
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) fail(name, intake::ole_file_problem(bytes, ext));
  if (starts_with(bytes, "{\\rtf")) return {finish_free_text(intake::rtf_text(bytes, name), name, "rtf", sha, {}, rubric)};
  if (ext == "docx") fail(name, "not a .docx (a .docx is a zip archive; this file is not one)");
  if (ext == "pdf") fail(name, "not a PDF (no %PDF- header)");
  if (ext == "odt") fail(name, "not an .odt (an .odt is a zip archive; this file is not one)");
  if (ext == "xlsx" || ext == "xlsm")
    fail(name, "not an .xlsx (an .xlsx is a zip archive; this file is not one; a CSV export should be named .csv)");
  if (ext == "ods") fail(name, "not an .ods (an .ods is a zip archive; this file is not one)");

  // Text encodings.
  std::string decoded;
  std::vector<Flag> flags;
  std::string_view text = bytes;
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    std::size_t bad = 0;
    decoded = utf16_to_utf8(bytes.substr(2), bytes[0] == '\xFF', bad);
    if (bad > 0)
      flags.push_back({"", "invalid-utf16", std::to_string(bad) + " invalid UTF-16 unit(s) replaced by U+FFFD"});
    text = decoded;
  } else if (starts_with(bytes, "\xEF\xBB\xBF")) {
    text = bytes.substr(3);  // BOM dropped: offsets are into Script::text
  } else if (!is_valid_utf8(bytes) && looks_like_cp1252(bytes)) {
    decoded = cp1252_to_utf8(bytes);
    flags.push_back({"", "windows-1252", "the file is not UTF-8: read as Windows-1252 (Western European)"});
    text = decoded;
  }
  auto nul = text.find('\0');
  if (nul != std::string_view::npos)
    fail(name, "binary file (NUL byte at offset " + std::to_string(nul) +
                   "); a script must be text, Markdown, HTML, LaTeX, a Jupyter notebook, .docx, .odt, RTF, .pdf,"
                   " JSON, YAML, CSV, .xlsx or .ods"
                   " (UTF-16 text needs its byte order mark)");

  // HTML (a web form's receipt, a page saved from the browser): its visible text.
  if (ext == "html" || ext == "htm" || ext == "xhtml" || intake::looks_like_html(text))
    return {finish_free_text(intake::html_text(text), name, "html", sha, std::move(flags), rubric)};

  // A Jupyter notebook (JSON, but cells rather than answers), LaTeX source.
  if (ext == "ipynb" || intake::looks_like_notebook(text)) {
    // JSON must be UTF-8: repaired first (flagged), as for JSON answers.
    Utf8Repair rep = repair_utf8(text);
    if (rep.replaced > 0)
      flags.push_back({"", "invalid-utf8",
                       std::to_string(rep.replaced) + " invalid UTF-8 sequence(s) in the notebook replaced by U+FFFD"});
    return {finish_free_text(intake::notebook_text(rep.text, name), name, "ipynb", sha, std::move(flags), rubric)};
  }
  if (ext == "tex" || ext == "latex" || ext == "ltx" || intake::looks_like_latex(text))
    return {finish_free_text(intake::latex_text(text, name), name, "latex", sha, std::move(flags), rubric)};

  // Structured answers.
  std::string_view t = trim(text);
  if (ext == "json" || (!t.empty() && (t.front() == '{' || t.front() == '[') && is_structured_json(text)))
    return intake::read_json(text, name, rubric, sha);
  if (ext == "yaml" || ext == "yml") return intake::read_yaml(text, name, rubric, sha);
  if (looks_like_structured_yaml(text)) {
    try {
      return intake::read_yaml(text, name, rubric, sha);
    } catch (const Error&) {
      // Not a form export after all: read it as free text.
    }
  }
  if (ext == "csv" || ext == "tsv") {
    char d = intake::csv_header_delimiter(text);
    if (d == 0) d = ext == "tsv" ? '\t' : ',';
    return intake::read_csv(text, name, rubric, sha, d);
  }
  if (char d = intake::csv_header_delimiter(text); d != 0 && intake::csv_header_fits(text, d, rubric))
    return intake::read_csv(text, name, rubric, sha, d);

  std::string format = (ext == "md" || ext == "markdown" || ext == "mdown" || ext == "mkd") ? "markdown" : "text";
  // Pages separated by form feeds (OCR output of a scanned booklet): page
  // numbers and running headers would land in the middle of answers.
  if (text.find('\f') != std::string_view::npos)
    return {finish_free_text(intake::join_form_feed_pages(text), name, format, sha, std::move(flags), rubric)};
  return {finish_free_text(intake::drop_repeated_headers(text), name, format, sha, std::move(flags), rubric)};
}

std::vector<Script> read_scripts(const std::string& path, const Rubric& rubric) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail(path, std::string("cannot read: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) fail(path, "is a directory, not a script file");
  if (!S_ISREG(st.st_mode)) fail(path, "not a regular file");
  if (static_cast<unsigned long long>(st.st_size) > ScriptLimits::kMaxFileBytes)
    fail(path, "file is " + mib(static_cast<std::size_t>(st.st_size)) + ", over the " +
                   mib(ScriptLimits::kMaxFileBytes) + " limit for a script");
  if (st.st_size == 0) fail(path, "empty file");
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) fail(path, std::string("cannot open: ") + std::strerror(errno));
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t got = std::fread(bytes.data(), 1, bytes.size(), f.get());
  if (std::ferror(f.get())) fail(path, std::string("cannot read: ") + std::strerror(errno));
  if (got > ScriptLimits::kMaxFileBytes) fail(path, "file grew over the size limit while being read");
  bytes.resize(got);
  return read_scripts_from_bytes(bytes, path, rubric);
}

}  // namespace automark
