// automark lint RUBRIC [--json]: validate a rubric, report every problem.
// See docs/cli-lint.md.
#include <cmath>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "automark/rubric.h"
#include "cli/commands.h"

namespace automark::cli {

namespace {

nlohmann::ordered_json number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    return static_cast<long long>(std::llround(v));
  }
  return v;
}

nlohmann::ordered_json outline(const Rubric& r) {
  nlohmann::ordered_json exam;
  exam["code"] = r.exam.code;
  exam["answer"] = r.exam.answer > 0 ? nlohmann::ordered_json(r.exam.answer) : nlohmann::ordered_json();
  exam["count"] = r.exam.count == Exam::Count::Best ? "best" : "first";
  exam["total"] = number(r.exam.total);
  exam["title"] = r.exam.title;
  nlohmann::ordered_json questions = nlohmann::ordered_json::array();
  for (const Part& q : r.questions) {
    nlohmann::ordered_json jq;
    jq["id"] = q.id;
    jq["marks"] = number(q.marks);
    nlohmann::ordered_json parts = nlohmann::ordered_json::array();
    // Leaves of this question in paper order.
    std::vector<const Part*> leaves;
    auto collect = [&leaves](const Part& p, const auto& self) -> void {
      if (p.leaf()) {
        leaves.push_back(&p);
        return;
      }
      for (const Part& c : p.parts) self(c, self);
    };
    collect(q, collect);
    for (const Part* p : leaves) {
      nlohmann::ordered_json jp;
      jp["id"] = p->id;
      jp["marks"] = number(p->marks);
      jp["word_limit"] = p->word_limit ? nlohmann::ordered_json(*p->word_limit) : nlohmann::ordered_json();
      jp["kind"] = p->kind;
      jp["concepts"] = p->concepts.size();
      parts.push_back(std::move(jp));
    }
    jq["parts"] = std::move(parts);
    questions.push_back(std::move(jq));
  }
  nlohmann::ordered_json out;
  out["exam"] = std::move(exam);
  out["questions"] = std::move(questions);
  out["sha256"] = r.sha256;
  return out;
}

}  // namespace

void setup_lint(CLI::App& sub, int& rc) {
  struct Opts {
    std::string rubric;
    bool json = false;
  };
  auto opts = std::make_shared<Opts>();
  sub.add_option("RUBRIC", opts->rubric, "Rubric file (YAML, see docs/rubric-format.md)")->required();
  sub.add_flag("--json", opts->json,
               "When the rubric is valid, print its outline as JSON on stdout: exam code, answer, "
               "count, total, and every question with its leaf parts (id, marks, word_limit, kind)");
  sub.footer(
      "Every problem is reported on stderr as FILE:LINE:COL: error|warning: message.\n"
      "Exit status: 0 valid (warnings allowed), 1 invalid (errors reported),\n"
      "2 the file cannot be read or is not YAML (missing, a directory, empty, binary,\n"
      "invalid UTF-8, over 4 MiB, nested too deeply, too many nodes).");
  sub.callback([opts, &rc] {
    rc = guarded([&] {
      LoadResult r = load_rubric_file(opts->rubric);
      for (const auto& d : r.diagnostics) std::cerr << d.str() << "\n";
      if (opts->json && r.rubric && r.exit_code == kExitOk) {
        std::cout << outline(*r.rubric).dump(2) << "\n";
      }
      return r.exit_code;
    });
  });
}

}  // namespace automark::cli
