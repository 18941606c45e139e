// The matcher's engine: the rubric compiler and the per-answer matching
// context (private to src/match).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "match/compiled.h"

namespace automark::match {

std::vector<std::map<std::string, double>> default_points(const std::vector<std::string>& vars);

/// Builds CParts from a rubric.
struct Compiler {
  const Rubric& rubric;
  const Lexicon& lexicon;
  WordForms forms;
  AbbrevTable abbrevs;
  std::set<std::string> protected_stems;
  std::set<std::string> technical_stems;  ///< built-in and lexicon terms only
  /// A protected stem -> the terms and pattern words (norms) that have it: an
  /// answer word protected by them may still be a typo of a prefix they all
  /// start with ("oscilates", stem of the term "oscillate", for oscillat*).
  std::map<std::string, std::vector<std::string>> protected_stem_words;

  explicit Compiler(const Rubric& r);
  void compile_part(const Part& p, std::map<std::string, CPart>& out);
  /// Free what only compiling needs (the memos and the word pool), once every part is compiled.
  void done_compiling();

 private:
  /// A pattern's readings, each a list of ids into pool_.
  std::vector<std::vector<int>> expand(const PatternNode& node, const TextOptions& opts, int depth);
  /// The id in pool_ of a word made while expanding (equal in every field: one id).
  int pooled(CWord&& w);
  /// The part's own word id of a pooled word (CPart::words, interned by CWord::operator<).
  int intern(CPart& part, int pool_id);
  CText compile_text(CPart& part, const PatternNode& node, const TextOptions& opts);
  CWording compile_wording(CPart& part, const Wording& w);
  void collect_protected(const PatternNode& node, int depth);
  void collect_protected_part(const Part& p);
  /// A pattern text's tokens (analyse_plain), analysed once per compiler: the
  /// lexicon's synonym sets are expanded wherever they are used.
  const std::vector<Tok>& plain(const std::string& text);
  /// The stem of two pattern words written as one (compound pairs).
  const std::string& joined_stem(const std::string& joined);

  std::unordered_map<std::string, std::vector<Tok>> plain_memo_;
  std::unordered_map<std::string, std::string> joined_memo_;
  /// A synonym reference's readings by (name, stem, fuzzy, depth): what expand()
  /// returns for it depends on nothing else.
  std::map<std::tuple<std::string, bool, bool, int>, std::vector<std::vector<int>>> ref_memo_;
  struct FullLess {
    bool operator()(const CWord& a, const CWord& b) const;
  };
  std::vector<CWord> pool_;
  std::map<CWord, int, FullLess> pool_ids_;
  /// pool id -> the id in the part being compiled (-1: not yet interned there).
  std::vector<int> pool_to_part_;
  /// (pool id, pool id) of two adjacent words -> their compound pair's index in the part being compiled.
  std::unordered_map<std::uint64_t, int> pair_of_pool_;
};

/// A place in the answer where (part of) a wording matched.
struct Hit {
  int s = 0, e = 0;            ///< first and last token
  std::vector<int> toks;       ///< tokens the wording's own words matched
  int edits = 0;
  int fuzzy_tok = -1, fuzzy_word = -1;
  std::string note;
};

struct Negation {
  bool negated = false;
  bool uncertain = false;
  bool denied_after = false;  ///< by a predicate after the match ("... won't help")
  std::string cue;
};

/// One reading of a wording in the answer (All wordings have one hit per pattern).
struct Found {
  std::vector<Hit> hits;
  Negation neg;
};

/// Matching one answer against one compiled part.
class Context {
 public:
  Context(const CPart& part, const Compiler& comp, std::string_view text, std::size_t base,
          WordCache* cache = nullptr);
  PartMatch run();

 private:
  struct Cand {
    int s, e, edits;
  };
  struct NumCand {
    double value;
    std::optional<Unit> unit;
    int s, e;
  };
  struct ExprCand {
    Expr expr;
    int s, e;
    std::string text;
  };
  struct ShapeCand {
    std::vector<Expr> dims;
    int s, e;
    std::string text;
  };

