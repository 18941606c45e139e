// Internals of the concept matcher: how an answer is read (tokens with
// offsets, sentence and clause marks, negation cues) and how a pattern word is
// compared with an answer word. Private to src/match.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace automark::match {

// ------------------------------------------------------------------ words
/// Case fold a UTF-8 word (full simple folding) and read a lone Greek letter
/// as its name ("η" -> "eta").
std::string fold(std::string_view utf8);
/// British -> American spelling (-ise/-ize, -isation, -yse, -our, -tre...).
std::string unify_spelling(const std::string& folded);
/// Snowball English stem (thread-local stemmer). Non-alphabetic words are
/// returned as they are.
std::string stem(const std::string& word);
/// The value of a number name from "one" to "twelve", or 0.
int number_name_value(std::string_view folded);
/// 1 for a word asking for the smallest/lowest, 2 for the largest/highest, else 0.
int superlative_role(std::string_view folded);
/// The verb of an irregular past form or participle ("brought" -> "bring"),
/// which stem() uses; empty for any other word.
std::string_view irregular_base(std::string_view word);
/// Optimal-string-alignment (Damerau) distance over code points, capped:
/// returns max_d + 1 as soon as the distance must exceed max_d.
int edit_distance(std::string_view a, std::string_view b, int max_d);
/// Code points in a UTF-8 string.
std::size_t cp_length(std::string_view s);
/// Built-in technical terms and confusable common words that typo tolerance
/// must never turn into one another.
const std::vector<std::string_view>& builtin_protected_terms();
/// Built-in spelling variants (grey/gray...): each inner list is one word.
const std::vector<std::vector<std::string_view>>& builtin_variants();
/// True when a typo-tolerant match of `a` as `b` would only be the
/// addition/removal of a negating or opposing prefix (un-, in-, non-, dis-...).
bool prefix_opposition(std::string_view a, std::string_view b);

/// The word normalisation shared by rubric and answer words.
struct WordForms {
  std::map<std::string, std::string> variant_of;  ///< unified spelling -> canonical variant
  /// folded word -> norm (spelling unified, variants mapped)
  std::string norm(const std::string& folded) const;
};

// ----------------------------------------------------------------- tokens
enum class TK : std::uint8_t { Word, Number, Symbol };

/// Negation cue carried by a token.
enum class Cue : std::uint8_t {
  None,
  Pre,    ///< not, no, never, n't, none, nothing, cannot, fails to, lack...: up to 6 words on
  Short,  ///< without, rather than, instead of, unlike: up to 4 words, stops at a comma
  Nor,    ///< nor / neither: a complete cue (scanning stops after it)
  Wide,   ///< "false that", "wrong to say", "a myth that": the rest of the sentence
};

struct Tok {
  TK kind = TK::Word;
  std::string raw;    ///< as written (normalised text, case kept)
  std::string text;   ///< folded (Greek letters read as names)
  std::string norm;   ///< spelling unified, variants mapped
  std::string stem;   ///< Snowball stem of norm (Word only)
  std::string join_stem;  ///< stem of norm + next word's norm when the two may form a compound
  std::size_t b = 0, e = 0;  ///< byte offsets into the answer text (original, before normalise)
  int sent = 0;       ///< sentence index
  int wpos = 0;       ///< words (Word/Number tokens) before this one
  Cue cue = Cue::None;
  bool standalone_cue = false;  ///< "No," / "not." : the cue governs nothing after it
  bool comma_ok = false;        ///< "not," mid-sentence: the scope reaches across the comma
  bool boundary = false;        ///< clause boundary (;, :, but, however, because...)
  bool sentence_end = false;    ///< this symbol ends a sentence
  bool retracted = false;       ///< taken back by a later "actually no", "no wait"... (mark_retractions)
  bool is_protected = false;    ///< the word is a protected technical term
  bool glued = false;           ///< a later piece of one written word ("Hub" of "GitHub"): same word position
  std::uint8_t lex = 0;         ///< WordMemo::lex of a word
  double value = 0;   ///< Number: its value
  std::string abbr;   ///< first token of an expanded abbreviation: the short form
  int group_last = -1;  ///< with abbr: index of the last token of the expansion
};

