#include "cli/commands.h"

#include <iostream>

namespace automark::cli {

void setup_check(CLI::App& sub, int& rc) {
  sub.callback([&rc] {
    std::cerr << "automark check: not implemented yet\n";
    rc = 1;
  });
}

}  // namespace automark::cli
