// `automark regress --rubric RUBRIC DIR [--update]` (docs/cli-regress.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "automark/agree.h"
#include "automark/batch.h"
#include "automark/match.h"
#include "automark/report.h"
#include "automark/rubric.h"
#include "automark/score.h"
#include "automark/script.h"
#include "cli/commands.h"

namespace fs = std::filesystem;

namespace automark::cli {

namespace {

struct RegressOpts {
  std::string rubric;
  std::string dir;
  bool update = false;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run_regress(const RegressOpts& o) {
  LoadResult loaded = load_rubric_file(o.rubric);
  for (const auto& d : loaded.diagnostics) std::cerr << d.str() << "\n";
  if (!loaded.ok()) return loaded.exit_code;
  const fs::path scripts_dir = fs::path(o.dir) / "scripts";
  const fs::path golden_dir = fs::path(o.dir) / "golden";
  if (!fs::is_directory(scripts_dir)) throw Error(scripts_dir.string() + ": no such folder", kExitUnreadable);
  CompiledRubric compiled(*loaded.rubric);
  std::vector<std::string> missing;
  std::vector<std::string> files = expand_paths({scripts_dir.string()}, &missing);

  std::map<std::string, std::string> current;  // golden file name -> report
  int failures = 0;
  for (const auto& f : files) {
    std::vector<Script> scripts;
    try {
      scripts = read_scripts(f, *loaded.rubric);
    } catch (const Error& e) {
      std::cout << "FAILED " << f << ": " << e.what() << "\n";
      ++failures;
      continue;
    }
    std::string rel = fs::relative(f, scripts_dir).generic_string();
    for (const auto& s : scripts) {
      std::string name = safe_file_stem(rel);
      if (scripts.size() > 1) name += "__" + safe_file_stem(s.student);
      current[name + ".json"] = report_json(mark_script(compiled, s), s);
    }
  }

  std::set<std::string> golden;
  if (fs::is_directory(golden_dir))
    for (const auto& e : fs::directory_iterator(golden_dir))
      if (e.path().extension() == ".json") golden.insert(e.path().filename().string());

  if (o.update) {
    fs::create_directories(golden_dir);
    for (const auto& [name, json] : current) write_file_atomic((golden_dir / name).string(), json);
    for (const auto& g : golden)
      if (!current.count(g)) fs::remove(golden_dir / g);
    std::cout << "regress: wrote " << current.size() << " golden reports to " << golden_dir.string() << "\n";
    return failures ? kExitInvalid : kExitOk;
  }

  int changed = 0;
  for (const auto& [name, json] : current) {
    if (!golden.count(name)) {
      std::cout << "NEW " << name << ": no golden report (run with --update after review)\n";
      ++changed;
      continue;
    }
    auto diffs = diff_reports(slurp(golden_dir / name), json);
    if (diffs.empty()) continue;
    ++changed;
    std::cout << "CHANGED " << name << "\n";
    for (const auto& d : diffs) std::cout << "  " << d << "\n";
  }
  for (const auto& g : golden) {
    if (current.count(g)) continue;
    std::cout << "GONE " << g << ": golden report without a script\n";
    ++changed;
  }
  std::cout << "regress: " << current.size() << " scripts, " << changed << " changed, " << failures
            << " failed\n";
  return (changed || failures) ? kExitInvalid : kExitOk;
}

}  // namespace

void setup_regress(CLI::App& sub, int& rc) {
  auto o = std::make_shared<RegressOpts>();
  sub.add_option("--rubric", o->rubric, "Rubric file (YAML)")->required();
  sub.add_option("DIR", o->dir, "Folder with scripts/ (sample scripts) and golden/ (stored reports)")->required();
  sub.add_flag("--update", o->update, "Rewrite the golden reports (after reviewing the changes)");
  sub.footer(
      "Marks every script in DIR/scripts and compares each report with DIR/golden/<name>.json, "
      "ignoring 'source' and 'engine'.\nExit status: 0 no change, 1 some report changed or a script "
      "failed, 2 unreadable rubric or folder.");
  sub.callback([o, &rc] { rc = guarded([&] { return run_regress(*o); }); });
}

}  // namespace automark::cli
