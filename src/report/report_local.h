// Helpers shared by the report writers (not part of the public API).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "automark/score.h"

namespace automark::report_detail {

/// A mark as people write it: "2", "1.5", "0.25", "0.333" (never "2.0").
std::string marks_str(double m);

/// One line of text: newlines and tabs become spaces, runs of spaces one space,
/// trimmed; at most `max_chars` bytes (cut at a UTF-8 boundary, "..." added).
std::string one_line(std::string_view s, std::size_t max_chars = 160);

/// "1.b.iii" -> "(b)(iii)" (the part's label below its question); "1" -> "".
std::string sub_label(const std::string& id);
/// "1.b.iii" -> "1(b)(iii)".
std::string paper_label(const std::string& id);

/// The last `n` words before `offset` and the first `n` words from `offset`
/// in `text` (the words either side of a word-limit cut).
std::pair<std::string, std::string> words_around(std::string_view text, std::size_t offset,
                                                 std::size_t n);

/// Flags of one part.
std::vector<const Flag*> flags_of(const MarkSheet& sheet, const std::string& part);

}  // namespace automark::report_detail
