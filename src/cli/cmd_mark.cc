// automark mark --rubric RUBRIC SCRIPT... [--format json|text|md]
// One report per script on stdout. See docs/cli-mark.md.
//
// Batch mode (--out DIR [--jobs N] [--force], run_batch() in automark/batch.h)
// plugs in here: add its flags to MarkOptions and setup_mark(), and in
// run_mark() call run_batch(compiled, ...) right after the rubric is compiled
// when `out` is set. Loading and refusing a bad rubric stay shared.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "automark/match.h"
#include "automark/report.h"
#include "automark/rubric.h"
#include "automark/score.h"
#include "automark/script.h"
#include "cli/commands.h"

namespace automark::cli {

/// Load a rubric for marking, or throw: an invalid rubric is refused (its
/// diagnostics on stderr, exit 1), an unreadable one exits 2. Shared by
/// mark, check and template (declared again in their files).
Rubric load_valid_rubric(const std::string& path) {
  LoadResult r = load_rubric_file(path);
  if (!r.ok() || !r.rubric) {
    for (const auto& d : r.diagnostics) std::cerr << d.str() << "\n";
    int code = r.exit_code == kExitOk ? kExitInvalid : r.exit_code;
    if (code == kExitUnreadable) throw Error(path + ": cannot read the rubric", code);
    throw Error(path + ": the rubric is invalid; not marking with it (see `automark lint " + path +
                    "`)",
                code);
  }
  return std::move(*r.rubric);
}

/// True when intake placed nothing of the script in any part of the rubric.
bool nothing_placed(const Script& s) { return s.answers.empty() && s.voided.empty(); }

std::string no_labels_message(const Script& s, const Rubric& rubric) {
  return s.source + ": no answer in this script carries a label of " + rubric.exam.code +
         " (is it a script for another paper? `automark template --rubric RUBRIC` shows the "
         "labels)";
}

namespace {

struct MarkOptions {
  std::string rubric;
  std::vector<std::string> scripts;
  std::string format = "json";
  std::string out;   // batch mode when set
  int jobs = 0;
  bool force = false;
};

int run_mark(const MarkOptions& opts) {
  if (!opts.out.empty()) return run_batch_command({opts.rubric, opts.out, opts.scripts, opts.jobs, opts.force});
  const Rubric rubric = load_valid_rubric(opts.rubric);
  const CompiledRubric compiled(rubric);
  int rc = kExitOk;
  bool first = true;
  for (const auto& path : opts.scripts) {
    std::vector<Script> scripts;
    try {
      scripts = read_scripts(path, rubric);
    } catch (const Error& e) {
      std::cerr << "automark: " << e.what() << "\n";
      rc = std::max(rc, e.exit_code());
      continue;
    }
    for (const auto& s : scripts) {
      if (nothing_placed(s)) {
        std::cerr << "automark: " << no_labels_message(s, rubric) << "\n";
        rc = std::max(rc, static_cast<int>(kExitInvalid));
        continue;
      }
      MarkSheet sheet = mark_script(compiled, s);
      if (opts.format == "text") {
        std::cout << (first ? "" : "\n") << report_text(sheet, s);
      } else if (opts.format == "md") {
        std::cout << (first ? "" : "\n---\n\n") << report_markdown(sheet, s);
      } else {
        std::cout << report_json(sheet, s);
      }
      first = false;
    }
  }
  std::cout.flush();
  return rc;
}

}  // namespace

void setup_mark(CLI::App& sub, int& rc) {
  auto opts = std::make_shared<MarkOptions>();
  sub.add_option("--rubric", opts->rubric, "Rubric file (YAML)")->required();
  sub.add_option("SCRIPT", opts->scripts,
                 "Script file(s): text, Markdown, DOCX, PDF, JSON, YAML, or a CSV export")
      ->required();
  sub.add_option("--format", opts->format, "Report format: json (default), text, md")
      ->check(CLI::IsMember({"json", "text", "md"}));
  auto* out = sub.add_option("--out", opts->out,
                             "Batch mode: mark every script under the paths (files, folders, CSV exports) into DIR: "
                             "reports/<student>.json, marks.csv, summary.json (docs/cli-batch.md)");
  sub.add_option("--jobs", opts->jobs, "Batch mode: scripts marked at once (default: all cores)")
      ->needs(out)
      ->check(CLI::Range(1, 256));
  sub.add_flag("--force", opts->force, "Batch mode: re-mark scripts whose report is up to date")->needs(out);
  sub.footer(
      "Exit status: 0 marked; 1 invalid rubric or a script with no part labels of the paper;\n"
      "2 unreadable rubric or script; batch mode (--out): 3 some scripts failed, 130 interrupted.\n"
      "See docs/cli-mark.md and docs/cli-batch.md.");
  sub.callback([opts, &rc] { rc = guarded([&] { return run_mark(*opts); }); });
}

}  // namespace automark::cli
