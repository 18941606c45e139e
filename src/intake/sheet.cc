// Spreadsheets: an .xlsx (Excel, Google Sheets, an LMS's export) or an .ods
// (LibreOffice Calc) read as the table of rows its worksheet shows, which
// read_table() (csv.cc) then reads exactly as the same table saved as CSV.
// libzip through OfficeZip (the zip-bomb limits of .docx) + pugixml; every
// walk is iterative and every repetition (ODS repeated rows and columns,
// shared strings used many times) is counted against ScriptLimits::kMaxSheet*.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/office_xml.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

using xml::attr;
using xml::child;
using xml::fail;
using xml::local;

/// A non-negative decimal number, saturating at `cap` ("" or junk: `dflt`).
std::size_t to_count(std::string_view s, std::size_t dflt, std::size_t cap) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return dflt;
  std::size_t v = 0;
  for (char c : s) {
    v = v * 10 + static_cast<std::size_t>(c - '0');
    if (v >= cap) return cap;
  }
  return v;
}

/// The text of a node's PCDATA and CDATA children.
std::string own_text(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

/// Cell text as every format hands it on: line ends as "\n", no control
/// characters other than tab and line feed (a NUL would end the answer).
void tidy_cell(std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out += '\n';
    } else if (c < 0x20 && c != '\t' && c != '\n') {
      continue;
    } else {
      out += static_cast<char>(c);
    }
  }
  s = std::move(out);
}

/// A worksheet's non-empty rows as they are read, then padded into a Table.
/// Counts what the table will hold, repetitions included, and stops at the limits.
class SheetBuilder {
 public:
  explicit SheetBuilder(const std::string& name) : name_(name) {}

  /// A cell's text before it is placed (possibly many times): repaired once.
  void prepare(std::string& text) {
    if (!is_valid_utf8(text)) {
      Utf8Repair rep = repair_utf8(text);
      bad_utf8_ += rep.replaced;
      text = std::move(rep.text);
    }
    tidy_cell(text);
  }

  /// One more non-empty row: `row` 1-based; `cells` (0-based column, text), none empty.
  void add(std::size_t row, const std::vector<std::pair<std::size_t, std::string>>& cells) {
    if (row > ScriptLimits::kMaxSheetRows)
      fail(name_, "a cell in row " + std::to_string(row) + ", beyond the limit of " +
                      std::to_string(ScriptLimits::kMaxSheetRows) + " rows");
    if (rows_.size() > ScriptLimits::kMaxCsvRows)
      fail(name_, "more than " + std::to_string(ScriptLimits::kMaxCsvRows) + " rows (the limit)");
    for (const auto& [col, text] : cells) {
      if (col >= ScriptLimits::kMaxSheetColumns)
        fail(name_, "a cell in column " + std::to_string(col + 1) + " (row " + std::to_string(row) +
                        "), beyond the limit of " + std::to_string(ScriptLimits::kMaxSheetColumns) + " columns");
      width_ = std::max(width_, col + 1);
      check_room(text.size());
      bytes_ += text.size();
    }
    // Counted as padded to the widest row, as table() will hold them.
    if ((rows_.size() + 1) * width_ > ScriptLimits::kMaxSheetCells) {
      rows_.push_back({row, {}});
      too_many_cells();
    }
    rows_.push_back({row, cells});
  }

  /// Refuses a table whose cells would hold more than the limit of text with
  /// `more` bytes added (checked before a cell is copied many times).
  void check_room(std::size_t more) const {
    if (bytes_ + more > ScriptLimits::kMaxDocxUncompressed)
      fail(name_, "the worksheet's cells hold more than " + std::to_string(ScriptLimits::kMaxDocxUncompressed >> 20) +
                      " MiB of text (repeated cells counted each time); refused");
  }

  bool empty() const { return rows_.empty(); }

