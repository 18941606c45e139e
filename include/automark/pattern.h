// The rubric's little languages, parsed once when a rubric is loaded:
//   - text patterns (what a concept's wording looks like in an answer),
//   - arithmetic expressions with variables (M/2 - 2, floor(M/2) - 2),
//   - quantities with units (64 ms, 0.064 s, 1024 samples).
// The loader reports their syntax errors with line and column; the matcher
// consumes the parsed forms. See docs/rubric-format.md for the syntax.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace automark {

// ------------------------------------------------------------------ tokens
/// One token of a text, as both patterns and answers are split:
///   Word:   a run of letters (any non-ASCII letter counts), an apostrophe
///           between two letters kept ("doesn't" is one word, "'" normalised
///           from U+2019); case-folded.
///   Number: a run of digits, continued by "." or "," followed by a digit
///           ("0.5", "1,024" are one token). A digit-letter boundary splits
///           ("5x5" is 5, x, 5; "conv2d" is conv, 2, d).
///   Symbol: any other non-space character, one per token; the dashes and
///           minus signs read as "-", "÷" as "/"; "×" reads as the word "x".
struct Token {
  enum class Kind { Word, Number, Symbol };
  Kind kind = Kind::Word;
  std::string text;        ///< case-folded / normalised form
  std::size_t begin = 0;   ///< byte offset of the first character in the source
  std::size_t end = 0;     ///< byte offset just after the last character
};
/// Split a UTF-8 text into tokens (invalid bytes read as U+FFFD symbols).
std::vector<Token> tokenize(std::string_view utf8);

/// Lower-case one word as tokenize() does (ASCII, Latin-1, Greek, then fold_case).
std::string fold_word(std::string_view utf8);

// ---------------------------------------------------------------- patterns
/// A node of a parsed text pattern.
///   Word:  one word; matched by stem (after spelling-variant unification),
///          case-insensitively, typo-tolerant unless exact or fuzzy is off.
///   Seq:   children in order (free order when the wording says so).
///   Alt:   any one child.
///   Opt:   the single child may be absent.
///   Ref:   a lexicon synonym set (@name), expanded at compile time.
///   Gap:   `...` (or `...N`): up to `gap` other words between the elements
///          on either side, in fixed order, instead of the wording's `gap`.
struct PatternNode {
  enum class Kind { Word, Seq, Alt, Opt, Ref, Gap };
  Kind kind = Kind::Word;
  std::string text;       ///< Word: the word as written (case-folded); Ref: set name
  bool exact = false;     ///< Word written as =word: no stemming, no typo tolerance
  bool prefix = false;    ///< Word written as stem*: any word starting with text
  bool capital = false;   ///< Word written as =A (one capital letter): matches that capital only
  int gap = 0;            ///< Gap: words allowed
  std::vector<PatternNode> children;
  int col = 0;            ///< 1-based column of the node in the pattern source
};

struct PatternError {
  int col = 0;            ///< 1-based column in the pattern source
  std::string message;
};

/// Parse a text pattern. On failure returns std::nullopt and fills *err.
/// Columns count code points (1-based). The text between spaces and the
/// special characters ( ) [ ] | * @ \ is split with tokenize(): one token is a
/// Word node, several (as in "5x5" or "learning-rate") a Seq node. Number and
/// symbol tokens come out with exact = true (never stemmed, never fuzzy).
/// Outside brackets `|` joins single elements (`a b|c d` is a (b|c) d);
/// inside ( ) and [ ] it separates sequences (`(a b|c d)`). One-child Seq and
/// Alt nodes are collapsed into their child.
std::optional<PatternNode> parse_pattern(std::string_view src, PatternError* err);

/// Every @name referenced in a pattern (to check them against the lexicon).
std::vector<std::string> pattern_refs(const PatternNode& node);

/// The matcher expands a pattern into linear readings (alternatives, optional
/// parts, synonym sets, abbreviations' long forms) and keeps at most this many.
constexpr std::size_t kMaxPatternReadings = 256;
/// Synonym sets nest at most this deep (deeper references expand to nothing).
constexpr int kMaxPatternRefDepth = 8;

/// How many readings a pattern expands into, before duplicates are removed:
/// `synonyms` resolves @name (nullptr: a reference counts as one reading);
/// `has_long_form` says whether a single word is an abbreviation that also
/// reads as its long form (nullptr: none). Saturates at `cap`.
std::size_t pattern_readings(const PatternNode& node,
                             const std::map<std::string, std::vector<PatternNode>>* synonyms,
                             const std::function<bool(const std::string&)>& has_long_form,
                             std::size_t cap = 1u << 20);

// ------------------------------------------------------------- expressions
/// A parsed arithmetic expression: numbers, variables, + - * / ^, unary minus,
/// parentheses, floor() ceil() round() abs() sqrt() log() exp() min() max(),
/// and the floor brackets ⌊ ⌋. `x` between operands means multiplication only
/// inside shapes (see parse_shape), never inside an expression.
class Expr {
 public:
  struct Node;
  Expr();
  explicit Expr(std::shared_ptr<const Node> root);
  /// Evaluate with the given variable values; missing variables or a domain
  /// error (division by zero, log of a negative) give std::nullopt.
  std::optional<double> eval(const std::map<std::string, double>& vars) const;
  /// Variables the expression uses, sorted.
  std::vector<std::string> variables() const;
  bool empty() const { return root_ == nullptr; }
  std::string str() const;  ///< canonical text, for reports

 private:
  std::shared_ptr<const Node> root_;
};

struct ExprError {
  int col = 0;
  std::string message;
};
/// Parse an expression (limits: 1,000 characters, nesting depth 64).
std::optional<Expr> parse_expr(std::string_view src, ExprError* err);

/// Parse a shape or tuple written "4 x 12 x 12", "4×12×12", "(4, 12, 12)",
/// "[M/2-2, M/2-2]": one expression per dimension.
std::optional<std::vector<Expr>> parse_shape(std::string_view src, ExprError* err);

/// True when a and b agree (relative 1e-9) at every sample point, and at
/// least one point evaluates for both.
bool expr_equivalent(const Expr& a, const Expr& b,
                     const std::vector<std::map<std::string, double>>& points);

// ------------------------------------------------------------------- units
/// A unit known to the engine: its dimension ("time", "frequency", "samples",
/// "count", "ratio"...) and its factor to that dimension's base unit.
struct Unit {
  std::string name;        ///< canonical name, e.g. "ms"
  std::string dimension;   ///< e.g. "time"
  double factor = 1.0;     ///< value_in_base = value * factor (s for time, Hz for frequency)
};
/// Look up a unit by any of its spellings ("ms", "msec", "millisecond(s)");
/// built-in table plus the extra units given (rubric lexicon).
std::optional<Unit> find_unit(std::string_view spelling,
                              const std::map<std::string, Unit>& extra = {});

/// A quantity as written in a rubric: "64 ms", "1024 samples", "0.5".
struct Quantity {
  double value = 0;
  std::string unit;  ///< empty when dimensionless / unit-free
};
std::optional<Quantity> parse_quantity(std::string_view src, std::string* err,
                                       const std::map<std::string, Unit>& extra = {});

}  // namespace automark
