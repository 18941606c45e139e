// The examiner's text report and the Markdown report for an LMS.
#include <string>

#include "automark/report.h"
#include "report/report_local.h"

namespace automark {

namespace {

using report_detail::flags_of;
using report_detail::marks_str;
using report_detail::one_line;
using report_detail::paper_label;

std::string quote_evidence(const std::vector<Evidence>& ev) {
  std::string s;
  for (const auto& e : ev) {
    if (!s.empty()) s += ", ";
    s += "\"" + one_line(e.text, 80) + "\"";
  }
  return s;
}

std::string words_line(const PartResult& p) {
  std::string s = std::to_string(p.words) + (p.words == 1 ? " word" : " words");
  if (p.word_limit) s += " (limit " + std::to_string(*p.word_limit) + ")";
  if (p.truncated) {
    s += ", cut after word " + std::to_string(p.cut_word);
    if (p.cut_offset) s += " (offset " + std::to_string(*p.cut_offset) + ")";
  }
  if (p.attempts > 1)
    s += ", " + std::to_string(p.attempts) + " attempts, attempt " + std::to_string(p.attempt) +
         " counts";
  return s;
}

std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

// Markdown: escape what would change the meaning of inline text.
std::string md(std::string_view s) {
  std::string out;
  for (char c : one_line(s, 400)) {
    if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string md_quote(const std::vector<Evidence>& ev) {
  std::string s;
  for (const auto& e : ev) {
    if (!s.empty()) s += ", ";
    s += "\"" + md(one_line(e.text, 80)) + "\"";
  }
  return s;
}

}  // namespace

std::string report_text(const MarkSheet& sheet, const Script& script) {
  std::string o;
  o += sheet.rubric_code + "  student " + (sheet.student.empty() ? "(unknown)" : sheet.student);
  if (!sheet.student_source.empty()) o += " (" + sheet.student_source + ")";
  o += "\n";
  o += "source: " + sheet.source;
  if (!script.format.empty()) o += " (" + script.format + ")";
  o += "\n";
  o += "TOTAL " + marks_str(sheet.awarded) + " / " + marks_str(sheet.max) + "\n";
  for (const auto& q : sheet.questions) {
    o += "\nQuestion " + q.id + "  ";
    if (q.attempted) {
      o += marks_str(q.awarded) + " / " + marks_str(q.max);
      o += q.counted ? "  counted" : "  NOT COUNTED";
    } else {
      o += "not attempted";
      o += q.counted ? " (counts as 0 / " + marks_str(q.max) + ")" : "";
    }
    o += "\n";
    if (!q.attempted) continue;
    for (const auto& p : q.parts) {
      o += "  " + pad(p.id, 9) + pad(marks_str(p.awarded) + " / " + marks_str(p.max), 10);
      if (!p.attempted) {
        o += "not attempted\n";
        continue;
      }
      o += words_line(p) + "\n";
      if (!p.selected.empty() || p.concepts.empty()) {
        std::string sel;
        for (const auto& s : p.selected) sel += (sel.empty() ? "" : ", ") + s;
        o += "      selected: " + (sel.empty() ? std::string("(nothing)") : sel) + "\n";
      }
      for (const auto& c : p.concepts) {
        std::string m = marks_str(c.awarded) + "/" + marks_str(c.max);
        if (c.credited) {
          o += "      + " + c.id + " " + m + ": " + quote_evidence(c.evidence);
          if (!c.note.empty()) o += " [" + c.note + "]";
          o += "\n";
        } else {
          o += "      - " + c.id + " " + m + " missed";
          if (!c.feedback.empty()) o += ": " + one_line(c.feedback);
          o += "\n";
        }
      }
      for (const auto& m : p.misconceptions) {
        o += "      ! " + m.id + " -" + marks_str(m.penalty) + ": " + quote_evidence(m.evidence);
        if (!m.cancelled.empty()) {
          o += " (cancels";
          for (const auto& c : m.cancelled) o += " " + c;
          o += ")";
        }
        o += "\n";
      }
      for (const auto& id : p.lost_to_limit) o += "      > " + id + " appears after the word limit\n";
    }
  }
  if (!sheet.flags.empty()) {
    o += "\nFLAGS\n";
    for (const auto& f : sheet.flags)
      o += "  " + (f.part.empty() ? std::string("script") : f.part) + ": " + f.reason + " [" +
           f.code + "]\n";
  }
  if (!sheet.voided.empty()) {
    o += "\nVOIDED\n";
    for (const auto& v : sheet.voided)
      o += "  " + (v.part.empty() ? std::string("?") : v.part) + " [" +
           std::to_string(v.span.start) + ", " + std::to_string(v.span.end) + "): " + v.reason +
           "\n";
  }
  return o;
}

std::string report_markdown(const MarkSheet& sheet, const Script& script) {
  (void)script;
  std::string o;
  o += "# " + md(sheet.rubric_code) + ": " + md(sheet.student.empty() ? "unknown" : sheet.student) +
       "\n\n";
  o += "**Total: " + marks_str(sheet.awarded) + " / " + marks_str(sheet.max) + "**\n";
  for (const auto& q : sheet.questions) {
    o += "\n## Question " + md(q.id) + ": ";
    if (q.attempted)
      o += marks_str(q.awarded) + " / " + marks_str(q.max) +
           (q.counted ? " (counts)" : " (marked, does not count)");
    else
      o += "not attempted";
    o += "\n";
    if (!q.attempted) continue;
    for (const auto& p : q.parts) {
      o += "\n### " + md(paper_label(p.id)) + ": " + marks_str(p.awarded) + " / " +
           marks_str(p.max) + "\n\n";
      if (!p.attempted) {
        o += "Not answered.\n";
        continue;
      }
      if (!p.selected.empty() || p.concepts.empty()) {
        std::string sel;
        for (const auto& id : p.selected) sel += (sel.empty() ? "" : ", ") + md(id);
        o += "Selected: " + (sel.empty() ? std::string("nothing") : sel) + ".\n\n";
      }
      if (p.word_limit) {
        o += std::to_string(p.words) + " of " + std::to_string(*p.word_limit) + " words";
        if (p.truncated)
          o += "; only the first " + std::to_string(*p.word_limit) +
               " were marked";
        o += ".\n\n";
      }
      for (const auto& c : p.concepts) {
        if (c.credited && c.awarded > 0) {
          o += "- Credit (" + marks_str(c.awarded) + "): " + md_quote(c.evidence) + "\n";
        } else if (!c.credited) {
          if (!c.feedback.empty() && !c.hint_reveals)
            o += "- Missed (" + marks_str(c.max) + "): " + md(c.feedback) + "\n";
          else
            o += "- Missed (" + marks_str(c.max) + "): a further point was expected here.\n";
        }
      }
      for (const auto& m : p.misconceptions) {
        o += "- Deducted (" + marks_str(m.penalty) + "): " + md_quote(m.evidence);
        if (!m.feedback.empty()) o += ": " + md(m.feedback);
        o += "\n";
      }
      if (!p.lost_to_limit.empty())
        o += "- A point you made after the word limit was not marked.\n";
    }
  }
  if (!sheet.flags.empty()) {
    o += "\n## Flagged for review\n\n";
    for (const auto& f : sheet.flags)
      o += "- " + (f.part.empty() ? std::string("script") : "**" + md(f.part) + "**") + ": " +
           md(f.reason) + "\n";
  }
  return o;
}

}  // namespace automark