  /// The rows in sheet order, each padded to the widest row, as a CSV export has them.
  Table table(const std::string& format) {
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.row < b.row; });
    Table t;
    t.format = format;
    t.rows.reserve(rows_.size());
    for (Row& r : rows_) {
      CsvRecord rec;
      rec.line = r.row;
      rec.fields.resize(width_);
      for (auto& [col, text] : r.cells) rec.fields[col] = std::move(text);
      std::vector<std::pair<std::size_t, std::string>>().swap(r.cells);  // freed as the table grows
      t.rows.push_back(std::move(rec));
    }
    if (bad_utf8_ > 0)
      t.flags.push_back({"", "invalid-utf8",
                         std::to_string(bad_utf8_) + " invalid UTF-8 sequence(s) in the file replaced by U+FFFD"});
    return t;
  }

 private:
  struct Row {
    std::size_t row;
    std::vector<std::pair<std::size_t, std::string>> cells;
  };
  [[noreturn]] void too_many_cells() const {
    fail(name_, "the worksheet's table is over the limit of " + std::to_string(ScriptLimits::kMaxSheetCells) +
                    " cells (" + std::to_string(rows_.size()) + " rows with text, " + std::to_string(width_) +
                    " columns wide)");
  }
  const std::string& name_;
  std::vector<Row> rows_;
  std::size_t width_ = 0, bytes_ = 0, bad_utf8_ = 0;
};

// ------------------------------------------------------------------- .xlsx

/// OOXML's escape for characters XML cannot hold: "_x000D_" is U+000D, "_x005F_" a "_".
std::string decode_ooxml_escapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      char32_t v = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6 && ok; ++k) {
        const int h = hex(s[i + k]);
        ok = h >= 0;
        v = v * 16 + static_cast<char32_t>(h < 0 ? 0 : h);
      }
      if (ok) {
        append_utf8(out, (v >= 0xD800 && v <= 0xDFFF) ? char32_t{0xFFFD} : v);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

/// A string item (<si>, <is>): its <t>, or its rich-text runs' <t> in order;
/// phonetic guides (<rPh>) are not part of the text.
std::string rich_text(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view ln = local(c.name());
    if (ln == "t") {
      out += own_text(c);
    } else if (ln == "r") {
      for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling())
        if (t.type() == pugi::node_element && local(t.name()) == "t") out += own_text(t);
    }
  }
  return decode_ooxml_escapes(out);
}

/// Parse an XML part in place: `buf` is the document's storage from then on
/// (not to be reused while the document is).
void load_xml(pugi::xml_document& doc, std::string& buf, const std::string& name, const std::string& part,
              const char* kind) {
  const pugi::xml_parse_result res =
      doc.load_buffer_inplace(buf.data(), buf.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!res) fail(name, std::string("corrupt ") + kind + " (" + part + ": " + res.description() + ")");
}

/// A part's relationships (Id -> (Type, resolved target)); none when it has no .rels.
std::map<std::string, std::pair<std::string, std::string>> load_rels(const OfficeZip& z, const std::string& part,
                                                                     const std::string& name) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  const auto slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string rels = dir + "_rels/" + part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
  std::string buf;
  if (!z.read(rels.c_str(), buf)) return out;
  pugi::xml_document doc;
  load_xml(doc, buf, name, rels, ".xlsx");
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || local(r.name()) != "Relationship") continue;
    if (attr(r, "TargetMode") == "External") continue;
    std::string target = attr(r, "Target");
    // Relative to the part's folder, or absolute from the package root; "../" resolved.
    std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : dir + target;
    std::vector<std::string> segs;
    std::size_t pos = 0;
    while (pos <= path.size()) {
      std::size_t e = path.find('/', pos);
      if (e == std::string::npos) e = path.size();
      const std::string seg = path.substr(pos, e - pos);
      if (seg == "..") {
        if (!segs.empty()) segs.pop_back();
      } else if (!seg.empty() && seg != ".") {
        segs.push_back(seg);
      }
      pos = e + 1;
    }
    std::string resolved;
    for (const auto& s : segs) resolved += (resolved.empty() ? "" : "/") + s;
    out[attr(r, "Id")] = {attr(r, "Type"), resolved};
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// "C5" -> column 3 (1-based) or 0 when the reference has no letters; letters
/// past the limit give a column past the limit (refused by the builder).
std::size_t ref_column(std::string_view r) {
  std::size_t col = 0;
  for (char c : r) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (col > ScriptLimits::kMaxSheetColumns) return ScriptLimits::kMaxSheetColumns + 1;
  }
  return col;
}

