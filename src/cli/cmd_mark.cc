#include "cli/commands.h"

#include <iostream>

namespace automark::cli {

void setup_mark(CLI::App& sub, int& rc) {
  sub.callback([&rc] {
    std::cerr << "automark mark: not implemented yet\n";
    rc = 1;
  });
}

}  // namespace automark::cli
