// Agreement between automark and human markers, and golden regression of
// sample scripts. Statistics follow what exam boards use: exact and adjacent
// agreement, mean absolute and signed difference, Pearson r and quadratic
// weighted kappa on the item's own mark scale (halves included).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "automark/rubric.h"
#include "automark/score.h"

namespace automark {

/// Human marks: student -> item ("1.b.iii", "1", or "total") -> mark.
using HumanMarks = std::map<std::string, std::map<std::string, double>>;

/// Read a long-format CSV with a header naming `student`, `part` and `mark`
/// columns (any order; other columns ignored). Throws Error naming the file
/// and row for a missing column, a non-numeric or negative mark, or a repeated
/// (student, part) pair.
HumanMarks read_human_marks(const std::string& path);
HumanMarks parse_human_marks(const std::string& csv_text, const std::string& name);

/// A two-sided interval [lo, hi].
struct Interval {
  double lo = 0;
  double hi = 0;
};

/// Agreement on one item (a leaf part, a question, or the total).
struct ItemAgreement {
  std::string id;
  double max = 0;
  double step = 1;                   ///< the mark scale's step (0.5 when halves occur)
  std::size_t n = 0;
  double exact = 0;                  ///< share of pairs with equal marks
  double adjacent = 0;               ///< share within one mark
  double mae = 0;                    ///< mean |auto - human|
  double bias = 0;                   ///< mean (auto - human)
  std::optional<double> pearson;     ///< undefined when either side is constant
  std::optional<double> qwk;         ///< undefined with no pairs
  std::optional<Interval> qwk_ci;    ///< 95% bootstrap interval of qwk (bootstrap_intervals)
  std::optional<Interval> mae_ci;    ///< 95% bootstrap interval of mae, in marks
  std::vector<double> scale;         ///< category values, ascending
  std::vector<std::vector<std::size_t>> confusion;  ///< [human][auto] counts over `scale`
};

/// Compute the statistics for pairs (auto, human) on a 0..max scale.
ItemAgreement agreement_for(const std::string& id, double max, const std::vector<std::pair<double, double>>& pairs);

/// Quadratic weighted kappa of two ratings on categories 0..k-1 (indices).
/// Both raters constant and equal: 1; expected disagreement 0 otherwise: 0.
double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int k);

/// How far a figure from this many scripts can be trusted: 95% percentile
/// bootstrap intervals of the quadratic weighted kappa and of the mean absolute
/// difference (in marks: category indices times `step`). The pairs (a[i], b[i])
/// are resampled with replacement, 2,000 times (fewer past 5,000 pairs: about
/// ten million draws in all, and never fewer than 200 resamples), from a fixed
/// seed, so the same pairs always give the same interval. Both undefined with
/// fewer than kMinBootstrapPairs pairs, too few for resampling to mean much.
struct BootstrapIntervals {
  std::optional<Interval> qwk;
  std::optional<Interval> mae;
};
inline constexpr std::size_t kMinBootstrapPairs = 10;
BootstrapIntervals bootstrap_intervals(const std::vector<int>& a, const std::vector<int>& b, int k, double step);

std::optional<double> pearson_r(const std::vector<double>& x, const std::vector<double>& y);

struct Disagreement {
  std::string student;
  std::string source;
  std::string item;
  double automark = 0;
  double human = 0;
  std::vector<std::string> evidence;   ///< automark's credited evidence, quoted
};

struct AgreementReport {
  std::vector<ItemAgreement> parts;
  std::vector<ItemAgreement> questions;
  ItemAgreement total;
  std::vector<Disagreement> largest;   ///< the 10 largest, biggest first
  std::size_t scripts = 0;             ///< scripts marked
  std::vector<std::string> no_human;   ///< students marked but absent from the human file
  std::vector<std::string> no_script;  ///< students in the human file with no script
};

/// Compare marked scripts with human marks. Human question marks missing from
/// the file are the sum of that question's human leaf marks (when any leaf is
/// given); a missing human total is derived by the exam's counting rule.
AgreementReport compute_agreement(const Rubric& rubric, const std::vector<MarkSheet>& sheets, const HumanMarks& human);

std::string agreement_json(const AgreementReport& report);
std::string agreement_text(const AgreementReport& report);

/// Readable differences between two JSON reports, ignoring `source` and
/// `engine`; empty when they agree. Array elements with an "id" are matched by id.
std::vector<std::string> diff_reports(const std::string& golden_json, const std::string& current_json);

}  // namespace automark
