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
    texts.push_back(tidy(std::string_view(utf8.data(), utf8.size())));
    size += texts.back().size() + 1;
    if (size > ScriptLimits::kMaxTextBytes)
      fail(name, "text over the " + std::to_string(ScriptLimits::kMaxTextBytes >> 20) + " MiB limit for one script");
  }
  std::string out = join_pages(std::move(texts));
  if (trim(out).empty()) fail(name, "no text layer (scanned PDF?); upload a PDF with selectable text, or a .docx");
  return out;
}

}  // namespace automark::intake
