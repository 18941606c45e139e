// `automark mark --out DIR PATH...`: the batch mode of mark (docs/cli-batch.md).
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>

#include "automark/batch.h"
#include "automark/match.h"
#include "automark/rubric.h"
#include "cli/commands.h"

namespace automark::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_sigint(int) { g_stop.store(true); }
}  // namespace

int run_batch_command(const BatchCommand& cmd) {
  LoadResult loaded = load_rubric_file(cmd.rubric);
  for (const auto& d : loaded.diagnostics) std::cerr << d.str() << "\n";
  if (!loaded.ok()) {
    std::cerr << "automark: " << cmd.rubric << ": the rubric has errors; nothing was marked\n";
    return loaded.exit_code;
  }
  CompiledRubric compiled(*loaded.rubric);
  BatchOptions opt;
  opt.out_dir = cmd.out;
  opt.paths = cmd.paths;
  opt.jobs = cmd.jobs;
  opt.force = cmd.force;
  opt.progress = ::isatty(2) != 0;
  opt.stop = &g_stop;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  BatchResult r = run_batch(compiled, opt, std::cerr);
  std::cerr << "automark: " << (r.marked + r.skipped) << " scripts marked (" << r.marked << " this run, "
            << r.skipped << " up to date), " << r.failed << " failed" << (r.interrupted ? ", interrupted" : "")
            << "; see " << cmd.out << "/summary.json\n";
  return r.exit_code;
}

}  // namespace automark::cli
