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
  bool hint_reveals = false;     ///< the missed hint gives the answer away (rubric `reveal: true`)
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
  int attempts = 0;                        ///< unvoided attempts at this part (0: not attempted)
  int attempt = 0;                         ///< which attempt counts (the better; 1-based; 0: none)
  std::vector<Flag> flags;                 ///< this part's flags (also copied into MarkSheet::flags)
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

/// Score one leaf part from its match, without any matcher: the building block
/// of mark_script, usable on hand-built PartMatch values.
///   `answer`: the candidate's answer (words, limit, cut, span); nullptr = not
///             attempted (the result is 0 with every concept's hint as feedback).
///   `tail`:   the match of the answer's ignored tail (truncated answers only);
///             concepts credited there but not in `match` go to lost_to_limit.
/// Flags raised for the part (long answer earning nothing, uncertain negation,
/// marks lost to the limit) are in PartResult::flags.
PartResult score_part(const Part& part, const PartMatch& match, const Answer* answer = nullptr,
                      const PartMatch* tail = nullptr);

/// Match and score one answer (its kept text, and its tail when truncated).
PartResult score_answer(const CompiledRubric& compiled, const Part& part, const Answer& answer);

/// Total and count the questions of a sheet whose parts are scored: sets each
/// QuestionResult's attempted/awarded/max, decides `counted` by the exam's
/// rule (`answer`, best/first; `order` = question ids in script order of first
/// answer), and the sheet's awarded/max. Exposed for tests.
void count_questions(const Exam& exam, std::vector<QuestionResult>& questions,
                     const std::vector<std::string>& order, double& awarded, double& max);

/// Round to the nearest 1/1000 (the report's resolution; halves stay exact).
double round_marks(double m);

}  // namespace automark
