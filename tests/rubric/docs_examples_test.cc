// Every ```yaml block of docs/rubric-format.md marked as a complete example
// (the line before the fence is <!-- complete example -->) lints clean.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "automark/rubric.h"

TEST_CASE("complete examples in docs/rubric-format.md lint clean", "[rubric][docs]") {
  std::ifstream in(std::string(AUTOMARK_SOURCE_DIR) + "/docs/rubric-format.md");
  REQUIRE(in);
  std::vector<std::string> blocks;
  std::string line, prev, block;
  bool inside = false, wanted = false;
  while (std::getline(in, line)) {
    if (!inside && line == "```yaml") {
      inside = true;
      wanted = prev == "<!-- complete example -->";
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      if (wanted) blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
    prev = line;
  }
  REQUIRE(blocks.size() >= 2);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    auto r = automark::load_rubric_text(blocks[i], "example-" + std::to_string(i + 1));
    std::string all;
    for (const auto& d : r.diagnostics) all += d.str() + "\n";
    INFO(all);
    CHECK(r.diagnostics.empty());
    CHECK(r.exit_code == automark::kExitOk);
  }
}
