// Reports: a MarkSheet as JSON (the stable contract, docs/report.schema.json),
// as text for examiners, as Markdown for an LMS, and as friendly feedback for
// students self-checking.
#pragma once

#include <string>

#include "automark/score.h"
#include "automark/script.h"

namespace automark {

inline constexpr const char* kReportSchemaVersion = "1";

/// The JSON report (pretty-printed, stable key order, trailing newline).
std::string report_json(const MarkSheet& sheet, const Script& script);
std::string report_text(const MarkSheet& sheet, const Script& script);
std::string report_markdown(const MarkSheet& sheet, const Script& script);

/// Student self-check feedback; `colour` adds ANSI colours.
std::string report_check(const MarkSheet& sheet, const Script& script, const Rubric& rubric, bool colour);

/// An answer sheet skeleton for the rubric that segment_script reads back into every leaf part.
std::string answer_template(const Rubric& rubric);

/// Engine version string.
const char* engine_version();

}  // namespace automark
