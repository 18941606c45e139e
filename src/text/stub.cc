// TEMPORARY stub so the tree links; the text module's owner replaces it.
#include "automark/text.h"
namespace automark {
Utf8Repair repair_utf8(std::string_view b) { return {std::string(b), 0, 0}; }
bool is_valid_utf8(std::string_view) { return true; }
Normalised normalise(std::string_view s) {
  Normalised n; n.text = std::string(s);
  for (std::size_t i = 0; i <= s.size(); ++i) n.to_orig.push_back(static_cast<std::uint32_t>(i));
  return n;
}
std::size_t count_words(std::string_view) { return 0; }
WordCut cut_at_word_limit(std::string_view s, std::size_t) { WordCut c; c.kept_end = s.size(); c.cut_offset = s.size(); return c; }
bool is_word_space(char32_t c) { return c == ' ' || c == '\n' || c == '\t'; }
char32_t next_code_point(std::string_view s, std::size_t& i) { return static_cast<unsigned char>(s[i++]); }
void append_utf8(std::string& out, char32_t c) { out.push_back(static_cast<char>(c)); }
std::string fold_case(std::string_view s) { return std::string(s); }
std::string sha256_hex(std::string_view) { return ""; }
}  // namespace automark
