// How an answer is read: normalise, split into words, numbers and symbols with
// byte offsets into the original text, then mark sentences, clause boundaries
// and negation cues. One left-to-right pass plus a few local fix-ups, so the
// cost is linear in the answer's length.
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "automark/text.h"
#include "match/internal.h"

using namespace std::string_view_literals;

namespace automark::match {
namespace {

struct CP {
  char32_t c;
  std::size_t b, e;  // offsets in the normalised text
};

std::vector<CP> decode_all(std::string_view s) {
  std::vector<CP> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t b = i;
    if (const auto byte = static_cast<unsigned char>(s[i]); byte < 0x80) {  // ASCII: the byte itself, without a call
      ++i;
      out.push_back({byte, b, i});
      continue;
    }
    const char32_t c = next_code_point(s, i);
    out.push_back({c, b, i});
  }
  return out;
}

bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');  // the ASCII ones below: \t \n \v \f \r
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x2007 ||
         c == 0x202F || (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0x85 || c == 0x2028 || c == 0x2029;
}
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xD7 || c == 0xF7) return false;
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}
bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool is_hyphen(char32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2013); }

/// "increases" for an arrow up, "decreases" for an arrow down, else empty.
std::string_view arrow_verb(char32_t c) {
  switch (c) {
    case 0x2191: case 0x21D1: case 0x2197: case 0x21E7: case 0x2B06: case 0x1F845:
      return "increases";
    case 0x2193: case 0x21D3: case 0x2198: case 0x21E9: case 0x2B07: case 0x1F847:
      return "decreases";
    default:
      return {};
  }
}

std::string symbol_text(char32_t c) {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return "-";
    case 0xF7: case 0x2215: return "/";
    case 0x22C5: case 0xB7: case 0x2217: return "*";
    case 0x2018: case 0x2019: return "'";
    case 0x201C: case 0x201D: return "\"";
    case 0x2248: return "~";
    default: break;
  }
  std::string s;
  if (c < 0x80) {
    s.push_back(static_cast<char>(c));
  } else {
    // re-encode
    if (c < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (c >> 6)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      s.push_back(static_cast<char>(0xE0 | (c >> 12)));
      s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xF0 | (c >> 18)));
      s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return s;
}

// Contractions written with or without the apostrophe: base word + "not".
struct Contraction {
  std::string_view word, base;
};
constexpr Contraction kContractions[] = {
    {"can't", "can"},       {"cannot", "can"},       {"won't", "will"},       {"shan't", "shall"},
    {"ain't", "is"},        {"dont", "do"},          {"doesnt", "does"},      {"didnt", "did"},
    {"isnt", "is"},         {"arent", "are"},        {"wasnt", "was"},        {"werent", "were"},
    {"cant", "can"},        {"couldnt", "could"},    {"shouldnt", "should"},  {"wouldnt", "would"},
    {"hasnt", "has"},       {"havent", "have"},      {"hadnt", "had"},        {"mustnt", "must"},
    {"neednt", "need"},     {"mightnt", "might"},
    // Common misspellings of the commonest ones.
    {"dosent", "does"},     {"dosnt", "does"},       {"doesent", "does"},     {"dosen't", "does"},
    {"doesen't", "does"},   {"dident", "did"},       {"didint", "did"},       {"isint", "is"},
    {"wasint", "was"},      {"cannt", "can"},        {"couldnot", "could"},   {"wouldent", "would"},
    {"shouldent", "should"}, {"couldent", "could"},
};

/// The expansion of a folded word (or of its singular) in the table.
auto abbrev_entry(const AbbrevTable& abbrevs, const std::string& w) {
  auto it = abbrevs.expand.find(w);
  if (it == abbrevs.expand.end() && w.size() > 2 && w.back() == 's') it = abbrevs.expand.find(w.substr(0, w.size() - 1));
  return it;
}

/// Where a camel-case code name splits into words ("CrossEntropyLoss" -> 5, 12),
/// or nothing: ASCII letters only, two pieces or more, each piece a capitalised
/// word ("Cross", at least three letters), an upper-case run of two or more
/// ("BCE", before a capitalised word), or a first piece in lower case of three
/// or more ("binary"). "ReLU", "mRNA", "iPhone", "PyTorch" do not split.
std::vector<std::size_t> camel_cuts(std::string_view w) {
  if (w.size() < 6) return {};
  bool inner_capital = false;  // every cut is at or after a capital past the first letter
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char ch = w[i];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return {};
    inner_capital = inner_capital || (i > 0 && ch <= 'Z');
  }
  if (!inner_capital) return {};
  auto up = [&](std::size_t i) { return i < w.size() && w[i] >= 'A' && w[i] <= 'Z'; };
  // An acronym with a lower-case prefix letter ("mRNA", "tRNA") starts at a
  // lower-case letter followed by two capitals: words run together where a
  // line break was lost ("nucleusmRNA", "tRNAtRNA", "CELLrRNA") part there.
  auto acro_start = [&](std::size_t i) { return !up(i) && up(i + 1) && up(i + 2); };
  std::vector<std::size_t> cuts;
  std::size_t piece = 0;  // where the current piece starts
  for (std::size_t i = 1; i < w.size(); ++i) {
    const bool in_acro = acro_start(piece) && up(i - 1);  // still inside "tRNA..."
    const bool lower_to_upper = !up(i - 1) && up(i) && !(i - 1 == piece && acro_start(piece));
    // A capital run ends where a capitalised word starts ("BCEWith"), not where a
    // prefixed acronym starts ("CELLrRNA") nor inside "tRNA" ("tRNAand").
    const bool run_to_word = up(i - 1) && up(i) && i + 1 < w.size() && !up(i + 1) && i >= 2 && up(i - 2) &&
                             !acro_start(i + 1) && !(acro_start(piece) && i - piece - 1 < 3);
    const bool new_acro = acro_start(i);
    const bool acro_to_word = in_acro && !up(i) && !new_acro;  // "tRNAand"
    if (lower_to_upper || run_to_word || new_acro || acro_to_word) {
      cuts.push_back(i);
      piece = i;
    }
  }
  if (cuts.empty()) return {};
  std::size_t from = 0;
  bool prev_acro = false;
  for (std::size_t k = 0; k <= cuts.size(); ++k) {
    const std::size_t to = k < cuts.size() ? cuts[k] : w.size();
    const std::string_view piece_text = w.substr(from, to - from);
    bool all_up = true, tail_low = true, tail_up = true;  // every letter upper case; every letter after the first lower / upper case
    for (std::size_t i = 0; i < piece_text.size(); ++i) {
      all_up = all_up && up(from + i);
      if (i > 0) tail_low = tail_low && !up(from + i);
      if (i > 0) tail_up = tail_up && up(from + i);
    }
    const bool rest_low = piece_text.size() >= 3 && up(from) && tail_low;
    const bool first_lower = k == 0 && !up(from) && piece_text.size() >= 3 && tail_low;
    const bool acro = piece_text.size() >= 3 && !up(from) && tail_up;
    const bool word_after_acro = prev_acro && !up(from) && piece_text.size() >= 3 && tail_low;
    if (!(rest_low || (all_up && piece_text.size() >= 2 && k < cuts.size()) || first_lower || acro || word_after_acro))
      return {};
    prev_acro = acro;
    from = to;
  }
  return cuts;
}

struct Builder {
  const WordForms& forms;
  const std::set<std::string>* protected_stems = nullptr;
  const AbbrevTable* abbrevs = nullptr;
  WordCache* cache = nullptr;
  std::vector<Tok> out;

  WordMemo scratch;  // forms_of's result when there is no cache
  std::string join_key;  // a compound's key for forms_of, reused from pair to pair

  /// norm, stem, protection and lex class of a folded word, memoised when there
  /// is a cache. The reference is valid until the next call.
  const WordMemo& forms_of(const std::string& folded) {
    if (cache) {
      auto it = cache->memo.find(folded);
      if (it != cache->memo.end()) return it->second;
    }
    WordMemo m;
    m.norm = forms.norm(folded);
    m.stem = stem(m.norm);
    m.is_protected = protected_stems && protected_stems->count(m.stem) > 0;
    m.lex = lex_class(folded);
    if (abbrevs && abbrev_entry(*abbrevs, folded) != abbrevs->expand.end()) m.lex |= kLexAbbrev;
    if (cache) {
      if (cache->memo.size() >= WordCache::kMax) cache->memo.clear();
      return cache->memo.emplace(folded, std::move(m)).first->second;
    }
    scratch = std::move(m);
    return scratch;
  }