/// What an .xlsx cell shows: shared or inline strings, numbers as General
/// shows them, TRUE/FALSE, a formula's cached result, an error such as #N/A.
std::string xlsx_cell(const pugi::xml_node& c, const std::vector<std::string>& shared, const std::string& name,
                      std::size_t row) {
  const std::string type = attr(c, "t");
  const pugi::xml_node v = child(c, "v");
  if (type == "inlineStr") return rich_text(child(c, "is"));
  if (!v) return "";
  const std::string value = own_text(v);
  if (type == "s") {
    const std::size_t idx = to_count(std::string(trim(value)), shared.size(), shared.size());
    if (idx >= shared.size())
      fail(name, "cell " + attr(c, "r") + " (row " + std::to_string(row) + ") names shared string \"" +
                     value.substr(0, 20) + "\", but the workbook has " + std::to_string(shared.size()));
    return shared[idx];
  }
  if (type == "b") return trim(value) == "1" ? "TRUE" : trim(value) == "0" ? "FALSE" : value;
  if (type == "str" || type == "e" || type == "d") return decode_ooxml_escapes(value);
  return sheet_number(value);
}

/// Reads one worksheet part into `b`; false when the part is not a worksheet (a chart sheet).
bool read_xlsx_sheet(const OfficeZip& z, const std::string& part, const std::vector<std::string>& shared,
                     const std::string& name, SheetBuilder& b) {
  std::string buf;
  if (!z.read(part.c_str(), buf)) fail(name, "corrupt .xlsx (the workbook names " + part + ", which is missing)");
  pugi::xml_document doc;
  load_xml(doc, buf, name, part, ".xlsx");
  const pugi::xml_node root = doc.document_element();
  if (local(root.name()) != "worksheet") return false;
  std::size_t row = 0;
  std::vector<std::pair<std::size_t, std::string>> cells;
  for (pugi::xml_node r = child(root, "sheetData").first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || local(r.name()) != "row") continue;
    const std::size_t given = to_count(attr(r, "r"), 0, ScriptLimits::kMaxSheetRows + 1);
    row = given > 0 ? given : row + 1;
    cells.clear();
    std::size_t col = 0;  // 1-based column of the previous cell
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
      const std::size_t at = ref_column(attr(c, "r"));
      col = at > 0 ? at : col + 1;
      std::string text = xlsx_cell(c, shared, name, row);
      if (text.empty()) continue;
      b.prepare(text);
      if (!cells.empty() && cells.back().first == col - 1) cells.pop_back();  // the same cell twice: the last wins
      cells.emplace_back(col - 1, std::move(text));
    }
    std::sort(cells.begin(), cells.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    if (!cells.empty()) b.add(row, cells);
  }
  return true;
}

// -------------------------------------------------------------------- .ods

/// A cell paragraph's text (text:p, text:h): white space collapsed as ODF
/// says (a run of spaces, tabs and line ends is one space, none at the
/// paragraph's ends), text:s spaces, text:tab, text:line-break; comments and
/// notes left out.
void ods_paragraph(const pugi::xml_node& p, std::string& out, SheetBuilder& b) {
  bool content = false, pending = false;  // a collapsed space waits for more content
  auto put = [&](std::string_view t) {
    if (pending && content) out += ' ';
    pending = false;
    content = true;
    out += t;
  };
  std::vector<pugi::xml_node> stack;
  for (pugi::xml_node c = p.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    const pugi::xml_node n = stack.back();
    stack.pop_back();
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      std::string_view v = n.value();
      while (!v.empty()) {
        const std::size_t sp = v.find_first_of(" \t\n\r");
        if (sp != 0) put(v.substr(0, sp));
        if (sp == std::string_view::npos) break;
        pending = true;
        const std::size_t next = v.find_first_not_of(" \t\n\r", sp);
        v = next == std::string_view::npos ? std::string_view() : v.substr(next);
      }
      continue;
    }
    if (n.type() != pugi::node_element) continue;
    const std::string_view ln = local(n.name());
    if (ln == "s") {
      put(std::string(std::max<std::size_t>(to_count(attr(n, "c"), 1, 1000), 1), ' '));
      b.check_room(out.size());  // 1000 spaces from a few bytes of XML, many times over
    } else if (ln == "tab") {
      put("\t");
    } else if (ln == "line-break") {
      put("\n");
    } else if (ln != "annotation" && ln != "note" && ln != "tracked-changes" && ln != "bookmark" &&
               ln != "bookmark-start" && ln != "bookmark-end") {
      for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    }
  }
}