  /// Every slot's candidates (tokens a pattern word or pair stem matches), in
  /// token order, found in one pass over the answer.
  void build_cands(WordCache* cache);
  /// The pattern words (and pair stems) a word token matches, with edits.
  std::vector<std::pair<int, int>> type_hits(const Tok& t) const;
  std::span<const Cand> cands(int slot) const {
    const auto k = static_cast<std::size_t>(slot);
    return {cand_flat_.data() + cand_off_[k], cand_off_[k + 1] - cand_off_[k]};
  }
  /// `base`: irregular_base(t.norm) when the caller has it (type_hits asks once
  /// per token, not once per pattern word).
  bool word_matches(const CWord& w, const Tok& t, int& edits, const std::string_view* base = nullptr) const;
  /// Does a scanner's misreading undone (ocr_variants of the token) give the pattern word?
  bool ocr_match(const CWord& w, const std::vector<std::string>& variants) const;
  std::vector<Hit> match_seq_fixed(const CSeq& seq, const TextOptions& opts);
  /// The reading's hits appended to `out` (match_text's list: no list per reading).
  void match_seq_fixed(const CSeq& seq, const TextOptions& opts, std::vector<Hit>& out);
  void match_seq_free(const CSeq& seq, const CText& ct, std::vector<Hit>& out);
  std::vector<Hit> match_text(const CText& ct);
  /// Is the hit denied? Cue tokens in also_own (sorted) count as the wording's
  /// own words, as the hit's own are.
  Negation negation(const Hit& h, const std::vector<int>& also_own = {}) const;
  /// Token i starts its sentence or clause.
  bool opens_clause(int i) const;
  /// The last token of the object of the preposition at token i ("without [the] X Y").
  int object_end(int i) const;
  /// The hit uses words the candidate took back ("actually no", "no wait"...).
  bool taken_back(const Hit& h) const;
  void find_numbers();
  /// A prefix pattern word read through one typo in the answer word's start.
  bool prefix_typo(const CWord& w, const Tok& t, int& edits) const;
  bool left_out(const std::string& a8, const std::u32string& b, int& edits) const;
  void find_math();
  void split_variable_products();
  void join_ocr_runs();
  bool hit_words_between_ok(int from_e, int to_s, int gap) const;

  // Verdicts for one concept or misconception.
  struct Verdict {
    bool found = false, negated = false, uncertain = false, fuzzy = false;
    int wording = -1;
    double marks = 0;
    std::vector<Hit> hits;
    std::string note;
  };
  /// `is_concept`: c is a concept (a misconception is found even in a hedge, unless its other arm is a concept's
  /// reading: hedged_misconception).
  Verdict judge(const CConcept& c, bool check_negation, bool is_concept = true);
  /// Part::hedges_credit off: is the reading one arm of a hedge ("either X or
  /// Y", "X, or maybe Y") whose other arm holds none of the concept's tokens
  /// (`own`: token -> some positive reading of the concept covers it)?
  /// Is the "or" at token `o` between two rival clauses, each a subject and its
  /// copula ("the KL term is too weak or the decoder is too small")?
  bool rival_clause_or(int o) const;
  /// Is the reading one item of a slash list whose other items hold a positive
  /// reading of one of the part's misconceptions ("whole input / local patch")?
  bool slash_rival(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own, int* or_at);
  /// Does the hit hold words both inside a bracketed alternative ("(or sigmoid)")
  /// and outside it?
  bool straddles_aside(const Hit& h);
  bool hedged(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own, int* or_at = nullptr,
              bool* rival_clauses = nullptr);
  /// The other arm of an "or" next to a reading (`own`: the tokens of the
  /// reading's concept, which the other arm must not hold): tokens [from, to]
  /// and the "or" at o; `question` when the reading is put as a question first
  /// ("whole input? or ..."); [s, e] the reading's own span.
  struct Arm {
    int o = -1, from = -1, to = -1;
    bool question = false;
    int s = -1, e = -1;
  };
  std::optional<Arm> other_arm(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own);
  /// Does a reading take numbers from both sides of an "or" that is not one of
  /// its words ("beta = 1, or maybe alpha = 1, beta = 10" read as beta 1 ...
  /// alpha 10)? Such a reading joins two alternatives, not one answer.
  bool straddles_or(const std::vector<Hit>& hits) const;
  /// Do the words of a reading stand on both sides of an "or" that is not one of them (the one at `at`, if given)?
  bool crosses_or(const std::vector<Hit>& hits, int at = -1) const;
  /// Part::hedges_credit off: is a misconception's reading one arm of an "or"
  /// whose other arm holds a concept's reading ("64 ms, or maybe 128 ms")? The
  /// hedge earns nothing (the concept's arm is refused by hedged()), but the
  /// misconception does not cancel the rest of the answer either.
  bool hedged_misconception(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own);
  /// Tokens inside a positive reading of one of the part's misconceptions (hedged, made on first use).
  std::optional<std::vector<std::uint8_t>> wrong_toks_;
  /// Token -> how many of `cs` have a positive reading over it (wrong_toks_, credit_toks_).
  /// With `words_only`, only the tokens the readings' words matched, not the spans they cover.
  std::vector<std::uint8_t> reading_tokens(const std::vector<CConcept>& cs, bool words_only = false);
  /// Tokens inside a positive reading of any of the part's concepts, with how many (hedged, made on first use).
  std::optional<std::vector<std::uint8_t>> credit_toks_;
  /// The words (not spans) of the part's concepts' positive readings (hedged, made on first use).
  std::optional<std::vector<std::uint8_t>> credit_words_;
  // Bracketed alternatives, "(or ...)": the tokens of their brackets, made on first use.
  std::optional<std::vector<std::pair<int, int>>> asides_;
  /// Every positive reading of a concept (marks, hits), for `apart_from`.
  std::vector<std::pair<double, std::vector<Hit>>> credited_readings(const CConcept& c);
  /// Concepts with `apart_from`: credit only through words the other concepts did not use.
  void keep_apart(std::vector<Verdict>& verdicts);
  /// A concept with `about` that has no value of its own but whose item says it
  /// is the same as another's ("std: same as mean", "mean 204, std the same"):
  /// credited as that concept was.
  void same_as(std::vector<Verdict>& verdicts);
  /// Cut the answer into items (between stops, semicolons, commas outside
  /// brackets and line breaks) and find which concepts' `about` each names.
  void find_labels();
  /// An answer that names no layer: its value items in the rubric's order of
  /// the concepts with `about` (a bare list of sizes or counts).
  void label_by_position();
  /// An answer whose first layer name comes after some unnamed values ("M-4,
  /// then M/2-2, then M/2-4 for mean and std"): those values, read in order,
  /// are the layers listed before the first one named.
  void label_before_named();
  void inherit_working();  ///< unnamed working after a named item on its line is that item's
  /// The items holding a value (a number, or a one-letter variable), in order.
  std::vector<std::size_t> value_items() const;
  /// Whether a bare list's last value item, or what follows it, says the value is the last two
  /// layers' ("for both", "twice", "x2", the value repeated after "and").
  bool says_both(std::size_t item) const;
  /// Whether token i is an arrow: "→", "⇒", or the ">" of "->" or "=>".
  bool arrow_at(std::size_t i) const;
  /// The part's concepts with `about` (the layers), in the rubric's order.
  std::vector<const CConcept*> about_concepts() const;
  /// Tokens inside a bare list of terms (Part::term_lists_credit): four or more
  /// short items (1-3 words, no statement word or relation symbol) in a row,
  /// separated by commas, semicolons or line breaks.
  void find_term_lists();
  /// Every hit of the reading lies inside a bare list of terms.
  bool only_in_term_list(const std::vector<Hit>& hits);
  /// A value hit in an item that names other concepts' `about` and not c's.
  bool labelled_elsewhere(const CConcept& c, const Hit& h);
  std::vector<Found> wording_hits(const CWording& w, bool check_negation);
  /// A number wording with `ratio`: pairs of values given to its two names.
  std::vector<Found> ratio_hits(const CWording& w, bool check_negation);
  Evidence evidence(const Hit& h) const;
  /// The answer holds arithmetic (an operator between numbers or one-letter
  /// variables): working shown, for Part::bare_values_credit.
  bool shows_working() const;
  /// The first number token that no credited concept reads (`read`: token -> read), or -1.
  int unread_value(const std::vector<std::uint8_t>& read) const;
  void choose(PartMatch& pm);

