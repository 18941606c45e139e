// automark template --rubric RUBRIC: an answer sheet skeleton on stdout.
// See docs/cli-template.md.
#include <iostream>
#include <memory>
#include <string>

#include "automark/report.h"
#include "automark/rubric.h"
#include "cli/commands.h"

namespace automark::cli {

// Defined in cmd_mark.cc.
Rubric load_valid_rubric(const std::string& path);

void setup_template(CLI::App& sub, int& rc) {
  auto rubric_path = std::make_shared<std::string>();
  sub.add_option("--rubric", *rubric_path, "Rubric file (YAML)")->required();
  sub.footer(
      "Prints a Markdown answer sheet: a label for every part, marks and word limits as\n"
      "comments. Exit status: 0; 1 invalid rubric; 2 unreadable. See docs/cli-template.md.");
  sub.callback([rubric_path, &rc] {
    rc = guarded([&] {
      std::cout << answer_template(load_valid_rubric(*rubric_path));
      std::cout.flush();
      return kExitOk;
    });
  });
}

}  // namespace automark::cli