/// What an .ods cell shows: its paragraphs joined by line breaks; a cell
/// without any (written by some tools) shows its value.
std::string ods_cell(const pugi::xml_node& cell, SheetBuilder& b) {
  std::string out;
  bool any = false;
  std::vector<pugi::xml_node> stack;  // paragraphs, also inside a list in the cell
  for (pugi::xml_node c = cell.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    const pugi::xml_node n = stack.back();
    stack.pop_back();
    if (n.type() != pugi::node_element) continue;
    const std::string_view ln = local(n.name());
    if (ln == "p" || ln == "h") {
      if (any) out += '\n';
      any = true;
      ods_paragraph(n, out, b);
    } else if (ln == "list" || ln == "list-item" || ln == "list-header") {
      for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    }
  }
  const std::string type = attr(cell, "value-type");
  const std::string value = attr(cell, "value");
  if (!any) {
    if (type == "float" || type == "percentage" || type == "currency") return sheet_number(value);
    if (type == "boolean") return attr(cell, "boolean-value") == "true" ? "TRUE" : "FALSE";
    if (type == "date") return attr(cell, "date-value");
    if (type == "time") return attr(cell, "time-value");
    return attr(cell, "string-value");
  }
  // A tool that wrote the raw value as the shown text ("2700101.0"): as General shows it.
  if (type == "float" && out == value) return sheet_number(value);
  return out;
}

/// Reads one table:table into `b`.
void read_ods_table(const pugi::xml_node& table, SheetBuilder& b) {
  constexpr std::size_t kFar = ScriptLimits::kMaxSheetRows * 16;  // saturation point of the counters
  std::size_t row = 1;
  std::vector<std::pair<std::size_t, std::string>> cells;
  std::vector<pugi::xml_node> stack;  // rows, also inside header rows and (nested) row groups
  for (pugi::xml_node c = table.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    const pugi::xml_node n = stack.back();
    stack.pop_back();
    if (n.type() != pugi::node_element) continue;
    const std::string_view ln = local(n.name());
    if (ln == "table-header-rows" || ln == "table-rows" || ln == "table-row-group") {
      for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
      continue;
    }
    if (ln != "table-row") continue;
    const std::size_t rows = std::max<std::size_t>(1, to_count(attr(n, "number-rows-repeated"), 1, kFar));
    cells.clear();
    std::size_t col = 0, row_bytes = 0;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view cl = local(c.name());
      if (cl != "table-cell" && cl != "covered-table-cell") continue;
      const std::size_t repeat = std::max<std::size_t>(1, to_count(attr(c, "number-columns-repeated"), 1, kFar));
      std::string text = ods_cell(c, b);
      if (text.empty()) {
        col = std::min(col + repeat, kFar);  // empty cells (often thousands at a row's end) only move on
        continue;
      }
      b.prepare(text);
      // Repeated columns with text: each copy counts; past the last column add() refuses the row.
      for (std::size_t k = 0; k < repeat && (k == 0 || col <= ScriptLimits::kMaxSheetColumns); ++k, ++col) {
        row_bytes += text.size();
        b.check_room(row_bytes);
        cells.emplace_back(col, text);
      }
    }
    if (cells.empty()) {
      row = std::min(row + rows, kFar);  // empty rows (a million at the sheet's end) only move on
      continue;
    }
    for (std::size_t k = 0; k < rows; ++k, ++row) b.add(row, cells);
  }
}

