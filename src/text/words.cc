// The word rule of the marking notes: a word is a maximal run of non-space
// characters, as `wc -w` counts it (see include/automark/text.h).
#include "automark/text.h"

namespace automark {

bool is_word_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  switch (c) {
    case 0x00A0:  // no-break spaces: GNU wc 9.x separates words at them too
    case 0x2007:
    case 0x202F:
    case 0x2060:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200A);
  }
}

namespace {

inline bool ascii_space(unsigned char b) { return b == ' ' || (b >= 0x09 && b <= 0x0D); }

// Calls on_word(start, end) for every word, in order, until it returns false.
template <class F>
void for_each_word(std::string_view s, F&& on_word) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  bool in_word = false;
  std::size_t start = 0;
  while (i < n) {
    const std::size_t at = i;
    bool space;
    if (p[i] < 0x80u) {
      space = ascii_space(p[i]);
      ++i;
    } else {
      space = is_word_space(next_code_point(s, i));
    }
    if (space) {
      if (in_word) {
        in_word = false;
        if (!on_word(start, at)) return;
      }
    } else if (!in_word) {
      in_word = true;
      start = at;
    }
  }
  if (in_word) on_word(start, n);
}

}  // namespace

std::size_t count_words(std::string_view utf8) {
  std::size_t n = 0;
  for_each_word(utf8, [&](std::size_t, std::size_t) {
    ++n;
    return true;
  });
  return n;
}

WordCut cut_at_word_limit(std::string_view utf8, std::size_t limit) {
  WordCut c;
  c.cut_offset = utf8.size();
  std::size_t last_end = 0;
  for_each_word(utf8, [&](std::size_t start, std::size_t end) {
    if (c.words == limit) {
      c.truncated = true;
      c.cut_offset = start;
    }
    if (c.words < limit) last_end = end;
    ++c.words;
    return true;
  });
  c.kept_end = last_end;
  c.cut_word = c.truncated ? limit : c.words;
  return c;
}

}  // namespace automark
