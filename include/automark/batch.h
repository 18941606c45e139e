// Batch marking of a cohort: every script under the given paths is read,
// marked and written as DIR/reports/<student>.json; then DIR/marks.csv and
// DIR/summary.json. Parallel over scripts, resumable (a report whose script and
// rubric hashes match is not redone), every file written atomically, and one
// bad script never costs the others their marks.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "automark/match.h"
#include "automark/rubric.h"

namespace automark {

struct BatchOptions {
  std::string out_dir;
  std::vector<std::string> paths;   ///< files, directories (recursed, hidden skipped), CSV exports
  int jobs = 0;                     ///< 0 = all cores
  bool force = false;               ///< re-mark even when a matching report exists
  bool progress = false;            ///< draw a progress bar on `err` (a TTY)
  /// Set asynchronously (e.g. by SIGINT) to stop taking new scripts; the
  /// scripts in flight finish and the summary so far is written.
  std::atomic<bool>* stop = nullptr;
};

struct BatchResult {
  std::size_t marked = 0;           ///< reports written this run
  std::size_t skipped = 0;          ///< up-to-date reports kept (resume)
  std::size_t failed = 0;           ///< files or scripts that could not be marked
  bool interrupted = false;
  int exit_code = 0;                ///< 0 all marked, 3 some failed, 130 interrupted
};

/// Mark a cohort. Throws automark::Error (exit 2) when DIR cannot be created or
/// no path exists; per-script problems never throw, they are counted and listed.
BatchResult run_batch(const CompiledRubric& compiled, const BatchOptions& options, std::ostream& err);

/// A file name for a student id that cannot leave its folder or fail on any
/// filesystem: [A-Za-z0-9._-] kept, others '_', no leading dot, reserved
/// Windows device names prefixed, at most 96 bytes; "" -> "unknown".
std::string safe_file_stem(const std::string& id);

/// Every script file under the paths, sorted; hidden files and folders skipped.
/// Missing paths are reported in `missing`.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      std::vector<std::string>* missing);

/// Write a file atomically (temporary file in the same folder, then rename).
void write_file_atomic(const std::string& path, const std::string& content);

/// A file written atomically piece by piece, for output too large to build in
/// memory first: the pieces go to a temporary file in the same folder, which
/// commit() renames over `path`. Never committed (an error, an exception) ->
/// the temporary file is removed and `path` is untouched. Throws
/// automark::Error (exit 2) naming `path` when it cannot be written.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  void write(std::string_view piece);
  void commit();

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
  bool ok_ = true;
};

}  // namespace automark
