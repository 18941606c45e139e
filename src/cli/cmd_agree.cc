// `automark agree --rubric RUBRIC --human MARKS.csv SCRIPT... [--json]` (docs/cli-agree.md).
#include <iostream>

#include "automark/agree.h"
#include "automark/batch.h"
#include "automark/match.h"
#include "automark/rubric.h"
#include "automark/score.h"
#include "automark/script.h"
#include "cli/commands.h"

namespace automark::cli {

namespace {

struct AgreeOpts {
  std::string rubric;
  std::string human;
  std::vector<std::string> scripts;
  bool json = false;
  double min_qwk = -2;
  double max_mae = -1;
};

int run_agree(const AgreeOpts& o) {
  LoadResult loaded = load_rubric_file(o.rubric);
  for (const auto& d : loaded.diagnostics) std::cerr << d.str() << "\n";
  if (!loaded.ok()) return loaded.exit_code;
  HumanMarks human = read_human_marks(o.human);
  CompiledRubric compiled(*loaded.rubric);
  std::vector<std::string> missing;
  std::vector<std::string> files = expand_paths(o.scripts, &missing);
  int failed = 0;
  for (const auto& m : missing) {
    std::cerr << "automark: " << m << ": no such file or directory\n";
    ++failed;
  }
  std::vector<MarkSheet> sheets;
  for (const auto& f : files) {
    try {
      for (const auto& s : read_scripts(f, *loaded.rubric)) sheets.push_back(mark_script(compiled, s));
    } catch (const Error& e) {
      std::cerr << "automark: " << e.what() << "\n";
      ++failed;
    }
  }
  AgreementReport rep = compute_agreement(*loaded.rubric, sheets, human);
  std::cout << (o.json ? agreement_json(rep) : agreement_text(rep));
  int rc = failed ? kExitSomeFailed : kExitOk;
  if (o.min_qwk > -2 && (!rep.total.qwk || rep.total.n == 0 || *rep.total.qwk < o.min_qwk)) {
    std::cerr << "automark: total QWK " << (rep.total.qwk ? *rep.total.qwk : 0) << " is below the floor " << o.min_qwk
              << "\n";
    rc = kExitInvalid;
  }
  if (o.max_mae >= 0 && rep.total.mae > o.max_mae) {
    std::cerr << "automark: total mean absolute difference " << rep.total.mae << " is above the ceiling "
              << o.max_mae << "\n";
    rc = kExitInvalid;
  }
  return rc;
}

}  // namespace

void setup_agree(CLI::App& sub, int& rc) {
  auto o = std::make_shared<AgreeOpts>();
  sub.add_option("--rubric", o->rubric, "Rubric file (YAML)")->required();
  sub.add_option("--human", o->human, "Human marks, long CSV (or .xlsx/.ods): student,part,mark (part = leaf id, question id or total)")
      ->required();
  sub.add_option("SCRIPT", o->scripts, "Scripts: files, folders or CSV exports")->required();
  sub.add_flag("--json", o->json, "Print the statistics as JSON");
  sub.add_option("--min-qwk", o->min_qwk, "Fail (exit 1) when the total's quadratic weighted kappa is below this");
  sub.add_option("--max-mae", o->max_mae, "Fail (exit 1) when the total's mean absolute difference is above this");
  sub.footer(
      "Per leaf part, question and total: n, exact, adjacent (within one mark), mae, bias (automark - human), "
      "pearson, qwk with its 95% bootstrap interval (from 10 scripts on; JSON qwk_ci95 and mae_ci95), confusion "
      "matrix; then the 10 largest disagreements with automark's evidence.\n"
      "Exit status: 0 ok, 1 a floor was not met, 2 unreadable input, 3 some scripts could not be marked.");
  sub.callback([o, &rc] { rc = guarded([&] { return run_agree(*o); }); });
}

}  // namespace automark::cli
