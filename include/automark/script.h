// Script intake and segmentation: what a candidate uploaded, read from any of
// the supported formats and split into the rubric's leaf parts, each answer cut
// at its word limit. Offsets are byte offsets into Script::text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "automark/diag.h"
#include "automark/rubric.h"

namespace automark {

struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
};

/// A reason for a human to look at something; `part` may be empty (whole script).
struct Flag {
  std::string part;
  std::string code;     ///< stable machine-readable code, e.g. "two-attempts", "invalid-utf8"
  std::string reason;   ///< sentence for humans
};

/// One answer to one leaf part.
struct Answer {
  std::string part;                 ///< leaf id, e.g. "1.b.iii"
  std::size_t start = 0, end = 0;   ///< the whole answer's span in Script::text (label excluded)
  std::string text;                 ///< the KEPT text (up to the word limit), as in Script::text
  std::size_t words = 0;            ///< words in the whole answer
  std::optional<int> word_limit;
  bool truncated = false;
  std::size_t cut_word = 0;         ///< index of the first ignored word (truncated only)
  std::size_t cut_offset = 0;       ///< offset in Script::text of the first ignored word (truncated only)
  std::string tail;                 ///< the ignored text (truncated only)
  int attempt = 1;                  ///< 1, 2... for repeated unvoided attempts at one part
};

/// An attempt the candidate voided (crossed out, "ignore this", rough work).
struct Voided {
  std::string part;                 ///< may be empty when it could not be placed
  Span span;
  std::string reason;
};

struct Script {
  std::string student;
  std::string student_source;       ///< "id-line", "front-matter", "field", "filename"
  std::string source;               ///< path as given (CSV: "path:row N")
  std::string format;               ///< "text", "markdown", "docx", "pdf", "json", "yaml", "csv", "xlsx", "ods", ...
  std::string text;                 ///< the script's text (valid UTF-8), what offsets refer to
  std::string sha256;               ///< of the bytes the script came from
  std::vector<Answer> answers;      ///< in script order
  std::vector<Voided> voided;
  Span preamble;                    ///< unlabelled text before the first label
  std::vector<Span> unassigned;     ///< text that could not be placed in a part
  std::vector<Flag> flags;
};

/// Limits on scripts (documented in docs/reliability.md).
struct ScriptLimits {
  static constexpr std::size_t kMaxFileBytes = 16u << 20;     ///< 16 MiB per uploaded file
  static constexpr std::size_t kMaxTextBytes = 4u << 20;      ///< 4 MiB of text per script
  static constexpr std::size_t kMaxDocxUncompressed = 64u << 20;
  static constexpr std::size_t kMaxDocxEntries = 2000;
  static constexpr int kMaxPdfPages = 500;
  static constexpr std::size_t kMaxCsvRows = 1000000;
  /// Spreadsheets (.xlsx, .ods): a cell beyond Excel's last row or column is
  /// refused; the table read (non-empty rows, padded to the widest) holds at
  /// most kMaxSheetCells cells and kMaxDocxUncompressed bytes of cell text,
  /// repeated cells and shared strings counted each time they appear.
  static constexpr std::size_t kMaxSheetRows = 1048576;
  static constexpr std::size_t kMaxSheetColumns = 16384;
  static constexpr std::size_t kMaxSheetCells = 2000000;
};

/// Read one file into one or more scripts (a CSV export yields many), each
/// segmented against the rubric. Throws automark::Error with a message naming
/// the file (and row) and the exit code to use.
std::vector<Script> read_scripts(const std::string& path, const Rubric& rubric);

/// The same from bytes in memory (no disk access); `name` stands for the path
/// (its extension is a hint, the content decides).
std::vector<Script> read_scripts_from_bytes(std::string_view bytes, const std::string& name,
                                            const Rubric& rubric);

/// The rows of a spreadsheet upload (.xlsx, .ods), read as for scripts (the
/// first visible worksheet with text, cells as the spreadsheet shows them,
/// rows with no text left out, the others padded to the widest): each row's
/// number in the sheet and its cells. False when the bytes are not a
/// spreadsheet (by content; a zip that cannot be opened by the extension
/// .xlsx/.xlsm/.ods); throws Error(2) naming the file when they are one that
/// cannot be read. For `agree`'s human marks kept in a spreadsheet.
bool read_sheet_rows(std::string_view bytes, const std::string& name,
                     std::vector<std::pair<std::size_t, std::vector<std::string>>>& rows);

/// Segment free text (already valid UTF-8) into leaf parts of the rubric and
/// cut each answer at its word limit. Fills answers, voided, preamble,
/// unassigned and flags of `script`, whose `text` must be set.
void segment_script(Script& script, const Rubric& rubric);

}  // namespace automark
