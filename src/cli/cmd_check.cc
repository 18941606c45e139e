// automark check --rubric RUBRIC SCRIPT [--no-color]
// Friendly self-check feedback for a student. See docs/cli-check.md.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "automark/match.h"
#include "automark/report.h"
#include "automark/rubric.h"
#include "automark/score.h"
#include "automark/script.h"
#include "cli/commands.h"

namespace automark::cli {

// Defined in cmd_mark.cc.
Rubric load_valid_rubric(const std::string& path);
bool nothing_placed(const Script& s);
std::string no_labels_message(const Script& s, const Rubric& rubric);

namespace {

struct CheckOptions {
  std::string rubric;
  std::string script;
  bool no_color = false;
};

int run_check(const CheckOptions& opts) {
  const Rubric rubric = load_valid_rubric(opts.rubric);
  const CompiledRubric compiled(rubric);
  std::vector<Script> scripts = read_scripts(opts.script, rubric);
  const char* no_color_env = std::getenv("NO_COLOR");
  bool colour = !opts.no_color && isatty(STDOUT_FILENO) == 1 &&
                !(no_color_env && *no_color_env);
  int rc = kExitOk;
  bool first = true;
  for (const auto& s : scripts) {
    if (nothing_placed(s)) {
      std::cerr << "automark: " << no_labels_message(s, rubric) << "\n";
      rc = kExitInvalid;
      continue;
    }
    std::cout << (first ? "" : "\n") << report_check(mark_script(compiled, s), s, rubric, colour);
    first = false;
  }
  std::cout.flush();
  return rc;  // the mark itself never changes the exit status
}

}  // namespace

void setup_check(CLI::App& sub, int& rc) {
  auto opts = std::make_shared<CheckOptions>();
  sub.add_option("--rubric", opts->rubric, "Rubric file (YAML)")->required();
  sub.add_option("SCRIPT", opts->script, "Your answers (text, Markdown, DOCX, PDF...)")->required();
  sub.add_flag("--no-color,--no-colour", opts->no_color, "Plain text even on a terminal");
  sub.footer(
      "Colour on a terminal unless --no-color or NO_COLOR is set. Exit status: 0 whatever the\n"
      "mark; 1 invalid rubric or no part labels found; 2 unreadable file. See docs/cli-check.md.");
  sub.callback([opts, &rc] { rc = guarded([&] { return run_check(*opts); }); });
}

}  // namespace automark::cli
