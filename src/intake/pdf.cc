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

/// Raised small digits glued to the word before them (a word processor's
/// superscript): a footnote marker after punctuation ("204.²", its note at the
/// foot of the page) is dropped; after a letter, digit or bracket it is an
/// exponent ("M²", "2¹¹", "(M/2)²") and gets a `^` ("M^2"). Applied to the
/// page's layout text, where the text layer glues them on ("204.2", "M2").
std::string mark_superscripts(const poppler::page& page, std::string text) {
  struct Box {
    std::string s;
    poppler::rectf r;
    double size;  // the box height: the type size
    bool space_after;
  };
  std::vector<Box> boxes;
  // The type size is read from each word's box height: asking poppler for font
  // information (text_list_include_font) makes it look fonts up through
  // fontconfig, which allocates for good.
  for (const poppler::text_box& b : page.text_list()) {
    const poppler::byte_array u = b.text().to_utf8();
    boxes.push_back({std::string(u.data(), u.size()), b.bbox(), b.bbox().height(), b.has_space_after()});
  }
  auto all_digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::size_t from = 0;  // the layout text is searched in reading order
  for (std::size_t i = 1; i < boxes.size(); ++i) {
    const Box& prev = boxes[i - 1];
    const Box& sup = boxes[i];
    if (!all_digits(sup.s) || prev.s.empty() || prev.space_after || prev.size <= 0 || sup.size <= 0) continue;
    // Smaller type, on the same line, its foot well above the word's.
    const double prev_foot = prev.r.y() + prev.r.height(), sup_foot = sup.r.y() + sup.r.height();
    const bool raised = sup.size <= 0.8 * prev.size && sup.r.y() < prev_foot && prev_foot - sup_foot >= 0.25 * prev.r.height() &&
                        sup.r.x() >= prev.r.x() + prev.r.width() - 1.0 && sup.r.x() <= prev.r.x() + prev.r.width() + 3.0;
    if (!raised) continue;
    const char last = prev.s.back();
    const bool after_stop = last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?';
    // A footnote marker needs its note: the same number in small type further
    // down the page, starting a line (the box before it ends on a line above).
    bool note = false;
    for (std::size_t k = i + 1; k < boxes.size() && !note; ++k)
      note = boxes[k].s == sup.s && boxes[k].size > 0 && boxes[k].size <= 0.8 * prev.size &&
             boxes[k].r.y() > sup.r.y() + prev.r.height() &&
             boxes[k - 1].r.y() + boxes[k - 1].r.height() <= boxes[k].r.y() + 0.5;
    if (after_stop && !note) continue;
    const std::string glued = prev.s + sup.s;
    const std::size_t at = text.find(glued, from);
    if (at == std::string::npos) continue;
    const std::size_t cut = at + prev.s.size();
    if (after_stop)
      text.erase(cut, sup.s.size());
    else
      text.insert(cut, "^");
    from = cut;
  }
  return text;
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
    texts.push_back(mark_superscripts(*p, tidy(std::string_view(utf8.data(), utf8.size()))));
    size += texts.back().size() + 1;
    if (size > ScriptLimits::kMaxTextBytes)
      fail(name, "text over the " + std::to_string(ScriptLimits::kMaxTextBytes >> 20) + " MiB limit for one script");
  }
  std::string out = join_pages(std::move(texts));
  if (trim(out).empty()) fail(name, "no text layer (scanned PDF?); upload a PDF with selectable text, or a .docx");
  return out;
}

}  // namespace automark::intake
