#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "rubric/read_local.h"

namespace automark::rubric_detail {

std::optional<std::string> read_bounded(const std::string& path, std::size_t max_bytes,
                                        std::string* out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "cannot read: " + std::string(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return "cannot read: " + std::string(std::strerror(EISDIR));
  if (!S_ISREG(st.st_mode)) return std::string("cannot read: not a regular file");
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    return "file too large: " + std::to_string(static_cast<long long>(st.st_size)) +
           " bytes (the limit is " + std::to_string(max_bytes) + ")";
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return "cannot read: " + std::string(std::strerror(errno));
  out->clear();
  std::vector<char> buf(64 * 1024);
  bool too_large = false;
  bool failed = false;
  for (;;) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), f);
    if (n > 0) {
      if (out->size() + n > max_bytes) {  // grew since stat
        too_large = true;
        break;
      }
      out->append(buf.data(), n);
    }
    if (n < buf.size()) {
      failed = std::ferror(f) != 0;
      break;
    }
  }
  int saved = errno;
  std::fclose(f);
  if (too_large) {
    out->clear();
    return "file too large: more than " + std::to_string(max_bytes) + " bytes";
  }
  if (failed) {
    out->clear();
    return "cannot read: " + std::string(std::strerror(saved));
  }
  return std::nullopt;
}

namespace {

/// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

}  // namespace

std::optional<ByteProblem> check_text(std::string_view bytes) {
  if (bytes.empty()) return ByteProblem{0, 0, "empty file"};
  int line = 1, col = 1;
  for (std::size_t i = 0; i < bytes.size();) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return ByteProblem{line, col, "not a text file (NUL byte)"};
    std::size_t n = utf8_len(bytes, i);
    if (n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return ByteProblem{line, col, std::string("invalid UTF-8 (byte ") + hex + ")"};
    }
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += n;
  }
  return std::nullopt;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::optional<ByteProblem> prescan_yaml(std::string_view bytes, int max_depth,
                                        std::size_t max_nodes) {
  std::vector<int> indents;  // block nesting: columns of enclosing collections
  int flow = 0;              // open [ and {
  char quote = 0;            // open quoted scalar spanning lines
  int block_scalar = -1;     // indentation of the line that opened | or >
  std::size_t nodes = 0;
  int line_no = 0;
  std::size_t pos = 0;
  auto too_deep = [&](int line, int col) {
    return ByteProblem{line, col,
                       "YAML nested deeper than " + std::to_string(max_depth) + " levels"};
  };
  while (pos < bytes.size()) {
    std::size_t eol = bytes.find('\n', pos);
    if (eol == std::string_view::npos) eol = bytes.size();
    std::string_view line = bytes.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') ++n;
    bool blank = n == line.size() || std::all_of(line.begin() + static_cast<long>(n), line.end(), is_space);
    if (block_scalar >= 0) {
      if (blank || static_cast<int>(n) > block_scalar) continue;
      block_scalar = -1;
    }
    if (blank) continue;
    std::size_t i = n;
    bool scalar_start = true;  // at a place where a node may begin
    if (quote == 0 && flow == 0) {
      if (line[n] == '#') continue;
      if (line.substr(n).rfind("---", 0) == 0 || line.substr(n).rfind("...", 0) == 0) {
        indents.clear();
        continue;
      }
      // Block nesting: the line's indentation, then each "- " or "? " on it.
      auto enter = [&](std::size_t col) {
        while (!indents.empty() && indents.back() >= static_cast<int>(col)) indents.pop_back();
        indents.push_back(static_cast<int>(col));
        ++nodes;
      };
      enter(n);
      while (static_cast<int>(indents.size()) <= max_depth && i < line.size() &&
             (line[i] == '-' || line[i] == '?') && (i + 1 == line.size() || line[i + 1] == ' ')) {
        ++i;
        while (i < line.size() && line[i] == ' ') ++i;
        if (i < line.size()) enter(i);
      }
      if (static_cast<int>(indents.size()) > max_depth) {
        return too_deep(line_no, static_cast<int>(indents.back()) + 1);
      }
    } else {
      scalar_start = false;
    }
    char prev_sig = 0;  // last significant character in flow context
    int line_indent = static_cast<int>(n);
    bool last_token_block_indicator = false;
    for (; i < line.size(); ++i) {
      char c = line[i];
      if (quote == '"') {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quote = 0;
          prev_sig = 'x';
        }
        continue;
      }
      if (quote == '\'') {
        if (c == '\'') {
          if (i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;
          } else {
            quote = 0;
            prev_sig = 'x';
          }
        }
        continue;
      }
      if (c == '#' && (i == 0 || is_space(line[i - 1]))) break;
      if (is_space(c)) continue;
      last_token_block_indicator = false;
      if (flow > 0) {
        bool at_start = prev_sig == 0 || prev_sig == '[' || prev_sig == '{' || prev_sig == ',' ||
                        prev_sig == ':';
        if ((c == '"' || c == '\'') && at_start) {
          quote = c;
          ++nodes;
          continue;
        }
        if (c == '[' || c == '{') {
          ++flow;
          ++nodes;
          if (static_cast<int>(indents.size()) + flow > max_depth) {
            return too_deep(line_no, static_cast<int>(i) + 1);
          }
        } else if (c == ']' || c == '}') {
          --flow;
          if (flow == 0) scalar_start = false;
        } else if (c == ',' || c == ':') {
          ++nodes;
        }
        prev_sig = c;
        if (flow == 0) prev_sig = 0;
        continue;
      }
      // Block context.
      if (scalar_start) {
        if (c == '[' || c == '{') {
          ++flow;
          ++nodes;
          prev_sig = c;
          if (static_cast<int>(indents.size()) + flow > max_depth) {
            return too_deep(line_no, static_cast<int>(i) + 1);
          }
          continue;
        }
        if (c == '"' || c == '\'') {
          quote = c;
          ++nodes;
          scalar_start = false;
          continue;
        }
        if ((c == '|' || c == '>')) {
          std::size_t j = i + 1;
          while (j < line.size() && (std::isdigit(static_cast<unsigned char>(line[j])) ||
                                     line[j] == '+' || line[j] == '-')) {
            ++j;
          }
          if (j == line.size() || is_space(line[j])) {
            last_token_block_indicator = true;
            i = j - 1;
            scalar_start = false;
            continue;
          }
        }
        if (c == '&' || c == '!') {  // anchor or tag: the node follows
          while (i + 1 < line.size() && !is_space(line[i + 1])) ++i;
          continue;
        }
        scalar_start = false;
      }
      if (c == ':' && (i + 1 == line.size() || is_space(line[i + 1]))) {
        scalar_start = true;
        ++nodes;
      }
    }
    if (last_token_block_indicator && quote == 0 && flow == 0) block_scalar = line_indent;
    if (nodes > max_nodes) {
      return ByteProblem{line_no, 1,
                         "too many YAML nodes (more than " + std::to_string(max_nodes) + ")"};
    }
  }
  return std::nullopt;
}

int edit_distance(std::string_view a, std::string_view b) {
  auto low = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  if (a.size() > 64 || b.size() > 64) return 1 << 20;
  std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace automark::rubric_detail