/// Abbreviation expansions known to the tokenizer: short form -> long form words.
struct AbbrevTable {
  std::map<std::string, std::vector<std::string>> expand;  ///< folded short -> folded long words
};

/// What a folded word becomes: its norm, its stem, and whether that stem is a
/// protected term. Pure functions of the word for one compiled rubric.
struct WordMemo {
  std::string norm, stem;
  bool is_protected = false;
  /// What the negation and clause passes may make of the word (kLex* bits), so
  /// that they look at most words only once.
  std::uint8_t lex = 0;
};
inline constexpr std::uint8_t kLexCue = 1;     ///< may carry or shape a negation cue
inline constexpr std::uint8_t kLexClause = 2;  ///< may open a clause
inline constexpr std::uint8_t kLexAbbrev = 4;  ///< a declared abbreviation (or its plural)
inline constexpr std::uint8_t kLexNumber = 8;  ///< a number word ("two", "hundred"...)
/// The kLex* bits of a folded word.
std::uint8_t lex_class(std::string_view folded);

struct CText;

/// A text's readings grouped by their first need (CText::need_slots at
/// need_off[i], the one likeliest to be absent): a text has about four times
/// as many readings as distinct first needs, and nearly three readings in four
/// fail on that first need, so each distinct one is checked once per answer and
/// only the readings of the groups whose first need is met are visited.
struct ReadingGroups {
  std::vector<std::array<int, 3>> first;  ///< group -> its first need's slots
  /// group g's readings, ascending: member[member_off[g] .. member_off[g + 1]);
  /// the readings without a need come last, as one more group, always met.
  std::vector<std::uint32_t> member_off, member;
};

/// What a WordCache keeps for one compiled part.
struct PartMemo {
  /// folded word -> the pattern word slots it matches, with the edits of each.
  std::unordered_map<std::string, std::vector<std::pair<int, int>>> words;
  /// A Bloom filter of the part's compound stems (CPart::join_words), made on
  /// first use: nearly every pair of neighbouring answer words has a compound
  /// stem and nearly none is the part's, and a look-up in the filter costs a
  /// fraction of one in the map. Empty until made; a pure function of the part.
  std::vector<std::uint64_t> join_bits;
  /// Per text of the part, made on first use; a pure function of the part.
  std::unordered_map<const CText*, ReadingGroups> texts;
  /// Forget the words (the filter and the groups stay: they depend on the part alone).
  void clear() { words.clear(); }
};

/// A memo of WordMemos for one compiled rubric, owned by one thread: an answer's
/// words are mostly words seen in earlier answers, and stemming dominates
/// reading. Bounded: cleared when it reaches `kMax` entries.
struct WordCache {
  static constexpr std::size_t kMax = 1 << 15;      ///< word forms kept (about 6 MB)
  static constexpr std::size_t kMaxHits = 1 << 16;  ///< word-by-part entries kept, all parts together
  std::unordered_map<std::string, WordMemo> memo;
  /// Per compiled part (CPart::index).
  std::vector<PartMemo> part_hits;
  std::size_t hits = 0;  ///< entries in part_hits' word memos
};

/// Read an answer: tokens with offsets into `text` (not including base). With
/// a cache, word forms are looked up there first (the result is the same).
std::vector<Tok> analyse(std::string_view text, const WordForms& forms, const AbbrevTable& abbrevs,
                         const std::set<std::string>& protected_stems, WordCache* cache = nullptr);

/// Split a short string (a pattern word, a label) into folded word/number/
/// symbol strings the way analyse() would, contractions included.
std::vector<Tok> analyse_plain(std::string_view text, const WordForms& forms);

}  // namespace automark::match
