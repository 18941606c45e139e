#include "report/report_local.h"

#include <cmath>
#include <cstdio>

#include "automark/text.h"

namespace automark::report_detail {

std::string marks_str(double m) {
  m = round_marks(m);
  char buf[64];
  if (m == std::floor(m) && std::fabs(m) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(m));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.3f", m);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  return s;
}

std::string one_line(std::string_view s, std::size_t max_chars) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "...";
  }
  return out;
}

std::string sub_label(const std::string& id) {
  std::string out;
  std::size_t dot = id.find('.');
  while (dot != std::string::npos) {
    std::size_t next = id.find('.', dot + 1);
    out += "(" + id.substr(dot + 1, next == std::string::npos ? std::string::npos : next - dot - 1) + ")";
    dot = next;
  }
  return out;
}

std::string paper_label(const std::string& id) {
  return Rubric::question_of(id) + sub_label(id);
}

std::pair<std::string, std::string> words_around(std::string_view text, std::size_t offset,
                                                 std::size_t n) {
  if (offset > text.size()) offset = text.size();
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  // Backwards n words.
  std::size_t b = offset, words = 0;
  while (b > 0 && words < n) {
    while (b > 0 && is_space(text[b - 1])) --b;
    if (b == 0) break;
    while (b > 0 && !is_space(text[b - 1])) --b;
    ++words;
  }
  std::size_t e = offset;
  words = 0;
  while (e < text.size() && words < n) {
    while (e < text.size() && is_space(text[e])) ++e;
    if (e == text.size()) break;
    while (e < text.size() && !is_space(text[e])) ++e;
    ++words;
  }
  return {one_line(text.substr(b, offset - b)), one_line(text.substr(offset, e - offset))};
}

std::vector<const Flag*> flags_of(const MarkSheet& sheet, const std::string& part) {
  std::vector<const Flag*> out;
  for (const auto& f : sheet.flags)
    if (f.part == part) out.push_back(&f);
  return out;
}

}  // namespace automark::report_detail