/// Table style names that hide their sheet (style:table-properties table:display="false").
std::vector<std::string> hidden_table_styles(const pugi::xml_node& root) {
  std::vector<std::string> out;
  for (pugi::xml_node s = child(root, "automatic-styles").first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || local(s.name()) != "style") continue;
    if (attr(child(s, "table-properties"), "display") == "false") out.push_back(attr(s, "name"));
  }
  return out;
}

bool has_utf16_name(std::string_view bytes, std::string_view ascii) {
  std::string u;
  for (char c : ascii) {
    u += c;
    u += '\0';
  }
  return bytes.find(u) != std::string_view::npos;
}

}  // namespace

std::string sheet_number(std::string_view v) {
  std::string_view t = trim(v);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double d = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(d)) return std::string(v);
  char buf[64];
  if (d == std::trunc(d) && std::fabs(d) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", d == 0 ? 0.0 : d);  // no "-0"
  else
    std::snprintf(buf, sizeof buf, "%.15G", d);
  return buf;
}

char ooxml_kind(std::string_view bytes) {
  if (!looks_like_zip(bytes)) return 0;
  try {
    const OfficeZip z(bytes, "", "zip");
    if (z.has("word/document.xml")) return 'w';
    return z.has("xl/workbook.xml") ? 'x' : 0;
  } catch (const Error&) {
    return 0;
  }
}

bool looks_like_ods(std::string_view bytes) {
  return looks_like_zip(bytes) &&
         bytes.substr(0, 256).find("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos;
}

Table xlsx_table(std::string_view bytes, const std::string& name) {
  const OfficeZip z(bytes, name, ".xlsx");
  // The workbook: the package's officeDocument, usually xl/workbook.xml.
  std::string workbook = "xl/workbook.xml";
  for (const auto& [id, rel] : load_rels(z, "", name))
    if (ends_with(rel.first, "/officeDocument") && z.has(rel.second.c_str())) workbook = rel.second;
  std::string buf;
  if (!z.read(workbook.c_str(), buf))
    fail(name, "zip archive but not an Excel workbook (no xl/workbook.xml)");
  pugi::xml_document wb;
  load_xml(wb, buf, name, workbook, ".xlsx");
  const auto rels = load_rels(z, workbook, name);

  std::vector<std::string> shared;
  std::string sst_part;
  for (const auto& [id, rel] : rels)
    if (ends_with(rel.first, "/sharedStrings")) sst_part = rel.second;
  if (sst_part.empty() && z.has("xl/sharedStrings.xml")) sst_part = "xl/sharedStrings.xml";
  std::string sst_buf;  // not `buf`: the workbook's document lives in it
  if (!sst_part.empty() && z.read(sst_part.c_str(), sst_buf)) {
    pugi::xml_document sst;
    load_xml(sst, sst_buf, name, sst_part, ".xlsx");
    for (pugi::xml_node si = sst.document_element().first_child(); si; si = si.next_sibling())
      if (si.type() == pugi::node_element && local(si.name()) == "si") shared.push_back(rich_text(si));
  }

  // The sheets in tab order; the first visible worksheet with any text is read.
  std::size_t sheets = 0;
  for (pugi::xml_node s = child(wb.document_element(), "sheets").first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || local(s.name()) != "sheet") continue;
    ++sheets;
    const std::string state = attr(s, "state");
    if (state == "hidden" || state == "veryHidden") continue;
    const auto rel = rels.find(attr(s, "id"));
    if (rel == rels.end() || !ends_with(rel->second.first, "/worksheet")) continue;
    SheetBuilder b(name);
    if (read_xlsx_sheet(z, rel->second.second, shared, name, b) && !b.empty()) return b.table("xlsx");
  }
  if (sheets == 0) fail(name, "corrupt .xlsx (the workbook lists no sheets)");
  fail(name, "no data: the workbook's " + std::to_string(sheets) + " sheet(s) are empty or hidden");
}

