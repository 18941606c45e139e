// An answer sheet skeleton: a label for every leaf part, with marks, word
// limits and choice options as Markdown comments that segmentation ignores.
#include <functional>
#include <string>

#include "automark/report.h"
#include "report/report_local.h"

namespace automark {

namespace {

using report_detail::marks_str;
using report_detail::one_line;
using report_detail::paper_label;

/// Text safe inside an HTML comment ("--" and ">" cannot close it).
std::string comment_safe(const std::string& s) {
  std::string out;
  for (char c : one_line(s, 300)) {
    if (c == '>' || (c == '-' && !out.empty() && out.back() == '-')) {
      out += ' ';
      if (c == '>') continue;
    }
    out += c;
  }
  return out;
}

std::string reminder(const Part& p) {
  std::string s = marks_str(p.marks) + (p.marks == 1 ? " mark" : " marks");
  if (p.word_limit) s += "; limit " + std::to_string(*p.word_limit) + " words";
  if (p.choice) {
    s += "; write the option(s) you choose:";
    for (const auto& o : p.choice->options)
      s += " " + o.letter + ") " + (o.label.empty() ? o.id : o.label);
  }
  if (!p.prompt.empty()) s += "; " + p.prompt;
  return "<!-- " + comment_safe(s) + " -->";
}

}  // namespace

std::string answer_template(const Rubric& rubric) {
  std::string o;
  o += "<!-- automark answer sheet for " + comment_safe(rubric.exam.code) + " -->\n";
  o += "Student ID: \n";
  o += "<!-- Write each answer under its label. Word limits are reminders: words past a part's "
       "limit are not marked. -->\n";
  if (rubric.exam.answer > 0)
    o += "<!-- Answer " + std::to_string(rubric.exam.answer) +
         (rubric.exam.answer == 1 ? " question. -->\n" : " questions. -->\n");
  for (const auto& q : rubric.questions) {
    o += "\n## Question " + q.id + "\n";
    if (q.leaf()) {
      // A question without parts is its own leaf: the heading is its label.
      o += reminder(q) + "\n\n";
      continue;
    }
    std::function<void(const Part&)> walk = [&](const Part& p) {
      if (!p.leaf()) {
        for (const auto& c : p.parts) walk(c);
        return;
      }
      o += "\n" + paper_label(p.id) + "\n";
      o += reminder(p) + "\n\n";
    };
    walk(q);
  }
  return o;
}

}  // namespace automark
