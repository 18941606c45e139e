#include <iostream>
#include <string>

#include "automark/rubric.h"
#include "cli/commands.h"

namespace automark::cli {

void setup_lint(CLI::App& sub, int& rc) {
  struct Opts {
    std::string rubric;
    bool json = false;
  };
  auto opts = std::make_shared<Opts>();
  sub.add_option("RUBRIC", opts->rubric, "Rubric file (YAML)")->required();
  sub.add_flag("--json", opts->json, "Print the rubric's outline as JSON on stdout");
  sub.callback([opts, &rc] {
    rc = guarded([&] {
      LoadResult r = load_rubric_file(opts->rubric);
      for (const auto& d : r.diagnostics) std::cerr << d.str() << "\n";
      return r.exit_code;
    });
  });
}

}  // namespace automark::cli