  /// A written word: `raw` is its text in the normalised answer, [b, e).
  void word(std::string_view raw, std::size_t b, std::size_t e) {
    // A code name in camel case ("CrossEntropyLoss", "BCEWithLogitsLoss",
    // "binaryCrossEntropy") reads as its words.
    if (const auto cuts = camel_cuts(raw); !cuts.empty()) {
      std::size_t from = 0;
      for (std::size_t k = 0; k <= cuts.size(); ++k) {
        const std::size_t to = k < cuts.size() ? cuts[k] : raw.size();
        push_word(raw.substr(from, to - from), fold(raw.substr(from, to - from)), b + from, b + to);
        out.back().glued = k > 0;  // one written word: one word position ("GitHub" keeps gaps as they were)
        from = to;
      }
      return;
    }
    std::string f = fold(raw);
    // Possessive 's.
    if (f.size() > 2 && (f.ends_with("'s"))) {
      f.resize(f.size() - 2);
      raw.remove_suffix(2);
      e -= 2;
    }
    // Other contractions of a pronoun or a word: base word + the verb ("it'd be
    // linear" as "it would be linear", "they're", "we'll", "I've", "I'm").
    if (const std::size_t q = f.rfind('\''); q != std::string::npos && q > 0 && q + 1 < f.size() && !f.ends_with("n't")) {
      const std::string_view tail = std::string_view(f).substr(q + 1);
      std::string_view verb;
      if (tail == "d"sv) verb = "would";
      else if (tail == "re"sv) verb = "are";
      else if (tail == "ve"sv) verb = "have";
      else if (tail == "ll"sv) verb = "will";
      else if (tail == "m"sv) verb = "am";
      if (!verb.empty() && raw.size() >= tail.size() + 1) {
        const std::size_t cut = raw.size() - tail.size() - 1;
        push_word(raw.substr(0, cut), f.substr(0, q), b, b + cut);
        push_word(raw.substr(cut), std::string(verb), b + cut, e);
        return;
      }
    }
    // n't contractions: base word + a "not" token.
    if (f.size() > 3 && f.ends_with("n't")) {
      std::string base = f.substr(0, f.size() - 3);
      if (base == "ca"sv) base = "can";
      else if (base == "wo"sv) base = "will";
      else if (base == "sha"sv) base = "shall";
      else if (base == "ai"sv) base = "is";
      push_word(raw.substr(0, raw.size() - 3), base, b, e - 3);
      push_word("n't", "not", e - 3, e);
      return;
    }
    // Every contraction listed ends in 't'.
    for (const auto& c : kContractions) {
      if (f.empty() || f.back() != 't') break;
      if (f == c.word) {
        const std::size_t bl = c.word.size() - (c.word.ends_with("not") ? 3 : (c.word.ends_with("n't") ? 3 : 2));
        const std::size_t cut = std::min(bl, raw.size());
        push_word(raw.substr(0, cut), std::string(c.base), b, b + cut);
        push_word(raw.substr(cut), "not", b + cut, e);
        return;
      }
    }
    push_word(raw, std::move(f), b, e);
  }

  // The raw text of a word is passed as a view and copied once, into its
  // token (views into the answer's text or into another vector's token, never
  // into `out`, which push_word may reallocate).

  /// A word token with its forms, spanning [b, e) of the text.
  Tok make_word(std::string_view raw, std::string folded, std::size_t b, std::size_t e) {
    Tok t;
    fill_word(t, raw, std::move(folded), b, e);
    return t;
  }

  /// Make `t` (a fresh token) that word token.
  void fill_word(Tok& t, std::string_view raw, std::string folded, std::size_t b, std::size_t e) {
    t.kind = TK::Word;
    t.raw.assign(raw);
    t.text = std::move(folded);
    const WordMemo& m = forms_of(t.text);
    t.norm = m.norm;
    t.stem = m.stem;
    t.is_protected = m.is_protected;
    t.lex = m.lex;
    t.b = b;
    t.e = e;
  }

  void push_word(std::string_view raw, std::string folded, std::size_t b, std::size_t e) {
    fill_word(out.emplace_back(), raw, std::move(folded), b, e);
  }
};

bool word_is(const Tok& t, std::string_view w) { return t.kind == TK::Word && t.text == w; }

// The value of a number word (zero..nineteen, twenty..ninety, hundred,
// thousand, million), or -1.
long number_word_value(std::string_view w) {
  static const std::unordered_map<std::string_view, long> m = {
      {"zero", 0},       {"one", 1},        {"two", 2},       {"three", 3},     {"four", 4},
      {"five", 5},       {"six", 6},        {"seven", 7},     {"eight", 8},     {"nine", 9},
      {"ten", 10},       {"eleven", 11},    {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14},
      {"fifteen", 15},   {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},    {"thirty", 30},    {"forty", 40},    {"fourty", 40},   {"fifty", 50},
      {"sixty", 60},     {"seventy", 70},   {"eighty", 80},   {"ninety", 90},   {"hundred", 100},
      {"thousand", 1000}, {"million", 1000000}};
  auto it = m.find(w);
  return it == m.end() ? -1 : it->second;
}
bool sym_is(const Tok& t, std::string_view s) { return t.kind == TK::Symbol && t.text == s; }

// A short subject (one to three words) starting at `from`, then a finite verb:
// "the classifier says", "frozen layers cannot", "the output is".
bool subject_and_verb(const std::vector<Tok>& ts, std::size_t from) {
  static const std::unordered_set<std::string_view> finite = {
      "is", "are", "was", "were", "will", "would", "can", "could", "should", "may", "might", "must",
      "does", "do", "did", "has", "have", "had", "says", "gives", "outputs", "predicts", "classifies",
      "becomes", "makes", "means", "gets", "goes", "shows", "learns", "stays", "remains"};
  if (from >= ts.size() || ts[from].kind != TK::Word || finite.count(ts[from].text)) return false;
  for (std::size_t k = from + 1; k <= from + 3 && k < ts.size(); ++k) {
    if (ts[k].kind != TK::Word) return false;
    if (finite.count(ts[k].text)) return true;
  }
  return false;
}

// Clause-boundary words (for negation scope).
const std::unordered_set<std::string_view>& clause_words() {
  static const std::unordered_set<std::string_view> words = {
      "but", "however", "whereas", "although", "though", "because", "therefore", "thus", "hence",
      "whilst", "nevertheless", "nonetheless", "conversely", "meanwhile", "otherwise", "so", "since",
      // a condition opens a clause of its own: "not helpful if the data differ" denies the help
      "if", "unless", "when", "whenever"};
  return words;
}
bool clause_word(const std::vector<Tok>& ts, std::size_t i) {
  const Tok& t = ts[i];
  if (t.kind != TK::Word || !(t.lex & kLexClause)) return false;
  if (clause_words().count(t.text)) return true;
  if (t.text == "while"sv) return true;
  // "instead" / "rather" not followed by "of" / "than" start a new contrast clause.
  if ((t.text == "instead"sv && !(i + 1 < ts.size() && word_is(ts[i + 1], "of"))) ||
      (t.text == "rather"sv && !(i + 1 < ts.size() && word_is(ts[i + 1], "than"))))
    return true;
  // "and" followed by a verb or a new subject starts a new clause.
  if (t.text == "and"sv && i + 1 < ts.size()) {
    static const std::unordered_set<std::string_view> after = {
        "is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "will", "would",
        "should", "could", "may", "might", "it", "they", "this", "these", "that", "he", "she", "we", "i",
        "you", "there", "its", "their", "also", "then", "thus", "therefore", "so", "hence"};
    if (ts[i + 1].kind == TK::Word && after.count(ts[i + 1].text) > 0) return true;
    // A second predicate of the same subject, in the third person: "fails to go
    // down and bounces up and down" denies the first verb only.
    static const std::unordered_set<std::string_view> predicates = {
        "bounces", "oscillates", "fluctuates", "rises", "increases", "decreases", "drops", "jumps",
        "stays", "stops", "keeps", "becomes", "causes", "leads", "remains", "converges", "diverges",
        "explodes", "settles", "plateaus", "falls", "climbs", "swings", "overshoots", "saturates",
        "shoots", "spikes", "zigzags", "wobbles", "hovers", "flattens", "levels", "gets", "goes"};
    if (ts[i + 1].kind == TK::Word && predicates.count(ts[i + 1].text) > 0) return true;
    // "and the classifier says...", "and frozen layers cannot adapt".
    return subject_and_verb(ts, i + 1);
  }
  return false;
}

