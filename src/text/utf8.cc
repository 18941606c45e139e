// UTF-8 decoding, validation and repair (hand-written, linear, no allocation
// per character). Ill-formed input is decoded following the Unicode "maximal
// subpart" practice: each maximal subpart of an ill-formed sequence becomes one
// U+FFFD. Overlong forms, surrogates (U+D800..U+DFFF) and values above
// U+10FFFF are ill-formed.
#include <cstring>

#include "automark/text.h"

namespace automark {
namespace {

inline bool is_cont(unsigned char b) { return (b & 0xC0u) == 0x80u; }

// Decode at s[i]; on success returns the code point and the length in `len`;
// on failure returns 0xFFFD and sets `len` to the length of the maximal
// subpart (>= 1) and `ok` to false.
inline char32_t decode(const unsigned char* p, std::size_t n, std::size_t& len, bool& ok) {
  ok = true;
  const unsigned char b0 = p[0];
  if (b0 < 0x80u) {
    len = 1;
    return b0;
  }
  ok = false;
  len = 1;
  if (b0 < 0xC2u || b0 > 0xF4u) return 0xFFFD;  // continuation, overlong lead C0/C1, F5..FF
  if (b0 < 0xE0u) {
    if (n < 2 || !is_cont(p[1])) return 0xFFFD;
    ok = true;
    len = 2;
    return (char32_t(b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  }
  // Second byte range depends on the lead byte (excludes overlongs, surrogates, > U+10FFFF).
  unsigned char lo = 0x80u, hi = 0xBFu;
  if (b0 == 0xE0u) lo = 0xA0u;
  else if (b0 == 0xEDu) hi = 0x9Fu;
  else if (b0 == 0xF0u) lo = 0x90u;
  else if (b0 == 0xF4u) hi = 0x8Fu;
  if (n < 2 || p[1] < lo || p[1] > hi) return 0xFFFD;
  if (b0 < 0xF0u) {
    if (n < 3 || !is_cont(p[2])) {
      len = 2;
      return 0xFFFD;
    }
    ok = true;
    len = 3;
    return (char32_t(b0 & 0x0Fu) << 12) | (char32_t(p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  }
  if (n < 3 || !is_cont(p[2])) {
    len = 2;
    return 0xFFFD;
  }
  if (n < 4 || !is_cont(p[3])) {
    len = 3;
    return 0xFFFD;
  }
  ok = true;
  len = 4;
  return (char32_t(b0 & 0x07u) << 18) | (char32_t(p[1] & 0x3Fu) << 12) |
         (char32_t(p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) {
  if (i >= s.size()) return 0xFFFD;
  std::size_t len = 1;
  bool ok = true;
  const char32_t c = decode(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i, len, ok);
  i += len;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 2);
  } else if (c < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 4);
  }
}

bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII run, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80u) {
      ++i;
      continue;
    }
    std::size_t len = 1;
    bool ok = true;
    decode(p + i, n - i, len, ok);
    if (!ok) return false;
    i += len;
  }
  return true;
}

Utf8Repair repair_utf8(std::string_view bytes) {
  Utf8Repair r;
  if (is_valid_utf8(bytes)) {
    r.text.assign(bytes.data(), bytes.size());
    return r;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  r.text.reserve(n + 16);
  std::size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80u) {
      std::size_t j = i + 1;
      while (j < n && p[j] < 0x80u) ++j;
      r.text.append(bytes.data() + i, j - i);
      i = j;
      continue;
    }
    std::size_t len = 1;
    bool ok = true;
    decode(p + i, n - i, len, ok);
    if (ok) {
      r.text.append(bytes.data() + i, len);
    } else {
      if (r.replaced == 0) r.first_bad = i;
      ++r.replaced;
      r.text.append("\xEF\xBF\xBD");
    }
    i += len;
  }
  return r;
}

}  // namespace automark
