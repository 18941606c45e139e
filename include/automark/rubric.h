// The rubric: a paper's questions, parts, marks, word limits and what earns
// credit in each leaf part. Loaded from YAML (docs/rubric-format.md) and
// validated by lint; every later stage reads it and none changes it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "automark/diag.h"
#include "automark/pattern.h"

namespace automark {

/// Where a rubric element was written (1-based; 0 when built in code).
struct SourceLoc {
  int line = 0;
  int col = 0;
};

/// Options of a text wording.
struct TextOptions {
  bool free_order = false;   ///< order: free (all words within `window`, any order)
  int gap = 2;               ///< words allowed between consecutive elements (fixed order)
  int window = 0;            ///< free order: span in words (0 = automatic: 3 x elements, at least 8)
  bool fuzzy = true;         ///< typo tolerance on words (guarded by length)
  bool stem = true;          ///< match by stem; false = whole words only
  bool sentence = true;      ///< the match must stay within one sentence
};

/// One way of recognising a concept (or misconception) in an answer.
struct Wording {
  enum class Kind { Text, All, Number, Expr, Shape };
  Kind kind = Kind::Text;

  // Text / All
  std::string source;                  ///< the pattern as written (Text); "" for All
  PatternNode pattern;                 ///< Text
  std::vector<std::string> all_sources;
  std::vector<PatternNode> all;        ///< All: every pattern must match, within `opts.window`
  TextOptions opts;
  /// Text / All `unless`: a match that shares a word with a match of one of
  /// these patterns does not count ("sample*" unless "how much [of] each sample").
  std::vector<std::string> unless_sources;
  std::vector<PatternNode> unless;

  // Number: value in `unit`, accepted within [lo, hi] after unit conversion.
  double value = 0;
  std::string unit;                    ///< "" = unit-free number
  double lo = 0, hi = 0;               ///< acceptance interval, in `unit`
  bool unit_required = false;          ///< false: a bare number is read in `unit`
  /// `ratio: [A, B]`: the number is the ratio of the values the answer gives to
  /// A and B ("alpha = 0.01, beta = 0.001" is 10); each name with its
  /// alternatives ("alpha|α"). Empty for a plain number.
  std::vector<std::vector<std::string>> ratio_of;

  // Expr / Shape
  Expr expr;                           ///< Expr
  std::vector<Expr> dims;              ///< Shape
  bool ordered = true;                 ///< Shape: order of dimensions matters
  std::vector<std::map<std::string, double>> points;  ///< sample points for equivalence

  std::optional<double> marks;         ///< partial credit for this wording (default: the concept's marks)
  SourceLoc loc;
};

struct Feedback {
  std::string missed;    ///< hint shown when the concept is not credited
  std::string credited;  ///< optional note shown when it is
  bool reveal = false;   ///< the hint may be shown to students as is (it gives the answer away)
};

struct Concept {
  std::string id;
  double marks = 1;
  std::vector<Wording> match;
  Feedback feedback;
  std::string group;                  ///< optional group id (group caps its members' total)
  std::vector<std::string> requires_; ///< credited only if these concepts are credited too
  /// Credited only by words other than those that earned these concepts of the
  /// same part: one statement ("the loss goes up and down") earns one point,
  /// not this one too. The matcher picks, where it can, evidence for both that
  /// does not overlap.
  std::vector<std::string> apart_from;
  bool negation = true;               ///< false: do not check negation (the wording is itself negative)
  /// What the concept's value belongs to ("the pooling layer"): text wordings
  /// naming it. A wording found in a stretch of the answer (between stops,
  /// semicolons, commas outside brackets and line breaks) that names other
  /// concepts' `about` and not this one's is not this concept's. Empty: no
  /// such check.
  std::vector<Wording> about;
  SourceLoc loc;
};

struct Misconception {
  std::string id;
  std::vector<Wording> match;
  double penalty = 0;                 ///< marks deducted (the part never goes below 0)
  std::vector<std::string> cancels;   ///< concept ids it cancels; "*" = all
  std::string feedback;
  SourceLoc loc;
};

struct Group {
  std::string id;
  double max = 0;
  SourceLoc loc;
};

/// How credited concepts become the part's mark.
struct Rule {
  enum class Kind { Sum, Any, Levels, AllOrNothing };
  Kind kind = Kind::Sum;
  int any = 0;                                  ///< Any: best `any` concepts count
  std::vector<std::pair<int, double>> levels;   ///< Levels: (at least n concepts, mark), descending n
  SourceLoc loc;
};

struct ChoiceOption {
  std::string id;                     ///< key in the rubric, e.g. "tanh"
  std::string label;                  ///< as printed on the paper, e.g. "Tanh"
  std::vector<std::string> aliases;   ///< other ways to name it (label always accepted)
  std::string letter;                 ///< "a", "b"... from its position
  bool none_of_the_above = false;
  bool all_of_the_above = false;
};
struct ChoiceRule {
  std::vector<std::string> exactly;   ///< the selection is exactly this set (if non-empty)
  std::vector<std::string> includes;  ///< ...or includes all of these
  std::vector<std::string> excludes;  ///< ...and includes none of these
  double marks = 0;
  SourceLoc loc;
};
struct Choice {
  std::vector<ChoiceOption> options;
  std::vector<ChoiceRule> rules;      ///< the first that fits sets the mark; none fits: 0
  SourceLoc loc;
};

/// A question or part: a tree. A node without children is a leaf (marked).
struct Part {
  std::string id;          ///< full id: "1", "1.b", "1.b.iii"
  std::string label;       ///< the last component: "1", "b", "iii"
  double marks = 0;
  std::optional<int> word_limit;
  std::string kind;        ///< leaf: "choice", "numeric" (numbers/expressions only) or "text"
  std::string prompt;      ///< short paraphrase for templates and reports
  std::vector<Part> parts;