const std::unordered_set<std::string_view>& pre_cues() {
  static const std::unordered_set<std::string_view> pre = {
      "not", "no", "never", "none", "nothing", "nobody", "nowhere", "hardly", "barely", "scarcely", "unable",
      "lack", "lacks", "lacking", "absence", "neglects", "doesnt"};
  return pre;
}
const std::unordered_set<std::string_view>& falsity_cues() {
  static const std::unordered_set<std::string_view> falsity = {"false", "wrong", "incorrect", "untrue", "myth",
                                                               "misconception", "mistake", "fallacy"};
  return falsity;
}

void mark_cues(std::vector<Tok>& ts) {
  const auto& pre = pre_cues();
  const auto& falsity = falsity_cues();
  const std::size_t n = ts.size();
  auto next_word = [&](std::size_t i, std::size_t k) -> const Tok* {
    std::size_t j = i + k;
    return j < n ? &ts[j] : nullptr;
  };
  for (std::size_t i = 0; i < n; ++i) {
    Tok& t = ts[i];
    if (t.kind != TK::Word || !(t.lex & kLexCue)) continue;
    const std::string& w = t.text;
    if (pre.count(w)) {
      t.cue = Cue::Pre;
      const Tok* nx = next_word(i, 1);
      if (w == "not"sv && nx && nx->kind == TK::Word &&
          (nx->text == "only"sv || nx->text == "just"sv || nx->text == "merely"sv || nx->text == "simply"sv ||
           nx->text == "solely"sv))
        t.cue = Cue::None;  // "not only A but also B"
      if (w == "no"sv && nx && nx->kind == TK::Word && (nx->text == "doubt"sv || nx->text == "matter"sv))
        t.cue = Cue::None;
      // "a yes/no sigmoid", "yes or no", "no-or-yes": the pair names a binary
      // choice and denies nothing.
      if (w == "no"sv) {
        auto joins = [&](std::size_t a, std::size_t b) {  // ts[a] and ts[b] joined by / or - or "or"
          if (b != a + 2 || b >= n) return false;
          const Tok& j = ts[a + 1];
          return (j.kind == TK::Symbol && (j.text == "/"sv || j.text == "-"sv)) || word_is(j, "or");
        };
        if ((i >= 2 && word_is(ts[i - 2], "yes") && joins(i - 2, i)) ||
            (i + 2 < n && word_is(ts[i + 2], "yes") && joins(i, i + 2)))
          t.cue = Cue::None;
      }
      if (w == "not"sv && i > 0 && word_is(ts[i - 1], "or")) t.cue = Cue::None;  // whether or not
      // "No." / "not;" govern nothing after them; "No," opening a sentence is an
      // interjection. A mid-sentence "not," ("does not, in general, saturate")
      // reaches across the comma.
      const bool opens = i == 0 || ts[i - 1].sentence_end || ts[i - 1].sent != t.sent;
      if (nx && nx->kind == TK::Symbol &&
          (nx->text == "."sv || nx->text == "!"sv || nx->text == ":"sv || nx->text == ";"sv || nx->text == "?"sv))
        t.standalone_cue = true;
      if (nx && nx->kind == TK::Symbol && nx->text == ","sv) {
        if (w == "no"sv || opens) t.standalone_cue = true;
        else t.comma_ok = true;
      }
      if (!nx) t.standalone_cue = true;
      // "it is not true that ..." reaches the whole clause after it.
      if (w == "not"sv && nx && nx->kind == TK::Word &&
          (nx->text == "true"sv || nx->text == "correct"sv || nx->text == "right"sv) && i + 2 < n &&
          word_is(ts[i + 2], "that"))
        t.cue = Cue::Wide;
      if (w == "not"sv && nx && word_is(*nx, "the") && i + 3 < n && word_is(ts[i + 2], "case") &&
          word_is(ts[i + 3], "that"))
        t.cue = Cue::Wide;
    } else if (w == "neither"sv || w == "nor"sv) {
      t.cue = Cue::Nor;
    } else if (w == "without"sv || w == "unlike"sv || w == "excluding"sv ||
               (w == "except"sv && !(i + 1 < n && (word_is(ts[i + 1], "that") || word_is(ts[i + 1], "when") ||
                                                   word_is(ts[i + 1], "if") || word_is(ts[i + 1], "where"))))) {
      // ("all of them except Leaky ReLU": what follows is left out; "except that
      // dropout helps" asserts its clause)
      t.cue = Cue::Short;
    } else if (w == "than"sv && i > 0 && word_is(ts[i - 1], "rather")) {
      t.cue = Cue::Short;
    } else if (w == "of"sv && i > 0 && word_is(ts[i - 1], "instead")) {
      t.cue = Cue::Short;
    } else if ((w == "fail"sv || w == "fails"sv || w == "failed"sv || w == "failing"sv) && i + 1 < n &&
               word_is(ts[i + 1], "to")) {
      // "fails to avoid X" says X happens: a removal verb after it cancels.
      static const std::unordered_set<std::string_view> removal = {"avoid", "prevent", "stop", "eliminate", "remove",
                                                                "solve", "fix", "address", "overcome", "reduce"};
      const bool cancels = i + 2 < n && ts[i + 2].kind == TK::Word && removal.count(ts[i + 2].text) > 0;
      if (!cancels) t.cue = Cue::Pre;
    } else if (falsity.count(w)) {
      const Tok* nx = next_word(i, 1);
      if (nx && nx->kind == TK::Word && (nx->text == "that"sv || nx->text == "to"sv)) t.cue = Cue::Wide;
    }
  }
}

