// PDF text via poppler-cpp: the text layer of each page, in reading order
// (physical layout), with a page-number header or footer line dropped, and
// running headers and footers (the same line on every page) kept only once.
#include <algorithm>
#include <map>
#include <utility>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "automark/script.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what, kExitUnreadable);
}

void quiet(const std::string&, void*) {}

/// Drop form feeds and the trailing spaces the physical layout pads lines with.
std::string tidy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t line_start = 0;
  for (char c : s) {
    if (c == '\f') continue;
    if (c == '\r') continue;
    if (c == '\n') {
      while (out.size() > line_start && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      out += '\n';
      line_start = out.size();
      continue;
    }
    out += c;
  }
  while (out.size() > line_start && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

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
/// candidate) and the footer on the last; every other copy is dropped. Lines
/// are compared exactly: "Question 2" atop page 2 and "Question 3" atop page 3
/// are labels, not furniture.
void drop_running_lines(std::vector<std::string>& pages) {
  if (pages.size() < 2) return;
  for (const bool footer : {false, true}) {
    std::vector<std::string> keys(pages.size());
    std::map<std::string, int> count;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const auto [b, e] = edge_line(pages[i], footer);
      if (b == std::string::npos || edge_line(pages[i], !footer).first == b) continue;  // the page's only line
      keys[i] = std::string(trim(std::string_view(pages[i]).substr(b, e - b)));
      // Too short to be furniture rather than text ("a", "(b)").
      if (keys[i].size() < 6) keys[i].clear();
      if (!keys[i].empty()) ++count[keys[i]];
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (keys[i].empty() || count[keys[i]] < 2) continue;
      if (!footer && i == 0) continue;
      if (footer && i + 1 == pages.size()) continue;
      const auto [b, e] = edge_line(pages[i], footer);
      pages[i].erase(b, std::min(pages[i].size(), e + 1) - b);
    }
  }
}

}  // namespace

std::string pdf_text(std::string_view bytes, const std::string& name) {
  poppler::set_debug_error_function(&quiet, nullptr);
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) fail(name, "PDF too large");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) fail(name, "not a readable PDF (corrupt, truncated or password-protected)");
  if (doc->is_locked()) fail(name, "encrypted PDF (needs a password); upload an unprotected copy");
  int pages = doc->pages();
  if (pages > ScriptLimits::kMaxPdfPages)
    fail(name, "PDF has " + std::to_string(pages) + " pages, over the limit of " +
                   std::to_string(ScriptLimits::kMaxPdfPages));
  std::vector<std::string> texts;
  std::size_t size = 0;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (!p) continue;
    poppler::byte_array utf8 = p->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    texts.push_back(drop_page_number(tidy(std::string_view(utf8.data(), utf8.size())), i + 1));
    size += texts.back().size() + 1;
    if (size > ScriptLimits::kMaxTextBytes)
      fail(name, "text over the " + std::to_string(ScriptLimits::kMaxTextBytes >> 20) + " MiB limit for one script");
  }
  drop_running_lines(texts);
  // Pages join with one line break: the margins' blank lines around a page
  // break would read as a paragraph break in the middle of a sentence.
  std::string out;
  for (std::string& page : texts) {
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
  if (trim(out).empty()) fail(name, "no text layer (scanned PDF?); upload a PDF with selectable text, or a .docx");
  return out;
}

}  // namespace automark::intake
