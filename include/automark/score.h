// The scorer: turns matches into marks by the rubric's rules, totals parts and
// questions, decides which questions count, and raises flags for human review.
// Pure: the same inputs always give the same MarkSheet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "automark/match.h"
#include "automark/rubric.h"
#include "automark/script.h"

namespace automark {

struct ConceptResult {
  std::string id;
  double awarded = 0;
  double max = 0;
  std::vector<Evidence> evidence;
  std::string feedback;          ///< the missed hint, or the credited note
  bool credited = false;
  std::string note;
};

struct MisconceptionResult {
  std::string id;
  double penalty = 0;            ///< marks actually deducted
  std::vector<std::string> cancelled;
  std::vector<Evidence> evidence;
  std::string feedback;
};

struct PartResult {
  std::string id;
  bool attempted = false;
  double awarded = 0;
  double max = 0;
  std::size_t words = 0;
  std::optional<int> word_limit;
  bool truncated = false;
  std::optional<std::size_t> cut_offset;
  std::size_t cut_word = 0;
  std::size_t start = 0, end = 0;          ///< answer span in the script (0,0 when not attempted)
  std::vector<ConceptResult> concepts;
  std::vector<MisconceptionResult> misconceptions;
  std::vector<std::string> selected;       ///< choice parts
  std::vector<std::string> feedback;       ///< hints for what was missed
  std::vector<std::string> lost_to_limit;  ///< concept ids found only after the cut
};

struct QuestionResult {
  std::string id;
  bool attempted = false;
  bool counted = false;
  double awarded = 0;
  double max = 0;
  std::vector<PartResult> parts;           ///< leaf parts in paper order
};

struct MarkSheet {
  std::string student;
  std::string student_source;
  std::string source;
  std::string script_sha256;
  std::string rubric_code;
  std::string rubric_sha256;
  double awarded = 0;
  double max = 0;
  std::vector<QuestionResult> questions;   ///< paper order
  std::vector<Flag> flags;
  std::vector<Voided> voided;
};

/// Mark one segmented script.
MarkSheet mark_script(const CompiledRubric& compiled, const Script& script);

/// Round to the nearest 1/1000 (the report's resolution; halves stay exact).
double round_marks(double m);

}  // namespace automark