// Retractions: the candidate takes back what they have just written ("C; no
// wait, A", "the whole input, although actually it only sees a patch",
// "... actually no, that is fine"). What is taken back is neither credited nor
// penalised: a careful marker reads the answer the candidate settled on.
// A cue inside a sentence takes back the sentence so far; a cue opening a
// sentence takes back the sentence before it. Cues are kept narrow, because
// "actually" and "really" are mostly emphasis ("ReLU actually helps"):
//  - "no wait", "wait no", "actually no", "no actually" before a comma, dash,
//    stop or the end ("actually no layer" is emphasis, not a retraction);
//  - "scratch that", "I take that back", "no, (the) other way round" before a pause;
//  - "actually" right after a comma, dash, ellipsis, semicolon, "although" or
//    "though", or "actually," / "really," right after "but", opening a new
//    statement: followed by a pronoun, or a short subject and a verb;
//  - a sentence opening with "Actually I think".
void mark_retractions(std::vector<Tok>& ts) {
  const std::size_t n = ts.size();
  auto word = [&](std::size_t i, std::string_view w) { return i < n && ts[i].kind == TK::Word && ts[i].text == w; };
  auto sym = [&](std::size_t i) { return i < n && ts[i].kind == TK::Symbol; };
  auto pause = [&](std::size_t i) {  // a comma, dash, stop, colon or the end
    return i >= n || (ts[i].kind == TK::Symbol && (ts[i].text == ","sv || ts[i].text == "-"sv || ts[i].text == "."sv ||
                                                   ts[i].text == "!"sv || ts[i].text == ";"sv || ts[i].text == ":"sv ||
                                                   ts[i].text == "\u2026"sv));
  };
  auto comma = [&](std::size_t i) { return i < n && ts[i].kind == TK::Symbol && ts[i].text == ","sv; };
  auto opens_statement = [&](std::size_t i) {  // what follows "actually": a new claim
    static const std::unordered_set<std::string_view> pronouns = {"it", "its", "i", "that", "this", "they",
                                                                  "there", "we", "you", "what", "the", "he", "she"};
    if (i >= n || ts[i].kind != TK::Word) return false;
    return pronouns.count(ts[i].text) > 0 || subject_and_verb(ts, i);
  };
  auto sentence_start = [&](std::size_t k) {  // no word or number before k in its sentence
    for (std::size_t j = k; j > 0; --j) {
      const Tok& p = ts[j - 1];
      if (p.sent != ts[k].sent) break;
      if (p.kind != TK::Symbol) return false;
    }
    return true;
  };
  for (std::size_t k = 0; k < n; ++k) {
    if (ts[k].kind != TK::Word) continue;
    const std::string& w = ts[k].text;
    bool cue = false;
    if (w == "no"sv || w == "wait"sv || w == "actually"sv) {
      // "no wait", "no, wait", "wait no", "actually no", "no actually", each before a pause.
      std::size_t j = k + 1;
      if (comma(j)) ++j;
      const bool pair = (w == "no"sv && (word(j, "wait") || word(j, "actually") || word(j, "sorry"))) ||
                        (w == "wait"sv && word(j, "no")) || (w == "actually"sv && word(j, "no"));
      if (pair && pause(j + 1)) cue = true;
      // "no actually it explodes": the pair right before a new statement, without a pause.
      if (w == "no"sv && word(j, "actually") && !sentence_start(k) && opens_statement(j + 1)) cue = true;
    }
    // "128 ms (wrong).", "Momentum (wrong) - the learning rate": the candidate marks
    // what was just written as wrong.
    if (!cue && (w == "wrong"sv || w == "incorrect"sv) && k > 0 && sym(k - 1) && ts[k - 1].text == "("sv && k + 1 < n &&
        sym(k + 1) && ts[k + 1].text == ")"sv && !sentence_start(k - 1))
      cue = true;
    // "= 52?? no: 5*5*1*2 + 1 = 51": a "no" right after the candidate's own
    // question mark, before a pause, rejects what was just written.
    if (!cue && w == "no"sv && k > 0 && sym(k - 1) && ts[k - 1].text == "?"sv && (pause(k + 1) || word(k + 1, "wait")))
      cue = true;
    if (!cue && w == "scratch"sv && word(k + 1, "that")) cue = true;
    // "C. Sorry, no: A" (the apology then the denial, before a pause).
    if (!cue && w == "sorry"sv) {
      std::size_t j = k + 1;
      if (comma(j)) ++j;
      if (word(j, "no") && pause(j + 1)) cue = true;
    }
    // "Thinking again, tanh is the one", "On second thought: A", "Hmm, rechecking: 1 + 1 +
    // 2 ... = 1024", "Correction: 64 ms": the candidate reconsiders what came before,
    // at the start of a sentence (after a hesitation, if any) and before a pause.
    std::size_t at = k;
    if (!cue) {
      std::size_t j = k + 1;
      bool rethink = false;
      if ((w == "thinking"sv || w == "rethinking"sv) && word(j, "again")) {
        rethink = true;
        ++j;
      } else if ((w == "thinking"sv || w == "rethinking"sv) && word(j, "about") && word(j + 1, "it") && word(j + 2, "again")) {
        rethink = true;
        j += 3;
      } else if (w == "on"sv && word(j, "second") && (word(j + 1, "thought") || word(j + 1, "thoughts"))) {
        rethink = true;
        j += 2;
      } else if (w == "second"sv && word(j, "thoughts")) {
        rethink = true;
        ++j;
      } else if (w == "on"sv && word(j, "reflection")) {
        rethink = true;
        ++j;
      } else if (w == "thinking"sv && word(j, "about") && word(j + 1, "it") && k > 0 &&
                 (word(k - 1, "actually") || (comma(k - 1) && word(k - 2, "actually")))) {
        // "Although actually, thinking about it, ...": only after "actually"
        rethink = true;
        j += 2;
      } else if (w == "rechecking"sv || w == "recalculating"sv || w == "recomputing"sv || w == "correction"sv) {
        rethink = true;
      }
      // "A, but on reflection C": mid-sentence after "but", no pause needed;
      // this sentence so far is taken back.
      const bool after_but = k > 0 && (word(k - 1, "but") || (comma(k - 1) && k > 1 && word(k - 2, "but")));
      if (rethink && after_but && !pause(j)) {
        cue = true;
      } else if (rethink && pause(j) && !(j < n && ts[j].kind == TK::Symbol && ts[j].text == "."sv)) {
        // back over a hesitation ("hmm,", "ok so", "oh") to the sentence's start
        std::size_t b = k;
        while (b > 0 && ts[b - 1].sent == ts[k].sent &&
               (ts[b - 1].kind == TK::Symbol || word(b - 1, "hmm") || word(b - 1, "hm") || word(b - 1, "um") ||
                word(b - 1, "umm") || word(b - 1, "ok") || word(b - 1, "okay") || word(b - 1, "oh") ||
                word(b - 1, "so") || word(b - 1, "wait") || word(b - 1, "ah") || word(b - 1, "although") ||
                word(b - 1, "actually")))
          --b;
        if (sentence_start(b) && (b == k || ts[b].kind == TK::Word)) {
          cue = true;
          at = b;
        } else if (after_but) {
          cue = true;
        }
      }
    }
    // "7 frames x 1 bin... no, other way round: 1 frame x 7 bins": the reversal
    // is written out after the cue, so what came before is taken back.
    // So does "Or actually the other way around, beta = 10" ("actually" needed
    // after "or": "or the other way round" alone is a hedge).
    if (!cue && (w == "no"sv || w == "actually"sv || (w == "or"sv && word(k + 1, "actually")))) {
      std::size_t j = k + 1;
      if (w == "or"sv) ++j;
      if (comma(j)) ++j;
      if (word(j, "the")) ++j;
      if (word(j, "other") && word(j + 1, "way") && (word(j + 2, "round") || word(j + 2, "around")) && pause(j + 3))
        cue = true;
    }
    // "..., although it's really 7 time steps": the concession corrects what came before.
    if (!cue && (w == "although"sv || w == "though"sv) && !sentence_start(k)) {
      std::size_t j = k + 1;
      if (word(j, "it") || word(j, "that") || word(j, "this") || word(j, "they")) {
        ++j;
        if (word(j, "is") || word(j, "are") || word(j, "was")) ++j;
        if (word(j, "really") || word(j, "actually")) cue = true;
      }
    }
    if (!cue && w == "i"sv && word(k + 1, "take") && word(k + 2, "that") && word(k + 3, "back")) cue = true;
    if (!cue && (w == "actually"sv || (w == "really"sv && k > 0 && word(k - 1, "but")))) {
      std::size_t j = k + 1;
      if (comma(j)) ++j;
      // After "but" only with a pause: "but really, ..." corrects; "but really the
      // gradients vanish as well" adds.
      const bool after_break =
          k > 0 && ((sym(k - 1) && ts[k - 1].text != "("sv && ts[k - 1].text != "\""sv) || word(k - 1, "although") ||
                    word(k - 1, "though") || (word(k - 1, "but") && comma(k + 1)));
      // After an ellipsis ("... actually padding 1 keeps the size") the candidate
      // stops and corrects, though the dots end the sentence.
      const bool ellipsis = k > 0 && sym(k - 1) &&
                            (ts[k - 1].text == "\u2026"sv ||
                             (k > 2 && ts[k - 1].text == "."sv && sym(k - 2) && ts[k - 2].text == "."sv &&
                              ts[k - 2].e == ts[k - 1].b));
      // "sig >= .5 hmm actually sigmoid of ... can be < 0.5": a hesitation before
      // "actually" marks the correction as plainly as a pause does.
      const bool hesitation = k > 0 && (word(k - 1, "hmm") || word(k - 1, "hm") || word(k - 1, "hmmm") ||
                                        word(k - 1, "um") || word(k - 1, "umm") || word(k - 1, "oops"));
      if (w == "actually"sv && (ellipsis || hesitation) && j < n && ts[j].kind == TK::Word && !comma(k + 1)) cue = true;
      else if (after_break && !sentence_start(k) && opens_statement(j)) cue = true;
      if (w == "actually"sv && sentence_start(k) && word(j, "i") && word(j + 1, "think")) cue = true;
    }
    if (!cue) continue;
    ts[k].cue = Cue::None;  // "no wait": the "no" denies nothing
    if (k + 1 < n && ts[k + 1].kind == TK::Word) ts[k + 1].cue = Cue::None;
    // What is taken back: this sentence so far, or the one before when the cue opens it ...
    const int sent = ts[k].sent;
    int target = sent;
    if (sentence_start(at)) {  // the last sentence with a word in it ("1... actually no": dots are stops)
      target = -1;
      for (std::size_t j = at; j > 0 && target < 0; --j)
        if (ts[j - 1].kind != TK::Symbol) target = ts[j - 1].sent;
      if (target < 0) continue;
    }
    std::size_t from = at;
    while (from > 0 && ts[from - 1].sent >= target) --from;
    // ... unless the correction (its first 15 tokens) names again what one item
    // of it (between commas or semicolons) was about: "conv1 = 52, pool = 0, std 204 - actually the
    // pool has 8" takes back "pool = 0" only.
    std::vector<std::pair<std::size_t, std::size_t>> items;  // [b, e) token ranges
    std::size_t ib = from;
    for (std::size_t j = from; j < at; ++j) {
      if (ts[j].kind == TK::Symbol && (ts[j].text == ","sv || ts[j].text == ";"sv)) {
        items.emplace_back(ib, j + 1);
        ib = j + 1;
      }
    }
    items.emplace_back(ib, at);
    if (items.size() > 1) {
      static const std::unordered_set<std::string_view> plain = {
          "the", "a", "an", "it", "its", "that", "this", "is", "are", "was", "were", "should", "be", "has",
          "have", "no", "not", "i", "think", "really", "actually", "more", "likely", "just", "only", "so", "of",
          "to", "in", "and", "or", "there", "what", "we", "they", "you", "would", "will", "can", "fine", "wrong",
          "right", "correct", "wait", "mean", "sorry"};
      std::size_t hit_item = items.size();
      int hits = 0;
      for (std::size_t j = k + 1; j < n && j <= k + 15 && ts[j].sent == sent; ++j) {
        if (ts[j].kind != TK::Word || plain.count(ts[j].text)) continue;
        for (std::size_t it = 0; it < items.size(); ++it) {
          bool named = false;
          for (std::size_t q = items[it].first; q < items[it].second && !named; ++q)
            named = ts[q].kind == TK::Word && ts[q].stem == ts[j].stem;
          if (named && it != hit_item) {
            hit_item = it;
            ++hits;
          }
        }
        if (hits > 0) break;  // the first content word that names an item decides
      }
      if (hits == 1) {
        for (std::size_t q = items[hit_item].first; q < items[hit_item].second; ++q) ts[q].retracted = true;
        continue;
      }
    }
    for (std::size_t j = from; j < at; ++j) ts[j].retracted = true;
  }
}

}  // namespace

