// Byte-level checks on a rubric file before it reaches yaml-cpp: size, NUL
// bytes, UTF-8, nesting depth and a node estimate. yaml-cpp recurses once per
// nesting level and allocates per node, so both are bounded here first.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace automark::rubric_detail {

/// A problem found in the raw bytes; line/col 1-based (0 = unknown).
struct ByteProblem {
  int line = 0;
  int col = 0;
  std::string message;
};

/// Reads at most `max_bytes` of a regular file into *out. On failure returns
/// the message ("cannot read: ...", "file too large: ..."); never throws.
std::optional<std::string> read_bounded(const std::string& path, std::size_t max_bytes,
                                        std::string* out);

/// Empty file, NUL bytes, invalid UTF-8.
std::optional<ByteProblem> check_text(std::string_view bytes);

/// Rejects YAML nested deeper than `max_depth` (flow brackets plus block
/// indentation levels) or with more than about `max_nodes` nodes, without
/// parsing it. Conservative: may over-count unusual layouts, never recurses.
std::optional<ByteProblem> prescan_yaml(std::string_view bytes, int max_depth,
                                        std::size_t max_nodes);

/// Optimal-string-alignment distance (insert, delete, substitute, swap),
/// ASCII case-insensitive.
int edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo.
template <class Range>
std::optional<std::string> closest(std::string_view word, const Range& candidates) {
  std::optional<std::string> best;
  int best_d = 1 << 30;
  for (const auto& c : candidates) {
    std::string_view cv(c);
    int d = edit_distance(word, cv);
    int allowed = cv.size() <= 2 ? 0 : cv.size() <= 4 ? 1 : cv.size() <= 8 ? 2 : 3;
    if (d <= allowed && d < best_d) {
      best_d = d;
      best = std::string(cv);
    }
  }
  return best;
}

}  // namespace automark::rubric_detail
