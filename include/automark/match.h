// The concept matcher: finds the rubric's concepts, misconceptions and choice
// selections in one answer, with the evidence spans behind each verdict.
// A CompiledRubric is built once per rubric and is immutable; match() may be
// called from many threads at once (per-thread stemmers inside).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "automark/rubric.h"
#include "automark/script.h"

namespace automark {

struct Evidence {
  std::size_t start = 0, end = 0;  ///< offsets into Script::text
  std::string text;                ///< the matched text, as written
};

struct ConceptMatch {
  std::string id;
  bool credited = false;
  double marks = 0;                ///< marks earned by the best matched wording (before rules and caps)
  int wording = -1;                ///< index of the wording that matched best
  /// Credited: the span(s) of the best wording (one per pattern of an `all`
  /// wording). Not credited but negated: the refused span, so a report can
  /// show what was found and why it did not count. Otherwise empty.
  std::vector<Evidence> evidence;
  bool fuzzy = false;              ///< a typo-tolerant word was used
  bool negated = false;            ///< a match was found but it sits in a negation's scope
  bool uncertain = false;          ///< negation/contrast the matcher could not resolve
  std::string note;                ///< e.g. "matched 'lerning rate' as 'learning rate' (1 edit)"
};

struct MisconceptionMatch {
  std::string id;
  bool found = false;              ///< found and not negated
  std::vector<Evidence> evidence;
};

struct PartMatch {
  std::string part;
  std::vector<ConceptMatch> concepts;             ///< same order as the rubric's concepts
  std::vector<MisconceptionMatch> misconceptions; ///< same order as the rubric's
  std::vector<std::string> selected;              ///< choice parts: option ids selected, in paper order
  std::vector<Evidence> selection_evidence;       ///< one per selected option, same order
};

class CompiledRubric {
 public:
  /// Compile every pattern of the rubric once. Throws automark::Error on a
  /// rubric the loader accepted but the matcher cannot use (should not happen).
  explicit CompiledRubric(const Rubric& rubric);
  ~CompiledRubric();
  CompiledRubric(const CompiledRubric&) = delete;
  CompiledRubric& operator=(const CompiledRubric&) = delete;

  const Rubric& rubric() const;

  /// Match the text of one answer to leaf part `part_id`. `text` is the kept
  /// text; `base` is its offset in Script::text, added to evidence offsets.
  PartMatch match(const std::string& part_id, std::string_view text, std::size_t base) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace automark
