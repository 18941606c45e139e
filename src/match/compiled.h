// The compiled form of a rubric's wordings (private to src/match).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <string>
#include <vector>

#include "automark/match.h"
#include "automark/pattern.h"
#include "automark/rubric.h"
#include "match/internal.h"

namespace automark::match {

/// One pattern word, ready to compare with answer tokens.
struct CWord {
  TK kind = TK::Word;
  std::string text;   ///< folded
  std::string norm;   ///< unified spelling
  std::string stem;
  bool exact = false;
  bool prefix = false;
  bool stem_on = true;
  int max_edits = 0;  ///< typo tolerance (0: none)
  bool fuzzy = false; ///< typo tolerance is on for this word (even if too short for an edit)
  double value = 0;   ///< Number
  /// `=A`: an exact capital letter matches only that capital (a label, not the article `a`).
  std::string cased;
  /// A `...` element while a pattern is expanded (never interned): the words
  /// allowed before the next element; -1 for a real word.
  int wide_gap = -1;
  bool operator<(const CWord& o) const {
    return std::tie(kind, text, exact, prefix, stem_on, max_edits, fuzzy, cased) <
           std::tie(o.kind, o.text, o.exact, o.prefix, o.stem_on, o.max_edits, o.fuzzy, o.cased);
  }
};

/// One linear reading of a pattern (alternatives and optional parts expanded).
struct CSeq {
  std::vector<int> words;              ///< ids into CPart::words
  std::vector<std::string> pair_stem;  ///< [j]: stem of words j and j+1 written as one word ("" = none)
  std::vector<int> pair;               ///< [j]: that stem's slot (CPart::pair_slot), -1 when none
  /// [j]: words allowed between words j-1 and j in fixed order when a `...`
  /// stands there (-1: the wording's gap); empty when the reading has none.
  std::vector<int> gap;
};

/// A compound pair in CText::need (<= -2), apart from word ids (>= 0) and none (-1).
constexpr int pair_need(int pair_index) { return -2 - pair_index; }

struct CText {
  std::vector<CSeq> seqs;
  /// Quick rejection before a reading is looked at: reading seqs[i] needs, for
  /// each entry of need[need_off[i] .. need_off[i + 1]), a candidate in at least
  /// one of its slots (a word id, or a compound pair that covers it as
  /// pair_need(pair index), since pair slots move as the part's words grow;
  /// -1 = none),
  /// the likeliest to be absent first. Kept apart from the readings so that the
  /// check reads two small arrays in order. Empty for texts built outside
  /// compile_text (never rejects).
  std::vector<int> need_off;
  std::vector<std::array<int, 3>> need;
  /// What every reading needs: a word each reading has, with every compound
  /// pair that covers it in any reading (as in need); at least one of each
  /// list's entries must have a candidate, or no reading can match.
  std::vector<std::vector<int>> need_every;
  /// need and need_every as candidate slots (CPart::finish(), once the part's
  /// words are all known): a word id stays, a compound pair becomes its pair
  /// slot, none becomes CPart::slots() (a slot that never has a candidate).
  std::vector<std::array<int, 3>> need_slots;
  std::vector<std::vector<int>> need_every_slots;
  TextOptions opts;
  int window = 8;  ///< free order: resolved window
};

struct CWording {
  Wording::Kind kind = Wording::Kind::Text;
  const Wording* src = nullptr;
  CText text;                      ///< Text
  std::vector<CText> all;          ///< All
  std::vector<CText> unless;       ///< Text / All: matches sharing a word with these do not count
  std::vector<std::map<std::string, double>> points;  ///< Expr/Shape sample points
  std::optional<Unit> unit;        ///< Number: the wording's unit, if known
  /// Number with `ratio`: the folded names of A and B (Tok::text of each spelling).
  std::vector<std::vector<std::string>> ratio_names;
  double lo = 0, hi = 0;
};

struct CConcept {
  std::string id;
  double marks = 0;
  bool negation = true;
  std::vector<CWording> wordings;
  std::vector<CWording> about;  ///< what the concept's value belongs to (Concept::about)
  std::vector<int> apart;       ///< indices (in CPart::concepts) of Concept::apart_from
};

struct COption {
  std::string id;
  std::string letter;
  std::vector<CSeq> names;  ///< label and aliases
  bool special = false;     ///< all/none of the above
};

struct CPart {
  const Part* part = nullptr;
  int index = -1;  ///< position among the rubric's compiled parts (keys per-thread memos)
  std::vector<CWord> words;
  std::map<CWord, int> word_ids;         ///< words -> index (interning)
  std::vector<std::string> pair_stems;   ///< compound stems of adjacent pattern words ('*' + letters: a prefix)
  std::map<std::string, int> pair_ids;   ///< pair_stems -> index
  // Lookup tables (finish()): which pattern words an answer token can match
  // through its abbreviation, its compound join with the next word, or as a
  // symbol; the kinds scanned per word type.
  std::map<std::string, std::vector<int>, std::less<>> abbr_words, join_words, symbol_words;
  /// Prefix words of five letters or more (`overfit*`), by their letters: an
  /// answer's two words can spell one ("over fitting", "over-fitting").
  std::vector<std::pair<std::string, int>> prefix_words;
  std::vector<int> text_words, number_words;
  std::vector<int> number_name_words;  ///< text words that name a number ("two"), also read as digits
  int asked_role = 0;  ///< a choice whose prompt asks for the smallest (1) or largest (2) option
  /// Candidate slots: one per word, then one per pair stem.
  int pair_slot(int pair_index) const { return static_cast<int>(words.size()) + pair_index; }
  std::size_t slots() const { return words.size() + pair_stems.size(); }
  void finish();
  std::vector<CConcept> concepts;
  std::vector<CConcept> misconceptions;
  std::vector<COption> options;
  std::map<std::string, std::string> variables;  ///< folded name -> name as in the rubric
};

}  // namespace automark::match
