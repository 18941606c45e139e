// The subcommands of the automark CLI, as a table (one file per command).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace automark::cli {

/// Each command binds its flags to `sub` and sets a callback that stores the
/// exit status in `rc`. Callbacks go through guarded() so that no exception
/// reaches main().
struct Command {
  const char* name;
  const char* description;
  void (*setup)(CLI::App& sub, int& rc);
};

void setup_lint(CLI::App& sub, int& rc);
void setup_segment(CLI::App& sub, int& rc);
void setup_mark(CLI::App& sub, int& rc);
void setup_check(CLI::App& sub, int& rc);
void setup_template(CLI::App& sub, int& rc);
void setup_regress(CLI::App& sub, int& rc);
void setup_agree(CLI::App& sub, int& rc);

/// Batch mode of `mark` (--out): see docs/cli-batch.md.
struct BatchCommand {
  std::string rubric;
  std::string out;
  std::vector<std::string> paths;
  int jobs = 0;
  bool force = false;
};
int run_batch_command(const BatchCommand& cmd);

/// Runs fn, mapping automark::Error to its message on stderr and its exit
/// code, and any other exception to "internal error" with exit 70.
int guarded(const std::function<int()>& fn);

}  // namespace automark::cli
