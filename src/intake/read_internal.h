// Internal interfaces of script intake (reading uploaded files): shared by
// read.cc, docx.cc, sheet.cc, pdf.cc, csv.cc and structured.cc. Not a public header.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "automark/script.h"

struct zip;  // libzip's zip_t

namespace automark::intake {

// ---- rubric helpers (independent of Rubric::leaves()/find()) ----
/// Leaf parts in paper order.
std::vector<const Part*> leaf_parts(const Rubric& rubric);
/// Leaf with this full id (case-insensitive, surrounding spaces ignored); nullptr if none.
const Part* find_leaf(const Rubric& rubric, std::string_view id);

// ---- formats ----
/// Builds the lines of a document's text (docx.cc, rtf.cc): struck text is
/// buffered so that spaces stay outside its ~~ ~~. Throws Error(2) when the
/// text grows past `limit` bytes.
struct LineBuilder {
  std::string out, line, struck;
  std::size_t limit;
  const std::string& name;
  void flush_strike();
  void text(std::string_view t, bool strike);
  void end_line(bool keep_empty);
};

/// An office document's zip archive (.docx, .odt, .xlsx, .ods) opened from
/// bytes in memory (which must outlive it), with the zip-bomb limits of
/// ScriptLimits: at most kMaxDocxEntries entries, each entry read unpacking at
/// most kMaxDocxUncompressed bytes (declared or actual). Errors are Error(2)
/// naming the file; `kind` (".docx") says what the file should have been.
class OfficeZip {
 public:
  OfficeZip(std::string_view bytes, const std::string& name, const char* kind);
  ~OfficeZip();
  OfficeZip(const OfficeZip&) = delete;
  OfficeZip& operator=(const OfficeZip&) = delete;
  /// True when the archive holds this entry.
  bool has(const char* entry) const;
  /// Reads one entry fully into `out`; false when the archive has no such entry.
  bool read(const char* entry, std::string& out) const;

 private:
  ::zip* z_ = nullptr;
  std::string name_;
  const char* kind_;
};

/// Text of a .docx (paragraphs, list items with their numbering, table cells,
/// one paragraph per line; struck-through runs as ~~text~~). Throws Error(2).
std::string docx_text(std::string_view bytes, const std::string& name);
/// True when the bytes are a zip archive (local file header or empty-archive magic).
bool looks_like_zip(std::string_view bytes);

/// Text of an OpenDocument text file (.odt: content.xml's paragraphs, headings,
/// list items and table cells, one per line; struck-through spans as ~~text~~).
/// Throws Error(2).
std::string odt_text(std::string_view bytes, const std::string& name);
/// True when a zip archive is an OpenDocument file (its `mimetype` entry,
/// stored first, names application/vnd.oasis.opendocument.*).
bool looks_like_odt(std::string_view bytes);

/// Text of an RTF document (WordPad, TextEdit, Word's "Rich Text"): paragraphs
/// and table rows one per line, cells tab-separated, \'hh and \u escapes
/// decoded, font tables, pictures, headers and other destinations left out,
/// struck-through text as ~~text~~. Throws Error(2).
std::string rtf_text(std::string_view bytes, const std::string& name);

/// A Windows-1252 byte as a code point (U+FFFD for the five undefined ones).
char32_t cp1252_code_point(unsigned char c);

/// Text of a PDF's pages, in order, pages separated by a form feed line
/// break ("\n"). Throws Error(2) (encrypted, no text layer, too many pages).
std::string pdf_text(std::string_view bytes, const std::string& name);

/// Pages joined into one text (one line break between pages) without their
/// furniture: a page-number line at the foot or head of each page ("3",
/// "Page 3 of 9"), and running headers and footers of up to three lines (the
/// same line at the edge of two pages or more, kept on the first or last page).
std::string join_pages(std::vector<std::string> pages);
/// A text file whose pages are separated by form feeds (a scanning service's
/// OCR output, a printed export): its pages joined as join_pages does; a text
/// with one page comes back without its form feeds.
std::string join_form_feed_pages(std::string_view text);
/// A text file's first line (12 characters or more: "ANSWER BOOKLET  ECS7013P ...")
/// coming back verbatim later is a page header printed on every page: its later
/// copies are dropped, with the line after it when that repeats the file's
/// second line ("Candidate number: ...") and the bare page number just before
/// it ("2" alone at the foot of the page before); then also a bare number
/// ending the file. Text without such a repeat comes back unchanged.
std::string drop_repeated_headers(std::string_view text);

/// True for an HTML document: <!DOCTYPE html>, <html ...>, or markup with a
/// <body> in its first 4 KiB.
bool looks_like_html(std::string_view text);
/// The text a browser shows of an HTML document, one block per line (see html.cc).
std::string html_text(std::string_view utf8);

/// True for LaTeX source: a line starting \documentclass in the first 4 KiB,
/// or \begin{document} in the first 16 KiB.
bool looks_like_latex(std::string_view text);
/// The text a LaTeX document shows, for segmentation (see latex.cc): the body
/// (plus the title block and id comments of the preamble), comments dropped,
/// sections as heading lines, \item[X] as "X", struck text as ~~X~~, maths
/// kept as written. Throws Error(2) (no text, over the text limit).
std::string latex_text(std::string_view utf8, const std::string& name);

/// True for a Jupyter notebook: a JSON object with "nbformat" and "cells"
/// (or nbformat 3's "worksheets").
bool looks_like_notebook(std::string_view text);
/// The cells' text in order (markdown as written, code fenced, then its text
/// outputs), see notebook.cc. Throws Error(2) naming the file (invalid JSON,
/// not a notebook, a cell that is not text, over the text limit).
std::string notebook_text(std::string_view utf8, const std::string& name);

/// One CSV record (or worksheet row): its fields and the 1-based line it
/// starts on (a worksheet: its row number).
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
};
/// RFC 4180 parser (quotes, "" escapes, CRLF/LF, newlines in quoted fields).
/// `delim` is ',' ';' or '\t'. Stops after max_records (throws Error naming
/// the file). Fully blank lines are skipped.
std::vector<CsvRecord> parse_csv(std::string_view text, char delim, const std::string& name,
                                 std::size_t max_records);
