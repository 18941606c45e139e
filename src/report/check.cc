// Friendly self-check feedback for students: what earned credit (in their own
// words), a hint for each missed point (unless the hint gives the answer
// away), where the word limit cut in, and which questions count. Never the
// rubric's patterns.
#include <string>

#include "automark/report.h"
#include "report/report_local.h"

namespace automark {

namespace {

using report_detail::marks_str;
using report_detail::one_line;
using report_detail::sub_label;
using report_detail::words_around;

struct Style {
  bool on;
  std::string wrap(const char* code, const std::string& s) const {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
  std::string bold(const std::string& s) const { return wrap("1", s); }
  std::string good(const std::string& s) const { return wrap("32", s); }
  std::string bad(const std::string& s) const { return wrap("31", s); }
  std::string warn(const std::string& s) const { return wrap("33", s); }
  std::string dim(const std::string& s) const { return wrap("2", s); }
};

std::string option_label(const Part* part, const std::string& id) {
  if (part && part->choice)
    for (const auto& o : part->choice->options)
      if (o.id == id) return o.label.empty() ? id : o.label;
  return id;
}

std::string list_ids(const std::vector<std::string>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) s += (i + 1 == ids.size()) ? " and " : ", ";
    s += ids[i];
  }
  return s;
}

}  // namespace

std::string report_check(const MarkSheet& sheet, const Script& script, const Rubric& rubric,
                         bool colour) {
  Style st{colour};
  std::string o;
  o += st.bold("Self-check for " + (rubric.exam.code.empty() ? sheet.rubric_code : rubric.exam.code));
  if (!sheet.student.empty()) o += " (" + sheet.student + ")";
  o += "\n" + st.dim("Practice feedback from automark: not an official mark.") + "\n";

  for (const auto& q : sheet.questions) {
    o += "\n" + st.bold("Question " + q.id);
    if (!q.attempted) {
      o += ": not answered";
      o += q.counted ? " (counts as 0)\n" : "\n";
      continue;
    }
    o += ": " + marks_str(q.awarded) + " / " + marks_str(q.max);
    o += q.counted ? "  " + st.good("counts towards your total") + "\n"
                   : "  " + st.warn("marked, but does not count") + "\n";
    for (const auto& p : q.parts) {
      const Part* part = rubric.find(p.id);
      std::string label = sub_label(p.id);
      if (label.empty()) label = "Answer";
      o += "  " + st.bold(label) + "  ";
      if (!p.attempted) {
        o += st.warn("not answered") + " (" + marks_str(p.max) +
             (p.max == 1 ? " mark" : " marks") + " available)\n";
        continue;
      }
      o += marks_str(p.awarded) + " / " + marks_str(p.max) + (p.max == 1 ? " mark" : " marks");
      if (p.word_limit) {
        std::string w = std::to_string(p.words) + " of " + std::to_string(*p.word_limit) + " words";
        o += "   " + (p.truncated ? st.warn(w + ": over the limit") : w);
      }
      o += "\n";
      if (p.truncated && p.cut_offset) {
        std::string_view answer_text(script.text);
        if (p.end > *p.cut_offset && p.end <= answer_text.size()) answer_text = answer_text.substr(0, p.end);
        auto [before, after] = words_around(answer_text, *p.cut_offset, 6);
        o += "      Marking stopped after word " + std::to_string(*p.word_limit) + ": \"..." +
             before + "\" " + st.dim("| not marked: \"" + after + "\"") + "\n";
      }
      if (part && part->choice) {
        std::vector<std::string> labels;
        for (const auto& id : p.selected) labels.push_back(option_label(part, id));
        o += "      You chose: " + (labels.empty() ? std::string("nothing we could read") : list_ids(labels)) +
             "\n";
      }
      for (const auto& c : p.concepts) {
        if (c.credited && c.awarded > 0 && !c.evidence.empty()) {
          o += "      " + st.good("✓") + " Credit for: \"" + one_line(c.evidence.front().text, 100) +
               "\"\n";
        } else if (c.credited && c.awarded > 0) {
          o += "      " + st.good("✓") + " A point earned credit.\n";
        }
      }
      for (const auto& c : p.concepts) {
        if (c.credited) continue;
        if (!c.feedback.empty() && !c.hint_reveals)
          o += "      " + st.bad("✗") + " Hint: " + one_line(c.feedback, 300) + "\n";
        else
          o += "      " + st.bad("✗") + " A further point was expected here.\n";
      }
      for (const auto& m : p.misconceptions) {
        o += "      " + st.warn("!") + " ";
        if (!m.evidence.empty()) o += "\"" + one_line(m.evidence.front().text, 100) + "\": ";
        o += m.feedback.empty() ? std::string("this statement cost marks.") : one_line(m.feedback, 300);
        o += "\n";
      }
      if (!p.lost_to_limit.empty())
        o += "      " + st.warn("!") + " You made a point after the word limit; it was not marked.\n";
    }
  }

  // Which questions count.
  std::vector<std::string> counted, not_counted;
  for (const auto& q : sheet.questions) {
    if (q.attempted && q.counted) counted.push_back(q.id);
    if (q.attempted && !q.counted) not_counted.push_back(q.id);
  }
  o += "\n" + st.bold("Total: " + marks_str(sheet.awarded) + " / " + marks_str(sheet.max)) + "\n";
  if (rubric.exam.answer > 0) {
    o += "The paper counts " + std::to_string(rubric.exam.answer) +
         (rubric.exam.answer == 1 ? " question (" : " questions (") +
         (rubric.exam.count == Exam::Count::Best ? "your best " : "the first ") +
         std::to_string(rubric.exam.answer) +
         (rubric.exam.count == Exam::Count::Best ? ")" : " you answered)") + ".";
    if (!counted.empty()) o += " Counted: question" + std::string(counted.size() > 1 ? "s " : " ") + list_ids(counted) + ".";
    if (!not_counted.empty())
      o += " Not counted: question" + std::string(not_counted.size() > 1 ? "s " : " ") + list_ids(not_counted) + ".";
    std::size_t attempted = counted.size() + not_counted.size();
    if (attempted < static_cast<std::size_t>(rubric.exam.answer))
      o += " You answered " + std::to_string(attempted) + "; each missing question counts as 0.";
    o += "\n";
  }
  bool unplaced = false;
  for (const auto& f : sheet.flags)
    if (f.part.empty()) unplaced = true;
  if (unplaced || !script.unassigned.empty())
    o += st.warn("Some of your text could not be matched to a question label; check your labels.") +
         "\n";
  return o;
}

}  // namespace automark