  // Leaf only.
  std::vector<Concept> concepts;
  std::vector<Group> groups;
  std::vector<Misconception> misconceptions;
  std::optional<Choice> choice;
  Rule rule;
  /// `term_lists: no_credit`: a bare list of terms ("regularisation, overfitting,
  /// local minima, convergence") earns nothing and costs nothing here; the part
  /// asks for statements, reasons or explanations.
  bool term_lists_credit = true;
  /// `hedges: no_credit`: the part asks for one answer, and a concept offered as
  /// one arm of a hedge ("either X or Y", "X, or maybe Y") whose other arm does
  /// not restate it earns nothing here (docs/matching.md, "Hedges").
  bool hedges_credit = true;
  /// `bare_values: all_or_nothing`: an answer that gives its values without any
  /// working (no arithmetic anywhere) earns marks only when every concept is
  /// credited ("correct counts without working: full marks only if every count
  /// is right"); otherwise nothing (docs/matching.md, "Values without working").
  bool bare_values_credit = true;
  SourceLoc loc;

  bool leaf() const { return parts.empty(); }
};

struct Exam {
  std::string code;
  std::string title;
  int answer = 0;                        ///< questions that count; 0 = all
  enum class Count { Best, First } count = Count::Best;
  double total = 0;
};

struct Lexicon {
  std::map<std::string, std::vector<std::string>> synonym_sources;  ///< @name -> patterns
  std::map<std::string, std::vector<PatternNode>> synonyms;         ///< parsed
  std::vector<std::vector<std::string>> variants;   ///< words that are one word (grey/gray)
  std::map<std::string, std::string> abbreviations; ///< short -> long form ("lr" -> "learning rate")
  std::map<std::string, Unit> units;                ///< extra units
  std::vector<std::string> terms;                   ///< extra protected technical terms
};

struct Rubric {
  std::string path;        ///< as given to the loader
  std::string sha256;      ///< of the file's bytes
  Exam exam;
  Lexicon lexicon;
  std::vector<Part> questions;

  /// Leaf parts in paper order.
  std::vector<const Part*> leaves() const;
  /// Any node by full id ("1.b" or "1.b.iii"); nullptr if none.
  const Part* find(std::string_view id) const;
  /// The question a leaf id belongs to ("1.b.iii" -> "1").
  static std::string question_of(std::string_view id);
};

/// Result of loading: the rubric if it could be built, and every problem found.
/// exit_code: 0 valid, 1 invalid (errors in diagnostics), 2 unreadable / not YAML.
struct LoadResult {
  std::optional<Rubric> rubric;
  std::vector<Diagnostic> diagnostics;
  int exit_code = kExitOk;
  bool ok() const { return exit_code == kExitOk; }
};

/// Load and fully validate (lint) a rubric file. Never throws.
LoadResult load_rubric_file(const std::string& path);
/// The same from bytes in memory; `name` is used in messages.
LoadResult load_rubric_text(std::string_view bytes, const std::string& name);

/// Limits on rubric files (documented in docs/reliability.md).
struct RubricLimits {
  static constexpr std::size_t kMaxBytes = 4u << 20;   ///< 4 MiB
  static constexpr int kMaxDepth = 32;                 ///< YAML nesting
  static constexpr int kMaxPartDepth = 6;              ///< question.part.sub...
  static constexpr std::size_t kMaxNodes = 200000;     ///< YAML nodes after alias expansion
  static constexpr std::size_t kMaxLeaves = 2000;
};

}  // namespace automark
