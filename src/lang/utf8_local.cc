#include "automark/text.h"
#include "lang/utf8_local.h"

namespace automark::lang {

char32_t decode_one(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t c = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    c = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  const bool overlong = (len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000);
  if (overlong || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<std::size_t>(len);
  return c;
}

void encode_one(std::string& out, char32_t c) { append_utf8(out, c); }

std::vector<CodePoint> decode_bytes(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t b = i;
    const char32_t c = decode_one(s, i);
    out.push_back({c, b, i});
  }
  return out;
}

std::vector<CodePoint> decode_cols(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  std::size_t i = 0;
  std::size_t col = 1;
  while (i < s.size()) {
    const char32_t c = decode_one(s, i);
    out.push_back({c, col, col + 1});
    ++col;
  }
  return out;
}

bool is_space_cp(char32_t c) {
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return true;
  if (c < 0x80) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_digit_cp(char32_t c) { return c >= '0' && c <= '9'; }

bool is_symbol_cp(char32_t c) {
  if (c < 0x80) {
    return c > 0x20 && c != 0x7F && !is_digit_cp(c) && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
  if (is_space_cp(c)) return false;
  if (c >= 0x80 && c <= 0x9F) return true;  // C1 controls
  if (c >= 0xA1 && c <= 0xBF) return c != 0xAA && c != 0xB5 && c != 0xBA;  // µ and ordinals are letters
  if (c == 0xD7 || c == 0xF7) return true;
  if (c >= 0x2010 && c <= 0x2BFF) return true;  // punctuation, super/subscripts, arrows, maths, shapes
  if (c >= 0x3000 && c <= 0x303F) return true;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return true;
  if (c == 0xFFFD) return true;
  return false;
}

bool is_letter_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return !is_space_cp(c) && !is_symbol_cp(c);
}

}  // namespace automark::lang
