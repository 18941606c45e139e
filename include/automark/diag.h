// Diagnostics and errors shared by every module.
//
// Expected failures (a bad rubric, an unreadable script) are reported as
// Diagnostic values or thrown as automark::Error inside a module and caught at
// the module's public boundary or in the CLI; main() never sees an exception.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace automark {

/// Exit statuses used by every subcommand (documented in docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitInvalid = 1,     ///< input read but invalid (lint errors, regress changes, usage)
  kExitUnreadable = 2,  ///< file missing, unreadable, not YAML/UTF-8, over a size limit
  kExitSomeFailed = 3,  ///< batch: some scripts could not be marked
};

/// One problem found in an input file. line/col are 1-based; 0 means unknown.
struct Diagnostic {
  std::string file;
  int line = 0;
  int col = 0;
  std::string severity = "error";  ///< "error" or "warning"
  std::string message;

  /// "FILE:LINE:COL: error: message" (LINE and COL omitted when unknown).
  std::string str() const;
};

/// Thrown for an expected failure; carries the exit status the CLI should use.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = kExitInvalid)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace automark
