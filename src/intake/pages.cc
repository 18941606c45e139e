// Pages of a scanned or printed script (PDF text layers, text files with form
// feeds) joined into one text without their furniture: page-number lines and
// running headers and footers.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "intake/read_internal.h"

namespace automark::intake {

namespace {

bool digits(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// A page-number line for page `page` (1-based): "3", "- 3 -", "Page 3",
/// "Page 3 of 9", "3 of 9", "3/9". Another number is not taken for one.
bool page_number_line(std::string_view line, int page) {
  std::string s = lower_ascii(trim(line));
  std::string_view v = s;
  if (v.size() > 2 && v.front() == '-' && v.back() == '-') v = trim(v.substr(1, v.size() - 2));
  if (v.rfind("page", 0) == 0) v = trim(v.substr(4));
  std::string_view num = v, total;
  if (auto of = v.find(" of "); of != std::string_view::npos) {
    num = trim(v.substr(0, of));
    total = trim(v.substr(of + 4));
  } else if (auto sl = v.find('/'); sl != std::string_view::npos) {
    num = trim(v.substr(0, sl));
    total = trim(v.substr(sl + 1));
  }
  if (!digits(num) || (!total.empty() && !digits(total))) return false;
  return std::stoi(std::string(num)) == page;
}

/// Lines of a page with the page-number header or footer dropped.
std::string drop_page_number(const std::string& page_text, int page) {
  std::vector<std::string_view> lines;
  std::string_view t = page_text;
  std::size_t pos = 0;
  while (pos <= t.size()) {
    auto nl = t.find('\n', pos);
    if (nl == std::string_view::npos) nl = t.size();
    lines.push_back(t.substr(pos, nl - pos));
    pos = nl + 1;
  }
  auto first = std::find_if(lines.begin(), lines.end(), [](std::string_view l) { return !trim(l).empty(); });
  auto last = std::find_if(lines.rbegin(), lines.rend(), [](std::string_view l) { return !trim(l).empty(); });
  if (first == lines.end()) return page_text;
  std::size_t drop_a = lines.size(), drop_b = lines.size();
  if (page_number_line(*last, page)) drop_b = static_cast<std::size_t>(lines.rend() - last - 1);
  else if (page_number_line(*first, page)) drop_a = static_cast<std::size_t>(first - lines.begin());
  if (drop_a == lines.size() && drop_b == lines.size()) return page_text;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == drop_a || i == drop_b) continue;
    out += lines[i];
    if (i + 1 < lines.size()) out += '\n';
  }
  // Blank lines the footer left at the end of the page.
  while (out.size() >= 2 && out.back() == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

/// A running line with its page's number cut off its end or start ("file:///...
/// 1/2" and "... 2/2" are one footer, as are "Page 1 of 3  ECS7013P" and "Page 2
/// of 3  ECS7013P"): what is left must still be 6 characters or more.
std::string without_page_number(const std::string& line, int page) {
  std::vector<std::pair<std::size_t, std::size_t>> words;  // [b, e) of each word
  for (std::size_t b = 0; b < line.size();) {
    while (b < line.size() && (line[b] == ' ' || line[b] == '\t')) ++b;
    std::size_t e = b;
    while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
    if (e > b) words.emplace_back(b, e);
    b = e;
  }
  const std::size_t n = words.size();
  // Only a number that says it is the page's ("3/9", "3 of 9", "Page 3"): a bare
  // "2" could be a question's ("Question 2" atop page 2).
  auto says_page = [](const std::string& s) {
    const std::string l = lower_ascii(s);
    return l.find('/') != std::string::npos || l.find(" of ") != std::string::npos || l.find("page") != std::string::npos;
  };
  for (std::size_t k = 1; k <= 4 && k < n; ++k) {
    // The last k words, then the first k.
    const std::string tail = line.substr(words[n - k].first);
    if (says_page(tail) && page_number_line(tail, page)) {
      std::string rest(trim(std::string_view(line).substr(0, words[n - k].first)));
      if (rest.size() >= 6) return rest;
    }
    const std::string head = line.substr(0, words[k - 1].second);
    if (says_page(head) && page_number_line(head, page)) {
      std::string rest(trim(std::string_view(line).substr(words[k - 1].second)));
      if (rest.size() >= 6) return rest;
    }
  }
  return line;
}

/// [b, e) of the first (or last) non-blank line of a page, or b == e == npos.
std::pair<std::size_t, std::size_t> edge_line(const std::string& t, bool last) {
  std::size_t b = 0;
  std::pair<std::size_t, std::size_t> found{std::string::npos, std::string::npos};
  while (b <= t.size()) {
    std::size_t e = t.find('\n', b);
    if (e == std::string::npos) e = t.size();
    if (!trim(std::string_view(t).substr(b, e - b)).empty()) {
      found = {b, e};
      if (!last) return found;
    }
    b = e + 1;
  }
  return found;
}

/// Running headers and footers: a first (last) line that is exactly the same
/// on two pages or more, on pages with other text, is page furniture
/// ("ECS7013P - Candidate 2600401"), which would otherwise land in the middle
/// of an answer. The header is kept on the first page (where it may name the
/// candidate); every other copy, and every copy of the footer, is dropped. Lines
/// are compared exactly, once the page's own number is cut off their end or
/// start: "Question 2" atop page 2 and "Question 3" atop page 3 are labels,
/// not furniture (3 is not page 2's number).
bool drop_running_lines(std::vector<std::string>& pages) {
  if (pages.size() < 2) return false;
  bool dropped = false;
  for (const bool footer : {false, true}) {
    std::vector<std::string> keys(pages.size());
    std::map<std::string, int> count;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const auto [b, e] = edge_line(pages[i], footer);
      if (b == std::string::npos || edge_line(pages[i], !footer).first == b) continue;  // the page's only line
      keys[i] = without_page_number(std::string(trim(std::string_view(pages[i]).substr(b, e - b))),
                                    static_cast<int>(i) + 1);
      // Too short to be furniture rather than text ("a", "(b)").
      if (keys[i].size() < 6) keys[i].clear();
      if (!keys[i].empty()) ++count[keys[i]];
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (keys[i].empty() || count[keys[i]] < 2) continue;
      if (!footer && i == 0) continue;
      const auto [b, e] = edge_line(pages[i], footer);
      pages[i].erase(b, std::min(pages[i].size(), e + 1) - b);
      dropped = true;
    }
  }
  return dropped;
}

}  // namespace

std::string join_pages(std::vector<std::string> pages) {
  for (std::size_t i = 0; i < pages.size(); ++i) pages[i] = drop_page_number(pages[i], static_cast<int>(i) + 1);
  // Headers and footers of two or three lines ("ANSWER BOOK  ECS7013P", then
  // "Candidate number: ..."): one line a pass.
  for (int pass = 0; pass < 3; ++pass)
    if (!drop_running_lines(pages)) break;
  // Pages join with one line break: the margins' blank lines around a page
  // break would read as a paragraph break in the middle of a sentence.
  std::string out;
  for (std::string& page : pages) {
    if (!out.empty()) {
      while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
      std::size_t lead = 0;
      while (lead < page.size() && (page[lead] == '\n' || page[lead] == ' ' || page[lead] == '\t')) {
        if (page[lead] == '\n') {
          page.erase(0, lead + 1);
          lead = 0;
          continue;
        }
        ++lead;
      }
      out += '\n';
    }
    out += page;
  }
  return out;
}

std::string drop_repeated_headers(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t b = 0; b <= text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    lines.push_back(text.substr(b, e - b));
    b = e + 1;
  }
  auto next_text = [&](std::size_t i) {  // the first non-blank line at or after i
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
    return i;
  };
  auto page_number = [](std::string_view line) {  // "2" alone on its line
    const std::string_view n = trim(line);
    return n.size() <= 3 && digits(n);
  };
  const std::size_t h1 = next_text(0);
  if (h1 >= lines.size() || trim(lines[h1]).size() < 12) return std::string(text);
  const std::size_t h2 = next_text(h1 + 1);
  const std::string_view head = trim(lines[h1]);
  const std::string_view head2 = h2 < lines.size() && h2 == h1 + 1 ? trim(lines[h2]) : std::string_view();
  std::vector<bool> drop(lines.size(), false);
  bool any = false;
  for (std::size_t i = h1 + 1; i < lines.size(); ++i) {
    if (trim(lines[i]) != head) continue;
    any = drop[i] = true;
    if (!head2.empty() && head2.size() >= 12 && i + 1 < lines.size() && trim(lines[i + 1]) == head2)
      drop[i + 1] = true;
    // The page number at the foot of the page before ("2" alone on its line).
    std::size_t p = i;
    while (p > 0 && trim(lines[p - 1]).empty()) --p;
    if (p > 0) {
      if (page_number(lines[p - 1])) drop[p - 1] = true;
    }
  }
  if (!any) return std::string(text);
  // The last page's number.
  const std::size_t last = [&] {
    std::size_t i = lines.size();
    while (i > 0 && trim(lines[i - 1]).empty()) --i;
    return i;
  }();
  if (last > 0) {
    if (page_number(lines[last - 1])) drop[last - 1] = true;
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (drop[i]) continue;
    out += lines[i];
    if (i + 1 < lines.size()) out += '\n';
  }
  return out;
}

std::string join_form_feed_pages(std::string_view text) {
  std::vector<std::string> pages;
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find('\f', b);
    if (e == std::string_view::npos) e = text.size();
    pages.emplace_back(text.substr(b, e - b));
    b = e + 1;
  }
  // A form feed ending the file opens no page.
  while (pages.size() > 1 && trim(pages.back()).empty()) pages.pop_back();
  if (pages.size() < 2) {
    std::string one(text);
    std::erase(one, '\f');
    return one;
  }
  return join_pages(std::move(pages));
}

}  // namespace automark::intake