Table ods_table(std::string_view bytes, const std::string& name) {
  const OfficeZip z(bytes, name, ".ods");
  std::string buf;
  if (!z.read("content.xml", buf)) fail(name, "zip archive but not an OpenDocument spreadsheet (no content.xml)");
  std::string manifest;
  if (z.read("META-INF/manifest.xml", manifest) && manifest.find("encryption-data") != std::string::npos)
    fail(name, "password-protected (encrypted) spreadsheet: automark cannot open it; save it without a password "
               "(or as CSV) and upload it again");
  pugi::xml_document doc;
  load_xml(doc, buf, name, "content.xml", ".ods");
  const pugi::xml_node root = doc.document_element();
  const pugi::xml_node sheet = child(child(root, "body"), "spreadsheet");
  if (!sheet) fail(name, "an OpenDocument file that is not a spreadsheet (no Calc content)");
  const auto hidden = hidden_table_styles(root);
  std::size_t tables = 0;
  for (pugi::xml_node t = sheet.first_child(); t; t = t.next_sibling()) {
    if (t.type() != pugi::node_element || local(t.name()) != "table") continue;
    ++tables;
    if (std::find(hidden.begin(), hidden.end(), attr(t, "style-name")) != hidden.end()) continue;
    SheetBuilder b(name);
    read_ods_table(t, b);
    if (!b.empty()) return b.table("ods");
  }
  if (tables == 0) fail(name, "no data: the spreadsheet has no sheets");
  fail(name, "no data: the spreadsheet's " + std::to_string(tables) + " sheet(s) are empty or hidden");
}

std::optional<Table> sheet_table(std::string_view bytes, const std::string& name) {
  if (!looks_like_zip(bytes)) return std::nullopt;
  const std::string ext = file_ext(name);
  const bool odf = looks_like_odt(bytes);  // any OpenDocument mimetype
  if (looks_like_ods(bytes) || (ext == "ods" && !odf)) return ods_table(bytes, name);
  if (odf) return std::nullopt;
  const char ooxml = ooxml_kind(bytes);
  if (ooxml == 'x' || (ooxml == 0 && (ext == "xlsx" || ext == "xlsm"))) return xlsx_table(bytes, name);
  return std::nullopt;
}

std::string ole_file_problem(std::string_view bytes, const std::string& ext) {
  const bool excel_ext = ext == "xlsx" || ext == "xlsm" || ext == "xls";
  if (has_utf16_name(bytes, "EncryptedPackage")) {
    if (excel_ext)
      return "password-protected (encrypted) Excel workbook: automark cannot open it; remove the password "
             "(Excel: File > Info > Protect Workbook > Encrypt with Password) or save it as CSV, and upload it again";
    if (ext == "docx")
      return "password-protected (encrypted) Word document: automark cannot open it; remove the password "
             "or save it as PDF, and upload it again";
    return "password-protected (encrypted) Office file: automark cannot open it; remove the password and upload "
           "it again";
  }
  if (excel_ext || has_utf16_name(bytes, "Workbook") || has_utf16_name(bytes, std::string_view("Book\0", 5)))
    return "old Excel .xls (or other OLE) file: not supported; save it as .xlsx, .ods or CSV";
  return "old Word .doc (or other OLE) file: not supported; save it as .docx or PDF";
}

}  // namespace automark::intake

namespace automark {

bool read_sheet_rows(std::string_view bytes, const std::string& name,
                     std::vector<std::pair<std::size_t, std::vector<std::string>>>& rows) {
  using namespace intake;
  const std::string ext = file_ext(name);
  const bool sheet_ext = ext == "xlsx" || ext == "xlsm" || ext == "xls" || ext == "ods";
  if (sheet_ext && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    fail(name, ole_file_problem(bytes, ext));
  std::optional<Table> t = sheet_table(bytes, name);
  if (!t) return false;
  rows.clear();
  for (CsvRecord& r : t->rows) rows.emplace_back(r.line, std::move(r.fields));
  return true;
}

}  // namespace automark
