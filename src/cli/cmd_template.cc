#include "cli/commands.h"

#include <iostream>

namespace automark::cli {

void setup_template(CLI::App& sub, int& rc) {
  sub.callback([&rc] {
    std::cerr << "automark template: not implemented yet\n";
    rc = 1;
  });
}

}  // namespace automark::cli
