// The JSON report: the stable contract (docs/report.md, docs/report.schema.json).
// Keys in a fixed order (ordered_json), no timestamps, marks as short numbers.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "automark/report.h"
#include "automark/text.h"
#include "report/report_local.h"

namespace automark {

namespace {

using ojson = nlohmann::ordered_json;

// The report is written directly, laid out exactly as nlohmann's dump(2) lays
// out the same tree (two-space indent, "key": value, [] and {} when empty), so
// that a batch does not build a JSON tree per script only to print it. The
// byte-for-byte equality with dump(2) is a test (tests/report/report_test.cc).
class Writer {
 public:
  std::string out;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The next member's key (inside an object).
  void key(std::string_view k) {
    item();
    string_body(k);
    out += ": ";
    keyed_ = true;
  }
  void value(std::string_view s) {
    item();
    string_body(s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b) {
    item();
    out += b ? "true" : "false";
  }
  void null() {
    item();
    out += "null";
  }
  void value(std::int64_t v) {
    item();
    out += std::to_string(v);
  }
  void value(std::size_t v) {
    item();
    out += std::to_string(v);
  }
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  /// Marks: 2 -> 2, 1.5 -> 1.5 (rounded to 1/1000), as num() of the tree did.
  void marks(double m) {
    m = round_marks(m);
    if (m == std::floor(m) && std::fabs(m) < 1e15) {
      value(static_cast<std::int64_t>(m));
    } else {
      item();
      out += ojson(m).dump();  // nlohmann's shortest round-trip form of a double
    }
  }
  /// A member whose value is written by value(): `"key": value`.
  template <class T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }
  /// A member holding marks.
  void marks(std::string_view k, double m) {
    key(k);
    marks(m);
  }
  void strings(const std::vector<std::string>& v) {
    begin_array();
    for (const auto& s : v) value(s);
    end_array();
  }

 private:
  struct Level {
    std::size_t items = 0;
  };
  std::vector<Level> levels_;
  bool keyed_ = false;  // a key was just written: its value follows on the same line

  void newline_indent(std::size_t depth) {
    out += '\n';
    out.append(2 * depth, ' ');
  }
  void item() {
    if (keyed_) {
      keyed_ = false;
      return;
    }
    if (levels_.empty()) return;
    if (levels_.back().items++ > 0) out += ',';
    newline_indent(levels_.size());
  }
  void open(char c) {
    item();
    out += c;
    levels_.push_back({});
  }
  void close(char c) {
    const bool empty = levels_.back().items == 0;
    levels_.pop_back();
    if (!empty) newline_indent(levels_.size());
    out += c;
  }
  void string_body(std::string_view s) {
    if (!is_valid_utf8(s)) {  // cannot happen after intake; never throw on it
      out += ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace);
      return;
    }
    static const char* hex = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // start of the stretch that needs no escape
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
      }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
  }
};

void evidence(Writer& w, const std::vector<Evidence>& ev) {
  w.begin_array();
  for (const auto& e : ev) {
    w.begin_object();
    w.member("start", e.start);
    w.member("end", e.end);
    w.member("text", e.text);
    w.end_object();
  }
  w.end_array();
}

void part(Writer& w, const PartResult& p) {
  w.begin_object();
  w.member("id", p.id);
  w.member("attempted", p.attempted);
  w.marks("awarded", p.awarded);
  w.marks("max", p.max);
  w.member("words", p.words);
  w.key("word_limit");
  if (p.word_limit) w.value(*p.word_limit);
  else w.null();
  w.member("truncated", p.truncated);
  w.key("cut_offset");
  if (p.cut_offset) w.value(*p.cut_offset);
  else w.null();
  w.key("cut_word");
  if (p.truncated) w.value(p.cut_word);
  else w.null();
  w.member("attempts", p.attempts);
  w.key("span");
  if (p.attempted) {
    w.begin_object();
    w.member("start", p.start);
    w.member("end", p.end);
    w.end_object();
  } else {
    w.null();
  }
  w.key("selected");
  w.strings(p.selected);
  w.key("concepts");
  w.begin_array();
  for (const auto& c : p.concepts) {
    w.begin_object();
    w.member("id", c.id);
    w.member("credited", c.credited);
    w.marks("awarded", c.awarded);
    w.marks("max", c.max);
    w.key("evidence");
    evidence(w, c.evidence);
    if (!c.note.empty()) {
      w.member("note", c.note);
    }
    w.end_object();
  }
  w.end_array();
  w.key("misconceptions");
  w.begin_array();
  for (const auto& m : p.misconceptions) {
    w.begin_object();
    w.member("id", m.id);
    w.marks("penalty", m.penalty);
    w.key("cancelled");
    w.strings(m.cancelled);
    w.key("evidence");
    evidence(w, m.evidence);
    w.member("feedback", m.feedback);
    w.end_object();
  }
  w.end_array();
  w.key("feedback");
  w.strings(p.feedback);
  w.key("lost_to_limit");
  w.strings(p.lost_to_limit);
  w.end_object();
}

}  // namespace

const char* engine_version() { return AUTOMARK_VERSION; }

std::string report_json(const MarkSheet& sheet, const Script& script) {
  Writer w;
  w.out.reserve(16384);
  w.begin_object();
  w.member("schema", kReportSchemaVersion);
  w.member("engine", engine_version());
  w.key("rubric");
  w.begin_object();
  w.member("code", sheet.rubric_code);
  w.member("sha256", sheet.rubric_sha256);
  w.end_object();
  w.member("student", sheet.student);
  w.member("student_source", sheet.student_source);
  w.member("source", sheet.source);
  w.member("format", script.format);
  w.member("script_sha256", sheet.script_sha256);
  w.key("total");
  w.begin_object();
  w.marks("awarded", sheet.awarded);
  w.marks("max", sheet.max);
  w.end_object();
  w.key("questions");
  w.begin_array();
  for (const auto& q : sheet.questions) {
    w.begin_object();
    w.member("id", q.id);
    w.member("attempted", q.attempted);
    w.member("counted", q.counted);
    w.marks("awarded", q.awarded);
    w.marks("max", q.max);
    w.key("parts");
    w.begin_array();
    for (const auto& p : q.parts) part(w, p);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("flags");
  w.begin_array();
  for (const auto& f : sheet.flags) {
    w.begin_object();
    w.member("part", f.part);
    w.member("code", f.code);
    w.member("reason", f.reason);
    w.end_object();
  }
  w.end_array();
  w.key("voided");
  w.begin_array();
  for (const auto& v : sheet.voided) {
    w.begin_object();
    w.member("part", v.part);
    w.member("start", v.span.start);
    w.member("end", v.span.end);
    w.member("reason", v.reason);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.out += '\n';
  return std::move(w.out);
}

}  // namespace automark
