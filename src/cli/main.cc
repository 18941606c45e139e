// automark: a thin CLI over the core library. See docs/cli.md.
#include <cstdio>
#include <exception>
#include <iostream>

#include "automark/diag.h"
#include "cli/commands.h"

namespace automark::cli {

int guarded(const std::function<int()>& fn) {
  try {
    return fn();
  } catch (const automark::Error& e) {
    std::cerr << "automark: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    std::cerr << "automark: out of memory\n";
    return 70;
  } catch (const std::exception& e) {
    std::cerr << "automark: internal error: " << e.what() << "\n";
    return 70;
  }
}

}  // namespace automark::cli

namespace {

constexpr automark::cli::Command kCommands[] = {
    {"lint", "Validate a rubric and report every problem", automark::cli::setup_lint},
    {"segment", "Show how scripts split into the rubric's parts", automark::cli::setup_segment},
    {"mark", "Mark scripts against a rubric (one report, or a whole cohort with --out)",
     automark::cli::setup_mark},
    {"check", "Self-check feedback for a student's practice answers", automark::cli::setup_check},
    {"template", "Print an answer sheet skeleton for a rubric", automark::cli::setup_template},
    {"regress", "Re-mark sample scripts and compare with stored golden reports",
     automark::cli::setup_regress},
    {"agree", "Agreement statistics between automark and human marks", automark::cli::setup_agree},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"automark: exam auto-marking and feedback engine"};
  app.set_version_flag("--version", AUTOMARK_VERSION);
  app.require_subcommand(1);
  int rc = 0;
  for (const auto& cmd : kCommands) cmd.setup(*app.add_subcommand(cmd.name, cmd.description), rc);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : automark::kExitUnreadable;
  }
  return rc;
}
