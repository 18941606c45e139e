// Internal helpers of the lang module: UTF-8 decoding that does not depend on
// the text module, and character classes shared by the tokenizer and parsers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace automark::lang {

/// One decoded code point with its position (byte offset, or column).
struct CodePoint {
  char32_t c = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Decode one code point at s[i], advancing i (at least by one byte).
/// Invalid or truncated sequences give U+FFFD and advance one byte.
char32_t decode_one(std::string_view s, std::size_t& i);
void encode_one(std::string& out, char32_t c);

/// Decode a whole string; begin/end are byte offsets.
std::vector<CodePoint> decode_bytes(std::string_view s);
/// Decode a whole string; begin is the 1-based column, end = begin + 1.
std::vector<CodePoint> decode_cols(std::string_view s);

bool is_space_cp(char32_t c);
bool is_digit_cp(char32_t c);
bool is_symbol_cp(char32_t c);  ///< punctuation and maths symbols (not letters)
bool is_letter_cp(char32_t c);  ///< ASCII letters and every other non-space, non-symbol code point

}  // namespace automark::lang