  const CPart& part_;
  const Compiler& comp_;
  std::string_view text_;
  std::size_t base_;
  std::vector<Tok> toks_;
  std::vector<int> semi_;
  std::vector<std::uint8_t> after_non_;  ///< token -> a word written right after "non" ("non-linear")  ///< token -> semicolons before it (fixed-order gaps do not cross one)
  struct DpCell {
    int start = -1, prev = -1, prev_layer = -1, s = -1, edits = 0, fz_tok = -1, fz_word = -1;
  };
  struct DpEntry {
    int e;
    DpCell c;
  };
  std::vector<std::vector<DpEntry>> dp_;  ///< match_seq_fixed's layers, reused across calls
  std::vector<std::span<const Cand>> free_lists_;  ///< match_seq_free's candidate lists, reused across calls
  std::vector<const Cand*> free_pick_;              ///< match_seq_free's choice per element, reused across calls
  std::vector<Cand> cand_flat_;
  std::vector<std::size_t> cand_off_;  ///< slot k's candidates: cand_flat_[off[k], off[k+1])
  std::vector<std::uint8_t> present_;  ///< slot -> has a candidate (one more slot, never set: none)
  PartMemo* memo_ = nullptr;            ///< the thread's memo of the part (build_cands), if any
  std::vector<std::uint64_t> visit_;   ///< match_text: a bit per reading whose first need is met
  bool numbers_done_ = false, math_done_ = false, labels_done_ = false;
  bool lists_done_ = false;
  std::vector<bool> in_term_list_;                          ///< token -> inside a bare list of terms
  std::vector<int> item_of_;                                ///< token -> item
  std::vector<std::vector<const CConcept*>> item_labels_;  ///< item -> concepts it names
  std::vector<NumCand> nums_;
  std::vector<ExprCand> exprs_;
  std::vector<ShapeCand> shapes_;
};

}  // namespace automark::match