std::uint8_t lex_class(std::string_view w) {
  static const std::unordered_set<std::string_view> other_cues = {
      "neither", "nor", "without", "unlike", "except", "excluding", "than", "of", "fail", "fails", "failed", "failing"};
  std::uint8_t lex = 0;
  if (pre_cues().count(w) || falsity_cues().count(w) || other_cues.count(w)) lex |= kLexCue;
  if (clause_words().count(w) || w == "while"sv || w == "instead"sv || w == "rather"sv || w == "and"sv) lex |= kLexClause;
  if (number_word_value(w) >= 0) lex |= kLexNumber;
  return lex;
}

std::vector<Tok> analyse_plain(std::string_view text, const WordForms& forms) {
  static const AbbrevTable none;
  static const std::set<std::string> no_protected;
  return analyse(text, forms, none, no_protected);
}

std::vector<Tok> analyse(std::string_view text, const WordForms& forms, const AbbrevTable& abbrevs,
                         const std::set<std::string>& protected_stems, WordCache* cache) {
  // LaTeX maths is read in plain notation first; offsets go back through both maps.
  Normalised tex;
  const bool latex = has_latex(text);
  if (latex) tex = delatex(text);
  const std::string_view src = latex ? std::string_view(tex.text) : text;
  const Normalised nz = normalise(src);
  const std::string& s = nz.text;
  const std::vector<CP> cps = decode_all(s);
  const std::size_t n = cps.size();
  Builder bl{forms, &protected_stems, &abbrevs, cache, {}, {}, {}};
  std::vector<Tok>& out = bl.out;
  out.reserve(n / 4 + 16);
  bool pending_break = false;  // a blank line or a bullet: the next token starts a sentence
  std::vector<bool> break_before;  // parallel to out

  auto push_sym = [&](std::string txt, std::size_t b, std::size_t e) {
    Tok& t = out.emplace_back();
    t.kind = TK::Symbol;
    t.raw = std::string(s.substr(b, e - b));
    t.text = std::move(txt);
    t.b = b;
    t.e = e;
  };
  auto sync_breaks = [&]() {
    while (break_before.size() < out.size()) {
      break_before.push_back(pending_break);
      pending_break = false;
    }
  };

  // normalise() folds the multiplication sign to the letter x; in "M×M" it
  // still separates words.
  auto times_sign = [&](std::size_t k) {
    if (cps[k].c != 'x') return false;
    const std::size_t o = nz.orig(cps[k].b);
    return o + 1 < src.size() && static_cast<unsigned char>(src[o]) == 0xC3 &&
           static_cast<unsigned char>(src[o + 1]) == 0x97;
  };
  std::size_t i = 0;
  bool line_start = true;
  while (i < n) {
    const char32_t c = cps[i].c;
    if (is_space(c)) {
      if (c == '\n') {
        // Blank line?
        std::size_t j = i + 1;
        while (j < n && is_space(cps[j].c) && cps[j].c != '\n') ++j;
        if (j < n && cps[j].c == '\n') pending_break = true;
        line_start = true;
      }
      ++i;
      continue;
    }
    // A bullet at the start of a line starts a sentence.
    if (line_start) {
      line_start = false;
      if ((c == '-' || c == '*' || c == 0x2022 || c == 0x25E6) && i + 1 < n && is_space(cps[i + 1].c)) {
        if (!out.empty()) pending_break = true;
        i += 1;
        continue;
      }
      if (is_digit(c)) {
        std::size_t j = i;
        while (j < n && is_digit(cps[j].c)) ++j;
        if (j < n && (cps[j].c == ')' || cps[j].c == '.') && j + 1 < n && is_space(cps[j + 1].c) && j - i <= 2) {
          if (!out.empty()) pending_break = true;
          i = j + 1;
          continue;
        }
      }
    }
    // An up or down arrow in notes ("L_train ↓, L_val ↑", "lr ↑ → loss jumps",
    // LaTeX \uparrow, \downarrow) reads as the verb it stands for.
    if (c == 0x2191 || c == 0x2B06 || c == 0x2197 || c == 0x2193 || c == 0x2B07 || c == 0x2198) {
      const bool up = c == 0x2191 || c == 0x2B06 || c == 0x2197;
      bl.push_word(up ? "increases" : "decreases", up ? "increases" : "decreases", cps[i].b, cps[i].e);
      sync_breaks();
      ++i;
      continue;
    }
    // Note-taker's slash abbreviations read as their words: "w/o" without,
    // "b/c" because, "w/" with (before a space or a word). A word of their own:
    // not inside a longer token ("aw/o", "w/out", "b/c/d").
    if ((c == 'w' || c == 'W' || c == 'b') && i + 1 < n && cps[i + 1].c == '/' &&
        (i == 0 || !(is_letter(cps[i - 1].c) || is_digit(cps[i - 1].c) || cps[i - 1].c == '/'))) {
      const bool w = c == 'w' || c == 'W';
      const char32_t third = i + 2 < n ? cps[i + 2].c : U' ';
      const char32_t fourth = i + 3 < n ? cps[i + 3].c : U' ';
      const bool ends = [&](char32_t ch) { return !(is_letter(ch) || is_digit(ch) || ch == '/'); }(fourth);
      std::string_view as;
      std::size_t len = 0;
      if (w && (third == 'o' || third == 'O') && ends) as = "without", len = 3;
      // (Lower-case "b/c" between words only: a bare "B/C" or "b/c" names choice options.)
      else if (c == 'b' && third == 'c' && ends && i > 0 && !out.empty() && out.back().kind == TK::Word &&
               [&] {
                 std::size_t q = i + 3;
                 while (q < n && is_space(cps[q].c)) ++q;
                 return q > i + 3 && q < n && is_letter(cps[q].c);
               }())
        as = "because", len = 3;
      else if (w && (is_space(third) || (is_letter(third) && third != 'o' && third != 'O'))) as = "with", len = 2;
      if (!as.empty()) {
        bl.push_word(std::string(as), std::string(as), cps[i].b, cps[i + len - 1].e);
        sync_breaks();
        i += len;
        continue;
      }
    }
    if (c == 'x' && times_sign(i)) {  // the multiplication sign reads as "x", a word of its own
      bl.push_word("x", "x", cps[i].b, cps[i].e);
      sync_breaks();
      ++i;
      continue;
    }
    if (is_letter(c)) {
      std::size_t j = i;
      while (j < n) {
        if (times_sign(j)) break;  // "M×M": three tokens, M x M
        if (is_letter(cps[j].c)) {
          ++j;
        } else if (is_apostrophe(cps[j].c) && j + 1 < n && is_letter(cps[j + 1].c) && j > i) {
          ++j;
        } else {
          break;
        }
      }
      const std::size_t b = cps[i].b, e = cps[j - 1].e;
      bl.word(std::string_view(s).substr(b, e - b), b, e);
      sync_breaks();
      i = j;
      // A hyphen between two letters joins a compound: skip it.
      if (i + 1 < n && is_hyphen(cps[i].c) && is_letter(cps[i + 1].c)) ++i;
      continue;
    }
    const bool leading_point = c == '.' && i + 1 < n && is_digit(cps[i + 1].c) &&
                               (i == 0 || is_space(cps[i - 1].c) || cps[i - 1].c == '(');
    if (is_digit(c) || leading_point) {
      std::size_t j = i;
      std::string digits;
      if (leading_point) {
        digits = "0.";
        ++j;
      }
      std::size_t int_digits = 0;
      while (j < n && is_digit(cps[j].c)) {
        digits.push_back(static_cast<char>(cps[j].c));
        ++j;
        ++int_digits;
      }
      // Thousands separators: 1,024 / 16,000 / 1,000,000 (groups of exactly three).
      if (!leading_point && int_digits <= 3) {
        while (j + 3 < n + 0 && cps[j].c == ',' && is_digit(cps[j + 1].c) && is_digit(cps[j + 2].c) &&
               is_digit(cps[j + 3].c) && (j + 4 >= n || !is_digit(cps[j + 4].c))) {
          for (std::size_t k = j + 1; k <= j + 3; ++k) digits.push_back(static_cast<char>(cps[k].c));
          j += 4;
        }
      }
      if (!leading_point && j + 1 < n && cps[j].c == '.' && is_digit(cps[j + 1].c)) {
        digits.push_back('.');
        ++j;
        while (j < n && is_digit(cps[j].c)) {
          digits.push_back(static_cast<char>(cps[j].c));
          ++j;
        }
      }
      // Scientific notation 6.4e1, 6.4E-3 (not followed by a letter).
      if (j < n && (cps[j].c == 'e' || cps[j].c == 'E')) {
        std::size_t k = j + 1;
        if (k < n && (cps[k].c == '-' || cps[k].c == '+' || cps[k].c == 0x2212)) ++k;
        std::size_t d0 = k;
        while (k < n && is_digit(cps[k].c)) ++k;
        if (k > d0 && (k >= n || !is_letter(cps[k].c))) {
          digits.push_back('e');
          for (std::size_t q = j + 1; q < k; ++q) digits.push_back(cps[q].c == 0x2212 ? '-' : static_cast<char>(cps[q].c));
          j = k;
        }
      }
      Tok& t = out.emplace_back();
      t.kind = TK::Number;
      t.b = cps[i].b;
      t.e = cps[j - 1].e;
      t.raw = std::string(s.substr(t.b, t.e - t.b));
      t.text = digits;
      t.norm = digits;
      t.stem = digits;
      t.value = std::strtod(digits.c_str(), nullptr);
      sync_breaks();
      i = j;
      continue;
    }
    // An arrow up or down written for a change ("L_val ↑", "overfitting ↓") reads as the verb.
    if (const std::string_view verb = arrow_verb(c); !verb.empty()) {
      bl.push_word(std::string_view(s).substr(cps[i].b, cps[i].e - cps[i].b), std::string(verb), cps[i].b, cps[i].e);
      sync_breaks();
      ++i;
      continue;
    }
    // A lone "&" is the word "and" ("may not fit genre & frozen can't adapt"); "&&" stays code.
    if (c == '&' && !(i > 0 && cps[i - 1].c == '&') && !(i + 1 < cps.size() && cps[i + 1].c == '&')) {
      bl.push_word("&", "and", cps[i].b, cps[i].e);
      sync_breaks();
      ++i;
      continue;
    }
    // "≥", "≤", "≠" read as typed in ASCII (">=", "<=", "!="): two signs over the one character.
    if (c == 0x2265 || c == 0x2264 || c == 0x2260) {
      push_sym(c == 0x2265 ? ">" : c == 0x2264 ? "<" : "!", cps[i].b, cps[i].e);
      push_sym("=", cps[i].b, cps[i].e);
      sync_breaks();
      ++i;
      continue;
    }
    push_sym(symbol_text(c), cps[i].b, cps[i].e);
    sync_breaks();
    ++i;
  }
  sync_breaks();

  // Numbers written in words: "sixty-four", "two hundred and four", "one
  // thousand and twenty-four" become one number each; a single word up to
  // nineteen only next to "over", "by", "times", "minus" or "plus" ("one over sixty-four",
  // "twelve by twelve by four"), since "one of them" is no number (the
  // matcher already reads a pattern's "two".."twelve" against digits).
  const bool number_words = [&] {
    for (const Tok& t : out)
      if (t.kind == TK::Word && (t.lex & kLexNumber)) return true;  // a number word (lex_class)
    return false;
  }();
  if (number_words) {
    // Compacted in place: out[0, kept) is the result so far. Every read below
    // is of token k or a later one, which no write has reached (kept <= k), so
    // a token moves only once a number before it has taken several tokens' place.
    std::size_t kept = 0;
    auto keep = [&](Tok&& t, bool brk) {
      if (&t != &out[kept]) out[kept] = std::move(t);
      break_before[kept] = brk;
      ++kept;
    };
    // Whether token k is "over", "by" or "times" (read before any token is moved).
    std::vector<char> ctx(out.size() + 1, 0);
    for (std::size_t k = 0; k < out.size(); ++k)
      ctx[k] = out[k].kind == TK::Word && (out[k].text == "over"sv || out[k].text == "by"sv || out[k].text == "times"sv ||
                                           out[k].text == "minus"sv || out[k].text == "plus"sv);
    auto ctx_word = [&](std::size_t k) { return k < out.size() && ctx[k] != 0; };
    for (std::size_t k = 0; k < out.size(); ++k) {
      long total = 0, current = 0;
      std::size_t last = k, words = 0;
      bool big = false;  // a tens word, a teen, or a scale
      std::size_t j = k;
      while (j < out.size() && out[j].kind == TK::Word) {
        const long v = (out[j].lex & kLexNumber) ? number_word_value(out[j].text) : -1;
        if (v < 0) {
          // "and" inside a number: after hundred/thousand, before another number word.
          if (out[j].text == "and"sv && words > 0 && j + 1 < out.size() && out[j + 1].kind == TK::Word &&
              number_word_value(out[j + 1].text) >= 0 && (out[j - 1].text == "hundred"sv || out[j - 1].text == "thousand"sv)) {
            ++j;
            continue;
          }
          break;
        }
        if (v == 100) {
          if (current == 0) current = 1;
          current *= 100;
          big = true;
        } else if (v == 1000 || v == 1000000) {
          if (current == 0) current = 1;
          total += current * v;
          current = 0;
          big = true;
        } else {
          // a unit after a unit ("two four") is two numbers, not one
          if (words > 0 && current % 100 != 0 && (current % 10 != 0 || v >= 10)) break;
          current += v;
          if (v >= 13) big = true;
        }
        last = j;
        ++words;
        ++j;
      }
      bool ok = words > 0 && (big || words >= 2 || ctx_word(last + 1) || (k > 0 && ctx_word(k - 1)));
      // "zero" alone stays a word ("zero gradient"); a lone "one" needs its context as well.
      if (ok && words == 1 && out[k].text == "zero"sv && !ctx_word(k + 1) && !(k > 0 && ctx_word(k - 1))) ok = false;
      if (!ok) {
        keep(std::move(out[k]), break_before[k]);
        continue;
      }
      total += current;
      Tok t;
      t.kind = TK::Number;
      t.b = out[k].b;
      t.e = out[last].e;
      t.raw = std::string(s.substr(t.b, t.e - t.b));
      t.text = std::to_string(total);
      t.norm = t.text;
      t.stem = t.text;
      t.value = static_cast<double>(total);
      keep(std::move(t), break_before[k]);
      k = last;
    }
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(kept), out.end());
    break_before.resize(kept);
  }
  // "1 over 64", "M over 2 minus 2": between two operands (numbers, one-letter
  // names, brackets) these words are the operators themselves.
  for (std::size_t k = 1; k + 1 < out.size(); ++k) {
    Tok& t = out[k];
    if (t.kind != TK::Word || !(t.text == "over"sv || t.text == "minus"sv || t.text == "plus"sv)) continue;
    auto operand = [&](const Tok& x, bool left) {
      return x.kind == TK::Number || (x.kind == TK::Word && x.raw.size() == 1) ||
             (x.kind == TK::Symbol && x.text == (left ? ")" : "("));
    };
    if (!operand(out[k - 1], true) || !operand(out[k + 1], false)) continue;
    t.kind = TK::Symbol;
    t.text = t.text == "over"sv ? "/" : t.text == "minus"sv ? "-" : "+";
    t.norm = t.text;
    t.stem = t.text;
  }

  // Fold "6.4 x 10^1", "6.4*10^-3", "10^-3" into single numbers (only when a
  // number is followed by "^", "x" or "*" is there anything to fold).
  const bool powers = [&] {
    for (std::size_t k = 0; k + 2 < out.size(); ++k)
      if (out[k].kind == TK::Number && (sym_is(out[k + 1], "^") || word_is(out[k + 1], "x") || sym_is(out[k + 1], "*")))
        return true;
    return false;
  }();
  if (powers) {
    std::vector<Tok> merged;
    std::vector<bool> mb;
    merged.reserve(out.size());
    for (std::size_t k = 0; k < out.size(); ++k) {
      auto try_pow = [&](std::size_t p, double& val, std::size_t& last) -> bool {
        // out[p] is a Number; out[p+1] '^'; optional sign; Number (integer)
        if (p + 2 >= out.size() || out[p].kind != TK::Number || !sym_is(out[p + 1], "^")) return false;
        std::size_t q = p + 2;
        double sign = 1;
        if (out[q].kind == TK::Symbol && (out[q].text == "-"sv || out[q].text == "+"sv)) {
          if (out[q].text == "-"sv) sign = -1;
          ++q;
        }
        if (q >= out.size() || out[q].kind != TK::Number || out[q].text.find_first_of(".e") != std::string::npos)
          return false;
        val = std::pow(out[p].value, sign * out[q].value);
        last = q;
        return true;
      };
      double v = 0;
      std::size_t last = 0;
      if (out[k].kind == TK::Number && k + 2 < out.size() &&
          (word_is(out[k + 1], "x") || sym_is(out[k + 1], "*")) && out[k + 2].kind == TK::Number &&
          out[k + 2].value == 10 && try_pow(k + 2, v, last)) {
        Tok t = out[k];
        t.value = out[k].value * v;
        t.e = out[last].e;
        t.raw = std::string(s.substr(t.b, t.e - t.b));
        merged.push_back(std::move(t));
        mb.push_back(break_before[k]);
        k = last;
        continue;
      }
      if (out[k].kind == TK::Number && out[k].value == 10 && try_pow(k, v, last)) {
        Tok t = out[k];
        t.value = v;
        t.e = out[last].e;
        t.raw = std::string(s.substr(t.b, t.e - t.b));
        merged.push_back(std::move(t));
        mb.push_back(break_before[k]);
        k = last;
        continue;
      }
      merged.push_back(std::move(out[k]));
      mb.push_back(break_before[k]);
    }
    out.swap(merged);
    break_before.swap(mb);
  }

  // "no. of layers", "no of epochs", "#layers": the number of. A "no" read this
  // way denies nothing ("No. Of course..." is a denial and a new sentence).
  if (std::any_of(out.begin(), out.end(), [](const Tok& t) {
        return (t.kind == TK::Word && t.text == "no"sv) || (t.kind == TK::Symbol && t.text == "#"sv);
      })) {
    std::vector<Tok> ex;
    std::vector<bool> eb;
    ex.reserve(out.size() + 4);
    for (std::size_t k = 0; k < out.size(); ++k) {
      const Tok& t = out[k];
      const bool dot = k + 1 < out.size() && out[k + 1].kind == TK::Symbol && out[k + 1].text == "."sv &&
                       out[k + 1].b == t.e;
      const std::size_t of = dot ? k + 2 : k + 1;
      if (t.kind == TK::Word && t.text == "no"sv && of + 1 < out.size() && out[of].kind == TK::Word &&
          out[of].text == "of"sv && out[of].raw == "of"sv && out[of + 1].kind == TK::Word) {
        ex.push_back(bl.make_word(t.raw, "number", t.b, dot ? out[k + 1].e : t.e));
        eb.push_back(break_before[k]);
        k = of - 1;  // the "of" comes next, in the same sentence
        if (dot) break_before[of] = false;
        continue;
      }
      // "#layers", "# units" (one space at most; never after another "#": "## Notes").
      if (t.kind == TK::Symbol && t.text == "#"sv && k + 1 < out.size() && out[k + 1].kind == TK::Word &&
          out[k + 1].b <= t.e + 1 && !(k > 0 && out[k - 1].kind == TK::Symbol && out[k - 1].text == "#"sv)) {
        ex.push_back(bl.make_word(t.raw, "number", t.b, t.e));
        eb.push_back(break_before[k]);
        ex.push_back(bl.make_word(t.raw, "of", t.b, t.e));
        eb.push_back(false);
        continue;
      }
      ex.push_back(out[k]);
      eb.push_back(break_before[k]);
    }
    out.swap(ex);
    break_before.swap(eb);
  }

  // Abbreviations: the short form reads as the long form (tokens share its span).
  const bool abbreviated = !abbrevs.expand.empty() && std::any_of(out.begin(), out.end(), [&](const Tok& t) {
    return t.kind == TK::Word && (t.lex & kLexAbbrev);
  });
  if (abbreviated) {
    std::vector<Tok> ex;
    std::vector<bool> eb;
    ex.reserve(out.size() + 8);
    for (std::size_t k = 0; k < out.size(); ++k) {
      Tok& t = out[k];
      if (t.kind == TK::Word) {
        auto it = abbrev_entry(abbrevs, t.text);
        if (it != abbrevs.expand.end() && !it->second.empty()) {
          const int first = static_cast<int>(ex.size());
          for (std::size_t q = 0; q < it->second.size(); ++q) {
            ex.push_back(bl.make_word(t.raw, it->second[q], t.b, t.e));
            eb.push_back(q == 0 ? break_before[k] : false);
          }
          ex[static_cast<std::size_t>(first)].abbr = t.text;
          ex[static_cast<std::size_t>(first)].group_last = static_cast<int>(ex.size()) - 1;
          continue;
        }
      }
      ex.push_back(std::move(t));
      eb.push_back(break_before[k]);
    }
    out.swap(ex);
    break_before.swap(eb);
  }

  // Offsets back to the original text.
  for (Tok& t : out) {
    t.b = nz.orig(t.b);
    t.e = nz.orig(t.e);
    if (latex) {
      t.b = tex.orig(t.b);
      t.e = tex.orig(t.e);
    }
  }

  // Compound joins: a word and the next one with nothing but space or a hyphen between.
  for (std::size_t k = 0; k + 1 < out.size(); ++k) {
    if (out[k].kind == TK::Word && out[k + 1].kind == TK::Word && out[k].group_last < 0 &&
        out[k + 1].group_last < 0 && out[k].b != out[k + 1].b) {
      bl.join_key.assign(out[k].norm).append(out[k + 1].norm);  // norm + next norm, in a reused buffer
      out[k].join_stem = bl.forms_of(bl.join_key).stem;
    }
  }

  // Sentences, clause boundaries, word positions.
  static const std::unordered_set<std::string_view> abbrev_dots = {"e", "g", "i", "eg", "ie", "etc", "vs", "cf", "fig",
                                                                 "eq", "approx", "al", "resp", "viz", "dr", "mr",
                                                                 "no", "nb", "ca", "ref"};
  int sent = 0, wpos = 0;
  for (std::size_t k = 0; k < out.size(); ++k) {
    Tok& t = out[k];
    if (break_before[k] && k > 0) ++sent;
    t.sent = sent;
    if (t.glued && k > 0) {
      t.wpos = out[k - 1].wpos;
    } else {
      t.wpos = wpos;
      if (t.kind != TK::Symbol) ++wpos;
    }
    if (t.kind == TK::Symbol) {
      if (t.text == "."sv || t.text == "!"sv || t.text == "?"sv || t.text == "\u2026"sv) {
        // Not a sentence end when the next character is not a space (e.g "np.mean"),
        // nor after e.g / i.e / etc.
        // A capitalised word glued to the stop after a word of two or more
        // letters does start a sentence ("the nucleus.Then it"): answers pasted
        // from forms often lose the space.
        auto capital_next = [&] {
          const auto at = [&](std::size_t q) { return q < text.size() ? text[q] : '\0'; };
          return k > 0 && out[k - 1].kind == TK::Word && out[k - 1].e == t.b && out[k - 1].e - out[k - 1].b >= 2 &&
                 at(t.e) >= 'A' && at(t.e) <= 'Z' && at(t.e + 1) >= 'a' && at(t.e + 1) <= 'z';
        };
        // So does a lower-case word of three or more letters glued to the stop
        // after such a word ("the nuclues.dna returns"), unless it reads as
        // code or a file name: a call or member chain ("model.fit(x)",
        // "a.b.c"), an extension ("data.csv") or a short name ("np.mean").
        auto lower_next = [&] {
          static const std::unordered_set<std::string_view> extensions = {
              "py", "csv", "txt", "pdf", "png", "jpg", "json", "yaml", "yml", "md", "ipynb", "cpp", "html", "com",
              "org", "net", "edu", "xml", "zip", "docx", "xlsx", "pth", "npy", "log"};
          const auto at = [&](std::size_t q) { return q < text.size() ? text[q] : '\0'; };
          if (k == 0 || k + 1 >= out.size() || t.text != "."sv) return false;
          const Tok& p = out[k - 1];
          const Tok& q = out[k + 1];
          if (p.kind != TK::Word || q.kind != TK::Word || p.e != t.b || q.b != t.e) return false;
          if (p.e - p.b < 3 || q.e - q.b < 3 || extensions.count(q.text)) return false;
          if (p.b > 0 && (text[p.b - 1] == '.' || text[p.b - 1] == '_')) return false;
          for (std::size_t c = p.b; c < p.e; ++c)
            if (!(text[c] >= 'a' && text[c] <= 'z') && !(text[c] >= 'A' && text[c] <= 'Z')) return false;
          for (std::size_t c = q.b; c < q.e; ++c)
            if (!(text[c] >= 'a' && text[c] <= 'z')) return false;
          const char after = at(q.e);
          return after == '\0' || is_space(static_cast<unsigned char>(after)) || after == ',' || after == ';' ||
                 (after == '.' && (q.e + 1 >= text.size() || is_space(static_cast<unsigned char>(at(q.e + 1)))));
        };
        const bool glued = t.e < text.size() && !is_space(static_cast<unsigned char>(text[t.e])) &&
                           text[t.e] != '"' && text[t.e] != ')' && text[t.e] != '\'' && text[t.e] != '.' &&
                           !capital_next() && !lower_next();
        // A clipped word with its dot ("all prev. inputs", "a diff. task") runs on
        // into the lower-case word after it on the same line.
        auto clipped = [&] {
          static const std::unordered_set<std::string_view> clips = {
              "prev", "diff", "incl", "avg", "info", "param", "params", "feat", "feats", "reg", "dist", "freq",
              "prob", "probs", "est", "eval", "config", "conv", "seq", "dim", "dims", "func", "init", "iter",
              "corr", "coef", "coeff", "eqn", "defn", "misc", "esp", "approx", "abbr", "pred", "preds"};
          // A rubric's abbreviation is clipped when its long form starts with it (prev: previous).
          const Tok& w = out[k - 1];
          const bool declared = !w.abbr.empty() && w.group_last == static_cast<int>(k - 1) &&
                                w.text.size() > w.abbr.size() && w.text.compare(0, w.abbr.size(), w.abbr) == 0;
          if (!declared && !clips.count(w.text)) return false;
          std::size_t q = t.e;
          while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
          return q > t.e && q < text.size() && text[q] >= 'a' && text[q] <= 'z';
        };
        const bool abbr = t.text == "."sv && k > 0 && out[k - 1].kind == TK::Word && out[k - 1].e == t.b &&
                          (abbrev_dots.count(out[k - 1].text) || clipped());
        // A range "1..10" (k = 1..10) is no sentence end.
        const bool range = t.text == "."sv && k > 0 && out[k - 1].kind == TK::Number && out[k - 1].e == t.b &&
                           t.e + 1 < text.size() && text[t.e] == '.' && text[t.e + 1] >= '0' && text[t.e + 1] <= '9';
        // Dots in a run ("x_1 ... x_t", "1, 2, ..., t") before a lower-case word,
        // a digit or an index go on with the sentence.
        const bool run_on = [&] {
          if (t.text != "."sv) return false;
          std::size_t rb = t.b, re = t.e;
          while (rb > 0 && text[rb - 1] == '.') --rb;
          while (re < text.size() && text[re] == '.') ++re;
          if (re - rb < 2) return false;
          // After a number, an index or a comma only ("what.. samples" ends its sentence).
          std::size_t pb = rb;
          while (pb > 0 && (text[pb - 1] == ' ' || text[pb - 1] == '\t')) --pb;
          if (pb == 0) return false;
          const char before = text[pb - 1];
          const bool letter_index = ((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z')) &&
                                    (pb < 2 || text[pb - 2] == '_' || text[pb - 2] == ' ' || text[pb - 2] == '(');
          if (!((before >= '0' && before <= '9') || before == ',' || before == '}' || before == ')' || letter_index))
            return false;
          std::size_t q = re;
          while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
          return q < text.size() && ((text[q] >= 'a' && text[q] <= 'z') || (text[q] >= '0' && text[q] <= '9') || text[q] == '_');
        }();
        // "≠" is read as "!=" over its one character: its "!" ends nothing.
        const bool not_equal = t.text == "!"sv && k + 1 < out.size() && out[k + 1].text == "="sv && out[k + 1].b == t.b;
        if (!glued && !abbr && !range && !run_on && !not_equal) {
          t.sentence_end = true;
          ++sent;
        }
      } else if (t.text == ";"sv || t.text == ":"sv) {
        t.boundary = true;
      } else if (t.text == ","sv && subject_and_verb(out, k + 1)) {
        t.boundary = true;  // "ReLU can't be negative, the output is never under 0.5"
      } else if (t.text == ","sv && k + 2 < out.size() && out[k + 1].kind == TK::Word && out[k + 2].kind == TK::Word &&
                 out[k + 2].text == "not"sv &&
                 (out[k + 1].text == "can"sv || out[k + 1].text == "could"sv || out[k + 1].text == "will"sv ||
                  out[k + 1].text == "would"sv || out[k + 1].text == "does"sv || out[k + 1].text == "do"sv ||
                  out[k + 1].text == "did"sv || out[k + 1].text == "is"sv || out[k + 1].text == "are"sv ||
                  out[k + 1].text == "should"sv)) {
        t.boundary = true;  // "depth adds nothing, can't fit nonlinear stuff": a new clause of its own
      } else if (t.text == "-"sv && k > 0 && k + 1 < out.size() &&
                 (out[k - 1].kind == TK::Word || out[k - 1].kind == TK::Number) && out[k + 1].kind == TK::Word &&
                 out[k - 1].e < t.b && t.e < out[k + 1].b) {
        t.boundary = true;  // a spaced dash between words ("... but not t+1 - and every bin")
      }
    } else if (clause_word(out, k)) {
      t.boundary = true;
    }
  }
  // A new line that opens with a capital or a line marker ("# -> blobs, not
  // digits" then "Reconstructions are fine ...") starts a clause of its own: a
  // denial at the end of one line does not reach the next. (A line wrapped in
  // mid-sentence goes on in lower case, and keeps its negation.)
  for (std::size_t k = 1; k < out.size(); ++k) {
    Tok& prev = out[k - 1];
    if (prev.sentence_end || prev.boundary || out[k].b <= prev.e) continue;
    const std::string_view gap = text.substr(prev.e, out[k].b - prev.e);
    const std::size_t nl = gap.rfind('\n');
    if (nl == std::string_view::npos) continue;
    std::size_t q = prev.e + nl + 1;
    while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
    if (q >= text.size()) continue;
    const char c = text[q];
    const bool marker = c == '#' || c == '-' || c == '*' || c == '>' ||
                        (static_cast<unsigned char>(c) == 0xE2 && q + 2 < text.size() &&
                         static_cast<unsigned char>(text[q + 1]) == 0x80 && static_cast<unsigned char>(text[q + 2]) == 0xA2);
    if (marker || (c >= 'A' && c <= 'Z')) prev.boundary = true;
  }
  mark_cues(out);
  mark_retractions(out);
  return std::move(out);  // out is a reference to bl.out: move, do not copy
}

}  // namespace automark::match