/// The delimiter of a CSV whose header's first field names the student
/// column, or 0 when the first line is not such a header.
char csv_header_delimiter(std::string_view text);
/// True when the first line, split at `delim`, is a long-layout header
/// (part and answer columns) or names at least one leaf part of the rubric.
bool csv_header_fits(std::string_view text, char delim, const Rubric& rubric);
/// True for the names accepted for the student column ("student", "student_id", ...).
bool is_student_column(std::string_view name);
/// A student column named only "ID" / "ID number": on a form export often the
/// response number, so a column naming the student is preferred to it.
bool generic_id_column(std::string_view name);
/// What a CSV header column holds: the student id, the question ("question",
/// "question_number"), the part within it ("part", "part_id", "sub_part"),
/// the answer ("answer", "response", "text"), data that is not an answer (a
/// word count or marks: "word_count", "words", "marks", "score"), or other.
enum class CsvColumn { other, student, question, part, answer, ignored };
CsvColumn csv_column(std::string_view name);

// ---- spreadsheets (sheet.cc) ----
/// A table of answers as read from a CSV export or a spreadsheet's worksheet,
/// before it is interpreted (read_table): the same rows whatever the format.
struct Table {
  std::vector<CsvRecord> rows;  ///< non-blank rows, the header first
  std::string format;           ///< Script::format: "csv", "xlsx", "ods"
  /// The CSV's delimiter; 0 for a worksheet, whose rows all have the same
  /// number of fields and are named by their row number in the sheet.
  char delim = 0;
  std::vector<Flag> flags;      ///< about the whole file (given to every script)
};
/// A worksheet's table: the first sheet (in tab order) that is a visible
/// worksheet with any text; cells as the spreadsheet shows them (numbers
/// without float noise: 2700101, not 2700101.0 or 2.7E+06). Bounded by the
/// zip limits and ScriptLimits::kMaxSheet*. Throws Error(2) naming the file.
Table xlsx_table(std::string_view bytes, const std::string& name);
Table ods_table(std::string_view bytes, const std::string& name);
/// The table of a zip archive that is a spreadsheet: an .ods by its mimetype,
/// an .xlsx by its xl/workbook.xml; by the extension (.ods, .xlsx, .xlsm) only
/// when the content does not say (no OpenDocument mimetype; a zip libzip
/// cannot open). nullopt for any other file.
std::optional<Table> sheet_table(std::string_view bytes, const std::string& name);
/// What an Office Open XML zip archive is: 'w' a Word document (it holds
/// word/document.xml), 'x' an Excel workbook (xl/workbook.xml and no
/// word/document.xml), 0 neither, or an archive libzip cannot open.
char ooxml_kind(std::string_view bytes);
/// A zip archive whose stored mimetype is an OpenDocument spreadsheet.
bool looks_like_ods(std::string_view bytes);
/// A number as a spreadsheet's General format shows it: integers in full
/// (below 10^15), others to 15 significant digits ("0.1", not
/// "0.10000000000000001"); text that is not a number is returned as is.
std::string sheet_number(std::string_view v);
/// The error for an OLE compound file (D0 CF 11 E0): a password-protected
/// .xlsx/.docx (an EncryptedPackage stream), an old .xls or .doc.
std::string ole_file_problem(std::string_view bytes, const std::string& ext);

// ---- structured answers ----
/// One candidate's answers as given in a form export (not segmented).
struct StructuredScript {
  std::string student;                      ///< may be empty (then the file name is used)
  std::string source;                       ///< "file", "file:row N", "file:item N"
  std::vector<std::pair<std::string, std::string>> answers;  ///< (part id as given, text)
  std::vector<Flag> flags;                  ///< found while reading (e.g. csv rows)
};
/// Build a Script from structured answers: text = for each answer (paper
/// order, then unknown ids) a label line "<id>" and the answer text, answers
/// cut at their word limit, unknown ids flagged and unassigned.
Script build_structured(StructuredScript in, const Rubric& rubric, const std::string& format,
                        const std::string& file_stem, const std::string& sha256);

std::vector<Script> read_json(std::string_view bytes, const std::string& name, const Rubric& rubric,
                              const std::string& sha256);
std::vector<Script> read_yaml(std::string_view bytes, const std::string& name, const Rubric& rubric,
                              const std::string& sha256);
/// Scripts from a table of answers (csv.cc): a wide layout (a student column,
/// then one column per part, named by part id, by the question's text, or
/// "Response N"), or a long one (student, [question,] part, answer).
std::vector<Script> read_table(Table table, const std::string& name, const Rubric& rubric,
                               const std::string& sha256);
/// `delim` from csv_header_delimiter (or ',' when the extension said CSV).
std::vector<Script> read_csv(std::string_view bytes, const std::string& name, const Rubric& rubric,
                             const std::string& sha256, char delim);

// ---- small utilities ----
/// A positive number in roman numerals ("iv"; upper case on request); other numbers as digits.
std::string roman(int v, bool upper);
std::string lower_ascii(std::string_view s);
std::string_view trim(std::string_view s);
/// File name without directories and extension ("a/b/s12.md" -> "s12").
std::string file_stem(const std::string& name);
/// Lower-cased extension without the dot ("" when none).
std::string file_ext(const std::string& name);

}  // namespace automark::intake
