// Matching one answer against one compiled leaf part: text wordings (fixed
// and free order, compounds, typos), negation scope, numbers with units,
// expressions and shapes, and choice selections.
#include "automark/match.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <functional>
#include <unordered_set>

#include "automark/diag.h"
#include "automark/text.h"
#include "match/engine.h"

using namespace std::string_view_literals;

namespace automark {
namespace match {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

// Words in the -ize family (normalize, normalization) are not the same word
// as their root (normal), although Snowball gives them one stem.
bool iz_class(const std::string& norm) {
  const auto p = norm.rfind("iz");
  return p != std::string::npos && p >= 3 && norm.size() - p <= 8;
}

std::string fmt_num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Operators written as words in a formula ("one over sixty-four", "M over two
// minus two"): their symbol, or nullptr. ("times" is read as x, like "by".)
const char* word_op(const Tok& t) {
  if (t.kind != TK::Word) return nullptr;
  if (t.text == "over"sv) return "/";
  if (t.text == "minus"sv) return "-";
  if (t.text == "plus"sv) return "+";
  return nullptr;
}

bool is_op(const Tok& t) {
  return t.kind == TK::Symbol && (t.text == "+"sv || t.text == "-"sv || t.text == "*"sv || t.text == "/"sv || t.text == "^"sv);
}

const std::set<std::string, std::less<>>& functions() {
  static const std::set<std::string, std::less<>> f = {"floor", "ceil", "round", "abs", "sqrt", "log",
                                                       "exp", "min", "max", "ln", "log2", "log10"};
  return f;
}

}  // namespace

Context::Context(const CPart& part, const Compiler& comp, std::string_view text, std::size_t base, WordCache* cache)
    : part_(part), comp_(comp), text_(text), base_(base) {
  toks_ = analyse(text, comp.forms, comp.abbrevs, comp.protected_stems, cache);
  join_ocr_runs();
  split_variable_products();
  // The question restated before the answer ("*Why is the loss going down so
  // slowly?* Because ..."): an opening question of four words or more, from a
  // question word to its question mark, set apart in emphasis or after "Q:",
  // with more after it, earns and costs nothing; its words are the paper's.
  {
    static const std::unordered_set<std::string_view> asks = {
        "what", "why", "which", "how", "when", "where", "who", "does", "do", "is", "are", "can", "could",
        "should", "would", "will", "explain", "describe", "give", "state", "name", "suggest", "calculate", "compute"};
    std::size_t first = 0;  // the first word
    while (first < toks_.size() && toks_[first].kind != TK::Word) ++first;
    bool q_label = false;  // "Q: why ...?"
    if (first + 2 < toks_.size() && (toks_[first].text == "q"sv || toks_[first].text == "question"sv) &&
        toks_[first + 1].text == ":"sv) {
      q_label = true;
      first += 2;
    }
    if (first < toks_.size() && asks.count(toks_[first].text)) {
      std::size_t words = 0, q = first;
      for (; q < toks_.size() && toks_[q].sent == toks_[first].sent && toks_[q].text != "?"sv; ++q)
        words += toks_[q].kind == TK::Word ? 1 : 0;
      auto emphasis = [&](std::size_t i) {
        return i < toks_.size() && toks_[i].kind == TK::Symbol && (toks_[i].text == "*"sv || toks_[i].text == "_"sv);
      };
      // Set apart as the paper's: in emphasis ("*...?*") or after "Q:". A plain
      // question is the candidate's own (ASAP set 1 asks for questions to ask).
      const bool marked = q_label || (first > 0 && emphasis(first - 1) && emphasis(q + 1));
      if (q < toks_.size() && toks_[q].text == "?"sv && words >= 4 && marked) {
        std::size_t end = q + 1;  // past the mark and any emphasis closing it ("?*")
        while (emphasis(end)) ++end;
        if (end < toks_.size())
          for (std::size_t i = 0; i < end; ++i) toks_[i].retracted = true;
      }
    }
  }
  // Clauses between semicolons: a fixed-order gap never crosses one.
  semi_.resize(toks_.size());
  int semis = 0;
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    if (toks_[i].kind == TK::Symbol && toks_[i].text == ";"sv) ++semis;
    semi_[i] = semis;
  }
  // Words written right after "non" (hyphen or space between).
  after_non_.assign(toks_.size(), 0);
  for (std::size_t i = 1; i < toks_.size(); ++i)
    after_non_[i] = toks_[i].kind == TK::Word && toks_[i - 1].kind == TK::Word && toks_[i - 1].text == "non"sv &&
                    toks_[i - 1].sent == toks_[i].sent && toks_[i].b <= toks_[i - 1].e + 1;
  build_cands(cache);
}

namespace {

/// The word with one scanner's misreading undone: "m" read for "rn" ("leaming"),
/// "rn" for "m", "vv" for "w" (each variant makes one substitution; OCR of
/// handwriting and of print makes these, not typists). "d" for "cl" is left
/// out: undoing it reads "clipping" as "dipping".
std::vector<std::string> ocr_variants(const std::string& a) {
  static constexpr std::pair<std::string_view, std::string_view> kSwaps[] = {
      {"m", "rn"}, {"rn", "m"}, {"vv", "w"}};
  std::vector<std::string> out;
  for (const auto& [from, to] : kSwaps) {
    for (std::size_t p = a.find(from); p != std::string::npos; p = a.find(from, p + 1)) {
      std::string v = a;
      v.replace(p, from.size(), to);
      out.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace

bool Context::ocr_match(const CWord& w, const std::vector<std::string>& variants) const {
  // A word as a scanner misread it ("leaming rate" in an OCR'd script) reads as
  // the pattern word with one edit when undoing one misreading gives the word
  // exactly (or, for a stemmed word, its stem): typo-tolerant words only.
  if (w.kind != TK::Word || w.exact || !(w.fuzzy || w.max_edits > 0)) return false;
  for (const std::string& v : variants)
    if (w.prefix ? starts_with(v, w.norm) : (v == w.norm || (w.stem_on && stem(v) == w.stem))) return true;
  return false;
}

bool Context::word_matches(const CWord& w, const Tok& t, int& edits, const std::string_view* base) const {
  edits = 0;
  if (t.kind != w.kind) return false;
  if (w.kind == TK::Number) return std::abs(t.value - w.value) <= 1e-9 * std::max(1.0, std::abs(w.value));
  if (w.kind == TK::Symbol) return t.text == w.text;
  if (w.exact) return w.cased.empty() ? t.text == w.text : t.raw == w.cased;
  if (w.prefix) {
    if (starts_with(t.text, w.text) || starts_with(t.norm, w.norm)) return true;
    // An irregular form through its verb: "brought" is bring*.
    if (const std::string_view verb = base ? *base : irregular_base(t.norm); !verb.empty() && starts_with(verb, w.norm))
      return true;
    if (w.text.size() >= 2 && w.text.ends_with("is")) {
      std::string z = w.text;
      z.back() = 'z';
      if (starts_with(t.norm, z)) return true;
    }
    return prefix_typo(w, t, edits);
  }
  if (w.stem_on) {
    if (t.stem == w.stem && iz_class(t.norm) == iz_class(w.norm)) return true;
  } else if (t.norm == w.norm) {
    return true;
  }
  if (w.max_edits <= 0) {
    // A four-letter technical term with two neighbouring letters swapped ("tahn"
    // for tanh), as pmatch allows for four letters: never the first letter, and
    // only for technical terms (built-in and the lexicon's), so a common word
    // is never read as another ("from" is not "form").
    const std::string& a = t.norm;
    const std::string& b = w.norm;
    // A letter typed twice at the end or inside ("tanhh", "reelu"), or one
    // letter slipped in inside ("tanch"), of a short technical term; never a
    // new last letter ("adamw" is another optimiser).
    if (w.fuzzy && !t.is_protected && a.size() == b.size() + 1 && b.size() >= 4 && cp_length(b) == b.size() &&
        a[0] == b[0] && comp_.technical_stems.count(w.stem)) {
      for (std::size_t k = 1; k < a.size(); ++k) {
        if ((a[k] == a[k - 1] || k + 1 < a.size()) && a.compare(0, k, b, 0, k) == 0 &&
            a.compare(k + 1, std::string::npos, b, k) == 0) {
          edits = 1;
          return true;
        }
      }
    }
    if (!w.fuzzy || t.is_protected || a.size() != 4 || b.size() != 4 || cp_length(b) != 4 || a[0] != b[0] ||
        !comp_.technical_stems.count(w.stem))
      return false;
    int diff = 0;
    for (std::size_t k = 1; k < 4; ++k) diff += a[k] != b[k];
    for (std::size_t k = 1; k + 1 < 4; ++k) {
      if (diff == 2 && a[k] == b[k + 1] && a[k + 1] == b[k] && a[k] != b[k]) {
        edits = 1;
        return true;
      }
    }
    return false;
  }
  if (t.is_protected && t.stem != w.stem) return false;  // never turn one term into another
  if (cp_length(t.norm) < 4) return false;
  const std::string& a = t.norm;
  const std::string& b = w.norm;
  if (a.empty() || b.size() < 2 || a.size() < 2) return false;
  if (!(a[0] == b[0] || (a[0] == b[1] && a[1] == b[0]))) return false;
  if (prefix_opposition(a, b)) return false;
  const bool same_family = iz_class(t.norm) == iz_class(w.norm);
  // With stem: false an inflection is not a typo ("epochs" is not "epoch").
  if (!w.stem_on && t.stem == w.stem) return false;
  int d = edit_distance(a, b, w.max_edits);
  // An inflection plus a typo ("learnign rates", "composing" for
  // "composition"): compare stems, but only between words of about the same
  // length ("think" is no typo of "thickness", although the stems "think" and
  // "thick" are one edit apart).
  // The edits inside the stems are budgeted on the stem's own length, unless
  // the stems differ only at the end: "converts" is no typo of "connected"
  // (stems convert / connect, two edits inside a seven-letter stem), while
  // "composing" still reads as "composition" (compos / composit).
  if (w.stem_on && same_family && d > w.max_edits) {
    const auto la = static_cast<long>(cp_length(a)), lb = static_cast<long>(cp_length(b));
    if (std::labs(la - lb) <= std::max(w.max_edits, 2)) {
      const int ds = edit_distance(t.stem, w.stem, w.max_edits);
      const int stem_budget = std::max(1, static_cast<int>(cp_length(w.stem)) <= 8 ? 1 : 2);
      // Inside a stem of four letters or fewer, a typo plus an inflection must
      // stay close to the whole word: "site" reads as "sizes", but "lastly"
      // (last) is no typo of "listed" (list), three edits apart.
      const bool short_far = std::min(cp_length(t.stem), cp_length(w.stem)) < 5 &&
                             edit_distance(a, b, w.max_edits + 2) > w.max_edits + 1;
      if ((ds <= stem_budget && !short_far) || starts_with(t.stem, w.stem) || starts_with(w.stem, t.stem))
        d = std::min(d, ds);
    }
  }
  if (d == 0) return false;
  if (d > w.max_edits) return false;
  edits = d;
  return true;
}

bool Context::prefix_typo(const CWord& w, const Tok& t, int& edits) const {
  // One typo inside the prefix: a letter replaced, two neighbours swapped, or a
  // letter typed in, never at the prefix's last letter, where words of another
  // family part ("memory" is no typo of memori*, "continue" none of contain*).
  // The guards of whole-word typos apply: never for a protected answer word,
  // same first letter, no opposing prefix.
  if (w.max_edits <= 0) return false;
  if (t.is_protected) {
    // Protected as a term of the prefix's own family: "oscilates" has the stem
    // of the term "oscillate", which oscillat* covers; no other term has it.
    const auto it = comp_.protected_stem_words.find(t.stem);
    if (it == comp_.protected_stem_words.end() ||
        !std::all_of(it->second.begin(), it->second.end(), [&](const std::string& p) { return starts_with(p, w.norm); }))
      return false;
  }
  const std::string& a8 = t.norm;
  const std::string& b8 = w.norm;
  if (a8.empty() || a8[0] != b8[0] || prefix_opposition(a8, b8)) return false;
  std::u32string b;
  for (std::size_t i = 0; i < b8.size();) b.push_back(next_code_point(b8, i));
  const std::size_t len = b.size();
  std::u32string a;
  for (std::size_t i = 0; i < a8.size() && a.size() <= len;) a.push_back(next_code_point(a8, i));
  if (a.size() + 1 < len) return false;
  if (a.size() < len) return left_out(a8, b, edits);
  std::size_t d0 = len, d1 = len, diffs = 0;
  for (std::size_t i = 0; i < len; ++i)
    if (a[i] != b[i]) {
      if (diffs == 0) d0 = i;
      else if (diffs == 1) d1 = i;
      ++diffs;
    }
  const bool replaced = diffs == 1 && d0 + 1 < len;
  const bool swapped = diffs == 2 && d1 == d0 + 1 && a[d0] == b[d1] && a[d1] == b[d0];
  bool inserted = false;
  if (!replaced && !swapped && a.size() > len) {
    for (std::size_t p = 1; p < len && !inserted; ++p)  // a letter typed in before the prefix's last letter
      inserted = a.compare(0, p, b, 0, p) == 0 && a.compare(p + 1, len - p, b, p, len - p) == 0;
  }
  if (!replaced && !swapped && !inserted) return left_out(a8, b, edits);
  edits = 1;
  return true;
}

bool Context::left_out(const std::string& a8, const std::u32string& b, int& edits) const {
  // One letter of a prefix of six letters or more left out, neither its first
  // nor its last ("streching" for stretch*, "probabilty" for probabilit*),
  // and the rest of the word an ending: "continue" is no contain* ("contin"
  // + "ue"), "stretcher" of stretch* stays a plain prefix match.
  static const std::set<std::u32string, std::less<>> endings = {
      U"",     U"s",    U"es",    U"ed",   U"d",    U"ing",   U"ings", U"er",  U"ers",  U"y",
      U"ies",  U"ied",  U"ity",   U"ities", U"ion", U"ions",  U"ation", U"ations", U"al", U"ally",
      U"ly",   U"ness", U"ment",  U"ments", U"ic",  U"ical",  U"e",    U"ely"};
  const std::size_t len = b.size();
  if (len < 6) return false;
  std::u32string a;
  for (std::size_t i = 0; i < a8.size() && a.size() <= len + 8;) a.push_back(next_code_point(a8, i));
  if (a.size() + 1 < len || a.size() > len + 7) return false;
  for (std::size_t p = 1; p + 1 < len; ++p) {
    if (a[p - 1] != b[p - 1]) return false;  // a differs before p: no later p can fit
    if (a.compare(p, len - 1 - p, b, p + 1, len - 1 - p) != 0) continue;
    if (endings.count(a.substr(len - 1)) == 0) continue;
    edits = 1;
    return true;
  }
  return false;
}

void Context::join_ocr_runs() {
  // Letters and digits glued as OCR misreads handwriting, which the tokenizer
  // splits at each digit ("s1ow" is s, 1, ow): 1 for l, 0 for o, 5 for s inside
  // or opening a word ("samp1es", "a1pha", "1earning") read as the word when it
  // is a word of the part's wordings (so "conv1d" stays an identifier); l or I
  // for 1 and O or o for 0 among digits ("l024", "2O4", "1O") read as the number.
  const std::size_t n = toks_.size();
  auto ascii_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  std::vector<std::pair<std::size_t, Tok>> merges;  // (first token, merged token); its run ends at merged.e
  std::vector<std::size_t> run_end;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    auto plain = [&](const Tok& t) { return t.kind != TK::Symbol && t.abbr.empty() && t.group_last < 0 && t.e > t.b; };
    if (plain(toks_[i]))
      while (j + 1 < n && plain(toks_[j + 1]) && toks_[j + 1].b == toks_[j].e) ++j;
    bool mixed = false;
    for (std::size_t k = i + 1; k <= j; ++k) mixed = mixed || toks_[k].kind != toks_[i].kind;
    std::optional<Tok> merged;
    if (j > i && mixed && toks_[j].e <= text_.size()) {
      const std::string_view raw = text_.substr(toks_[i].b, toks_[j].e - toks_[i].b);
      if (std::all_of(raw.begin(), raw.end(), ascii_alnum)) {
        std::size_t digits = 0, letters = 0, zeros = 0;
        bool word_ok = true, number_ok = true;
        std::string as_word, as_number;
        for (std::size_t k = 0; k < raw.size(); ++k) {
          const char c = raw[k];
          const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (c >= '0' && c <= '9') {
            ++digits;
            as_number += c;
            if (c == '1') as_word += 'l';
            else if (c == '0') as_word += 'o';
            else if (c == '5') as_word += 's';
            else word_ok = false;
          } else {
            ++letters;
            as_word += l;
            if (l == 'l' || c == 'I') as_number += '1';
            else if (l == 'o') {
              as_number += '0';
              ++zeros;
            } else number_ok = false;
          }
        }
        // A word: at least four letters in all, digits neither ending it nor
        // being most of it ("x1", "conv1" stay as written).
        const char last = raw.back();
        if (word_ok && letters >= 3 && as_word.size() >= 4 && !(last >= '0' && last <= '9') && digits <= 2) {
          const std::string norm = comp_.forms.norm(as_word);
          const std::string st = stem(norm);
          bool known = part_.join_words.count(st) > 0;
          for (int id : part_.text_words) {
            if (known) break;
            const CWord& w = part_.words[static_cast<std::size_t>(id)];
            known = w.prefix && starts_with(norm, w.norm);
          }
          if (known) {
            Tok t;
            t.kind = TK::Word;
            t.raw = std::string(raw);
            t.text = as_word;
            t.norm = norm;
            t.stem = st;
            t.is_protected = comp_.protected_stems.count(st) > 0;
            t.lex = lex_class(as_word);
            merged = std::move(t);
          }
        } else if (number_ok && digits >= 1 && (digits >= 2 || zeros == letters) && as_number.size() <= 9) {
          Tok t;
          t.kind = TK::Number;
          t.raw = std::string(raw);
          t.text = as_number;
          t.norm = as_number;
          t.value = std::strtod(as_number.c_str(), nullptr);
          merged = std::move(t);
        }
      }
    }
    if (merged) {
      merged->b = toks_[i].b;
      merged->e = toks_[j].e;
      merged->sent = toks_[i].sent;
      merged->wpos = toks_[i].wpos;
      merges.emplace_back(i, std::move(*merged));
      run_end.push_back(j);
    }
    i = j + 1;
  }
  if (merges.empty()) return;
  std::vector<Tok> out;
  out.reserve(n);
  int removed = 0;
  std::size_t m = 0;
  for (std::size_t i = 0; i < n;) {
    if (m < merges.size() && merges[m].first == i) {
      out.push_back(std::move(merges[m].second));
      removed += static_cast<int>(run_end[m] - i);
      i = run_end[m] + 1;
      ++m;
      continue;
    }
    out.push_back(std::move(toks_[i]));
    if (out.back().group_last >= 0) out.back().group_last -= removed;
    ++i;
  }
  int wpos = 0;
  for (Tok& t : out) {
    t.wpos = wpos;
    if (t.kind != TK::Symbol) ++wpos;
  }
  toks_ = std::move(out);
}

void Context::split_variable_products() {
  // "MxM", "NxNxC": the rubric's one-letter variables joined by the letter x,
  // typed without spaces, are the product M x M. Only for ASCII words made of
  // nothing but variables and x (so "max", "mix" or "box" never split), and
  // never when x is itself a variable.
  if (part_.variables.empty() || part_.variables.count("x")) return;
  const std::size_t n = toks_.size();
  std::vector<bool> split(n, false);
  bool any = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Tok& t = toks_[i];
    const std::string& w = t.text;
    // "2xM" / "Mx2" / ")xM": an x against a number or bracket written without a space.
    auto touches = [&](std::size_t j, bool before) {
      const Tok& o = toks_[j];
      const bool kind_ok = o.kind == TK::Number || (o.kind == TK::Symbol && o.text == (before ? ")" : "("));
      return kind_ok && (before ? o.e == t.b : t.e == o.b);
    };
    bool ok = t.kind == TK::Word && !w.empty() && t.raw.size() == w.size() && t.abbr.empty() && t.group_last < 0;
    std::size_t from = 0, to = w.size();
    if (ok && w.front() == 'x' && i > 0 && touches(i - 1, true)) from = 1;
    if (ok && to > from + 1 && w.back() == 'x' && i + 1 < n && touches(i + 1, false)) --to;
    ok = ok && to > from && (to - from) % 2 == 1 && (from > 0 || to < w.size() || to - from >= 3);
    for (std::size_t k = from; ok && k < to; ++k)
      ok = ((k - from) % 2 == 1) ? w[k] == 'x' : part_.variables.count(std::string(1, w[k])) > 0;
    split[i] = ok;
    any = any || ok;
  }
  if (!any) return;
  std::vector<Tok> out;
  out.reserve(n + 8);
  for (std::size_t i = 0; i < n; ++i) {
    Tok& t = toks_[i];
    if (!split[i]) {
      out.push_back(std::move(t));
      continue;
    }
    for (std::size_t k = 0; k < t.text.size(); ++k) {
      Tok p = t;
      p.raw = t.raw.substr(k, 1);
      p.text = p.norm = p.stem = t.text.substr(k, 1);
      p.join_stem.clear();
      p.is_protected = false;
      p.b = t.b + k;
      p.e = t.b + k + 1;
      out.push_back(std::move(p));
    }
  }
  toks_.swap(out);
}

std::vector<std::pair<int, int>> Context::type_hits(const Tok& t) const {
  std::vector<std::pair<int, int>> out;
  // Scanner misreadings of a long word (5 letters or more), never of a protected term.
  const std::vector<std::string> ocr =
      t.kind == TK::Word && !t.is_protected && cp_length(t.norm) >= 5 ? ocr_variants(t.norm) : std::vector<std::string>{};
  const std::string_view base = irregular_base(t.norm);
  for (int wid : part_.text_words) {
    int edits = 0;
    const CWord& w = part_.words[static_cast<std::size_t>(wid)];
    if (word_matches(w, t, edits, &base)) out.emplace_back(wid, edits);
    else if (!ocr.empty() && ocr_match(w, ocr)) out.emplace_back(wid, 1);
  }
  // "two layers" for a pattern's "2 layers".
  if (const int v = number_name_value(t.norm); v > 0)
    for (int wid : part_.number_words)
      if (part_.words[static_cast<std::size_t>(wid)].value == v) out.emplace_back(wid, 0);
  // Pair stems: the token's stem itself, or a prefix stem ('*' + letters) its
  // norm starts with. Found through the part's map of stems (the prefix ones
  // sort together, after '*') instead of a pass over every stem, then put in
  // stem order as that pass gave them.
  const std::size_t pairs_from = out.size();
  if (const auto it = part_.pair_ids.find(t.stem); it != part_.pair_ids.end() && !it->first.starts_with('*'))
    out.emplace_back(part_.pair_slot(it->second), 0);
  if (t.kind == TK::Word) {
    for (auto it = part_.pair_ids.lower_bound("*"); it != part_.pair_ids.end() && it->first.starts_with('*'); ++it) {
      const std::string_view prefix = std::string_view(it->first).substr(1);
      if (std::string_view(t.norm).starts_with(prefix)) out.emplace_back(part_.pair_slot(it->second), 0);
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(pairs_from), out.end());
  return out;
}

void Context::build_cands(WordCache* cache) {
  const int n = static_cast<int>(toks_.size());
  const std::size_t nslots = part_.slots();
  std::vector<std::pair<int, Cand>> all;  // (slot, candidate), in token order
  std::vector<int> taken;                 // slots the current token already serves
  auto push = [&](int slot, Cand c) {
    if (std::find(taken.begin(), taken.end(), slot) != taken.end()) return;
    taken.push_back(slot);
    all.emplace_back(slot, c);
  };
  auto listed = [](const std::map<std::string, std::vector<int>, std::less<>>& m, const std::string& key) {
    static const std::vector<int> none;
    auto it = m.find(key);
    return it == m.end() ? std::cref(none) : std::cref(it->second);
  };
  PartMemo local;
  PartMemo& pmemo = [&]() -> PartMemo& {
    if (!cache || part_.index < 0) return local;
    if (cache->part_hits.size() <= static_cast<std::size_t>(part_.index))
      cache->part_hits.resize(static_cast<std::size_t>(part_.index) + 1);
    if (cache->hits >= WordCache::kMaxHits) {  // bounded: start afresh
      for (auto& m : cache->part_hits) m.clear();
      cache->hits = 0;
    }
    return cache->part_hits[static_cast<std::size_t>(part_.index)];
  }();
  if (&pmemo != &local) memo_ = &pmemo;
  auto& memo = pmemo.words;
  // The compound stems' Bloom filter (PartMemo::join_bits): 16 bits a stem, two
  // probes from one hash, so about one pair in seventy that is no compound of
  // the part still looks in the map. Without a thread's cache, every pair does.
  std::vector<std::uint64_t>& join_bits = pmemo.join_bits;
  auto probes = [](std::string_view stem, std::size_t nbits) {  // a stem's two bits (nbits: a power of two)
    const std::uint64_t h = std::hash<std::string_view>{}(stem);
    return std::array<std::size_t, 2>{static_cast<std::size_t>(h % nbits), static_cast<std::size_t>((h >> 32) % nbits)};
  };
  if (&pmemo != &local && join_bits.empty()) {
    std::size_t nbits = 64;
    while (nbits < 16 * part_.join_words.size()) nbits *= 2;
    join_bits.assign(nbits / 64, 0);
    for (const auto& [stem, wids] : part_.join_words)
      for (const std::size_t bit : probes(stem, nbits)) join_bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  auto may_join = [&](const std::string& stem) {
    if (join_bits.empty()) return true;
    for (const std::size_t bit : probes(stem, join_bits.size() * 64))
      if (((join_bits[bit / 64] >> (bit % 64)) & 1) == 0) return false;
    return true;
  };
  for (int i = 0; i < n; ++i) {
    const Tok& t = toks_[static_cast<std::size_t>(i)];
    taken.clear();
    int edits = 0;
    switch (t.kind) {
      case TK::Number: {
        for (int wid : part_.number_words)
          if (word_matches(part_.words[static_cast<std::size_t>(wid)], t, edits)) push(wid, {i, i, edits});
        // "90%" or "90 percent" for a pattern's 0.9.
        const Tok* next = i + 1 < n ? &toks_[static_cast<std::size_t>(i) + 1] : nullptr;
        if (next && (next->text == "%"sv || next->text == "percent"sv || next->text == "pct"sv))
          for (int wid : part_.number_words) {
            const double v = part_.words[static_cast<std::size_t>(wid)].value;
            if (v > 0 && v < 1 && std::abs(t.value / 100 - v) <= 1e-9) push(wid, {i, i + 1, 0});
          }
        // "2 genres" for a pattern's "two genres".
        for (int wid : part_.number_name_words)
          if (number_name_value(part_.words[static_cast<std::size_t>(wid)].norm) == t.value) push(wid, {i, i, 0});
        break;
      }
      case TK::Symbol:
        for (int wid : listed(part_.symbol_words, t.text).get()) push(wid, {i, i, 0});
        break;
      case TK::Word: {
        // An abbreviation reads as its expansion first, then the word itself,
        // then the word joined with the next one as a compound.
        if (!t.abbr.empty())
          for (int wid : listed(part_.abbr_words, t.abbr).get()) push(wid, {i, t.group_last, 0});
        // A lone capital keys apart from its lower case: `=A` tells them apart.
        const bool capital = t.raw.size() == 1 && t.raw[0] >= 'A' && t.raw[0] <= 'Z';
        const std::string& key = capital ? t.raw : t.text;
        auto it = memo.find(key);
        if (it == memo.end()) {
          it = memo.emplace(key, type_hits(t)).first;
          if (cache) ++cache->hits;
        }
        for (const auto& [slot, ed] : it->second) push(slot, {i, i, ed});
        if (!t.join_stem.empty() && i + 1 < n && may_join(t.join_stem))
          for (int wid : listed(part_.join_words, t.join_stem).get()) push(wid, {i, i + 1, 0});
        // A prefix word spelt across the two ("over fitting" for `overfit*`):
        // the first word is a start of the prefix, the two together begin with it.
        // (prefix_words is sorted: those that start with the word sit together.)
        if (!t.join_stem.empty() && i + 1 < n && t.norm.size() >= 2) {
          auto pw = std::lower_bound(part_.prefix_words.begin(), part_.prefix_words.end(), t.norm,
                                     [](const std::pair<std::string, int>& p, const std::string& w) { return p.first < w; });
          for (; pw != part_.prefix_words.end() && std::string_view(pw->first).starts_with(t.norm); ++pw) {
            if (pw->first.size() <= t.norm.size()) continue;
            const std::string_view rest = std::string_view(pw->first).substr(t.norm.size());
            if (std::string_view(toks_[static_cast<std::size_t>(i) + 1].norm).starts_with(rest)) push(pw->second, {i, i + 1, 0});
          }
        }
        break;
      }
    }
  }
  // Counting sort by slot; stable, so each slot keeps token order. A part has
  // far more slots than an answer meets, so no work per slot beyond one
  // running sum: the counts become each slot's end, and filling from the back
  // (last candidate first) moves every end to its slot's start.
  cand_off_.assign(nslots + 1, 0);
  for (const auto& [slot, c] : all) ++cand_off_[static_cast<std::size_t>(slot)];
  for (std::size_t k = 1; k < nslots; ++k) cand_off_[k] += cand_off_[k - 1];
  cand_off_[nslots] = all.size();
  cand_flat_.resize(all.size());
  for (auto it = all.rbegin(); it != all.rend(); ++it) cand_flat_[--cand_off_[static_cast<std::size_t>(it->first)]] = it->second;
  // Which slots have a candidate; one more, never set, for "none" (CText::need_slots).
  present_.assign(nslots + 1, 0);
  for (const auto& [slot, c] : all) present_[static_cast<std::size_t>(slot)] = 1;
}

std::vector<Hit> Context::match_seq_fixed(const CSeq& seq, const TextOptions& opts) {
  std::vector<Hit> hits;
  match_seq_fixed(seq, opts, hits);
  return hits;
}

void Context::match_seq_fixed(const CSeq& seq, const TextOptions& opts, std::vector<Hit>& out) {
  using Cell = DpCell;
  const int k = static_cast<int>(seq.words.size());
  const int n = static_cast<int>(toks_.size());
  if (k == 0 || n == 0) return;
  // Nothing to do unless every element can be matched (alone or as part of a pair).
  auto pair_found = [&](int j) {  // words j and j+1 written as one word somewhere
    const int pr = seq.pair[static_cast<std::size_t>(j)];
    return pr >= 0 && j + 1 < k && !cands(part_.pair_slot(pr)).empty();
  };
  for (int j = 0; j < k; ++j) {
    if (cands(seq.words[static_cast<std::size_t>(j)]).empty() && !(j > 0 && pair_found(j - 1)) && !pair_found(j))
      return;
  }
  // Layer j holds, by end token, the best partial match of the first j elements.
  // Sparse: only candidate ends are stored, so memory follows the matches. A
  // layer is written in up to two ascending runs (single words from layer j-1,
  // pairs from layer j-2) and put in order, one cell per end, before it is read.
  if (dp_.size() < static_cast<std::size_t>(k) + 1) dp_.resize(static_cast<std::size_t>(k) + 1);
  for (int j = 0; j <= k; ++j) dp_[static_cast<std::size_t>(j)].clear();
  auto& L = dp_;
  const int gap = std::max(0, opts.gap);
  // The words allowed before element j (a `...` in the pattern widens it).
  auto gap_before = [&](int j) {
    return seq.gap.empty() || seq.gap[static_cast<std::size_t>(j)] < 0 ? gap : seq.gap[static_cast<std::size_t>(j)];
  };
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto better = [](const Cell& a, const Cell& b) {  // is a better than b
    if (b.start < 0) return true;
    if (a.start != b.start) return a.start > b.start;
    return a.edits < b.edits;
  };
  auto settle = [&](int layer) {
    auto& v = L[static_cast<std::size_t>(layer)];
    if (v.size() < 2) return;
    // Most layers are already in order with one cell per end: one pass tells.
    const auto unsettled = std::adjacent_find(v.begin(), v.end(), [](const DpEntry& x, const DpEntry& y) { return x.e >= y.e; });
    if (unsettled == v.end()) return;
    auto by_end = [](const DpEntry& x, const DpEntry& y) { return x.e < y.e; };
    if (!std::is_sorted(v.begin(), v.end(), by_end)) std::stable_sort(v.begin(), v.end(), by_end);
    std::size_t w = 0;
    for (std::size_t r = 0; r < v.size(); ++r) {
      if (w > 0 && v[w - 1].e == v[r].e) {
        if (better(v[r].c, v[w - 1].c)) v[w - 1].c = v[r].c;
      } else {
        v[w++] = v[r];
      }
    }
    v.resize(w);
  };
  auto find_end = [&](int layer, int e) -> const Cell& {
    const auto& v = L[static_cast<std::size_t>(layer)];
    auto it = std::lower_bound(v.begin(), v.end(), e, [](const DpEntry& x, int want) { return x.e < want; });
    return it->c;
  };
  // Predecessor end in `layer` for an element starting at s: the one with the
  // latest start. `before`: the first end in the layer at or after s.
  auto pred = [&](int layer, int s, std::size_t before) -> const DpEntry* {
    const auto& m = L[static_cast<std::size_t>(layer)];
    auto it = m.begin() + static_cast<std::ptrdiff_t>(before);
    const DpEntry* best = nullptr;
    const int allowed = gap_before(layer);
    while (it != m.begin()) {
      --it;
      const int t = it->e;
      if (tok(s).wpos - tok(t + 1).wpos > allowed) break;
      if (opts.sentence && tok(t).sent != tok(s).sent) break;
      // "sends the proteins to the reticulum; ER makes ...": a semicolon
      // between two words of a reading ends it, as a sentence end does.
      if (opts.sentence && semi_[static_cast<std::size_t>(t)] != semi_[static_cast<std::size_t>(s)]) break;
      if (!best || better(it->c, best->c)) best = &*it;
    }
    return best;
  };
  auto place = [&](int from_layer, int to_layer, std::size_t before, int s, int e, int edits, int fz_tok, int fz_word) {
    Cell c;
    c.s = s;
    if (from_layer == 0) {
      c.start = s;
      c.edits = edits;
      c.fz_tok = fz_tok;
      c.fz_word = fz_word;
    } else {
      const DpEntry* p = pred(from_layer, s, before);
      if (!p) return;
      const Cell& pc = p->c;
      c.start = pc.start;
      c.prev = p->e;
      c.prev_layer = from_layer;
      c.edits = pc.edits + edits;
      c.fz_tok = fz_tok >= 0 ? fz_tok : pc.fz_tok;
      c.fz_word = fz_tok >= 0 ? fz_word : pc.fz_word;
    }
    L[static_cast<std::size_t>(to_layer)].push_back({e, c});
  };
  for (int j = 0; j < k; ++j) {
    settle(j);
    if (j > 0 && L[static_cast<std::size_t>(j)].empty()) continue;
    const int wid = seq.words[static_cast<std::size_t>(j)];
    // A word written after "non" ("non-linear", "non negative") is the opposite of itself: it
    // serves a reading only right after that reading's own "non".
    const bool non_before = j > 0 && part_.words[static_cast<std::size_t>(seq.words[static_cast<std::size_t>(j - 1)])].text == "non"sv;
    // Candidates come in token order, so the first end of layer j at or after
    // a candidate's start only moves forward (no search per candidate).
    const auto& from = L[static_cast<std::size_t>(j)];
    auto first_end_from = [&](std::size_t& before, int s) {
      while (before < from.size() && from[before].e < s) ++before;
      return before;
    };
    std::size_t before = 0;
    std::span<const Cand> cs = cands(wid);
    if (j > 0) {
      // A candidate at or before the layer's first end has no predecessor.
      const int first_end = from.front().e;
      cs = cs.subspan(static_cast<std::size_t>(
          std::partition_point(cs.begin(), cs.end(), [&](const Cand& c) { return c.s <= first_end; }) - cs.begin()));
    }
    for (const Cand& c : cs) {
      // Past the layer's last end, a candidate too far from it has no
      // predecessor, and neither has any later one (pred looks at that end first).
      if (j > 0 && before == from.size() && tok(c.s).wpos - tok(from.back().e + 1).wpos > gap_before(j)) break;
      if (after_non_[static_cast<std::size_t>(c.s)] && !non_before) continue;
      place(j, j + 1, first_end_from(before, c.s), c.s, c.e, c.edits, c.edits > 0 ? c.s : -1, wid);
    }
    const int pr = seq.pair[static_cast<std::size_t>(j)];
    if (pr >= 0 && j + 1 < k) {
      std::size_t pair_before = 0;
      for (const Cand& c : cands(part_.pair_slot(pr))) place(j, j + 2, first_end_from(pair_before, c.s), c.s, c.s, 0, -1, -1);
    }
  }
  settle(k);
  for (const auto& [e, c] : L[static_cast<std::size_t>(k)]) {
    if (c.start < 0) continue;
    Hit h;
    h.s = c.start;
    h.e = e;
    h.edits = c.edits;
    h.fuzzy_tok = c.fz_tok;
    h.fuzzy_word = c.fz_word;
    h.toks.reserve(static_cast<std::size_t>(k));  // a token an element, mostly
    int layer = k, idx = e;
    while (idx >= 0 && layer > 0) {
      const Cell& x = find_end(layer, idx);
      for (int q = idx; q >= x.s; --q) h.toks.push_back(q);
      idx = x.prev;
      layer = x.prev_layer;
    }
    std::sort(h.toks.begin(), h.toks.end());
    out.push_back(std::move(h));
  }
}

void Context::match_seq_free(const CSeq& seq, const CText& ct, std::vector<Hit>& out) {
  const std::size_t k = seq.words.size();
  auto& lists = free_lists_;  // scratch kept across calls (one allocation per answer, not per reading)
  lists.clear();
  for (int w : seq.words) {
    lists.push_back(cands(w));
    if (lists.back().empty()) return;
  }
  // A word written after "non" serves only a reading that has "non" itself.
  const bool has_non = std::any_of(seq.words.begin(), seq.words.end(), [&](int w) {
    return part_.words[static_cast<std::size_t>(w)].text == "non"sv;
  });
  auto& pick = free_pick_;  // the candidate chosen for each element
  pick.assign(k, nullptr);
  for (std::size_t j0 = 0; j0 < k; ++j0) {
    for (const Cand& c0 : lists[j0]) {
      if (!has_non && after_non_[static_cast<std::size_t>(c0.s)]) continue;
      pick[j0] = &c0;
      int e = c0.e;
      bool ok = true;
      for (std::size_t j = 0; j < k && ok; ++j) {
        if (j == j0) continue;
        const auto& L = lists[j];
        auto it = std::lower_bound(L.begin(), L.end(), c0.s, [](const Cand& c, int s) { return c.s < s; });
        // The same token cannot serve two elements unless they are the same word.
        while (it != L.end() && ((it->s == c0.s && seq.words[j] != seq.words[j0]) ||
                                 (!has_non && after_non_[static_cast<std::size_t>(it->s)])))
          ++it;
        if (it == L.end()) {
          ok = false;
          break;
        }
        pick[j] = &*it;
        e = std::max(e, it->e);
      }
      if (!ok) continue;
      const Tok& a = toks_[static_cast<std::size_t>(c0.s)];
      const Tok& b = toks_[static_cast<std::size_t>(e)];
      if (b.wpos - a.wpos + 1 > ct.window) continue;
      if (ct.opts.sentence && a.sent != b.sent) continue;
      Hit h;
      h.s = c0.s;
      h.e = e;
      h.toks.reserve(k);  // a token an element, mostly
      // Edits summed and the first fuzzy element noted in element order, c0's first.
      for (std::size_t step = 0; step < k; ++step) {
        const std::size_t j = step == 0 ? j0 : (step <= j0 ? step - 1 : step);
        const Cand& c = *pick[j];
        h.edits += c.edits;
        if (c.edits > 0 && h.fuzzy_tok < 0) {
          h.fuzzy_tok = c.s;
          h.fuzzy_word = seq.words[j];
        }
        for (int q = c.s; q <= c.e; ++q) h.toks.push_back(q);
      }
      std::sort(h.toks.begin(), h.toks.end());
      h.toks.erase(std::unique(h.toks.begin(), h.toks.end()), h.toks.end());
      out.push_back(std::move(h));
    }
  }
}

std::vector<Hit> Context::match_text(const CText& ct) {
  std::vector<Hit> all;
  const std::uint8_t* present = present_.data();
  // A word every reading needs is absent: no reading can match.
  for (const auto& any : ct.need_every_slots)
    if (std::none_of(any.begin(), any.end(), [&](int slot) { return present[slot] != 0; })) return all;
  const std::size_t checked = ct.need_off.size();
  auto match_reading = [&](const CSeq& s) {  // its hits go straight into `all`
    if (ct.opts.free_order)
      match_seq_free(s, ct, all);
    else
      match_seq_fixed(s, ct.opts, all);
  };
  // A reading with a required word absent from the answer cannot match: are
  // reading i's needs met, from its need `from` on (its first one may have been
  // checked through its group)?
  auto needs_met = [&](std::size_t i, int from) {
    const int end = ct.need_off[i + 1];
    for (int q = std::min(ct.need_off[i] + from, end); q < end; ++q) {
      const auto& slots = ct.need_slots[static_cast<std::size_t>(q)];
      if ((present[slots[0]] | present[slots[1]] | present[slots[2]]) == 0) return false;
    }
    return true;
  };
  if (memo_ && !ct.seqs.empty() && checked == ct.seqs.size() + 1) {
    // With the thread's memo: each distinct first need is checked once, and
    // only the readings of the groups it admits are visited, in their order
    // (ReadingGroups, made the first time the text is read).
    auto [it, fresh] = memo_->texts.try_emplace(&ct);
    ReadingGroups& rg = it->second;
    const std::size_t readings = ct.seqs.size();
    if (fresh) {
      std::map<std::array<int, 3>, std::uint32_t> ids;
      std::vector<std::uint32_t> group_of(readings);
      for (std::size_t i = 0; i < readings; ++i) {
        if (ct.need_off[i] == ct.need_off[i + 1]) continue;  // no need: the last group, below
        const auto [g, added] = ids.try_emplace(ct.need_slots[ct.need_off[i]], static_cast<std::uint32_t>(rg.first.size()));
        if (added) rg.first.push_back(g->first);
        group_of[i] = g->second;
      }
      const std::size_t groups = rg.first.size() + 1;
      for (std::size_t i = 0; i < readings; ++i)
        if (ct.need_off[i] == ct.need_off[i + 1]) group_of[i] = static_cast<std::uint32_t>(groups - 1);
      rg.member_off.assign(groups + 1, 0);  // counting sort of the readings by group, stable
      for (const std::uint32_t g : group_of) ++rg.member_off[g + 1];
      for (std::size_t g = 1; g <= groups; ++g) rg.member_off[g] += rg.member_off[g - 1];
      rg.member.resize(readings);
      std::vector<std::uint32_t> fill(rg.member_off.begin(), rg.member_off.end() - 1);
      for (std::size_t i = 0; i < readings; ++i) rg.member[fill[group_of[i]]++] = static_cast<std::uint32_t>(i);
    }
    visit_.assign((readings + 63) / 64, 0);
    for (std::size_t g = 0; g + 1 < rg.member_off.size(); ++g) {
      if (g < rg.first.size() && (present[rg.first[g][0]] | present[rg.first[g][1]] | present[rg.first[g][2]]) == 0)
        continue;
      for (std::uint32_t k = rg.member_off[g]; k < rg.member_off[g + 1]; ++k)
        visit_[rg.member[k] / 64] |= std::uint64_t{1} << (rg.member[k] % 64);
    }
    for (std::size_t w = 0; w < visit_.size(); ++w) {
      for (std::uint64_t bits = visit_[w]; bits != 0; bits &= bits - 1) {
        const std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        if (needs_met(i, 1)) match_reading(ct.seqs[i]);
      }
    }
  } else {
    for (std::size_t i = 0; i < ct.seqs.size(); ++i)
      if (i + 1 >= checked || needs_met(i, 0)) match_reading(ct.seqs[i]);
  }
  std::sort(all.begin(), all.end(), [](const Hit& a, const Hit& b) {
    if (a.s != b.s) return a.s < b.s;
    if (a.e != b.e) return a.e < b.e;
    return a.edits < b.edits;
  });
  all.erase(std::unique(all.begin(), all.end(), [](const Hit& a, const Hit& b) { return a.s == b.s && a.e == b.e; }),
            all.end());
  std::erase_if(all, [&](const Hit& h) { return taken_back(h); });
  for (Hit& h : all) {
    if (h.fuzzy_tok >= 0 && h.edits > 0) {
      const Tok& t = toks_[static_cast<std::size_t>(h.fuzzy_tok)];
      const CWord& w = part_.words[static_cast<std::size_t>(h.fuzzy_word)];
      h.note = "matched '" + t.raw + "' as '" + w.text + "' (" + std::to_string(h.edits) +
               (h.edits == 1 ? " edit)" : " edits)");
    }
  }
  return all;
}

bool Context::opens_clause(int i) const {
  if (i == 0) return true;
  const Tok& p = toks_[static_cast<std::size_t>(i - 1)];
  return p.sentence_end || p.boundary || p.sent != toks_[static_cast<std::size_t>(i)].sent;
}

int Context::object_end(int i) const {
  // The object of a preposition opening a clause: an optional determiner, then
  // words up to the next determiner, pronoun, comma or finite verb.
  static const std::unordered_set<std::string_view> starts = {
      "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "my", "your", "it", "they", "we",
      "you", "he", "she", "i", "there", "is", "are", "was", "were", "will", "would", "can", "cannot", "could",
      "should", "may", "might", "must", "does", "do", "did", "has", "have", "had"};
  const int n = static_cast<int>(toks_.size());
  int j = i + 1;
  if (j < n && toks_[static_cast<std::size_t>(j)].kind == TK::Word &&
      (toks_[static_cast<std::size_t>(j)].text == "the"sv || toks_[static_cast<std::size_t>(j)].text == "a"sv ||
       toks_[static_cast<std::size_t>(j)].text == "an"sv || toks_[static_cast<std::size_t>(j)].text == "any"sv))
    ++j;
  int end = j;
  for (; j < n; ++j) {
    const Tok& x = toks_[static_cast<std::size_t>(j)];
    if (x.sent != toks_[static_cast<std::size_t>(i)].sent || x.boundary) break;
    if (x.kind == TK::Symbol && x.text != "-"sv) break;
    if (x.kind == TK::Word && starts.count(x.text) && j > end) break;
    end = j;
  }
  return end;
}

Negation Context::negation(const Hit& h, const std::vector<int>& also_own) const {
  Negation ng;
  auto own = [&](int t) { return std::binary_search(also_own.begin(), also_own.end(), t); };
  int count = 0;
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto note_cue = [&](const Tok& t) {
    if (ng.cue.empty()) ng.cue = t.raw;
  };
  // Cues in the gaps of the match (not among the wording's own words). A cue
  // whose predicate ends at a coordinator before the wording's next word does
  // not reach that word: in "the loss is not decreasing and going up" the "not"
  // denies "decreasing" only, not "loss ... going up".
  auto closed_before_next = [&](int t) {
    const auto next = std::upper_bound(h.toks.begin(), h.toks.end(), t);
    const int stop = next == h.toks.end() ? h.e + 1 : *next;
    for (int q = t + 2; q < stop; ++q) {
      const Tok& y = tok(q);
      if (y.kind == TK::Word && (y.text == "and"sv || y.text == "but"sv) && tok(q - 1).kind == TK::Word &&
          tok(q - 1).cue == Cue::None)
        return true;
    }
    return false;
  };
  bool own_conjunct_denied = false;  // "... and not momentum": a cue right after the match's own coordinator
  for (int t = h.s; t <= h.e; ++t) {
    if (std::binary_search(h.toks.begin(), h.toks.end(), t) || own(t)) continue;
    const Tok& x = tok(t);
    if (x.cue != Cue::None && !x.standalone_cue && !closed_before_next(t)) {
      ++count;
      note_cue(x);
      if (t == h.s + 1 && tok(h.s).kind == TK::Word &&
          (tok(h.s).text == "and"sv || tok(h.s).text == "or"sv || tok(h.s).text == "but"sv))
        own_conjunct_denied = true;
    }
  }
  // Cues before the match, in the same clause; not for a comparison ("B might
  // not overfit as much as A" says B overfits less, it does not deny it).
  bool comma = false;
  int last_counted = -1;  // the last cue counted, scanning backwards
  const Tok& first = tok(h.s);
  static const std::set<std::string, std::less<>> degree = {"much",  "many",   "badly", "well",  "often",
                                                            "strongly", "quickly", "fast", "easily", "severely",
                                                            "heavily", "bad",   "far",   "long",  "high", "low"};
  const bool comparison = h.e + 3 < n && tok(h.e + 1).text == "as"sv && degree.count(tok(h.e + 2).text) > 0 &&
                          tok(h.e + 3).text == "as"sv;
  // "Not the batch size and not momentum": when the match opens with a coordinator
  // and a cue of its own, the cues before it deny the first conjunct, not this one.
  for (int t = comparison || own_conjunct_denied ? -1 : h.s - 1; t >= 0; --t) {
    const Tok& x = tok(t);
    if (x.sentence_end || x.sent != first.sent || x.boundary) break;
    const int d = first.wpos - x.wpos;
    if (d > 12) break;
    if (x.kind == TK::Symbol) {
      // "no nonlinearity → collapses to one linear map": an arrow leads to a new
      // statement; a cue before it does not reach past it.
      if (arrow_at(static_cast<std::size_t>(t))) break;
      // "no nonlinearity = one linear function": an "=" between words is "means".
      if (x.text == "="sv && t > 0 && t + 1 < n && tok(t - 1).kind == TK::Word && tok(t + 1).kind == TK::Word &&
          !part_.variables.count(tok(t - 1).text) && !part_.variables.count(tok(t + 1).text))
        break;
      if (x.text == ","sv || x.text == "("sv || x.text == ")"sv) comma = true;
      continue;
    }
    // "not A and not B": the cue after the coordinator opens B's own negation;
    // cues before it belong to A and do not cancel it.
    if (last_counted == t + 1 && x.kind == TK::Word && (x.text == "and"sv || x.text == "or"sv || x.text == "but"sv)) break;
    if (x.cue == Cue::None || x.standalone_cue || own(t)) continue;
    // "never below sigmoid(0) = 0.5", "not more than 10 epochs", "not enough for
    // the latent space to become smooth": the cue denies the comparison (or the
    // sufficiency); what comes after that word is its standard, not denied.
    if (x.cue == Cue::Pre || x.cue == Cue::Short) {
      static const std::unordered_set<std::string_view> comparative = {
          "below", "above", "under", "over", "beneath", "beyond", "less", "more", "lower", "higher", "greater",
          "smaller", "fewer", "exceed", "exceeds", "exceeding", "bigger", "larger", "wider", "narrower", "longer",
          "shorter", "deeper", "broader",
          // "not enough for the latent space to become smooth": the sufficiency is denied
          "enough", "sufficient", "sufficiently"};
      bool compared = false;
      for (int q = t + 1; q < h.s && !compared; ++q)
        compared = tok(q).kind == TK::Word && comparative.count(tok(q).text) > 0;
      if (compared) continue;
      // "can't be anything other than the learning rate", "none other than A",
      // "nothing but noise": the cue denies every alternative, so it asserts what
      // follows "other than" / "but".
      bool excepted = false;
      for (int q = t + 1; q < h.s && !excepted; ++q)
        excepted = tok(q).kind == TK::Word &&
                   ((tok(q).text == "than"sv && q > t + 1 && tok(q - 1).text == "other"sv) ||
                    (tok(q).text == "but"sv && q == t + 1 + (tok(t + 1).text == "one"sv ? 1 : 0) &&
                     (x.text == "nothing"sv || x.text == "none"sv || x.text == "no"sv)) ||
                    (tok(q).text == "but"sv && q > t + 1 &&
                     (tok(q - 1).text == "anything"sv || tok(q - 1).text == "nothing"sv)));
      if (excepted) continue;
      // "so as not to destroy the pretrained features", "without losing what it
      // learned": the cue denies the loss, so what would be lost is kept.
      static const std::unordered_set<std::string_view> loss_verbs = {
          "destroy", "lose", "forget", "damag", "overwrit", "ruin", "eras", "wipe", "corrupt", "harm",
          "spoil", "disrupt", "degrad", "discard", "throw", "wreck", "undo", "overrid", "unlearn", "wast",
          "lost", "forgotten", "overwritten", "thrown", "undon", "overridden"};
      bool lost = false;
      for (int q = t + 1; q < h.s && q <= t + 3 && !lost; ++q)
        lost = tok(q).kind == TK::Word && loss_verbs.count(tok(q).stem) > 0;
      if (lost) continue;
    }
    bool stop = false;
    switch (x.cue) {
      case Cue::Short:
        // "Without activations the network cannot model nonlinear functions": a
        // "without" opening the sentence is a condition; it denies its own object
        // ("activations"), not the main clause after it.
        if (x.text == "without"sv && opens_clause(t) && h.s > object_end(t)) break;
        if (!comma && d <= 4) {
          ++count;
          note_cue(x);
          last_counted = t;
        }
        break;
      case Cue::Pre:
        if (d <= 6) {
          if (!comma || x.comma_ok) {
            ++count;
            note_cue(x);
            last_counted = t;
          } else {
            ng.uncertain = true;
          }
        }
        break;
      case Cue::Nor:
        if (d <= 6 && !comma) {
          ++count;
          note_cue(x);
          stop = true;
        }
        break;
      case Cue::Wide:
        ++count;
        note_cue(x);
        last_counted = t;
        break;
      case Cue::None:
        break;
    }
    if (stop) break;
  }
  // After-cues: "... is false", "... is not the case".
  bool copula = false;
  static const std::set<std::string, std::less<>> cop = {"is", "are", "was", "were", "be", "been", "being",
                                                         "seems", "seem", "sounds"};
  static const std::set<std::string, std::less<>> falsity = {"false", "wrong", "incorrect", "untrue",
                                                             "myth", "misconception", "mistaken", "mistake"};
  static const std::set<std::string, std::less<>> truth = {"true", "correct", "right", "valid", "accurate", "so"};
  // "raising the KL weight won't help", "pitch shifting wouldn't work", "freezing
  // doesn't make a difference": the subject's use is denied by its predicate.
  {
    static const std::unordered_set<std::string_view> aux = {"will", "would", "does", "do", "did", "can", "could",
                                                             "is", "are", "isnt"};
    static const std::unordered_set<std::string_view> useless = {"help", "helps", "work", "works", "fix", "fixes",
                                                                 "solve", "solves", "matter", "matters"};
    // (The subject may run on for a few words after the match: "raising the KL
    // weight won't help" read as "raising the KL".)
    static const std::unordered_set<std::string_view> breaks = {"so", "because", "and", "but", "which", "that",
                                                                "as", "if", "when", "since", "while", "or",
                                                                "then", "to", "it", "they", "this"};
    int t = h.e + 1;
    while (t < n && tok(t).kind == TK::Word && tok(t).sent == tok(h.e).sent && t <= h.e + 3 && !aux.count(tok(t).text) &&
           !breaks.count(tok(t).text) && tok(t).cue == Cue::None)
      ++t;
    if (t + 2 < n && tok(t).kind == TK::Word && aux.count(tok(t).text) && tok(t + 1).text == "not"sv &&
        tok(t + 1).sent == tok(h.e).sent) {
      int q = t + 2;
      if (q < n && (tok(q).text == "really"sv || tok(q).text == "actually"sv || tok(q).text == "much"sv ||
                    (tok(q).text == "going"sv && q + 1 < n && tok(q + 1).text == "to"sv)))
        q += tok(q).text == "going"sv ? 2 : 1;
      const bool no_difference = q + 2 < n && (tok(q).text == "make"sv || tok(q).text == "makes"sv) &&
                                 (tok(q + 1).text == "a"sv || tok(q + 1).text == "any"sv) && tok(q + 2).text == "difference"sv;
      if (q < n && tok(q).sent == tok(h.e).sent && (useless.count(tok(q).text) || no_difference)) {
        ++count;
        note_cue(tok(t + 1));
        ng.denied_after = true;
      }
    }
  }
  for (int t = h.e + 1; t < n; ++t) {
    const Tok& x = tok(t);
    if (x.sentence_end || x.boundary || x.sent != tok(h.e).sent) break;
    if (x.kind == TK::Symbol) {
      if (x.text == ","sv) break;
      // Code: "bidirectional=False", "requires_grad = False" deny what they set.
      if (x.text == "="sv && t == h.e + 1) copula = true;
      continue;
    }
    if (x.wpos - tok(h.e).wpos > 5) break;
    if (x.kind != TK::Word) continue;
    if (cop.count(x.text)) {
      copula = true;
      continue;
    }
    if (!copula) continue;
    if (falsity.count(x.text)) {
      ++count;
      note_cue(x);
      break;
    }
    if (x.text == "not"sv && t + 1 < n) {
      static const std::set<std::string, std::less<>> trouble = {
          "problem", "issue", "concern", "factor", "cause", "risk", "answer", "solution", "reason", "culprit",
          "fix", "remedy", "explanation"};
      const Tok& y = tok(t + 1);
      const bool the_case = y.text == "the"sv && t + 2 < n && tok(t + 2).text == "case"sv;
      const bool a_problem =
          (y.text == "a"sv || y.text == "an"sv || y.text == "the"sv) && t + 2 < n && trouble.count(tok(t + 2).text);
      // "momentum is not what it controls": the subject denied.
      const bool not_what = y.text == "what"sv;
      if (y.kind == TK::Word && (truth.count(y.text) || the_case || a_problem || not_what || trouble.count(y.text))) {
        // This "not" was counted as a pre-cue of nothing; count it once here.
        ++count;
        note_cue(x);
        break;
      }
    }
  }
  ng.negated = (count % 2) == 1;
  return ng;
}

void Context::find_numbers() {
  if (numbers_done_) return;
  numbers_done_ = true;
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  for (int k = 0; k < n; ++k) {
    if (tok(k).kind != TK::Number) continue;
    // A dotted version or date ("2.0.64", "1.2.3") is not a quantity.
    if (k >= 2 && tok(k - 1).kind == TK::Symbol && tok(k - 1).text == "."sv && tok(k - 1).e == tok(k).b &&
        tok(k - 2).kind == TK::Number && tok(k - 2).e == tok(k - 1).b)
      continue;
    if (k + 2 < n && tok(k + 1).kind == TK::Symbol && tok(k + 1).text == "."sv && tok(k + 1).e == tok(k + 2).b &&
        tok(k).e == tok(k + 1).b && tok(k + 2).kind == TK::Number)
      continue;
    NumCand c{tok(k).value, std::nullopt, k, k};
    if (k > 0 && tok(k - 1).kind == TK::Symbol && tok(k - 1).text == "-"sv && tok(k - 1).e == tok(k).b &&
        (k == 1 || !(tok(k - 2).kind != TK::Symbol || tok(k - 2).text == ")"sv))) {
      c.value = -c.value;
      c.s = k - 1;
    }
    if (k + 1 < n && tok(k + 1).sent == tok(k).sent && tok(k + 1).kind != TK::Number) {
      const Tok& u = tok(k + 1);
      std::optional<Unit> unit = find_unit(u.raw, comp_.lexicon.units);
      if (!unit && u.text != u.raw) unit = find_unit(u.text, comp_.lexicon.units);
      if (unit) {
        c.unit = unit;
        c.e = k + 1;
      }
    }
    nums_.push_back(std::move(c));
  }
  // "64 or 128 ms", "between 64 and 128 ms": a bare number joined to the next
  // one by "or", "and" or "to" shares its unit.
  for (std::size_t i = nums_.size(); i-- > 1;) {
    NumCand& c = nums_[i - 1];
    const NumCand& d = nums_[i];
    if (c.unit || !d.unit || c.e + 2 != d.s || tok(c.e + 1).sent != tok(c.e).sent) continue;
    const Tok& j = tok(c.e + 1);
    if (j.kind == TK::Word && (j.text == "or"sv || j.text == "and"sv || j.text == "to"sv)) c.unit = d.unit;
  }
  find_math();  // numbers worked out in formulas (1024/16000 = 0.064)
}

void Context::find_math() {
  if (math_done_) return;
  math_done_ = true;
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto is_math = [&](int i) {
    const Tok& t = tok(i);
    if (t.kind == TK::Number) return true;
    if (t.kind == TK::Symbol) {
      static const std::set<std::string, std::less<>> syms = {"+", "-", "*", "/", "^", "(", ")", "[", "]",
                                                              "\u230A", "\u230B", "\u2308", "\u2309", "=", ","};
      return syms.count(t.text) > 0;
    }
    if (!t.abbr.empty() || t.group_last >= 0) return false;
    // A batch axis opening a tuple: "(B, 4, 12, 12)", "[None, 4, 12, 12]" (see the Shape wording).
    if (t.kind == TK::Word && (t.text == "b"sv || t.text == "n"sv || t.text == "batch"sv || t.text == "none"sv ||
                               t.text == "bs"sv || t.text == "nb"sv) &&
        i > 0 && i + 1 < n && (tok(i - 1).text == "("sv || tok(i - 1).text == "["sv) && tok(i + 1).text == ","sv)
      return true;
    return t.text == "x"sv || t.text == "by"sv || word_op(t) != nullptr || functions().count(t.text) > 0 ||
           part_.variables.count(t.text) > 0;
  };
  auto piece = [&](int i) -> std::string {
    const Tok& t = tok(i);
    if (t.kind == TK::Number) {
      if (t.text.find_first_not_of("0123456789.") == std::string::npos) return t.text;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", t.value);
      std::string s = buf;
      if (auto p = s.find('e'); p != std::string::npos) s = "(" + s.substr(0, p) + "*10^(" + s.substr(p + 1) + "))";
      return s;
    }
    if (t.kind == TK::Symbol) return t.text;
    if (t.text == "x"sv && !part_.variables.count("x")) return "x";
    if (t.text == "by"sv) return "x";
    if (const char* op = word_op(t)) return op;
    if (auto it = part_.variables.find(t.text); it != part_.variables.end()) return it->second;
    return t.text;
  };
  auto build = [&](int a, int b) {
    std::string s;
    for (int i = a; i <= b; ++i) {
      if (!s.empty()) s.push_back(' ');
      s += piece(i);
    }
    return s;
  };
  auto is_times = [&](int i) {
    const Tok& t = tok(i);
    return t.kind == TK::Word && (t.text == "by"sv || t.text == "times"sv || (t.text == "x"sv && !part_.variables.count("x")));
  };
  auto bracket = [&](int i) {  // +1 opening, -1 closing ( [ ⌊ ), 0 otherwise
    const std::string& x = tok(i).text;
    if (x == "("sv || x == "["sv || x == "\u230A"sv) return 1;
    if (x == ")"sv || x == "]"sv || x == "\u230B"sv) return -1;
    return 0;
  };
  std::vector<std::pair<int, int>> comma_items;  // items of shape lists, considered after the scan
  // Tokens a..b written as a square power ("(M/2-2)^2", "12²", "M²"): also the shape k x k.
  auto square_shape = [&](int a, int b, const std::string& src) {
    if (!(b - 2 >= a && tok(b).kind == TK::Number && tok(b).value == 2 && tok(b - 1).kind == TK::Symbol &&
          tok(b - 1).text == "^"sv))
      return;
    const int ba = a, bb = b - 2;
    bool one = ba == bb && (tok(ba).kind == TK::Number || part_.variables.count(tok(ba).text) > 0);
    if (!one && bracket(ba) == 1 && bracket(bb) == -1) {
      int d = 0;
      one = true;
      for (int i = ba; i <= bb && one; ++i) {
        d += bracket(i);
        if (d == 0 && i < bb) one = false;  // "(a)(b)": the first bracket closes early
      }
    }
    if (!one) return;
    ExprError serr;
    const std::string base = build(ba, bb);
    if (auto sh = parse_shape(base + " x " + base, &serr); sh && sh->size() == 2)
      shapes_.push_back({std::move(*sh), a, b, src});
  };
  std::function<void(int, int)> consider;
  consider = [&](int a, int b) {
    // Trim separators and dangling operators at the ends.
    auto bad_start = [&](int i) {
      const Tok& t = tok(i);
      return (t.kind == TK::Symbol && (t.text == ","sv || t.text == "="sv || t.text == ")"sv || t.text == "]"sv ||
                                       t.text == "*"sv || t.text == "/"sv || t.text == "^"sv || t.text == "+"sv)) ||
             is_times(i) || (word_op(t) != nullptr && t.text != "minus"sv);
    };
    auto bad_end = [&](int i) {
      const Tok& t = tok(i);
      return (t.kind == TK::Symbol && (t.text == ","sv || t.text == "="sv || t.text == "("sv || t.text == "["sv || is_op(t))) ||
             is_times(i) || word_op(t) != nullptr || (t.kind == TK::Word && functions().count(t.text));
    };
    while (a <= b && bad_start(a)) ++a;
    while (a <= b && bad_end(b)) --b;
    if (a > b) return;
    // Balance parentheses by trimming an unmatched one at either end.
    int depth = 0, mind = 0;
    for (int i = a; i <= b; ++i) {
      const std::string& x = tok(i).text;
      if (x == "("sv || x == "["sv || x == "\u230A"sv || x == "\u2308"sv) ++depth;
      if (x == ")"sv || x == "]"sv || x == "\u230B"sv || x == "\u2309"sv) --depth;
      mind = std::min(mind, depth);
    }
    if (mind < 0 && (tok(a).text == ")"sv || tok(a).text == "]"sv)) ++a;
    if (depth > 0 && (tok(b).text != ")"sv)) {
      if (tok(a).text == "("sv || tok(a).text == "["sv) {
        ++a;
      } else {
        // "12 x 12 x 4 (28 -> 28 -> 14 -> 12)": a bracket left open after the
        // formula starts an aside; what comes before it is a candidate too.
        int d = 0;
        for (int i = b; i > a; --i) {
          d += bracket(i);
          if (d > 0) {
            consider(a, i - 1);
            break;
          }
        }
      }
    }
    if (a > b) return;
    // "= M (M x M)", "M/2 (M/2 x M/2)": a value, then its shape in brackets
    // at the end. The bracket restates the value; they are two candidates,
    // not a product.
    if (b - a >= 4 && tok(b).text == ")"sv) {
      int d = 0, open = -1;
      for (int i = b; i >= a; --i) {
        d += bracket(i);
        if (d == 0) {
          open = i;
          break;
        }
      }
      bool times_inside = false;
      for (int i = open + 1; open > a && i < b; ++i) times_inside = times_inside || is_times(i);
      const auto value_end = [&](int i) {
        const Tok& t = tok(i);
        return t.kind == TK::Number || t.text == ")"sv || (t.kind == TK::Word && part_.variables.count(t.text) > 0);
      };
      if (open > a && tok(open).text == "("sv && times_inside && value_end(open - 1) && tok(open).b > tok(open - 1).e) {
        consider(a, open - 1);
        consider(open + 1, b - 1);
        return;
      }
    }
    const std::string src = build(a, b);
    ExprError err;
    bool has_var = false, has_op = false, has_times = false, has_comma = false;
    for (int i = a; i <= b; ++i) {
      const Tok& t = tok(i);
      if (t.kind == TK::Word && part_.variables.count(t.text)) has_var = true;
      if (is_op(t) || word_op(t) != nullptr) has_op = true;
      if (is_times(i)) has_times = true;
      if (t.kind == TK::Symbol && t.text == ","sv) has_comma = true;
    }
    if (has_times || has_comma) {
      // "12 x 12 x 4 - 4 channels", "[4, 12, 12] - 4 feature maps": a dash and a
      // lone number after a shape begin an explanation, so the shape before the
      // dash is a candidate too (the whole run stays one). Only when words follow
      // the number: in "M/2-6, M/2-8" the "- 8" is arithmetic, not a caption.
      // Not when the dash is arithmetic: glued to what it follows ("M-2 x M-2
      // for each layer"), or when the shape's other sides subtract too
      // ("M - 2 x M - 2 here"): there the last side is "M - 2", not "M".
      auto caption_dash = [&]() {
        if (tok(b - 1).b == tok(b - 2).e) return false;
        for (int i = a; i < b - 1; ++i)
          if (tok(i).kind == TK::Symbol && (tok(i).text == "-"sv || tok(i).text == "−"sv)) return false;
        return true;
      };
      if (b - 2 > a && tok(b).kind == TK::Number && tok(b - 1).kind == TK::Symbol && tok(b - 1).text == "-"sv &&
          b + 1 < n && tok(b + 1).kind == TK::Word && tok(b + 1).sent == tok(b).sent && caption_dash()) {
        int d = 0;
        for (int i = a; i < b - 1; ++i) d += bracket(i);
        if (d == 0) consider(a, b - 2);
      }
      if (auto sh = parse_shape(src, &err); sh && sh->size() >= 2) shapes_.push_back({std::move(*sh), a, b, src});
      // A list of shapes ("M x M, M/2 x M/2"): each comma-separated item
      // that has its own "x" is a shape candidate too (handled after the scan).
      if (has_times && has_comma) {
        int d = 0, from2 = a;
        for (int i = a; i <= b + 1; ++i) {
          const bool end = i > b;
          if (!end) d += bracket(i);
          if (end || (d == 0 && tok(i).kind == TK::Symbol && tok(i).text == ","sv)) {
            bool times_inside = false;
            for (int k = from2; k < i; ++k) times_inside = times_inside || is_times(k);
            if (times_inside && from2 < i - 1 && !(from2 == a && i == b + 1)) comma_items.emplace_back(from2, i - 1);
            from2 = i + 1;
          }
        }
      }
      // Each dimension on its own (an expression inside a shape still counts).
      int depth2 = 0, from = a;
      for (int i = a; i <= b + 1; ++i) {
        const bool end = i > b;
        if (!end) depth2 += bracket(i);
        if (end || (depth2 == 0 && (is_times(i) || (tok(i).kind == TK::Symbol && tok(i).text == ","sv)))) {
          if (from <= i - 1) {
            int pa = from, pb = i - 1;
            if (tok(pa).text == "("sv && tok(pb).text == ")"sv && pb > pa) {
              ++pa;
              --pb;
            }
            while (pa <= pb && bad_start(pa)) ++pa;
            while (pa <= pb && bad_end(pb)) --pb;
            if (pa <= pb) {
              const std::string ps = build(pa, pb);
              if (auto e = parse_expr(ps, &err)) exprs_.push_back({std::move(*e), pa, pb, ps});
              // A list of squares ("M², (M/2)², (M/2-2)²"): each item is a shape too.
              if (has_comma && !has_times) square_shape(pa, pb, ps);
            }
          }
          from = i + 1;
        }
      }
      return;
    }
    // "(M/2-2)^2", "(⌊M/2⌋−2)²", "12²": a square map written as a power is
    // also the shape k x k.
    square_shape(a, b, src);
    if (auto e = parse_expr(src, &err)) {
      if (!has_var && has_op) {
        if (auto v = e->eval({})) {
          NumCand c{*v, std::nullopt, a, b};
          if (b + 1 < n && tok(b + 1).kind == TK::Word) {
            std::optional<Unit> unit = find_unit(tok(b + 1).raw, comp_.lexicon.units);
            if (!unit) unit = find_unit(tok(b + 1).text, comp_.lexicon.units);
            if (unit) {
              c.unit = unit;
              c.e = b + 1;
            }
          }
          nums_.push_back(std::move(c));
        }
      }
      exprs_.push_back({std::move(*e), a, b, src});
    }
  };
  int i = 0;
  while (i < n) {
    if (!is_math(i)) {
      ++i;
      continue;
    }
    int j = i;
    while (j + 1 < n && is_math(j + 1) && tok(j + 1).sent == tok(i).sent) ++j;
    // Segments between "=" signs.
    const std::size_t nums_before = nums_.size(), exprs_before = exprs_.size();
    int from = i, last_from = -1, last_to = -1;
    for (int q = i; q <= j + 1; ++q) {
      if (q > j || (tok(q).kind == TK::Symbol && tok(q).text == "="sv)) {
        if (from <= q - 1) {
          consider(from, q - 1);
          last_from = from;
          last_to = q - 1;
        }
        from = q + 1;
      }
    }
    // "5*5*2*4 + 4 = 104": the result the candidate states is what counts; a
    // working that evaluates to something else is not read as its value.
    while (last_to >= last_from && last_from >= 0 && tok(last_to).kind == TK::Symbol &&
           (tok(last_to).text == ","sv || tok(last_to).text == ";"sv))
      --last_to;
    if (last_from >= 0 && last_from == last_to && last_from > i && tok(last_from).kind == TK::Number) {
      const double stated = tok(last_from).value;
      for (std::size_t k = nums_.size(); k-- > nums_before;) {
        const NumCand& c = nums_[k];
        if (c.s >= last_from) continue;
        if (std::abs(c.value - stated) > 0.02 * std::max(std::abs(stated), 1e-9))
          nums_.erase(nums_.begin() + static_cast<std::ptrdiff_t>(k));
      }
    }
    // The same for formulas: "(M/2 - 5 + 2)/1 + 1 = M/2 - 3" states M/2 - 3; the
    // working before it, which is another formula, is not what the candidate claims.
    if (last_from > i && exprs_.size() > exprs_before + 1) {
      const ExprCand* stated = nullptr;
      for (std::size_t k = exprs_before; k < exprs_.size(); ++k)
        if (exprs_[k].s == last_from) stated = &exprs_[k];
      if (stated && !stated->expr.variables().empty()) {
        const Expr last = stated->expr;
        for (std::size_t k = exprs_.size(); k-- > exprs_before;) {
          const ExprCand& c = exprs_[k];
          if (c.s >= last_from || c.expr.variables().empty()) continue;
          std::vector<std::string> vars = c.expr.variables();
          for (const auto& v : last.variables())
            if (std::find(vars.begin(), vars.end(), v) == vars.end()) vars.push_back(v);
          if (!expr_equivalent(c.expr, last, default_points(vars)))
            exprs_.erase(exprs_.begin() + static_cast<std::ptrdiff_t>(k));
        }
      }
    }
    i = j + 1;
  }
  // Items of shape lists have no top-level comma, so this adds no more items.
  for (std::size_t k = 0; k < comma_items.size(); ++k) consider(comma_items[k].first, comma_items[k].second);
}

bool Context::taken_back(const Hit& h) const {
  auto at = [&](int i) {
    return i >= 0 && static_cast<std::size_t>(i) < toks_.size() && toks_[static_cast<std::size_t>(i)].retracted;
  };
  if (!h.toks.empty()) return std::any_of(h.toks.begin(), h.toks.end(), at);
  for (int i = h.s; i <= h.e; ++i)
    if (at(i)) return true;
  return false;
}

std::vector<Found> Context::ratio_hits(const CWording& w, bool check_negation) {
  // Values given to a name: "alpha = 0.01", "α: 10", "beta is 1/200", "β of about 2".
  struct Given {
    double value;
    int name, s, e;  // the name's token; the span from the name to the value's end
  };
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto is_name = [&](int i, const std::vector<std::string>& names) {
    return tok(i).kind == TK::Word && std::find(names.begin(), names.end(), tok(i).text) != names.end();
  };
  static const std::unordered_set<std::string_view> joiners = {
      "=", ":", "~", "\u2248", "is", "of", "to", "be", "set", "as", "equal", "equals", "should", "would", "could",
      "about", "around", "approx", "approximately", "roughly", "e.g", "eg", "say", "like", "(", "\u2192"};
  auto value_after = [&](int i) -> std::optional<std::pair<double, int>> {
    for (int j = i + 1; j < n && j <= i + 5 && tok(j).sent == tok(i).sent; ++j) {
      const NumCand* best = nullptr;
      for (const NumCand& c : nums_)
        if (c.s == j && !c.unit && (!best || c.e > best->e)) best = &c;
      if (best) return std::make_pair(best->value, best->e);
      if (!joiners.count(tok(j).text)) return std::nullopt;
    }
    return std::nullopt;
  };
  std::vector<Found> out;
  std::array<std::vector<Given>, 2> given;
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < 2; ++k)
      if (is_name(i, w.ratio_names[static_cast<std::size_t>(k)]))
        if (auto v = value_after(i)) given[static_cast<std::size_t>(k)].push_back({v->first, i, i, v->second});
  auto push = [&](int s, int e, std::vector<int> toks, double ratio) {
    Hit h;
    h.s = s;
    h.e = e;
    std::sort(toks.begin(), toks.end());
    h.toks = std::move(toks);
    if (taken_back(h)) return;
    h.note = "read the ratio " + std::string(text_.substr(tok(s).b, tok(e).e - tok(s).b)) + " as " + fmt_num(ratio);
    Found f;
    if (check_negation) f.neg = negation(h);
    f.hits.push_back(std::move(h));
    out.push_back(std::move(f));
  };
  const double tol_lo = w.lo - 1e-9 * std::max(1.0, std::abs(w.lo)), tol_hi = w.hi + 1e-9 * std::max(1.0, std::abs(w.hi));
  // A pair of values in one sentence, or in neighbouring ones ("alpha = 10. beta = 1.").
  for (const Given& a : given[0]) {
    for (const Given& b : given[1]) {
      if (std::abs(tok(a.s).sent - tok(b.s).sent) > 1 || b.value == 0) continue;
      const double r = a.value / b.value;
      if (r < tol_lo || r > tol_hi) continue;
      std::vector<int> ts;
      for (int q = a.s; q <= a.e; ++q) ts.push_back(q);
      for (int q = b.s; q <= b.e; ++q) ts.push_back(q);
      push(std::min(a.s, b.s), std::max(a.e, b.e), std::move(ts), r);
    }
  }
  // The ratio written as such: "alpha : beta = 10 : 1", "alpha/beta = 10", "α:β of 10 to 1".
  for (int i = 0; i + 2 < n; ++i) {
    if (!is_name(i, w.ratio_names[0]) || tok(i + 1).kind != TK::Symbol ||
        !(tok(i + 1).text == ":"sv || tok(i + 1).text == "/"sv) || !is_name(i + 2, w.ratio_names[1]))
      continue;
    auto v = value_after(i + 2);
    if (!v) continue;
    double r = v->first;
    int e = v->second;
    // "10 : 1", "10 to 1"
    if (e + 2 < n && ((tok(e + 1).kind == TK::Symbol && tok(e + 1).text == ":"sv) || (tok(e + 1).kind == TK::Word && tok(e + 1).text == "to"sv))) {
      const NumCand* den = nullptr;
      for (const NumCand& c : nums_)
        if (c.s == e + 2 && !c.unit) den = &c;
      if (den && den->value != 0) {
        r /= den->value;
        e = den->e;
      }
    }
    if (r < tol_lo || r > tol_hi) continue;
    std::vector<int> ts;
    for (int q = i; q <= e; ++q) ts.push_back(q);
    push(i, e, std::move(ts), r);
  }
  return out;
}

bool Context::straddles_aside(const Hit& h) {
  if (!asides_) {
    asides_.emplace();
    const int n = static_cast<int>(toks_.size());
    for (int p = 0; p + 1 < n; ++p) {
      const Tok& t = toks_[static_cast<std::size_t>(p)];
      const Tok& next = toks_[static_cast<std::size_t>(p + 1)];
      if (!(t.kind == TK::Symbol && t.text == "("sv && next.kind == TK::Word && next.text == "or"sv)) continue;
      for (int c = p + 2; c < n && toks_[static_cast<std::size_t>(c)].sent == t.sent; ++c) {
        const Tok& x = toks_[static_cast<std::size_t>(c)];
        if (x.kind == TK::Symbol && x.text == "("sv) break;
        if (x.kind == TK::Symbol && x.text == ")"sv) {
          asides_->emplace_back(p, c);
          break;
        }
      }
    }
  }
  // (A wording that reads the "or" itself reads across on purpose: "alpha = 10,
  // beta = 1 (or 1/200 and 1/2000)" restates the pair.)
  for (const auto& [p, c] : *asides_) {
    bool inside = false, outside = false, reads_or = false;
    for (int t : h.toks) {
      (t > p && t < c ? inside : outside) = true;
      reads_or = reads_or || t == p + 1;
    }
    if (inside && outside && !reads_or) return true;
  }
  return false;
}

std::vector<Found> Context::wording_hits(const CWording& w, bool check_negation) {
  std::vector<Found> out;
  auto neg = [&](const Hit& h) { return check_negation ? negation(h) : Negation{}; };
  auto span_hit = [&](int s, int e) {
    Hit h;
    h.s = s;
    h.e = e;
    for (int q = s; q <= e; ++q) h.toks.push_back(q);
    return h;
  };
  // `unless`: a match sharing a word with a match of one of these patterns does not count.
  std::vector<int> refused;
  for (const CText& ct : w.unless)
    for (const Hit& h : match_text(ct)) refused.insert(refused.end(), h.toks.begin(), h.toks.end());
  std::sort(refused.begin(), refused.end());
  // (Nor a phrase read half inside a bracketed alternative and half outside it:
  // "softmax (or sigmoid), giving the probability of each genre" is no "sigmoid
  // giving".)
  auto allowed = [&](const Hit& h) {
    if (straddles_aside(h)) return false;
    return std::none_of(h.toks.begin(), h.toks.end(),
                        [&](int t) { return std::binary_search(refused.begin(), refused.end(), t); });
  };
  switch (w.kind) {
    case Wording::Kind::Text: {
      for (Hit& h : match_text(w.text)) {
        if (!allowed(h)) continue;
        Found f;
        f.neg = neg(h);
        f.hits.push_back(std::move(h));
        out.push_back(std::move(f));
      }
      break;
    }
    case Wording::Kind::All: {
      // Each pattern: its hits, negation judged one by one. A cue that another
      // pattern of the wording matches as its own word, in a hit apart from
      // this one, is the wording's, not a denial: "no gradient for negative z"
      // with patterns "no gradient" and "negative" does not deny "negative"
      // (but "decoded ones don't look like the inputs" still denies "look like",
      // which the hit with the cue shares).
      std::vector<std::vector<Hit>> raw;
      for (const CText& ct : w.all) {
        raw.push_back(match_text(ct));
        std::erase_if(raw.back(), [&](const Hit& h) { return !allowed(h); });
        if (raw.back().empty()) return out;
      }
      auto shares = [](const Hit& a, const Hit& b) {
        for (int t : a.toks)
          if (std::binary_search(b.toks.begin(), b.toks.end(), t)) return true;
        return false;
      };
      // Is there a cue the negation of h could count (in h or in its clause before it)?
      // Only then do the other patterns' words matter.
      auto cue_near = [&](const Hit& h) {
        const Tok& first = toks_[static_cast<std::size_t>(h.s)];
        for (int t = h.e; t >= 0; --t) {
          const Tok& x = toks_[static_cast<std::size_t>(t)];
          if (x.sent != first.sent || first.wpos - x.wpos > 12) break;
          if (x.cue != Cue::None) return true;
        }
        return false;
      };
      std::vector<std::vector<std::pair<Hit, Negation>>> per(raw.size());
      for (std::size_t j = 0; j < raw.size(); ++j) {
        for (const Hit& h : raw[j]) {
          if (!check_negation) {
            per[j].emplace_back(h, Negation{});
            continue;
          }
          std::vector<int> others;
          if (cue_near(h))
            for (std::size_t k = 0; k < raw.size(); ++k)
              if (k != j)
                for (const Hit& o : raw[k])
                  if (!shares(o, h)) others.insert(others.end(), o.toks.begin(), o.toks.end());
          std::sort(others.begin(), others.end());
          per[j].emplace_back(h, negation(h, others));
        }
      }
      if (per.empty()) return out;
      const int window = w.src->opts.window;
      // Prefer a combination of non-negated hits.
      auto pick = [&](bool allow_negated) -> std::optional<Found> {
        if (window <= 0) {
          Found f;
          for (auto& v : per) {
            const std::pair<Hit, Negation>* best = nullptr;
            for (auto& p : v)
              if (!p.second.negated) {
                best = &p;
                break;
              }
            if (!best && allow_negated) best = &v.front();
            if (!best) return std::nullopt;
            f.hits.push_back(best->first);
            if (best->second.negated) {
              f.neg.negated = true;
              if (f.neg.cue.empty()) f.neg.cue = best->second.cue;
            }
            f.neg.uncertain = f.neg.uncertain || best->second.uncertain;
          }
          return f;
        }
        for (std::size_t j0 = 0; j0 < per.size(); ++j0) {
          for (const auto& p0 : per[j0]) {
            if (p0.second.negated && !allow_negated) continue;
            Found f;
            int lo = p0.first.s, hi = p0.first.e;
            bool ok = true;
            for (std::size_t j = 0; j < per.size() && ok; ++j) {
              if (j == j0) {
                f.hits.push_back(p0.first);
                if (p0.second.negated) f.neg.negated = true;
                continue;
              }
              const std::pair<Hit, Negation>* best = nullptr;
              for (const auto& p : per[j])
                if (p.first.s >= p0.first.s && (allow_negated || !p.second.negated)) {
                  best = &p;
                  break;
                }
              if (!best) {
                ok = false;
                break;
              }
              hi = std::max(hi, best->first.e);
              f.hits.push_back(best->first);
              if (best->second.negated) f.neg.negated = true;
            }
            if (!ok) continue;
            if (toks_[static_cast<std::size_t>(hi)].wpos - toks_[static_cast<std::size_t>(lo)].wpos + 1 > window)
              continue;
            return f;
          }
        }
        return std::nullopt;
      };
      if (auto f = pick(false)) {
        out.push_back(std::move(*f));
      } else if (auto g = pick(true)) {
        g->neg.negated = true;
        out.push_back(std::move(*g));
      }
      break;
    }
    case Wording::Kind::Number: {
      find_numbers();
      const Wording& src = *w.src;
      if (w.ratio_names.size() == 2) {
        for (Found& f : ratio_hits(w, check_negation)) out.push_back(std::move(f));
        break;
      }
      for (const NumCand& c : nums_) {
        double v = c.value;
        std::string how;
        if (c.unit && w.unit) {
          if (c.unit->dimension != w.unit->dimension) continue;
          v = c.value * c.unit->factor / w.unit->factor;
        } else if (!c.unit && w.unit && src.unit_required) {
          continue;
        } else if (c.unit && !w.unit && !src.unit.empty()) {
          continue;  // the rubric's unit is unknown to the engine: only bare numbers compare
        } else if (c.unit && !w.unit && c.unit->dimension == "ratio"sv) {
          v = c.value * c.unit->factor;  // 50% reads as 0.5 for a unit-free number
        }
        const double tol = 1e-9 * std::max(1.0, std::abs(v));
        if (v < w.lo - tol || v > w.hi + tol) continue;
        Hit h = span_hit(c.s, c.e);
        if (taken_back(h)) continue;
        const auto b = toks_[static_cast<std::size_t>(c.s)].b, e = toks_[static_cast<std::size_t>(c.e)].e;
        h.note = "read '" + std::string(text_.substr(b, e - b)) + "' as " + fmt_num(v) +
                 (src.unit.empty() ? "" : " " + src.unit);
        Found f;
        f.neg = neg(h);
        f.hits.push_back(std::move(h));
        out.push_back(std::move(f));
      }
      break;
    }
    case Wording::Kind::Expr: {
      find_math();
      for (const ExprCand& c : exprs_) {
        if (!expr_equivalent(c.expr, w.src->expr, w.points)) continue;
        Hit h = span_hit(c.s, c.e);
        if (taken_back(h)) continue;
        h.note = "expression '" + c.text + "' agrees with " + w.src->expr.str() + " at every sample point";
        Found f;
        f.neg = neg(h);
        f.hits.push_back(std::move(h));
        out.push_back(std::move(f));
      }
      break;
    }
    case Wording::Kind::Shape: {
      find_math();
      const auto& want = w.src->dims;
      // A leading batch axis ("(B, 4, 12, 12)", "N x 4 x 12 x 12", "(None, 4, 12, 12)",
      // "[1, 4, 12, 12]") is the framework's, not the layer's: the rest is the shape.
      auto batch_axis = [&](const Expr& d) {
        // a batch of one, as a framework prints it: "[1, 4, 12, 12]", "torch.Size([1, 4, 12, 12])"
        if (d.variables().empty() && d.str() == "1") return true;
        const auto vs = d.variables();
        if (vs.size() != 1 || d.str() != vs[0]) return false;
        std::string v;
        for (char ch : vs[0]) v += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        static const std::set<std::string, std::less<>> names = {"b", "n", "batch", "bs", "none", "batch_size",
                                                                 "batchsize", "nb"};
        if (!names.count(v)) return false;
        for (const auto& pt : w.points)
          if (pt.count(vs[0])) return false;  // a variable of the rubric's own
        return true;
      };
      for (const ShapeCand& sc : shapes_) {
        const bool batched = sc.dims.size() == want.size() + 1 && want.size() >= 2 && batch_axis(sc.dims.front());
        if (sc.dims.size() != want.size() && !batched) continue;
        const std::vector<Expr> dims(sc.dims.begin() + (batched ? 1 : 0), sc.dims.end());
        const ShapeCand& c = sc;
        bool ok = true;
        if (w.src->ordered) {
          for (std::size_t i = 0; i < want.size() && ok; ++i) ok = expr_equivalent(dims[i], want[i], w.points);
        } else {
          // Greedy assignment is exact here: equivalence is an equivalence relation.
          std::vector<bool> used(want.size(), false);
          for (std::size_t i = 0; i < dims.size() && ok; ++i) {
            bool got = false;
            for (std::size_t j = 0; j < want.size(); ++j) {
              if (!used[j] && expr_equivalent(dims[i], want[j], w.points)) {
                used[j] = true;
                got = true;
                break;
              }
            }
            ok = got;
          }
        }
        if (!ok) continue;
        Hit h = span_hit(c.s, c.e);
        if (taken_back(h)) continue;
        h.note = "shape '" + c.text + "' matches" + (w.src->ordered ? "" : " (any order)") +
                 (batched ? " (after its batch axis)" : "");
        Found f;
        f.neg = neg(h);
        f.hits.push_back(std::move(h));
        out.push_back(std::move(f));
      }
      break;
    }
  }
  return out;
}

namespace {
/// Two wordings that expect the same value (a number, an expression, a shape or a pattern).
bool same_value(const Wording& a, const Wording& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Wording::Kind::Number:
      return a.value == b.value && a.unit == b.unit && a.ratio_of.empty() && b.ratio_of.empty();
    case Wording::Kind::Expr:
      return a.expr.str() == b.expr.str();
    case Wording::Kind::Shape: {
      if (a.dims.size() != b.dims.size() || a.ordered != b.ordered) return false;
      for (std::size_t k = 0; k < a.dims.size(); ++k)
        if (a.dims[k].str() != b.dims[k].str()) return false;
      return true;
    }
    case Wording::Kind::Text:
      return a.source == b.source;
    case Wording::Kind::All:
      return a.all_sources == b.all_sources;
  }
  return false;
}
}  // namespace

void Context::find_labels() {
  if (labels_done_) return;
  labels_done_ = true;
  const std::size_t n = toks_.size();
  item_of_.assign(n, 0);
  int item = 0, depth = 0;
  bool words_only = true;  // the item so far holds names only (words, no value yet)
  for (std::size_t i = 0; i < n; ++i) {
    const Tok& t = toks_[i];
    if (i > 0) {
      const Tok& p = toks_[i - 1];
      // A line break is an item boundary, unless the line ends on a word that
      // cannot end a phrase ("... for both the mean and the\nstd." wrapped by a PDF),
      // or a long line (a wrap at the page's width, not a short list line) runs on
      // from a word into a lower-case word ("... no parameters. The mean\nlayer has
      // ... = 204"): an item on a new line starts with a capital, a value or a mark.
      static const std::unordered_set<std::string_view> open_words = {
          "the", "a", "an", "and", "or", "of", "for", "to", "with", "in", "on", "by", "both", "its", "their",
          "is", "are", "from", "at", "as", "than", "into", "between"};
      constexpr std::size_t kWrappedLine = 50;
      const auto runs_on = [&] {  // only asked across a line break: the line's start is searched back
        if (!(p.kind == TK::Word && t.kind == TK::Word && t.b < text_.size() && text_[t.b] >= 'a' && text_[t.b] <= 'z'))
          return false;
        const std::size_t nl = text_.rfind('\n', p.b);
        return p.e >= (nl == std::string_view::npos ? std::size_t{0} : nl + 1) + kWrappedLine;
      };
      const bool line_break = t.b > p.e && text_.substr(p.e, t.b - p.e).find('\n') != std::string_view::npos &&
                              !(p.kind == TK::Word && open_words.count(p.text) > 0) && !runs_on();
      if (p.sent != t.sent || line_break) {
        ++item;
        depth = 0;
        words_only = true;
      }
    }
    // "M x M then M/2 x M/2 -> ...": a sequence word or an arrow outside
    // brackets starts the next item, as a comma does.
    // An arrow between two numbers maps one count to another ("Mean: 2 -> 4
    // channels: ... = 204", channels in and out) inside one item.
    const bool arrow = t.kind == TK::Symbol && (t.text == "\u2192"sv || (t.text == ">"sv && i > 0 &&
                                                                          toks_[i - 1].text == "-"sv &&
                                                                          toks_[i - 1].e == t.b));
    const std::size_t before_arrow = t.text == "\u2192"sv ? i : i - 1;  // the arrow's first token
    const bool maps_count = arrow && before_arrow > 0 && toks_[before_arrow - 1].kind == TK::Number && i + 1 < n &&
                            toks_[i + 1].kind == TK::Number;
    // "M x M and M/2 x M/2, then ...": an "and" between two values (the item so
    // far holds one, and a value follows) starts the next item too; "mean and std:
    // M/2-2" and "mean 204 and std 408" keep their names with their values.
    auto value_start = [&](std::size_t j) {
      if (j >= n) return false;
      const Tok& v = toks_[j];
      if (v.kind == TK::Number) return true;
      if (v.kind == TK::Symbol) return v.text == "("sv || v.text == "\u230A"sv || v.text == "\u2308"sv;
      return v.kind == TK::Word && (v.text == "floor"sv || v.text == "ceil"sv ||
                                    (v.raw.size() == 1 && part_.variables.count(v.text) > 0));
    };
    const bool and_between_values = t.kind == TK::Word && t.text == "and"sv && !words_only && value_start(i + 1);
    if (depth == 0 && ((t.kind == TK::Word && t.text == "then"sv) || (arrow && !maps_count) || and_between_values)) {
      ++item;
      words_only = true;
    }
    item_of_[i] = item;
    if (t.kind != TK::Symbol) {
      // A one-letter ASCII word is a variable or the "x" of a size ("M x M"): a value.
      words_only = words_only && t.kind == TK::Word && !(t.raw.size() == 1 && static_cast<unsigned char>(t.raw[0]) < 0x80);
      continue;
    }
    if (t.text == "("sv || t.text == "["sv || t.text == "\u230A"sv || t.text == "\u2308"sv) ++depth;
    if ((t.text == ")"sv || t.text == "]"sv || t.text == "\u230B"sv || t.text == "\u2309"sv) && depth > 0) --depth;
    // Names listed before their shared value ("mu, sigma: M/2-2 each") stay one
    // item: a comma ends an item only once it holds more than words.
    const bool names_go_on = t.text == ","sv && words_only && i > 0 && toks_[i - 1].kind == TK::Word &&
                             i + 1 < n && toks_[i + 1].kind == TK::Word;
    if (t.text == ";"sv || (t.text == ","sv && depth == 0 && !names_go_on)) {
      ++item;
      words_only = true;
    } else if (t.text != ","sv) {
      words_only = false;
    }
  }
  item_labels_.assign(static_cast<std::size_t>(item) + 1, {});
  bool named = false;
  for (const CConcept& c : part_.concepts) {
    for (const CWording& w : c.about) {
      for (const Hit& h : match_text(w.text)) {
        auto& labels = item_labels_[static_cast<std::size_t>(item_of_[static_cast<std::size_t>(h.s)])];
        if (std::find(labels.begin(), labels.end(), &c) == labels.end()) labels.push_back(&c);
        named = true;
      }
    }
  }
  if (!named) {
    label_by_position();
  } else {
    label_before_named();
    inherit_working();
  }
}

std::vector<const CConcept*> Context::about_concepts() const {
  std::vector<const CConcept*> layers;
  for (const CConcept& c : part_.concepts)
    if (!c.about.empty()) layers.push_back(&c);
  return layers;
}

std::vector<std::size_t> Context::value_items() const {
  std::vector<std::size_t> values;  // items holding a number or a one-letter variable (not taken back), in order
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    const Tok& t = toks_[i];
    const char c = t.raw.size() == 1 ? t.raw[0] : '\0';
    const bool value = !t.retracted && (t.kind == TK::Number || (t.kind == TK::Word && ((c >= 'A' && c <= 'Z') ||
                                                                      (c >= 'b' && c <= 'z' && c != 'i' && c != 'x'))));
    const auto it = static_cast<std::size_t>(item_of_[i]);
    if (value && (values.empty() || values.back() != it)) values.push_back(it);
  }
  return values;
}

bool Context::says_both(std::size_t item) const {
  // Does the list's last value, or what follows it, say that it is two layers'
  // value: "for both", "each", "twice", "the same for the other", "(x2)", or
  // the value repeated after "and"?
  static const std::unordered_set<std::string_view> both = {"both", "each", "twice", "same", "two", "parallel"};
  const int n = static_cast<int>(toks_.size());
  bool and_seen = false;
  for (int i = 0; i < n; ++i) {
    if (static_cast<std::size_t>(item_of_[static_cast<std::size_t>(i)]) < item) continue;
    const Tok& t = toks_[static_cast<std::size_t>(i)];
    if (t.retracted) continue;
    if (t.kind == TK::Word && both.count(t.text)) return true;
    const bool times = t.text == "x"sv || t.text == "×"sv || t.text == "*"sv;
    // "×2" after the last value, with nothing but closing symbols after it.
    if (times && i + 1 < n && toks_[static_cast<std::size_t>(i) + 1].kind == TK::Number &&
        toks_[static_cast<std::size_t>(i) + 1].value == 2) {
      bool tail = true;
      for (int j = i + 2; j < n && tail; ++j) tail = toks_[static_cast<std::size_t>(j)].kind == TK::Symbol;
      if (tail) return true;
    }
    if (static_cast<std::size_t>(item_of_[static_cast<std::size_t>(i)]) != item) continue;
    if (t.kind == TK::Word && t.text == "and"sv) and_seen = true;
    else if (and_seen && (t.kind == TK::Number || (t.kind == TK::Word && t.raw.size() == 1 && t.raw != "x"sv))) return true;
  }
  return false;
}

bool Context::arrow_at(std::size_t i) const {
  const Tok& t = toks_[i];
  return t.kind == TK::Symbol && (t.text == "\u2192"sv || t.text == "\u21d2"sv ||
                                  (t.text == ">"sv && i > 0 && (toks_[i - 1].text == "-"sv || toks_[i - 1].text == "="sv)));
}

void Context::label_before_named() {
  // "M-4 x M-4, then M/2-2, then M/2-4 for mean and std": the values before the
  // first item that names a layer are the layers the question lists before
  // that one, in order, when there are exactly as many and none of those
  // layers is named anywhere. Otherwise an unnamed item serves any layer.
  const std::vector<const CConcept*> layers = about_concepts();
  std::size_t first = item_labels_.size();
  for (std::size_t it = 0; it < item_labels_.size() && first == item_labels_.size(); ++it)
    if (!item_labels_[it].empty()) first = it;
  if (first == item_labels_.size()) return;
  std::size_t m = layers.size();  // the first named layer's place in the question's order
  for (const CConcept* c : item_labels_[first])
    m = std::min<std::size_t>(m, static_cast<std::size_t>(std::find(layers.begin(), layers.end(), c) - layers.begin()));
  for (std::size_t k = 0; k < m; ++k)
    for (const auto& labels : item_labels_)
      if (std::find(labels.begin(), labels.end(), layers[k]) != labels.end()) return;
  std::vector<std::size_t> values = value_items();
  std::erase_if(values, [&](std::size_t it) { return it >= first; });
  if (values.empty() || values.size() != m) return;
  for (std::size_t k = 0; k < m; ++k) item_labels_[values[k]].push_back(layers[k]);
}

void Context::inherit_working() {
  // "Mean conv: weights = 5 x 5 x 2 x 4 = 200, biases = 4, total = 200 + 4 = 204":
  // working that names no layer ("total = ...") after a named item's working,
  // in the same sentence and on the same line, is that item's. A bare value
  // ("..., 204, 204") still serves any layer.
  const std::size_t n = toks_.size();
  // (Joined by a comma: "; each head ... = 204" starts another statement. Nor
  // when it says whose it is: "each", "both", "the others".)
  static const std::unordered_set<std::string_view> whose = {"each", "both", "other", "others", "all", "twice"};
  std::vector<bool> has_eq(item_labels_.size(), false), says_whose(item_labels_.size(), false);
  for (std::size_t i = 0; i < n; ++i) {
    const auto it = static_cast<std::size_t>(item_of_[i]);
    if (toks_[i].kind == TK::Symbol && toks_[i].text == "="sv) has_eq[it] = true;
    if (toks_[i].kind == TK::Word && whose.count(toks_[i].text)) says_whose[it] = true;
  }
  std::size_t prev_first = 0;  // first token of the item before
  for (std::size_t i = 1; i < n; ++i) {
    const auto it = static_cast<std::size_t>(item_of_[i]);
    const auto before = static_cast<std::size_t>(item_of_[i - 1]);
    if (it == before) continue;
    // The item names a quantity of the working ("total =", "biases =", "the
    // weights ="), after working of its own: "pool 0, 5*5*2*4+1 = 201" is the
    // next value of a list.
    const bool quantity = toks_[i].kind == TK::Word && toks_[i].raw.size() > 1 &&
                          ((i + 1 < n && toks_[i + 1].text == "="sv) ||
                           (i + 2 < n && toks_[i + 1].kind == TK::Word && toks_[i + 2].text == "="sv));
    if (it == before + 1 && item_labels_[it].empty() && !item_labels_[before].empty() && has_eq[it] &&
        has_eq[before] && quantity && !says_whose[it] && toks_[i - 1].kind == TK::Symbol && toks_[i - 1].text == ","sv &&
        toks_[i - 1].sent == toks_[i].sent &&
        text_.substr(toks_[prev_first].b, toks_[i].b - toks_[prev_first].b).find('\n') == std::string_view::npos)
      item_labels_[it] = item_labels_[before];
    prev_first = i;
  }
}

void Context::label_by_position() {
  // A bare list of values ("M-4, (M-4)/2, (M-4)/2-4"; "52, 0, 204, 408") names
  // no layer: a marker reads it in the order the question lists the layers.
  // Only when it has at least two and at most as many values as there are
  // layers. One fewer value leaves the last layer unstated ("M, M/2, M/2-2"
  // names three of four sizes), unless the answer says the last value is
  // both layers' ("M/2-2 for both", "... twice", "x2", "... and M/2-2") and
  // the rubric expects the same value of both.
  const std::vector<const CConcept*> layers = about_concepts();
  std::vector<std::size_t> values = value_items();
  // A chain of arrows that opens with the input ("M -> M -> M/2 -> M/2-2"): its
  // first value, repeated by the first layer, is no layer's.
  if (values.size() >= 3) {
    std::string first, second;
    bool arrow_between = false;
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      const auto it = static_cast<std::size_t>(item_of_[i]);
      const Tok& t = toks_[i];
      const bool part_of_value = t.kind != TK::Symbol || !(arrow_at(i) || t.text == ","sv ||
                                                          ((t.text == "-"sv || t.text == "="sv) && i + 1 < toks_.size() && arrow_at(i + 1)));
      if (it == values[0] && part_of_value) first += t.text;
      if (it == values[1] && part_of_value) second += t.text;
      if (it >= values[0] && it <= values[1] && arrow_at(i)) arrow_between = true;
    }
    if (arrow_between && !first.empty() && first == second) values.erase(values.begin());
  }
  const std::size_t k = values.size(), n = layers.size();
  if (n < 2 || k < 2 || k > n) return;
  for (std::size_t i = 0; i < k; ++i) item_labels_[values[i]].push_back(layers[i]);
  if (k + 1 == n && says_both(values[k - 1])) {
    const CConcept& a = *layers[n - 2];
    const CConcept& b = *layers[n - 1];
    bool same = a.wordings.size() == b.wordings.size();
    for (std::size_t w = 0; same && w < a.wordings.size(); ++w)
      same = a.wordings[w].src && b.wordings[w].src && same_value(*a.wordings[w].src, *b.wordings[w].src);
    if (same) item_labels_[values[k - 1]].push_back(&b);
  }
}

void Context::same_as(std::vector<Verdict>& verdicts) {
  // Only parts whose concepts say what their values belong to, and only when
  // one of those concepts is missing while another was found.
  bool any_missing = false, any_found = false;
  for (std::size_t ci = 0; ci < part_.concepts.size(); ++ci) {
    if (part_.concepts[ci].about.empty()) continue;
    any_missing = any_missing || (!verdicts[ci].found && !verdicts[ci].negated);
    any_found = any_found || verdicts[ci].found;
  }
  if (!any_missing || !any_found) return;
  find_labels();
  static const std::unordered_set<std::string_view> same_words = {"same", "identical", "ditto", "likewise"};
  static const std::unordered_set<std::string_view> unlike = {"not", "different", "differs", "unlike", "other"};
  auto index_of = [&](const CConcept* c) { return static_cast<std::size_t>(c - part_.concepts.data()); };
  const int items = static_cast<int>(item_labels_.size());
  for (std::size_t ci = 0; ci < part_.concepts.size(); ++ci) {
    const CConcept& c = part_.concepts[ci];
    if (c.about.empty() || verdicts[ci].found || verdicts[ci].negated) continue;
    for (int it = 0; it < items; ++it) {
      const auto& labels = item_labels_[static_cast<std::size_t>(it)];
      if (std::find(labels.begin(), labels.end(), &c) == labels.end()) continue;
      // The item's tokens: a "same" word, and no word that says it differs.
      int same_tok = -1;
      bool differs = false;
      for (std::size_t t = 0; t < toks_.size(); ++t) {
        if (item_of_[t] != it || toks_[t].kind != TK::Word) continue;
        if (same_words.count(toks_[t].text) && same_tok < 0) same_tok = static_cast<int>(t);
        if (unlike.count(toks_[t].text) || toks_[t].cue != Cue::None) differs = true;
      }
      if (same_tok < 0 || differs) continue;
      // What it is the same as: another concept named in the item, else one named
      // in the nearest item before it that names any; found, and expected by the
      // rubric to have the same value (one of c's wordings says what its
      // credited wording says).
      std::vector<const CConcept*> cands;
      for (const CConcept* d : labels)
        if (d != &c) cands.push_back(d);
      for (int prev = it - 1; prev >= 0; --prev) {
        const auto& pl = item_labels_[static_cast<std::size_t>(prev)];
        if (pl.empty()) continue;
        for (const CConcept* d : pl)
          if (d != &c) cands.push_back(d);
        break;
      }
      const CConcept* ref = nullptr;
      int same_w = -1;
      for (const CConcept* d : cands) {
        const Verdict& rv = verdicts[index_of(d)];
        if (!rv.found || rv.wording < 0 || static_cast<std::size_t>(rv.wording) >= d->wordings.size()) continue;
        const Wording* rw = d->wordings[static_cast<std::size_t>(rv.wording)].src;
        for (std::size_t wi = 0; wi < c.wordings.size() && same_w < 0 && rw; ++wi)
          if (const Wording* cw = c.wordings[wi].src; cw && same_value(*cw, *rw)) same_w = static_cast<int>(wi);
        if (same_w >= 0) {
          ref = d;
          break;
        }
      }
      if (!ref) continue;
      Verdict v;
      v.found = true;
      v.wording = same_w;
      v.marks = c.wordings[static_cast<std::size_t>(same_w)].src->marks.value_or(c.marks);
      Hit h;
      h.s = h.e = same_tok;
      h.toks = {same_tok};
      v.hits.push_back(h);
      v.note = "the same as " + ref->id + "'s value, by reference";
      verdicts[ci] = std::move(v);
      break;
    }
  }
}

bool Context::labelled_elsewhere(const CConcept& c, const Hit& h) {
  find_labels();
  if (h.s < 0 || static_cast<std::size_t>(h.s) >= item_of_.size()) return false;
  const auto& labels = item_labels_[static_cast<std::size_t>(item_of_[static_cast<std::size_t>(h.s)])];
  return !labels.empty() && std::find(labels.begin(), labels.end(), &c) == labels.end();
}

void Context::find_term_lists() {
  if (lists_done_) return;
  lists_done_ = true;
  const std::size_t n = toks_.size();
  in_term_list_.assign(n, false);
  if (part_.part->term_lists_credit) return;
  // Words and symbols that make an item a statement rather than a term.
  static const std::unordered_set<std::string_view> statement = {
      "is",    "are",   "was",   "were",  "be",     "been",   "can",   "cannot", "could", "will",  "would",
      "does",  "do",    "did",   "has",   "have",   "had",    "too",   "so",     "because", "since", "if",
      "when",  "than",  "more",  "less",  "not",    "no",     "never", "only",   "always", "makes", "make",
      "causes", "cause", "gives", "give", "helps",  "help",   "means", "leads",  "lets",  "stops", "prevents",
      "should", "must", "may",   "might", "then",   "which",  "that",  "it",     "they",  "this",  "we", "you"};
  static const std::unordered_set<std::string_view> relation = {"=", "<", ">", "\u2192", "\u2264", "\u2265", "+", "*", "^"};
  struct Item {
    std::size_t b, e;  // tokens [b, e)
    bool term;
    bool ends_run;  // the separator after it ends a run ('.', ':', '?', '!')
  };
  std::vector<Item> items;
  std::size_t b = 0;
  auto close = [&](std::size_t e, bool ends) {
    int words = 0;
    bool term = true;
    std::size_t k = b;
    if (k < e && toks_[k].kind == TK::Word && (toks_[k].text == "and"sv || toks_[k].text == "or"sv)) ++k;
    for (; k < e; ++k) {
      const Tok& t = toks_[k];
      if (t.kind == TK::Symbol) {
        if (relation.count(t.text) || (t.text == "-"sv && k + 1 < e && toks_[k + 1].text == ">"sv)) term = false;
        continue;
      }
      ++words;
      if (t.kind == TK::Word && statement.count(t.text)) term = false;
    }
    if (words < 1 || words > 3) term = false;
    if (e > b || ends) items.push_back({b, e, term, ends});
    b = e;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const Tok& t = toks_[i];
    const bool line_break = i > 0 && t.b > toks_[i - 1].e &&
                            text_.substr(toks_[i - 1].e, t.b - toks_[i - 1].e).find('\n') != std::string_view::npos;
    if (line_break && i > b) close(i, false);
    if (t.kind == TK::Symbol && (t.text == ","sv || t.text == ";"sv)) {
      close(i, false);
      b = i + 1;
    } else if (t.kind == TK::Symbol && (t.text == "."sv || t.text == ":"sv || t.text == "?"sv || t.text == "!"sv)) {
      close(i, true);
      b = i + 1;
    }
  }
  close(n, true);
  std::size_t r = 0;
  while (r < items.size()) {
    if (!items[r].term) {
      ++r;
      continue;
    }
    std::size_t q = r;
    while (q < items.size() && items[q].term) {
      if (items[q].ends_run) {
        ++q;
        break;
      }
      ++q;
    }
    if (q - r >= 4)
      for (std::size_t k = r; k < q; ++k)
        for (std::size_t t = items[k].b; t < items[k].e; ++t) in_term_list_[t] = true;
    r = q;
  }
}

bool Context::only_in_term_list(const std::vector<Hit>& hits) {
  find_term_lists();
  if (hits.empty()) return false;
  for (const Hit& h : hits)
    for (int t : h.toks)
      if (!in_term_list_[static_cast<std::size_t>(t)]) return false;
  return true;
}

namespace {
// Token -> inside one of the hits.
void mark_hits(std::vector<std::uint8_t>& mask, const std::vector<Hit>& hits) {
  for (const Hit& h : hits)
    for (int q = h.s; q <= h.e; ++q) mask[static_cast<std::size_t>(q)] = 1;
}

// Words that show a candidate is unsure of an answer ("maybe X or Y").
bool doubt_word(std::string_view w) {
  return w == "maybe"sv || w == "perhaps"sv || w == "possibly"sv || w == "probably"sv || w == "might"sv ||
         w == "could"sv || w == "unsure"sv || w == "depending"sv || w == "depends"sv || w == "guess"sv;
}
}  // namespace

std::vector<std::uint8_t> Context::reading_tokens(const std::vector<CConcept>& cs, bool words_only) {
  std::vector<std::uint8_t> count(toks_.size(), 0), mask(toks_.size(), 0);
  for (const CConcept& c : cs) {
    std::fill(mask.begin(), mask.end(), 0);
    for (const CWording& w : c.wordings)
      for (const Found& f : wording_hits(w, true)) {
        if (f.neg.negated || straddles_or(f.hits)) continue;
        if (!words_only) {
          mark_hits(mask, f.hits);
          continue;
        }
        if (crosses_or(f.hits)) continue;  // an answer in one arm, not across both
        for (const Hit& h : f.hits)
          for (int q : h.toks) mask[static_cast<std::size_t>(q)] = 1;
      }
    for (std::size_t q = 0; q < mask.size(); ++q)
      if (mask[q] && count[q] < 255) ++count[q];
  }
  return count;
}

bool Context::straddles_or(const std::vector<Hit>& hits) const {
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  for (const Hit& h : hits) {
    // Values only: a reasoning read across "increase beta or anneal it so that
    // ..." offers two right fixes, while "beta = 1, or alpha = 1, beta = 10"
    // pairs a value from one arm with a value from the other.
    auto own_number = [&](int from, int to) {
      for (int t : h.toks)
        if (t >= from && t <= to && tok(t).kind == TK::Number) return true;
      return false;
    };
    for (int q = h.s + 1; q < h.e; ++q) {
      const Tok& t = tok(q);
      if (t.kind == TK::Word && t.text == "or"sv && !(q + 1 < n && tok(q + 1).text == "not"sv) &&
          !std::binary_search(h.toks.begin(), h.toks.end(), q) && own_number(h.s, q - 1) && own_number(q + 1, h.e))
        return true;
      // Reasons offered as alternatives: "collapse into one, or because linear
      // layers ..." read as one reading across the "or because".
      if (t.kind == TK::Word && t.text == "or"sv && !std::binary_search(h.toks.begin(), h.toks.end(), q)) {
        int r = q + 1;
        if (r < h.e && (tok(r).text == "maybe"sv || tok(r).text == "perhaps"sv || tok(r).text == "possibly"sv)) ++r;
        if (r < h.e && (tok(r).text == "because"sv || tok(r).text == "since"sv)) return true;
      }
    }
  }
  // Words gathered from both arms of "X, or maybe Y" (an `all` wording whose
  // parts are read in the two arms: "the KL term being too weak, or maybe the
  // decoder being too strong" as KL weak + decoder) ...
  // ... and of "either X or Y" ("Either the KL term is too weak or the decoder is
  // overfitting" as KL weak + decoder).
  auto either_before = [&](int q) {
    for (int r = q - 1; r >= 0 && tok(r).sent == tok(q).sent; --r)
      if (tok(r).kind == TK::Word && tok(r).text == "either"sv) return true;
    return false;
  };
  auto hedging_or = [&](int q) {
    return tok(q).kind == TK::Word && tok(q).text == "or"sv && q + 1 < n &&
           (tok(q + 1).text == "maybe"sv || tok(q + 1).text == "perhaps"sv || tok(q + 1).text == "possibly"sv ||
            tok(q + 1).text == "probably"sv || either_before(q));
  };
  if (hits.size() > 1) {
    int first_end = hits.front().e, last_start = hits.front().s;
    for (const Hit& h : hits) {
      first_end = std::min(first_end, h.e);
      last_start = std::max(last_start, h.s);
    }
    for (int q = first_end + 1; q < last_start; ++q)
      if (hedging_or(q)) return true;
  }
  // ... and one wording's words read across such an "or" ("caused by weak KL, or
  // maybe the decoder's too small" as "KL ... too small").
  for (const Hit& h : hits)
    for (std::size_t k = 1; k < h.toks.size(); ++k)
      for (int q = h.toks[k - 1] + 1; q < h.toks[k]; ++q)
        if (hedging_or(q)) return true;
  return false;
}

bool Context::crosses_or(const std::vector<Hit>& hits, int at) const {
  std::vector<int> words;
  for (const Hit& h : hits) words.insert(words.end(), h.toks.begin(), h.toks.end());
  if (words.size() < 2) return false;
  std::sort(words.begin(), words.end());
  for (std::size_t k = 1; k < words.size(); ++k)
    for (int q = words[k - 1] + 1; q < words[k]; ++q) {
      const Tok& t = toks_[static_cast<std::size_t>(q)];
      if (t.kind == TK::Word && t.text == "or"sv && (at < 0 || q == at)) return true;
    }
  return false;
}

std::optional<Context::Arm> Context::other_arm(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own) {
  if (hits.empty()) return std::nullopt;
  int s = hits.front().s, e = hits.front().e;
  for (const Hit& h : hits) {
    s = std::min(s, h.s);
    e = std::max(e, h.e);
  }
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto word = [&](int i, std::string_view w) { return tok(i).kind == TK::Word && tok(i).text == w; };
  const int sent = tok(s).sent;
  auto in_sent = [&](int i) { return i >= 0 && i < n && tok(i).sent == sent; };
  // Words that soften the other arm ("or maybe bigger", "or just part of it").
  auto softener = [&](int i) {
    return word(i, "maybe") || word(i, "perhaps") || word(i, "possibly") || word(i, "probably") || word(i, "just") ||
           word(i, "even") || word(i, "else") || word(i, "guess");
  };
  // Reasons offered as alternatives: "collapses to one layer, or maybe because
  // it overfits": the "because" opens the other arm instead of ending it.
  auto reason_word = [&](int i) { return word(i, "because") || word(i, "since"); };
  // Where an arm ends: a clause break, or a word that starts a reason or a condition.
  static const std::unordered_set<std::string_view> stops = {
      "because", "since", "as", "so", "which", "depending", "depends", "if", "when", "but", "and", "whereas",
      "while", "though", "although", "hence", "therefore", "or"};
  auto arm_stop = [&](int i) {
    const Tok& t = tok(i);
    if (t.sentence_end || t.boundary) return true;
    if (t.kind == TK::Symbol) return t.text == ","sv || t.text == ";"sv || t.text == ":"sv || t.text == "("sv || t.text == ")"sv;
    return t.kind == TK::Word && stops.count(t.text) > 0;
  };
  // A slash between two words is an "or" too ("sum / mean?", "CE/hinge?"), not in a
  // formula ("M/2", "1 / 64"), an abbreviation ("w/", "b/c") or "and/or".
  auto slash_or = [&](int i) {
    if (!(tok(i).kind == TK::Symbol && tok(i).text == "/"sv) || i == 0 || i + 1 >= n) return false;
    auto plain = [&](int j) {
      const Tok& t = tok(j);
      return t.kind == TK::Word && t.text.size() > 1 && t.text != "and"sv && t.text != "or"sv &&
             !part_.variables.count(t.text) && t.sent == tok(i).sent;
    };
    if (!plain(i - 1) || !plain(i + 1)) return false;
    // ... and only as a question: "mean/std" and "train/val/test" join, "sum / mean?" offers.
    for (int j = i + 1; j < n && j <= i + 8; ++j) {
      if (tok(j).kind == TK::Symbol && tok(j).text == "?"sv) return true;
      if (tok(j).sentence_end || tok(j).boundary || tok(j).sent != tok(i).sent ||
          (tok(j).kind == TK::Symbol && tok(j).text != "/"sv && tok(j).text != "+"sv))
        return false;
    }
    return false;
  };
  auto is_or = [&](int i) { return (word(i, "or") && !(i + 1 < n && word(i + 1, "not"))) || slash_or(i); };
  // An arm runs to its stop; a bracket that opens the arm, or opens inside a
  // formula, is part of it up to its close ("or (M/2-4)^2", "or 2(M/2-4)").
  auto is_sym = [&](int i, std::string_view x) { return tok(i).kind == TK::Symbol && tok(i).text == x; };
  auto math_tok = [&](int i) { return tok(i).kind == TK::Number || (tok(i).kind == TK::Symbol && !is_sym(i, ",") && !is_sym(i, ";")); };
  auto arm_end_forward = [&](int j, int arm_sent) {  // first token past the arm starting at j
    int k = j, depth = 0;
    while (k < n && tok(k).sent == arm_sent) {
      if (is_sym(k, "(") && (depth > 0 || k == j || math_tok(k - 1))) {
        ++depth;
      } else if (is_sym(k, ")") && depth > 0) {
        --depth;
      } else if (depth == 0 ? arm_stop(k) : (tok(k).sentence_end || tok(k).boundary)) {
        break;
      }
      ++k;
    }
    return k;
  };
  // The other arm holds a word of its own (not only softeners) and none of the
  // concept's own readings: a restatement ("64 ms, or 0.064 s") is no hedge.
  auto other_arm_differs = [&](int from, int to) {  // [from, to]
    bool content = false;
    for (int i = from; i <= to; ++i) {
      if (own[static_cast<std::size_t>(i)]) return false;
      if (!softener(i) && !(tok(i).kind == TK::Symbol)) content = true;
    }
    return content;
  };
  int o = -1, arm_from = -1, arm_to = -1;
  // "whole input? or just a neighbourhood": a question put, then the other arm.
  if (e + 2 < n && tok(e + 1).kind == TK::Symbol && tok(e + 1).text == "?"sv && word(e + 2, "or")) {
    const int arm_sent = tok(e + 2).sent;
    int j = e + 3;
    while (j < n && tok(j).sent == arm_sent && softener(j)) ++j;
    const int k = arm_end_forward(j, arm_sent);
    if (k > j && other_arm_differs(j, k - 1)) return Arm{e + 2, j, k - 1, true, s, e};  // the question mark is the doubt
    return std::nullopt;
  }
  // The hit in the first arm: "X or Y", "X, or maybe Y". Within three tokens;
  // further on, or across an "and", only an "or" after a comma ("(M/2-2)^2 for
  // both mean and std, or (M/2-4)^2"), and only when the words passed hold no
  // value and no other concept's reading: "M/2 x M/2 and the mean (M/2-2)^2,
  // or ..." hedges the mean's value, not the pool's; "1024 samples => 64 ms, or
  // 128 ms" hedges the time, not the sample count.
  bool far = false;
  // The rest of the hit's own formula is no other value: "(M/2-2" read, then
  // ")^2"; one side of "M/2-2 x M/2-2" read, then the other. Only after a
  // hit that ends in a formula ("1024 samples => 64 ms" passes a value).
  auto math_like = [&](int q) {
    const Tok& t = tok(q);
    if (t.kind == TK::Number) return true;
    // (not "=" or an arrow: what follows them is another value, "1024 => 64 ms")
    if (t.kind == TK::Symbol)
      return t.text != ","sv && t.text != ";"sv && t.text != ":"sv && t.text != "="sv && t.text != ">"sv &&
             t.text != "→"sv && t.text != "⇒"sv;
    return t.kind == TK::Word && (t.text == "x"sv || part_.variables.count(t.text) > 0);
  };
  auto ends_in_formula = [&](int q) {
    return q >= 0 && (tok(q).kind == TK::Number || (tok(q).kind == TK::Symbol && math_like(q)) ||
                      (tok(q).kind == TK::Word && part_.variables.count(tok(q).text) > 0));
  };
  auto passes_another_answer = [&](int from, int to) {
    if (!credit_toks_) credit_toks_ = reading_tokens(part_.concepts);
    if (from > 0 && ends_in_formula(from - 1))
      while (from <= to && math_like(from)) ++from;
    // (A value inside another reading of the concept itself is no other answer,
    // "a 5 x 5 patch, 5 frames by 5 bins, or maybe the whole frequency range",
    // unless another concept reads it too: "1024 samples => 64 ms, or 128 ms".)
    for (int q = from; q <= to; ++q) {
      const auto u = static_cast<std::size_t>(q);
      if (own[u] ? tok(q).kind == TK::Number && (*credit_toks_)[u] > 1
                 : tok(q).kind == TK::Number || (*credit_toks_)[u])
        return true;
    }
    return false;
  };
  // "(M/2-2) x (M/2-2) or (M/2-4) x (M/2-4)": the words are counted from the end
  // of the hit's own formula (its read side, then the other side of its shape).
  // (Forwards in the sentence of the hit's end: an `all` wording may take its
  // words from two sentences, "... decodes are meaningless. Caused by a weak KL
  // term or by ...".)
  const int fsent = tok(e).sent;
  auto in_fsent = [&](int i) { return i >= 0 && i < n && tok(i).sent == fsent; };
  int from = e + 1;
  if (ends_in_formula(e))
    while (in_fsent(from) && math_like(from)) ++from;
  // A parenthetical "I think" between the reading and its "or" stands aside ("5
  // frames by 5 bins around the position, I think, or maybe 25 bins").
  auto aside_len = [&](int i) {
    const bool aside = is_sym(i, ",") && i + 3 < n && word(i + 1, "i") &&
                       (word(i + 2, "think") || word(i + 2, "guess") || word(i + 2, "believe") ||
                        word(i + 2, "suppose") || word(i + 2, "reckon")) &&
                       is_sym(i + 3, ",");
    return aside ? 3 : 0;
  };
  // Two doubted arms side by side with no "or" ("Maybe the whole input, maybe just
  // part of it", "probably the whole input, though maybe only the nearby bins"): a
  // comma (and "though", "although" or "but") then "maybe", "perhaps" or
  // "possibly", after a clause that itself opens in doubt. Not an addition ("...,
  // maybe the bias too").
  auto doubted_clause_before = [&](int c) {  // the clause ending before the comma at c opens in doubt
    for (int q = c - 1, words = 0; q >= 0 && tok(q).sent == tok(c).sent && words < 12; --q) {
      if (tok(q).kind == TK::Word) {
        ++words;
        if (word(q, "maybe") || word(q, "perhaps") || word(q, "possibly") || word(q, "probably")) return true;
      }
      if (arm_stop(q)) return false;
    }
    return false;
  };
  auto doubt_comma = [&](int c) {  // the other arm's first token after the doubt word, or -1
    if (!is_sym(c, ",") || c + 2 >= n) return -1;
    int j = c + 1;
    if (word(j, "though") || word(j, "although") || word(j, "but")) ++j;
    if (j >= n || tok(j).sent != tok(c).sent || !(word(j, "maybe") || word(j, "perhaps") || word(j, "possibly")))
      return -1;
    if (!doubted_clause_before(c)) return -1;
    return j + 1;
  };
  // Not an addition ("..., maybe the bias too") or another concept's answer ("probably
  // the KL weight is too weak, maybe raise it": the cause, then the fix).
  auto additive = [&](int a, int b) {
    for (int q = a; q <= b; ++q)
      if (word(q, "too") || word(q, "also") || word(q, "both") || (word(q, "well") && q > a && word(q - 1, "as")))
        return true;
    if (!credit_words_) credit_words_ = reading_tokens(part_.concepts, true);
    for (int q = a; q <= b; ++q)
      if ((*credit_words_)[static_cast<std::size_t>(q)] && !own[static_cast<std::size_t>(q)]) return true;
    return false;
  };
  for (int i = from, between = 0; in_fsent(i) && between <= 8; ++i, ++between) {
    if (const int len = aside_len(i)) {
      i += len - 1;
      --between;
      continue;
    }
    if (between > 3) far = true;
    if (const int j0 = doubt_comma(i); j0 >= 0 && !passes_another_answer(from, i - 1)) {
      int j = j0;
      while (in_fsent(j) && softener(j)) ++j;
      const int k = arm_end_forward(j, fsent);
      if (k > j && other_arm_differs(j, k - 1) && !additive(j, k - 1)) {
        o = i;
        arm_from = j;
        arm_to = k - 1;
      }
      break;
    }
    if (is_or(i)) {
      if (far && !(i - 1 > e && tok(i - 1).kind == TK::Symbol && tok(i - 1).text == ","sv &&
                   !passes_another_answer(e + 1, i - 2)))
        break;
      // The words passed on the way to the "or" (after the hit's own formula) must
      // not hold another value or another concept's reading: "mean 204 (5*5*2*4+4),
      // std 204 or maybe 408" hedges the std's 204.
      if (from > e + 1 && from < i && passes_another_answer(from, i - 1)) break;
      // Near too, words that name another concept's reading, or a labelled value,
      // stand between: "conv1 ... = 52, pool 0 or 4" hedges the pool's count, not
      // conv1's (a bare list, "0, 204 or 200", is left as it was).
      // (Only when a word was passed: the readings are worked out once per answer and part.)
      bool word_passed = false;
      for (int q = from; q < i && !word_passed; ++q) word_passed = tok(q).kind == TK::Word;
      if (word_passed) {
        if (!credit_toks_) credit_toks_ = reading_tokens(part_.concepts);
        bool names_other = false;
        for (int q = from; q < i && !names_other; ++q)
          names_other = tok(q).kind == TK::Word && (*credit_toks_)[static_cast<std::size_t>(q)] &&
                        !own[static_cast<std::size_t>(q)];
        // ... and a labelled value of its own ("mu = ... = 204, sigma 204 or maybe 408").
        if (names_other || passes_another_answer(from, i - 1)) break;
      }
      int j = i + 1;
      while (in_fsent(j) && (softener(j) || reason_word(j))) ++j;
      const int k = arm_end_forward(j, fsent);
      if (k > j && other_arm_differs(j, k - 1)) {
        o = i;
        arm_from = j;
        arm_to = k - 1;
      }
      break;
    }
    if (tok(i).sentence_end || (tok(i).boundary && !(tok(i).kind == TK::Symbol && tok(i).text == ","sv))) break;
    if (tok(i).kind == TK::Word && stops.count(tok(i).text) > 0) {
      if (tok(i).text != "and"sv) break;
      far = true;
    }
  }
  // The hit in the second arm: "X or Y", "either X or maybe Y".
  if (o < 0) {
    int i = s - 1;
    // (And a pronoun's copula: "maybe the loss explodes, or it is very slow".)
    while (in_sent(i) && (softener(i) || reason_word(i) || word(i, "the") || word(i, "a") || word(i, "an") ||
                          word(i, "it") || word(i, "they") || word(i, "this") || word(i, "i") ||
                          ((word(i, "is") || word(i, "are") || word(i, "was") || word(i, "were")) && in_sent(i - 1) &&
                           (word(i - 1, "it") || word(i - 1, "they") || word(i - 1, "this")))))
      --i;
    // "either lower the threshold or use a sigmoid with BCE": after an "either",
    // the second arm runs from its "or" to the clause's end, whatever opens it.
    if (in_sent(i) && !is_or(i)) {
      int q = i;
      while (in_sent(q) && !is_or(q) && !arm_stop(q)) --q;
      if (in_sent(q) && is_or(q)) {
        bool either = false;
        for (int r = q - 1; in_sent(r) && !either; --r) either = word(r, "either");
        if (either) i = q;
      }
    }
    // "Maybe part of it, maybe the whole input": the doubted arm before the comma.
    if (in_sent(i) && i + 1 < n && (word(i, "though") || word(i, "although") || word(i, "but")) && in_sent(i - 1) &&
        is_sym(i - 1, ","))
      --i;
    if (in_sent(i) && doubt_comma(i) >= 0) {
      int k = i - 1;
      while (in_sent(k) && !arm_stop(k)) --k;
      int b = k + 1;
      while (b < i && softener(b)) ++b;
      if (b <= i - 1 && other_arm_differs(b, i - 1) && !additive(b, i - 1)) {
        o = i;
        arm_from = b;
        arm_to = i - 1;
      }
    }
    if (o < 0 && in_sent(i) && is_or(i)) {
      // "X, or maybe Y": a comma before the "or" ends the first arm; so does the
      // bracket of "X (or Y)".
      const int end = in_sent(i - 1) && tok(i - 1).kind == TK::Symbol && (tok(i - 1).text == ","sv || tok(i - 1).text == "("sv)
                          ? i - 2
                          : i - 1;
      int k = end, depth = 0;
      while (in_sent(k) && !word(k, "either")) {
        if (is_sym(k, ")") && (depth > 0 || k == end || (k + 1 < n && math_tok(k + 1)))) {
          ++depth;
        } else if (is_sym(k, "(") && depth > 0) {
          --depth;
        } else if (depth == 0 ? arm_stop(k) : (tok(k).sentence_end || tok(k).boundary)) {
          break;
        }
        --k;
      }
      if (k + 1 <= end && other_arm_differs(k + 1, end)) {
        o = i;
        arm_from = k + 1;
        arm_to = end;
      }
    }
  }
  if (o < 0) return std::nullopt;
  return Arm{o, arm_from, arm_to, false, s, e};
}

bool Context::slash_rival(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own, int* or_at) {
  // A slash list whose other items hold one of the part's misconceptions ("whole
  // input / local patch / one frame", "sum / mean / max"): rivals offered for one
  // answer. (A slash that joins, "mean/std", "train/val/test", holds none.)
  if (hits.empty() || part_.misconceptions.empty()) return false;
  int s = hits.front().s, e = hits.front().e;
  for (const Hit& h : hits) {
    s = std::min(s, h.s);
    e = std::max(e, h.e);
  }
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto slash = [&](int i) {
    if (i <= 0 || i + 1 >= n || !(tok(i).kind == TK::Symbol && tok(i).text == "/"sv)) return false;
    auto plain = [&](int j) {
      const Tok& t = tok(j);
      return t.kind == TK::Word && t.text.size() > 1 && t.text != "and"sv && t.text != "or"sv &&
             !part_.variables.count(t.text) && t.sent == tok(i).sent;
    };
    return plain(i - 1) && plain(i + 1);
  };
  auto item_tok = [&](int i) {
    return i >= 0 && i < n && !tok(i).sentence_end && !tok(i).boundary &&
           (tok(i).kind == TK::Word || slash(i)) && tok(i).text != "and"sv && tok(i).text != "or"sv;
  };
  auto minor = [&](int i) {
    return tok(i).kind == TK::Word && (tok(i).text == "the"sv || tok(i).text == "a"sv || tok(i).text == "an"sv);
  };
  int from = -1, to = -1, at = -1;
  if (slash(e + 1)) {
    at = e + 1;
    from = e + 2;
    to = from;
    while (item_tok(to + 1) && tok(to + 1).sent == tok(at).sent) ++to;
  } else {
    int i = s - 1;
    while (i >= 0 && minor(i)) --i;
    if (!slash(i)) return false;
    at = i;
    to = i - 1;
    from = to;
    while (item_tok(from - 1) && tok(from - 1).sent == tok(at).sent) --from;
  }
  if (!wrong_toks_) wrong_toks_ = reading_tokens(part_.misconceptions);
  bool wrong = false;
  for (int i = from; i <= to; ++i) {
    if (own[static_cast<std::size_t>(i)]) return false;
    wrong = wrong || (*wrong_toks_)[static_cast<std::size_t>(i)] != 0;
  }
  if (wrong && or_at) *or_at = at;
  return wrong;
}

bool Context::rival_clause_or(int o) const {
  // Two clauses side by side, each a subject and the same kind of verb ("the KL
  // term is too weak or the decoder is too small"): rival statements, with no
  // word of doubt. Not a consequence ("or the test score will be inflated": a
  // modal), not a pronoun's clause ("or it is ignored"), not a relative clause ("a
  // learning rate that is too high").
  const int n = static_cast<int>(toks_.size());
  if (o <= 0 || o + 1 >= n) return false;
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  static const std::unordered_set<std::string_view> copula = {"is", "are", "was", "were", "isn't", "aren't"};
  static const std::unordered_set<std::string_view> not_subject = {
      "it", "this", "that", "which", "there", "they", "he", "she", "we", "you", "i", "what", "who", "where"};
  static const std::unordered_set<std::string_view> modal = {"will", "would", "could", "might", "can", "may",
                                                             "should", "must", "shall"};
  static const std::unordered_set<std::string_view> breaks = {
      "because", "since", "so", "which", "if", "when", "but", "and", "whereas", "while", "though", "although", "or"};
  const int sent = tok(o).sent;
  auto clause_word = [&](int i) {
    return i >= 0 && i < n && tok(i).sent == sent && tok(i).kind == TK::Word && !tok(i).boundary &&
           !breaks.count(tok(i).text);
  };
  // [from, ...] opens with a subject of 1-4 words, then a copula; the words after
  // the copula run to `to`.
  auto subject_copula = [&](int from, int to) {
    if (!clause_word(from) || not_subject.count(tok(from).text)) return false;
    for (int q = from; q <= to && q <= from + 4; ++q) {
      if (!clause_word(q) || modal.count(tok(q).text) || (q > from && not_subject.count(tok(q).text))) return false;
      if (copula.count(tok(q).text)) return q > from && q < to;
    }
    return false;
  };
  // The clause before the "or" (a comma before it aside), back to its opening,
  // or to a "that" ("the cause is that the KL term is too weak").
  int left_end = o - 1;
  if (tok(left_end).kind == TK::Symbol && tok(left_end).text == ","sv) --left_end;
  if (!clause_word(left_end)) return false;
  int left_from = left_end;
  while (left_from - 1 >= 0 && left_from - 1 >= left_end - 12 && clause_word(left_from - 1)) --left_from;
  bool left = subject_copula(left_from, left_end + 1);
  for (int q = left_from; q < left_end && !left; ++q)
    if (tok(q).text == "that"sv) left = subject_copula(q + 1, left_end + 1);
  if (!left) return false;
  // The clause after it, to its end.
  int right_to = o + 1;
  while (right_to + 1 < n && clause_word(right_to + 1)) ++right_to;
  return subject_copula(o + 1, right_to);
}

bool Context::hedged(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own, int* or_at,
                     bool* rival_clauses) {
  const std::optional<Arm> arm = other_arm(hits, own);
  if (!arm) return slash_rival(hits, own, or_at);
  if (or_at) *or_at = arm->o;
  if (arm->question) return true;
  const int s = arm->s, e = arm->e, o = arm->o, arm_from = arm->from, arm_to = arm->to;
  const int n = static_cast<int>(toks_.size());
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  auto word = [&](int i, std::string_view w) { return tok(i).kind == TK::Word && tok(i).text == w; };
  // A positive reading of one of the part's misconceptions (wrong_in) or concepts (credit_in) in [from, to].
  auto wrong_in = [&](int from, int to) {
    if (part_.misconceptions.empty()) return false;
    if (!wrong_toks_) wrong_toks_ = reading_tokens(part_.misconceptions);
    for (int i = from; i <= to; ++i)
      if ((*wrong_toks_)[static_cast<std::size_t>(i)]) return true;
    return false;
  };
  auto credit_in = [&](int from, int to) {
    if (!credit_toks_) credit_toks_ = reading_tokens(part_.concepts);
    for (int i = from; i <= to; ++i)
      if ((*credit_toks_)[static_cast<std::size_t>(i)]) return true;
    return false;
  };
  // Alternatives closed by a question mark ("whole input / one time frame?", "X or Y?"):
  // the question is the doubt.
  {
    const int after = std::max(e, arm_to) + 1;
    if (after < n && tok(after).kind == TK::Symbol && tok(after).text == "?"sv) return true;
  }
  // Reasons offered as alternatives ("collapse into one layer, or because they
  // vanish"): an "or because" hedges between reasons, with or without a doubt
  // word, unless the other reason is right too ("either because low-level
  // features are shared across tasks, or because fewer weights are trained"): an
  // other arm that holds another concept's reading, and no misconception's, is
  // that concept's answer, not a rival to this one.
  for (int q = o + 1; q < n && q <= o + 2 && tok(q).kind == TK::Word; ++q) {
    if (word(q, "because") || word(q, "since"))
      return wrong_in(arm_from, arm_to) || !credit_in(arm_from, arm_to);
    if (!(word(q, "maybe") || word(q, "perhaps") || word(q, "possibly") || word(q, "probably") || word(q, "just")))
      break;
  }
  const int sent = tok(s).sent;
  auto in_sent = [&](int i) { return i >= 0 && i < n && tok(i).sent == sent; };
  // The other arm is one of the part's misconceptions ("cross-entropy or MSE"):
  // a hedge whatever else the sentence says.
  if (wrong_in(arm_from, arm_to)) return true;
  // ... or a further arm of the same chain does ("training is slow or the loss
  // gets stuck or overfitting").
  if (o > e) {
    int q = arm_to + 1;
    while (q < n && tok(q).sent == tok(o).sent && word(q, "or")) {
      int end = q + 1;
      while (end < n && tok(end).sent == tok(o).sent && tok(end).kind == TK::Word && !tok(end).boundary &&
             !word(end, "or") && !word(end, "because") && !word(end, "since") && !word(end, "so") &&
             !word(end, "but") && !word(end, "and") && !word(end, "which") && end <= q + 8)
        ++end;
      if (end > q + 1 && wrong_in(q + 1, end - 1)) return true;
      q = end;
    }
  }
  {
    // Two arms opened by the same preposition ("caused by a weak KL term or by too
    // high a learning rate"): alternatives side by side, with no word of doubt.
    static const std::unordered_set<std::string_view> preps = {"by", "to", "from", "with", "for", "in", "on",
                                                               "at", "through", "via", "into"};
    // The reading in the first arm: the same preposition just before its hit next
    // to the "or"; in the second arm: right after the "or", and opening the first arm.
    if (o > e) {
      const int p = o + 1;
      int start = s;
      for (const Hit& h : hits)
        if (h.e == e) start = h.s;
      if (p <= arm_to && tok(p).kind == TK::Word && preps.count(tok(p).text))
        for (int q = start - 1; q >= 0 && q >= start - 3 && tok(q).sent == tok(start).sent; --q)
          if (word(q, tok(p).text)) return true;
    } else if (o + 1 < s && tok(o + 1).kind == TK::Word && preps.count(tok(o + 1).text)) {
      for (int q = arm_from; q <= arm_to && q <= arm_from + 2; ++q)
        if (word(q, tok(o + 1).text)) return true;
    }
  }
  {
    // Two arms opened by the same word ("number of frozen layers or number of
    // epochs", "how many layers to freeze or how many epochs"): rivals side by
    // side, unless the other arm is another concept's answer.
    static const std::unordered_set<std::string_view> minor = {
        "the", "a", "an", "it", "they", "this", "that", "these", "those", "we", "you", "i", "one", "is", "are",
        "be", "was", "were", "to", "of", "and", "not", "its", "their", "maybe", "perhaps", "possibly", "probably",
        "just", "even", "else", "because", "since"};
    auto head = [&](int from, int to) {  // the first word of [from, to] that is not minor
      for (int q = from; q <= to; ++q) {
        if (tok(q).kind != TK::Word) return -1;
        if (!minor.count(tok(q).text)) return q;
      }
      return -1;
    };
    const int other = head(arm_from, arm_to);
    int own_head = -1;
    if (other >= 0) {
      if (o > e) {
        // The reading's arm: back from the hit next to the "or" to its clause's start.
        int start = s;
        for (const Hit& h : hits)
          if (h.e == e) start = h.s;
        int q = start;
        auto clause_break = [&](int i) {
          static const std::unordered_set<std::string_view> stops = {
              "because", "since", "so", "which", "if", "when", "but", "and", "whereas", "while", "though", "although", "or"};
          const Tok& t = tok(i);
          if (t.sentence_end || t.boundary) return true;
          if (t.kind == TK::Symbol) return t.text == ","sv || t.text == ";"sv || t.text == ":"sv || t.text == "("sv || t.text == ")"sv;
          return t.kind == TK::Word && stops.count(t.text) > 0;
        };
        while (q - 1 >= 0 && q - 1 >= start - 3 && tok(q - 1).sent == tok(start).sent && !clause_break(q - 1)) --q;
        own_head = head(q, e);
      } else {
        own_head = head(o + 1, e);
      }
    }
    if (own_head >= 0 && tok(own_head).text == tok(other).text) {
      // (The words another concept's reading matched, not the span it covers:
      // "number of frozen layers or number of epochs; the new learning rate" has a
      // learning-rate reading that spans the other arm.)
      if (!credit_words_) credit_words_ = reading_tokens(part_.concepts, true);
      bool other_answer = false;
      for (int i = arm_from; i <= arm_to && !other_answer; ++i)
        other_answer = (*credit_words_)[static_cast<std::size_t>(i)] != 0 && !own[static_cast<std::size_t>(i)];
      if (!other_answer) return true;
    }
  }
  if (rival_clause_or(o)) {
    // (Not when the other clause is another concept's answer: two statements.)
    if (!credit_words_) credit_words_ = reading_tokens(part_.concepts, true);
    const int from = o > e ? o + 1 : arm_from, to = arm_to;
    bool other_answer = false;
    for (int i = from; i <= to && !other_answer; ++i)
      other_answer = (*credit_words_)[static_cast<std::size_t>(i)] != 0 && !own[static_cast<std::size_t>(i)];
    if (!other_answer) {
      if (rival_clauses) *rival_clauses = true;
      return true;
    }
  }
  {
    // A rival offered as a noun phrase of its own, with no word of doubt ("the
    // whole input or a small region", "previous frames or the whole sequence"): the
    // other arm opens with a determiner right after the "or" ("or it becomes
    // another ..." is a consequence, "or even diverges" an intensifier).
    static const std::unordered_set<std::string_view> det = {"a", "an", "the", "only", "just", "all", "some",
                                                             "one", "another", "each", "every"};
    // (Not a clause: ", or the test score will be inflated" is "or else".)
    static const std::unordered_set<std::string_view> verbs = {
        "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "may", "might", "should",
        "must", "becomes", "become", "gets", "get", "has", "have", "had", "does", "do", "did", "makes", "make"};
    bool clause = false;
    for (int q = o + 1; q <= arm_to && !clause; ++q) clause = tok(q).kind == TK::Word && verbs.count(tok(q).text) > 0;
    if (!clause && o + 1 <= arm_to && tok(o + 1).kind == TK::Word && det.count(tok(o + 1).text)) return true;
  }
  // A hedge says it is unsure somewhere in the sentence: "either", "maybe",
  // "could be", "not sure", "hard to tell", "depending on"...
  int first = s, last = e;
  while (in_sent(first - 1)) --first;
  while (in_sent(last + 1)) ++last;
  // A reading whose words come from two sentences: the sentence of the "or".
  if (tok(o).sent != sent) {
    first = last = o;
    while (first > 0 && tok(first - 1).sent == tok(o).sent) --first;
    while (last + 1 < n && tok(last + 1).sent == tok(o).sent) ++last;
  }
  // A semicolon ends the doubt's reach: "Divergence of the loss (possibly to NaN) is
  // observed; the curve is jumpy, or rises" doubts the NaN, not the curve.
  {
    const int lo = std::min({s, o, arm_from}), hi = std::max({e, o, arm_to});
    for (int i = lo - 1; i >= first; --i)
      if (tok(i).kind == TK::Symbol && tok(i).text == ";"sv) {
        first = i + 1;
        break;
      }
    for (int i = hi + 1; i <= last; ++i)
      if (tok(i).kind == TK::Symbol && tok(i).text == ";"sv) {
        last = i - 1;
        break;
      }
  }
  for (int i = first; i <= last; ++i) {
    if (tok(i).kind != TK::Word) continue;
    const std::string& t = tok(i).text;
    if (t == "either"sv && i < o) return true;
    // "we could raise the KL weight or anneal it": options suggested, not doubt
    // ("it could be X or Y" is doubt).
    if ((t == "could"sv || t == "might"sv) && i > first &&
        (word(i - 1, "we") || word(i - 1, "you") || word(i - 1, "one") || word(i - 1, "i")) && i + 1 <= last &&
        !word(i + 1, "be"))
      continue;
    // "raise the KL weight (or anneal it), and perhaps train for longer": the doubt
    // softens an item added after the arms, not the choice between them.
    if (doubt_word(t) && i > std::max(e, arm_to) + 1 &&
        (word(i - 1, "and") || word(i - 1, "also") || word(i - 1, "plus")))
      continue;
    if (doubt_word(t)) return true;
    // "Softmax, I think, or sigmoid": the candidate's own opinion, offered between rivals.
    if ((t == "think"sv || t == "believe"sv || t == "suppose"sv || t == "reckon"sv) && i > first && word(i - 1, "i"))
      return true;
    if (t == "sure"sv && i > first && (word(i - 1, "not") || word(i - 1, "unsure"))) return true;
    if ((t == "tell"sv || t == "say"sv) && i > first && word(i - 1, "to") && i > first + 1 && word(i - 2, "hard"))
      return true;
    // "it's one of the two: X or Y"; "X or Y, one of them" (said at the clause's end:
    // "one of them is frozen" is no doubt)
    if (t == "one"sv && i + 3 <= last && word(i + 1, "of") &&
        (word(i + 2, "the") || word(i + 2, "these") || word(i + 2, "those")) && word(i + 3, "two"))
      return true;
    if (t == "one"sv && i + 2 <= last && word(i + 1, "of") &&
        (word(i + 2, "them") || word(i + 2, "these") || word(i + 2, "those")) && i > o &&
        (i + 2 == last || tok(i + 3).kind != TK::Word))
      return true;
  }
  // Two values offered ("M/2-4 or M/2-2", "12x12x4 or 14x14x4"): a reading
  // with a number whose other arm holds another number that no concept of the
  // part reads ("1024 samples or 64 ms" gives two concepts, and is no hedge).
  auto has_number = [&](int from, int to) {
    for (int i = from; i <= to; ++i)
      if (tok(i).kind == TK::Number) return true;
    return false;
  };
  if (!has_number(s, e) || !has_number(arm_from, arm_to)) return false;
  return !credit_in(arm_from, arm_to);
}

bool Context::hedged_misconception(const std::vector<Hit>& hits, const std::vector<std::uint8_t>& own) {
  const std::optional<Arm> arm = other_arm(hits, own);
  if (!arm) return false;
  if (!credit_toks_) credit_toks_ = reading_tokens(part_.concepts);
  const auto credit = [&](int i) { return (*credit_toks_)[static_cast<std::size_t>(i)] != 0; };
  // The wrong arm must be wrong only: "1 frame x 7 bins, or 7 frames x 1 bin",
  // where a concept also reads "7 x 1", is left as it was.
  for (const Hit& h : hits)
    for (int i = h.s; i <= h.e; ++i)
      if (credit(i)) return false;
  for (int i = arm->from; i <= arm->to; ++i)
    if (credit(i)) return true;
  return false;
}

Context::Verdict Context::judge(const CConcept& c, bool check_negation, bool is_concept) {
  Verdict best, neg_best;
  bool listed = false;
  // Every wording's readings first: a hedge's other arm is judged against all of them.
  std::vector<std::vector<Found>> by_wording(c.wordings.size());
  const bool hedge_check = is_concept && !part_.part->hedges_credit;
  const bool wrong_hedge_check = !is_concept && !part_.part->hedges_credit;
  std::vector<std::uint8_t> own;  // made when a reading is first checked for a hedge
  for (std::size_t wi = 0; wi < c.wordings.size(); ++wi) by_wording[wi] = wording_hits(c.wordings[wi], check_negation);
  auto own_tokens = [&]() -> const std::vector<std::uint8_t>& {
    if (own.empty()) {
      own.assign(toks_.size(), 0);
      // (Not a reading whose words stand on both sides of an "or": "frozen layers or
      // number of epochs" read as "frozen ... number of" restates nothing in either arm.)
      for (const auto& found : by_wording)
        for (const Found& f : found)
          if (!f.neg.negated && !straddles_or(f.hits) && !crosses_or(f.hits)) mark_hits(own, f.hits);
    }
    return own;
  };
  for (std::size_t wi = 0; wi < c.wordings.size(); ++wi) {
    std::vector<Found>& found = by_wording[wi];
    // A value or working written for another concept ("pool: (M-4)/2") is not this one's.
    if (!c.about.empty()) {
      std::erase_if(found, [&](const Found& f) { return !f.hits.empty() && labelled_elsewhere(c, f.hits.front()); });
    }
    // Named only in a bare list of terms, where the part asks for statements.
    if (!part_.part->term_lists_credit) {
      const auto before = found.size();
      std::erase_if(found, [&](const Found& f) { return only_in_term_list(f.hits); });
      if (found.size() < before) listed = true;
    }
  }
  // Which readings are one arm of a hedge. One reading across the two arms of an
  // "or" is no answer on its own; nor is a reading whose words stand on both sides
  // of an "or" that hedges another reading of the concept ("number of frozen
  // layers or number of epochs" read as "frozen ... number of").
  std::vector<std::vector<char>> refused(by_wording.size());
  if (hedge_check || wrong_hedge_check) {
    std::vector<int> hedge_ors, clause_ors;
    for (std::size_t wi = 0; wi < by_wording.size(); ++wi) {
      refused[wi].assign(by_wording[wi].size(), 0);
      for (std::size_t k = 0; k < by_wording[wi].size(); ++k) {
        const Found& f = by_wording[wi][k];
        if (f.neg.negated) continue;
        if (hedge_check) {
          int o = -1;
          bool clauses = false;
          if (straddles_or(f.hits)) {
            refused[wi][k] = 1;
          } else if (hedged(f.hits, own_tokens(), &o, &clauses)) {
            refused[wi][k] = 1;
            if (o >= 0) (clauses ? clause_ors : hedge_ors).push_back(o);
          } else if (f.hits.size() > 1) {
            // A reading whose words come from several sentences: each sentence's part
            // of it is judged in its own sentence ("Maybe the KL is too weak or too
            // strong. Train longer so the latent space gets organised": the cause is
            // hedged where it is said, whatever the later sentence adds).
            std::vector<int> sents;
            for (const Hit& h : f.hits) {
              const int sn = toks_[static_cast<std::size_t>(h.s)].sent;
              if (std::find(sents.begin(), sents.end(), sn) == sents.end()) sents.push_back(sn);
            }
            if (sents.size() > 1) {
              for (const int sn : sents) {
                std::vector<Hit> part;
                for (const Hit& h : f.hits)
                  if (toks_[static_cast<std::size_t>(h.s)].sent == sn) part.push_back(h);
                if (hedged(part, own_tokens())) {
                  refused[wi][k] = 1;
                  break;
                }
              }
            }
          }
        } else {
          refused[wi][k] = hedged_misconception(f.hits, own_tokens()) ? 1 : 0;
        }
      }
    }
    // (Only when the reading's words on one side of the "or" merely repeat words
    // of the other arm, as "number of" does: "increase the KL weight (or anneal it
    // so the posterior matches the prior)" read across its "or" is a reading of
    // both arms' own words.)
    const int n = static_cast<int>(toks_.size());
    auto repeats_across = [&](const std::vector<Hit>& hits, int o) {
      const int sent = toks_[static_cast<std::size_t>(o)].sent;
      auto side_text = [&](int from, int step) {
        std::unordered_set<std::string_view> texts;
        for (int q = from; q >= 0 && q < n && toks_[static_cast<std::size_t>(q)].sent == sent; q += step)
          if (toks_[static_cast<std::size_t>(q)].kind == TK::Word) texts.insert(toks_[static_cast<std::size_t>(q)].text);
        return texts;
      };
      const auto before = side_text(o - 1, -1), after = side_text(o + 1, 1);
      bool after_repeats = true, before_repeats = true;
      for (const Hit& h : hits)
        for (int q : h.toks) {
          const std::string_view t = toks_[static_cast<std::size_t>(q)].text;
          if (q > o && !before.count(t)) after_repeats = false;
          if (q < o && !after.count(t)) before_repeats = false;
        }
      return after_repeats || before_repeats;
    };
    for (const int o : hedge_ors)
      for (std::size_t wi = 0; wi < by_wording.size(); ++wi)
        for (std::size_t k = 0; k < by_wording[wi].size(); ++k) {
          const Found& f = by_wording[wi][k];
          if (!refused[wi][k] && !f.neg.negated && crosses_or(f.hits, o) && repeats_across(f.hits, o)) refused[wi][k] = 1;
        }
    // Across the "or" between two rival clauses, any reading takes words from the
    // rival ("the KL term is too weak or the decoder is too small" read as KL weak +
    // decoder).
    for (std::size_t wi = 0; wi < by_wording.size(); ++wi)
      for (std::size_t k = 0; k < by_wording[wi].size(); ++k) {
        const Found& f = by_wording[wi][k];
        if (refused[wi][k] || f.neg.negated) continue;
        bool across = false;
        for (const int o : clause_ors) across = across || crosses_or(f.hits, o);
        // (Not when both clauses hold readings of their own, of this concept or
        // another: "the KL term is too weak or the latent is badly regularised"
        // names two causes.)
        auto both_read = [&](int q) {
          if (!credit_words_) credit_words_ = reading_tokens(part_.concepts, true);
          const auto& mine = own_tokens();
          auto side = [&](int from, int step) {
            const int sent = toks_[static_cast<std::size_t>(q)].sent;
            for (int i = from; i >= 0 && i < n && toks_[static_cast<std::size_t>(i)].sent == sent; i += step) {
              const Tok& t = toks_[static_cast<std::size_t>(i)];
              if (t.boundary || (t.kind == TK::Symbol && (t.text == ";"sv || t.text == ":"sv)) ||
                  (t.kind == TK::Word && (t.text == "because"sv || t.text == "and"sv || t.text == "so"sv || t.text == "or"sv)))
                break;
              if (mine[static_cast<std::size_t>(i)] || (*credit_words_)[static_cast<std::size_t>(i)]) return true;
            }
            return false;
          };
          return side(q - 1, -1) && side(q + 1, 1);
        };
        if (!across && crosses_or(f.hits)) {
          for (const Hit& h : f.hits)
            for (int q = h.s; q < h.e && !across; ++q)
              across = toks_[static_cast<std::size_t>(q)].kind == TK::Word && toks_[static_cast<std::size_t>(q)].text == "or"sv &&
                       crosses_or(f.hits, q) && rival_clause_or(q) && !both_read(q);
          for (std::size_t m = 1; m < f.hits.size() && !across; ++m)
            for (int q = std::min(f.hits[m - 1].e, f.hits[m].e); q < std::max(f.hits[m - 1].s, f.hits[m].s) && !across; ++q)
              across = toks_[static_cast<std::size_t>(q)].kind == TK::Word && toks_[static_cast<std::size_t>(q)].text == "or"sv &&
                       crosses_or(f.hits, q) && rival_clause_or(q) && !both_read(q);
        }
        if (across) refused[wi][k] = 1;
      }
  }
  const Found* hedge = nullptr;
  for (std::size_t wi = 0; wi < c.wordings.size(); ++wi) {
    const CWording& w = c.wordings[wi];
    const double marks = w.src->marks.value_or(c.marks);
    const std::vector<Found>& found = by_wording[wi];
    const Found* pos = nullptr;
    const Found* negf = nullptr;
    for (std::size_t k = 0; k < found.size(); ++k) {
      const Found& f = found[k];
      if (!f.neg.negated) {
        if (!refused[wi].empty() && refused[wi][k]) {
          if (!hedge) hedge = &f;
          continue;
        }
        if (!pos) pos = &f;
      } else if (!negf) {
        negf = &f;
      }
    }
    if (pos && (!best.found || marks > best.marks)) {
      best = Verdict{};
      best.found = true;
      best.wording = static_cast<int>(wi);
      best.marks = marks;
      best.hits = pos->hits;
      best.uncertain = pos->neg.uncertain;
      for (const Hit& h : pos->hits) {
        if (h.edits > 0) best.fuzzy = true;
        if (!h.note.empty()) best.note += (best.note.empty() ? "" : "; ") + h.note;
      }
    }
    if (negf && !neg_best.negated) {
      neg_best.negated = true;
      neg_best.wording = static_cast<int>(wi);
      neg_best.hits = negf->hits;
      neg_best.uncertain = negf->neg.uncertain;
      neg_best.note = "not credited: negated by '" + negf->neg.cue + "'";
    }
  }
  if (best.found) {
    // A negated reading elsewhere makes the verdict worth a second look only
    // when nothing else is uncertain; keep the credited one.
    return best;
  }
  if (listed && !neg_best.negated) neg_best.note = "named only in a bare list of terms: no credit in this part";
  if (hedge && !neg_best.negated) {
    // Offered as one arm of a hedge: not credited, and worth a human's look.
    neg_best = Verdict{};
    neg_best.hits = hedge->hits;
    neg_best.uncertain = true;
    neg_best.note = "not credited: offered as one of two answers (a hedge)";
  }
  return neg_best;
}

Evidence Context::evidence(const Hit& h) const {
  const Tok& a = toks_[static_cast<std::size_t>(h.s)];
  const Tok& b = toks_[static_cast<std::size_t>(h.e)];
  Evidence ev;
  ev.start = base_ + a.b;
  ev.end = base_ + std::max(a.b, b.e);
  ev.text = std::string(text_.substr(a.b, std::max(a.b, b.e) - a.b));
  return ev;
}

void Context::choose(PartMatch& pm) {
  struct Mention {
    std::size_t option;
    Hit hit;
  };
  std::vector<Mention> mentions;
  TextOptions lo;
  lo.gap = 0;
  for (std::size_t oi = 0; oi < part_.options.size(); ++oi) {
    const COption& o = part_.options[oi];
    for (const CSeq& s : o.names)
      for (Hit& h : match_seq_fixed(s, lo))
        if (!taken_back(h)) mentions.push_back({oi, std::move(h)});
  }
  // Letters: "(b)", "b)", "option b", "answer: b", or a bare letter in a very short answer.
  const int n = static_cast<int>(toks_.size());
  int words = 0;
  bool letters_only = true;  // "a and c", "b, d": only letters and connectives
  for (const Tok& t : toks_) {
    if (t.kind == TK::Symbol) continue;
    ++words;
    if (!(t.kind == TK::Word && (t.raw.size() == 1 || t.text == "and"sv || t.text == "or"sv || t.text == "both"sv ||
                                 t.text == "option"sv || t.text == "options"sv)))
      letters_only = false;
  }
  auto tok = [&](int i) -> const Tok& { return toks_[static_cast<std::size_t>(i)]; };
  // "b/c" (because), "w/o" (without): two lower-case letters glued by a slash
  // with words after them are shorthand, not two options.
  auto shorthand = [&](int i) {
    auto glued_pair = [&](int a) {  // tokens a, a+1, a+2 = letter "/" letter, glued
      if (a < 0 || a + 2 >= n) return false;
      const Tok& x = tok(a);
      const Tok& sl = tok(a + 1);
      const Tok& y = tok(a + 2);
      return x.kind == TK::Word && x.raw.size() == 1 && sl.text == "/"sv && y.kind == TK::Word && y.raw.size() == 1 &&
             x.e == sl.b && sl.e == y.b && x.raw[0] >= 'a' && x.raw[0] <= 'z' && y.raw[0] >= 'a' && y.raw[0] <= 'z' &&
             a + 3 < n && tok(a + 3).kind == TK::Word;
    };
    return glued_pair(i) || glued_pair(i - 2);
  };
  std::erase_if(mentions, [&](const Mention& m) { return m.hit.s == m.hit.e && shorthand(m.hit.s); });
  // An option named by the letter "A" (or "I") read as the article ("C is the one
  // with a smaller learning rate", "C. A smaller learning rate makes ..."): a
  // lower-case "a" inside a sentence before a word that is no verb or connective
  // ("a because ..." names the option), or an "A" opening a sentence before a
  // word an article plainly opens ("A smaller learning rate", "A lot"). The
  // letter rules below still read "(a)", "a)", "option a" and bare answers.
  {
    static const std::set<std::string, std::less<>> after_option = {
        "is", "was", "has", "had", "because", "since", "as", "and", "or", "then", "would", "will", "should",
        "must", "can", "could", "might", "may", "does", "did", "gives", "gave", "shows", "showed", "uses", "used",
        "corresponds", "looks", "seems", "appears", "with", "for", "so", "therefore", "but", "whereas", "while",
        "too", "also", "only", "again", "here", "clearly", "obviously", "definitely", "probably", "maybe",
        "which", "that", "hence", "thus", "to", "vs", "versus", "than", "not", "isn't", "wasn't",
        "goes", "went", "moves", "falls", "drops", "decreases", "converges", "oscillates", "starts", "ends",
        "stays", "remains", "reaches", "takes", "got", "gets", "must've", "bc", "b/c", "i", "cos", "coz", "cuz",
        "it", "it's", "its"};
    std::erase_if(mentions, [&](const Mention& m) {
      if (m.hit.s != m.hit.e) return false;
      const Tok& t = tok(m.hit.s);
      if (t.kind != TK::Word || t.raw.size() != 1 || (t.text != "a"sv && t.text != "i"sv)) return false;
      const int i = m.hit.s;
      if (i + 1 >= n || tok(i + 1).kind != TK::Word || tok(i + 1).sent != t.sent) return false;
      const bool lower = t.raw[0] == 'a' || t.raw[0] == 'i';
      const bool opens = i == 0 || tok(i - 1).sentence_end || tok(i - 1).sent != t.sent;
      const std::string& next = tok(i + 1).text;
      if (!opens) return lower && !after_option.count(next);
      // Opening a sentence, only before what an article plainly opens: "A smaller
      // learning rate", "A lot of", "A very small step" ("A bc lowest lr", "A i
      // think?" name the option).
      static const std::set<std::string, std::less<>> article_next = {
          "small", "large", "big", "high", "low", "lot", "very", "much", "tiny", "huge", "single", "learning",
          "step", "curve", "loss", "rate", "lr", "good", "bad", "slightly", "fairly", "really", "too", "more",
          "less", "fixed", "constant", "noisy", "slow", "fast", "bit", "few", "little"};
      static const std::set<std::string, std::less<>> not_comparative = {
          "either", "neither", "rather", "however", "after", "other", "under", "over", "never", "whether",
          "together", "later", "answer", "number", "paper", "layer", "optimiser", "optimizer", "order"};
      const bool comparative = next.size() > 4 && next.ends_with("er") && !not_comparative.count(next);
      return article_next.count(next) > 0 || comparative;
    });
  }
  for (int i = 0; i < n; ++i) {
    const Tok& t = tok(i);
    if (t.kind != TK::Word || t.raw.size() != 1 || t.retracted) continue;
    if (shorthand(i)) continue;
    // The letter right after a retraction cue and its comma, when the answer's
    // opening was taken back ("C. no wait, A", "C. No sorry, A"): the answer the
    // candidate settled on.
    const bool settled = i >= 2 && tok(i - 1).text == ","sv &&
                         (tok(i - 2).text == "wait"sv || tok(i - 2).text == "sorry"sv || tok(i - 2).text == "no"sv) &&
                         tok(0).retracted;
    for (std::size_t oi = 0; oi < part_.options.size(); ++oi) {
      if (part_.options[oi].letter != t.text) continue;
      const bool paren = i > 0 && i + 1 < n && tok(i - 1).text == "("sv && tok(i + 1).text == ")"sv;
      const bool lead = (i == 0 || tok(i - 1).sentence_end || tok(i - 1).sent != t.sent) && i + 1 < n &&
                        (tok(i + 1).text == ")"sv || tok(i + 1).text == "."sv || tok(i + 1).text == ":"sv);
      bool named = false;
      for (int q = i - 1, steps = 0; q >= 0 && steps < 3; --q, ++steps) {
        const std::string& x = tok(q).text;
        if (x == "option"sv || x == "answer"sv || x == "choice"sv || x == "choose"sv || x == "chose"sv || x == "select"sv ||
            x == "pick"sv) {
          named = true;
          break;
        }
        if (!(x == "is"sv || x == ":"sv || x == "="sv || x == "-"sv || x == "would"sv || x == "be"sv)) break;
      }
      const bool bare = words <= 6 && (t.text != "a"sv && t.text != "i"sv ? true : (words <= 2 || letters_only));
      if (paren || lead || named || bare || settled) {
        Hit h;
        h.s = h.e = i;
        h.toks.push_back(i);
        mentions.push_back({oi, std::move(h)});
      }
    }
  }
  // Longest mentions first; an overlapped shorter one ("ReLU" inside "Leaky ReLU") is dropped.
  std::stable_sort(mentions.begin(), mentions.end(), [&](const Mention& a, const Mention& b) {
    const auto la = tok(a.hit.e).e - tok(a.hit.s).b, lb = tok(b.hit.e).e - tok(b.hit.s).b;
    if (la != lb) return la > lb;
    return a.hit.s < b.hit.s;
  });
  std::vector<bool> used(toks_.size(), false);
  std::vector<bool> selected(part_.options.size(), false);
  std::vector<Evidence> ev(part_.options.size());
  std::vector<bool> has_ev(part_.options.size(), false);
  static const std::set<std::string, std::less<>> aux = {"is", "does", "do", "would", "will", "can", "should",
                                                         "could", "was", "are", "did"};
  std::vector<const Mention*> kept;
  for (const Mention& m : mentions) {
    bool clash = false;
    for (int q = m.hit.s; q <= m.hit.e; ++q) clash = clash || used[static_cast<std::size_t>(q)];
    if (clash) continue;
    for (int q = m.hit.s; q <= m.hit.e; ++q) used[static_cast<std::size_t>(q)] = true;
    kept.push_back(&m);
  }
  std::sort(kept.begin(), kept.end(), [](const Mention* a, const Mention* b) { return a->hit.s < b->hit.s; });
  // Options given roles ("smallest is A, largest is C", "C is the largest",
  // "A (lowest lr), then B, then C"): when the part's prompt asks for one of
  // those roles, only the option given that role is chosen.
  const int asked = part_.asked_role;
  std::vector<const Mention*> other_role;  // given the role opposite to the one asked
  // Options ranked by a chain of comparisons ("A < B < C", "eta_A < eta_B < eta_C"
  // from LaTeX, "C > B > A"): when the prompt asks for the smallest or the largest,
  // the chain stands for its end (what else is named stays: "A: A < B < C").
  if (kept.size() > 1 && asked != 0) {
    auto link = [&](std::size_t k) {  // +1: kept[k] < kept[k+1]; -1: >; 0: no comparison between them
      const int a = kept[k]->hit.e + 1, b = kept[k + 1]->hit.s;  // the tokens between: [a, b)
      if (a >= b) return 0;
      const std::string& x = tok(a).text;
      const int d = x == "<"sv || x == "\u2264"sv ? 1 : x == ">"sv || x == "\u2265"sv ? -1 : 0;
      // After the comparison only the quantity's name and its underscore may stand
      // before the next letter ("eta _ B", "lr _ B").
      if (d != 0 && b > a + 1) {
        if (tok(b - 1).text != "_"sv) return 0;
        for (int q = a + 1; q < b - 1; ++q)
          if (tok(q).kind != TK::Word) return 0;
      }
      return d;
    };
    for (std::size_t r0 = 0; r0 + 1 < kept.size(); ++r0) {
      const int dir = link(r0);
      if (dir == 0) continue;
      std::size_t r1 = r0 + 1;
      while (r1 + 1 < kept.size() && link(r1) == dir) ++r1;
      if (r1 + 1 < kept.size() && link(r1) != 0) break;  // "A < B > C": no ranking
      const Mention* pick = (asked == 1) == (dir == 1) ? kept[r0] : kept[r1];
      kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(r0), kept.begin() + static_cast<std::ptrdiff_t>(r1) + 1);
      kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(r0), pick);
      break;
    }
  }
  if (kept.size() > 1) {
    if (asked != 0) {
      std::vector<int> role(kept.size(), 0);
      static const std::set<std::string, std::less<>> clause_joiners = {"and", "but", "whereas", "while", "whilst",
                                                                        "or", "then"};
      for (std::size_t k = 0; k < kept.size(); ++k) {
        const Mention& m = *kept[k];
        auto scan = [&](int from, int step) {
          for (int q = from, seen = 0; q >= 0 && q < n && seen < 4; q += step, ++seen) {
            const Tok& x = tok(q);
            if (x.kind == TK::Symbol && (x.text == ","sv || x.text == ";"sv || x.text == "."sv || x.text == "!"sv)) return 0;
            if (x.sentence_end || x.boundary) return superlative_role(x.text);
            if (const int r = superlative_role(x.text)) return r;
            // Looking back, a conjunction ends the search: the role before it is the
            // previous option's ("A to the smallest and C to the largest").
            if (step < 0 && x.kind == TK::Word && clause_joiners.count(x.text)) return 0;
          }
          return 0;
        };
        role[k] = scan(m.hit.s - 1, -1);
        if (role[k] == 0) role[k] = scan(m.hit.e + 1, +1);
      }
      if (std::find(role.begin(), role.end(), asked) != role.end()) {
        std::vector<const Mention*> given;
        for (std::size_t k = 0; k < kept.size(); ++k)
          if (role[k] == asked) given.push_back(kept[k]);
        kept.swap(given);
      } else if (std::find(role.begin(), role.end(), 3 - asked) != role.end() &&
                 std::find(role.begin(), role.end(), 0) != role.end()) {
        // "A - it isn't C, C is the largest" when the smallest is asked: an option
        // given the opposite role is not the answer; the others stay (its mention
        // stays too, for the statements it opens: "A; B and C come from larger ones").
        for (std::size_t k = 0; k < kept.size(); ++k)
          if (role[k] == 3 - asked) other_role.push_back(kept[k]);
      }
    }
  }
  // Once an option is chosen, options named in the reasons that follow
  // ("tanh, because sigmoid saturates") are not further selections.
  static const std::set<std::string, std::less<>> reasons = {"because", "since", "as", "whereas", "while", "unlike",
                                                             "than", "compared", "versus", "vs", "cause", "due"};
  int reasoning_from = n;
  // Coordinated mentions ("ReLU and leaky ReLU", "B and C", "A, B or C"): what
  // follows the last of them is said of all of them.
  auto joined = [&](std::size_t k) {  // mention k and k+1 are coordinated
    const int q = kept[k]->hit.e + 1;
    return q < n && q + 1 == kept[k + 1]->hit.s &&
           ((tok(q).kind == TK::Word && (tok(q).text == "and"sv || tok(q).text == "or"sv)) ||
            (tok(q).kind == TK::Symbol && (tok(q).text == ","sv || tok(q).text == "&"sv)));
  };
  std::vector<int> chain_end(kept.size()), chain_start(kept.size());
  for (std::size_t k = kept.size(); k-- > 0;)
    chain_end[k] = k + 1 < kept.size() && joined(k) ? chain_end[k + 1] : kept[k]->hit.e;
  for (std::size_t k = 0; k < kept.size(); ++k)
    chain_start[k] = k > 0 && joined(k - 1) ? chain_start[k - 1] : kept[k]->hit.s;
  // Verbs that make the mentions before them the subject of a statement.
  static const std::set<std::string, std::less<>> said_of = {"is", "are", "was", "were", "has", "have", "had",
                                                            "does", "do", "did", "gets", "get", "got", "shows",
                                                            "show", "showed", "looks", "look", "looked", "uses",
                                                            "used", "came", "come", "comes", "gives", "gave", "keeps",
                                                            "keep", "kept", "makes", "make", "made", "helps", "help",
                                                            "avoids", "avoid", "fixes", "fix", "fixed", "solves",
                                                            "solve", "solved", "works", "work", "worked", "allows",
                                                            "allow", "lets", "outputs", "can", "could", "would",
                                                            "will", "may", "might", "should", "tends", "suffers",
                                                            "became", "becomes"};
  // "Leaky ReLU also keeps a small slope": an adverb may come between the name and its verb.
  static const std::set<std::string, std::less<>> adverbs = {"also", "too", "still", "just", "only", "then",
                                                            "however", "instead", "actually", "really", "often",
                                                            "usually", "generally", "typically", "always", "never"};
  auto verb_after = [&](int q) {
    // "ReLU's problem is ...": the option owns the subject of the statement.
    int after_s = -1;  // the token after the possessive 's (analysis strips it from the word)
    if (q > 0 && q <= n) {
      const std::size_t end = tok(q - 1).e;
      const std::string_view rest = text_.substr(std::min(end, text_.size()));
      if (rest.starts_with("'s") || rest.starts_with("\u2019s")) after_s = q;
    }
    if (after_s >= 0) {
      for (int v = after_s + 1; v <= after_s + 2 && v < n; ++v)
        if (tok(v).kind == TK::Word && said_of.count(tok(v).text) > 0) return true;
      return false;
    }
    if (q < n && tok(q).kind == TK::Word && adverbs.count(tok(q).text)) ++q;
    return q < n && tok(q).kind == TK::Word && said_of.count(tok(q).text) > 0;
  };
  // A conclusion drawn after the reasoning ("A (no press) < B < C, so A.",
  // "not relu / not leaky relu -> tanh"): a marker (so, therefore, thus, hence,
  // ->, =>, →), a few filler words, then options that end the sentence. The
  // options named before it were the reasoning.
  int conclusion_from = -1;
  std::set<const Mention*> verdict_adds;  // options a verdict adds ("I would also tick ReLU")
  auto verdict_before = [&](int s) {  // a verdict phrase ends right before token s
    int q = s - 1;
    if (q >= 0 && (tok(q).text == "the"sv || tok(q).text == "option"sv)) --q;
    if (q < 1) return false;
    auto speaker = [&](int from) {  // "I", "I'd", "I would", "we would" within two tokens before
      for (int b = from; b >= 0 && b >= from - 2; --b)
        if (tok(b).text == "i"sv || tok(b).text == "i'd"sv || tok(b).text == "would"sv || tok(b).text == "we"sv ||
            tok(b).text == "i'll"sv)
          return true;
      return false;
    };
    const std::string& w = tok(q).text;
    if (w == "say"sv || w == "choose"sv || w == "pick"sv || w == "select"sv || w == "tick"sv) return speaker(q - 1);
    if (w == "with"sv && tok(q - 1).text == "go"sv) return q >= 2 && speaker(q - 2);
    if ((w == "is"sv || w == ":"sv) && (tok(q - 1).text == "answer"sv || tok(q - 1).text == "choice"sv)) return true;
    // "The one that does this is Tanh", "the right one is A": the one picked out,
    // then its name.
    if (w == "is"sv) {
      for (int b = q - 1; b >= 1 && b >= q - 7 && tok(b).sent == tok(q).sent; --b) {
        if (tok(b).kind != TK::Word) break;
        if (tok(b).text == "one"sv &&
            (tok(b - 1).text == "the"sv || (b >= 2 && tok(b - 2).text == "the"sv && tok(b - 1).kind == TK::Word)) &&
            (b + 1 == q || tok(b + 1).text == "that"sv || tok(b + 1).text == "which"sv))
          return true;
      }
    }
    return false;
  };
  // The options listed first as the set to choose from ("Of A, B and C, probably
  // A", "Out of ReLU, Tanh and Leaky ReLU, Tanh"): a sentence that opens with
  // "of", "out of", "among", "from" or "between", a comma, then the choice.
  auto chosen_from_list = [&](std::size_t k) {
    const int s = kept[k]->hit.s;
    int first = s;
    while (first > 0 && tok(first - 1).sent == tok(s).sent) --first;
    const std::string& w = tok(first).text;
    if (!(w == "of"sv || w == "among"sv || w == "amongst"sv || w == "from"sv || w == "between"sv ||
          (w == "out"sv && first + 1 < s && tok(first + 1).text == "of"sv)))
      return false;
    // (A comma after the earlier options of the sentence, and before this one.)
    bool earlier = false;
    int comma = -1;
    for (std::size_t j = 0; j < k; ++j)
      if (tok(kept[j]->hit.s).sent == tok(s).sent && kept[j]->hit.s >= first) earlier = true;
    for (int q = s - 1; q > first && comma < 0; --q)
      if (tok(q).kind == TK::Symbol && tok(q).text == ","sv) comma = q;
    if (!earlier || comma < 0) return false;
    for (std::size_t j = 0; j < k; ++j)
      if (kept[j]->hit.s > comma && tok(kept[j]->hit.s).sent == tok(s).sent) return false;
    // (The choice is the sentence's last option: "Of A, B and C." chooses nothing.)
    for (std::size_t j = k + 1; j < kept.size(); ++j)
      if (tok(kept[j]->hit.s).sent == tok(s).sent) return false;
    return true;
  };
  {
    static const std::set<std::string, std::less<>> markers = {"so", "therefore", "thus", "hence"};
    static const std::set<std::string, std::less<>> filler = {"only", "the", "answer", "is", "it", "it's", "its",
                                                              "option", "choose", "pick", ":"};
    for (std::size_t k = 0; k < kept.size(); ++k) {
      if (k > 0 && kept.front()->hit.s < kept[k]->hit.s && chosen_from_list(k)) {
        conclusion_from = kept[k]->hit.s;
        continue;
      }
      if (k > 0 && joined(k - 1)) continue;  // a chain is looked at from its first mention
      int q = kept[k]->hit.s - 1;
      int fill = 0;
      while (q >= 0 && fill < 3 && filler.count(tok(q).text) && !markers.count(tok(q).text)) {
        --q;
        ++fill;
      }
      if (q < 0) continue;
      const Tok& x = tok(q);
      const bool word_marker = x.kind == TK::Word && markers.count(x.text) > 0;
      const bool arrow = arrow_at(static_cast<std::size_t>(q)) || (x.kind == TK::Symbol && x.text == "\u2234"sv);
      const bool reasoned_before = kept.front()->hit.s < kept[k]->hit.s;
      if (!word_marker && !arrow) {
        // A verdict said in words ("I would say Tanh is the one", "my answer is
        // Tanh", "I'd go with Tanh"): the options named before it were the
        // reasoning, whatever follows it in the sentence.
        if (reasoned_before && verdict_before(kept[k]->hit.s)) {
          // "... so I would also tick ReLU": a verdict that adds keeps the
          // earlier choice and is a choice even among the reasons.
          bool adds = false;
          for (int b = std::max(0, kept[k]->hit.s - 4); b < kept[k]->hit.s && !adds; ++b)
            adds = tok(b).text == "also"sv || tok(b).text == "additionally"sv;
          for (int b = chain_end[k] + 1; b < n && b <= chain_end[k] + 3 && !adds; ++b)
            adds = tok(b).text == "too"sv || (tok(b).text == "as"sv && b + 1 < n && tok(b + 1).text == "well"sv);
          if (adds) verdict_adds.insert(kept[k]);
          else conclusion_from = kept[k]->hit.s;
        }
        continue;
      }
      const int after = chain_end[k] + 1;
      const bool ends = after >= n || tok(after).sentence_end || tok(after).sent != tok(chain_end[k]).sent;
      if (ends && reasoned_before) conclusion_from = kept[k]->hit.s;
    }
  }
  // A hedge between options ("Probably Tanh, or maybe Leaky ReLU, I am not
  // sure"): two options joined by "or" (softeners may follow it) in a sentence
  // that shows doubt select neither.
  {
    static const std::set<std::string, std::less<>> soft = {"maybe", "perhaps", "possibly", "probably", "even", "just"};
    for (std::size_t k = 0; k + 1 < kept.size(); ++k) {
      bool has_or = false, only_soft = true;
      for (int q = kept[k]->hit.e + 1; q < kept[k + 1]->hit.s && only_soft; ++q) {
        const Tok& x = tok(q);
        if (x.kind == TK::Word && x.text == "or"sv) has_or = true;
        else if (!((x.kind == TK::Word && soft.count(x.text)) || (x.kind == TK::Symbol && x.text == ","sv))) only_soft = false;
      }
      if (!has_or || !only_soft || kept[k]->hit.s < conclusion_from) continue;
      // "Tanh, or maybe ReLU too": the second option added, not offered instead.
      const int after = kept[k + 1]->hit.e + 1;
      if (after < n && (tok(after).text == "too"sv || tok(after).text == "also"sv ||
                        (tok(after).text == "as"sv && after + 1 < n && tok(after + 1).text == "well"sv)))
        continue;
      const int sent = tok(kept[k]->hit.s).sent;
      bool unsure = false;
      for (int q = 0; q < n && !unsure; ++q) {
        const Tok& x = tok(q);
        if (x.sent != sent || x.kind != TK::Word) continue;
        unsure = doubt_word(x.text) || x.text == "either"sv || (x.text == "sure"sv && q > 0 && tok(q - 1).text == "not"sv);
      }
      if (unsure) return;  // undecided: nothing selected
    }
  }
  // A bare answer first ("Tanh. It squashes its input ... ReLU has a slope of
  // 1 and Leaky ReLU keeps a small slope, so neither saturates."): when the
  // first sentence holds nothing but options, options named in later sentences
  // explain it; they are selected only when added ("Leaky ReLU also ...", "...
  // too", "as well").
  static const std::set<std::string, std::less<>> glue = {"and", "or", "only", "the", "answer", "is", "option",
                                                         "options", "just", "both", "my", "final"};
  auto bare_sentence = [&](int sent) {  // nothing but options, connectives and symbols
    for (int q = 0; q < n; ++q) {
      const Tok& x = tok(q);
      if (x.sent != sent || x.kind != TK::Word) continue;
      const bool in_mention =
          std::any_of(kept.begin(), kept.end(), [&](const Mention* m) { return m->hit.s <= q && q <= m->hit.e; });
      if (!in_mention && !glue.count(x.text)) return false;
    }
    return true;
  };
  // The question restated first ("*Which activation(s) ...?*") may come before it.
  int lead_end = -1;
  if (!kept.empty()) {
    const int sent0 = tok(kept.front()->hit.s).sent;
    bool asked_before = true;  // every sentence before it holds a question mark
    for (int q = 0; asked_before && q < n && tok(q).sent < sent0;) {
      const int sent = tok(q).sent;
      bool has_q = false;
      for (; q < n && tok(q).sent == sent; ++q) has_q = has_q || tok(q).text == "?"sv;
      asked_before = has_q;
    }
    if (asked_before && bare_sentence(sent0)) {
      int last = kept.front()->hit.s;
      while (last + 1 < n && tok(last + 1).sent == sent0) ++last;
      if (last + 1 < n) lead_end = last;
    }
  }
  auto added = [&](const Mention& m) {  // "also", "too", "as well", "plus" near a later mention
    for (int q = std::max(0, m.hit.s - 3); q <= std::min(n - 1, m.hit.e + 4); ++q) {
      const std::string& w = tok(q).text;
      if (w == "also"sv || w == "too"sv || w == "plus"sv || w == "additionally"sv ||
          (w == "as"sv && q + 1 < n && tok(q + 1).text == "well"sv))
        return true;
    }
    return false;
  };
  auto denied = [&](std::size_t k) {
    const Mention& m = *kept[k];
    Negation ng = negation(m.hit);
    // "ReLU does not ...", "ReLU isn't", "ReLU, not ..." after the name (or after
    // the last name of its list: "ReLU and leaky ReLU do not ...").
    const int last = chain_end[k];
    int q = last + 1;
    if (q < n && tok(q).kind == TK::Word && aux.count(tok(q).text)) ++q;
    // ... but "tanh not relu": a "not" right before another option's name
    // denies that option (a contrast), not the one before it.
    const bool contrast = q == last + 1 && std::any_of(kept.begin(), kept.end(), [&](const Mention* o) {
      return o->hit.s == q + 1 || (o->hit.s == q + 2 && tok(q + 1).kind == TK::Word && tok(q + 1).text == "the"sv);
    });
    // (Not counted twice: "sigmoid would not help" is already denied by negation().)
    if (q < n && tok(q).kind == TK::Word && tok(q).text == "not"sv && !tok(q).standalone_cue && q <= last + 2 &&
        !contrast && !ng.denied_after)
      ng.negated = !ng.negated;
    // "ReLU ✗ (grad = 1 for x > 0)": a cross right after the name strikes it out.
    if (last + 1 < n && tok(last + 1).kind == TK::Symbol &&
        (tok(last + 1).text == "\u2717"sv || tok(last + 1).text == "\u2718"sv || tok(last + 1).text == "\u274c"sv))
      return true;
    return ng.negated;
  };
  // An option whose last mention is a denial ("ReLU' = 1 for x > 0, so not
  // ReLU") ends unchosen: the earlier mention was what the denial rests on.
  std::vector<bool> last_denied(part_.options.size(), false);
  std::vector<bool> negated_at(kept.size(), false);
  // (A mention that is the measure of a comparison, "they do not saturate the
  // way tanh does", "unlike tanh", is no statement about that option.)
  auto compared_with = [&](std::size_t k) {
    const int s0 = kept[k]->hit.s;
    if (s0 >= 1 && (tok(s0 - 1).text == "like"sv || tok(s0 - 1).text == "unlike"sv)) return true;
    if (s0 >= 2 && tok(s0 - 2).text == "the"sv && tok(s0 - 1).text == "way"sv) return true;
    const int e0 = chain_end[k];
    return s0 >= 1 && tok(s0 - 1).text == "as"sv && e0 + 1 < n &&
           (tok(e0 + 1).text == "does"sv || tok(e0 + 1).text == "do"sv || tok(e0 + 1).text == "did"sv);
  };
  for (std::size_t k = 0; k < kept.size(); ++k) {
    if (kept[k]->hit.s > reasoning_from || kept[k]->hit.s < conclusion_from) continue;
    negated_at[k] = denied(k);
    if (negated_at[k] && compared_with(k)) {
      negated_at[k] = false;
      continue;
    }
    last_denied[kept[k]->option] = negated_at[k];
  }
  int chosen_end = -1;  // end of the last selected mention
  // A bracket opened right after a selected option holds its explanation: "A (each
  // press increases it: A < B < C)" names the options it reasons about, not choices
  // ("Tanh (and Sigmoid)" adds one).
  int aside_open = -1, aside_close = -1;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Mention& m = *kept[k];
    if (m.hit.s > reasoning_from && !verdict_adds.count(&m)) continue;
    if (m.hit.s < conclusion_from) continue;
    if (m.hit.s > aside_open && m.hit.s < aside_close && !added(m)) continue;
    const int last = chain_end[k];
    if (negated_at[k] || last_denied[m.option]) continue;
    if (std::find(other_role.begin(), other_role.end(), &m) != other_role.end()) continue;
    if (lead_end >= 0 && m.hit.s > lead_end && !(conclusion_from >= 0 && m.hit.s >= conclusion_from) && !added(m) &&
        !bare_sentence(tok(m.hit.s).sent))
      continue;
    // "A; B and C were produced later", "A (B and C came after presses)": once an
    // option is chosen, options that open a later clause (or a bracket) as the
    // subject of a statement are described, not chosen.
    if (chosen_end >= 0 && chosen_end < chain_start[k] && verb_after(last + 1)) {
      bool new_clause = chain_start[k] == 0;
      for (int b = chain_start[k] - 1; b >= 0 && !new_clause; --b) {
        const Tok& x = tok(b);
        if (x.kind == TK::Symbol && (x.text == ";"sv || x.text == "."sv || x.text == ":"sv || x.text == "!"sv || x.text == "?"sv ||
                                     x.text == "("sv))
          new_clause = true;
        // "... ReLU has gradient 1 for x > 0 and Leaky ReLU never has a zero
        // gradient": an option opening a clause joined by "and"/"but"/"whereas"
        // to a statement after the choice is described too, unless it is
        // added ("and sigmoid does as well").
        if (x.kind == TK::Word && (x.text == "and"sv || x.text == "but"sv || x.text == "whereas"sv || x.text == "while"sv) &&
            b - 1 > chosen_end && tok(b - 1).sent == tok(chain_start[k]).sent && !added(m)) {
          bool clause_before = false;  // a verb between the choice and the joining word
          for (int v = b - 1; v > chosen_end && !clause_before; --v) clause_before = verb_after(v);
          new_clause = clause_before;
        }
        if (x.kind != TK::Symbol) break;
      }
      if (new_clause) continue;
    }
    selected[m.option] = true;
    chosen_end = m.hit.e;
    if (m.hit.e + 2 < n && tok(m.hit.e + 1).kind == TK::Symbol && tok(m.hit.e + 1).text == "("sv &&
        !(tok(m.hit.e + 2).kind == TK::Word && (tok(m.hit.e + 2).text == "and"sv || tok(m.hit.e + 2).text == "or"sv ||
                                                tok(m.hit.e + 2).text == "also"sv || tok(m.hit.e + 2).text == "plus"sv))) {
      int depth = 0, q = m.hit.e + 1;
      for (; q < n; ++q) {
        if (tok(q).kind != TK::Symbol) continue;
        if (tok(q).text == "("sv) ++depth;
        if (tok(q).text == ")"sv && --depth == 0) break;
      }
      aside_open = m.hit.e + 1;
      aside_close = q;
    }
    if (reasoning_from == n) {
      for (int r = m.hit.e + 1; r < n; ++r) {
        if (tok(r).kind == TK::Word && reasons.count(tok(r).text)) {
          reasoning_from = r;
          break;
        }
      }
    }
    if (!has_ev[m.option]) {
      ev[m.option] = evidence(m.hit);
      has_ev[m.option] = true;
    }
  }
  for (std::size_t oi = 0; oi < part_.options.size(); ++oi) {
    if (!selected[oi]) continue;
    pm.selected.push_back(part_.options[oi].id);
    pm.selection_evidence.push_back(ev[oi]);
  }
}

std::vector<std::pair<double, std::vector<Hit>>> Context::credited_readings(const CConcept& c) {
  std::vector<std::pair<double, std::vector<Hit>>> out;
  for (const CWording& w : c.wordings) {
    const double marks = w.src->marks.value_or(c.marks);
    std::vector<Found> found = wording_hits(w, c.negation);
    for (const Found& f : found) {
      if (f.neg.negated || f.hits.empty()) continue;
      if (!c.about.empty() && labelled_elsewhere(c, f.hits.front())) continue;
      out.emplace_back(marks, f.hits);
    }
  }
  return out;
}

namespace {
// Do two readings share a word? (Words, not spans: "the loss oscillates and
// goes up" says "oscillates" for one point and "loss ... goes up" for another.)
bool overlap(const std::vector<Hit>& a, const std::vector<Hit>& b) {
  for (const Hit& x : a)
    for (const Hit& y : b)
      if (x.s <= y.e && y.s <= x.e)
        for (int t : x.toks)
          if (std::binary_search(y.toks.begin(), y.toks.end(), t)) return true;
  return false;
}
}  // namespace

void Context::keep_apart(std::vector<Verdict>& verdicts) {
  // A concept with `apart_from` keeps its credit only through words that did
  // not earn the other concept: of each pair of readings (one for it, one for
  // the other concept at the other's marks), the best that do not overlap.
  for (std::size_t i = 0; i < part_.concepts.size(); ++i) {
    const CConcept& c = part_.concepts[i];
    for (int j : c.apart) {
      Verdict& vc = verdicts[i];
      Verdict& vo = verdicts[static_cast<std::size_t>(j)];
      if (!vc.found || !vo.found || !overlap(vc.hits, vo.hits)) continue;
      const auto mine = credited_readings(c);
      const auto theirs = credited_readings(part_.concepts[static_cast<std::size_t>(j)]);
      const std::vector<Hit>* best_mine = nullptr;
      const std::vector<Hit>* best_theirs = nullptr;
      double best = -1;
      for (const auto& [mm, mh] : mine)
        for (const auto& [tm, th] : theirs)
          if (tm + 1e-9 >= vo.marks && mm > best && !overlap(mh, th)) {
            best = mm;
            best_mine = &mh;
            best_theirs = &th;
          }
      if (best_mine) {
        vc.marks = best;
        vc.hits = *best_mine;
        vo.hits = *best_theirs;
      } else {
        vc = Verdict{};
        vc.note = "not credited: its only words already earned " + part_.concepts[static_cast<std::size_t>(j)].id;
      }
    }
  }
}

int Context::unread_value(const std::vector<std::uint8_t>& read) const {
  // A number no credited concept reads: not a label's digit glued to its word
  // ("conv2"), not a total ("total 460"), not a unit's or a layer's ordinal.
  const int n = static_cast<int>(toks_.size());
  for (int i = 0; i < n; ++i) {
    const Tok& t = toks_[static_cast<std::size_t>(i)];
    if (t.kind != TK::Number || read[static_cast<std::size_t>(i)]) continue;
    // A right value the concepts did not bind ("conv2 204" for the mean layer) is no wrong one.
    const bool right = std::any_of(part_.concepts.begin(), part_.concepts.end(), [&](const CConcept& c) {
      return std::any_of(c.wordings.begin(), c.wordings.end(), [&](const CWording& w) {
        return w.kind == Wording::Kind::Number && w.ratio_names.empty() && !w.src->marks &&
               t.value >= w.lo - 1e-9 * std::max(1.0, std::abs(w.lo)) && t.value <= w.hi + 1e-9 * std::max(1.0, std::abs(w.hi));
      });
    });
    if (right) continue;
    if (i > 0) {
      const Tok& p = toks_[static_cast<std::size_t>(i - 1)];
      if (p.kind == TK::Word && p.e == t.b) continue;  // "conv1", "layer2"
      if (p.kind == TK::Word && (p.text == "total"sv || p.text == "sum"sv || p.text == "overall"sv ||
                                 p.text == "altogether"sv || p.text == "layer"sv || p.text == "conv"sv ||
                                 p.text == "step"sv || p.text == "question"sv))
        continue;
      if (i > 1 && p.kind == TK::Symbol && (p.text == "="sv || p.text == ":"sv)) {
        const Tok& q = toks_[static_cast<std::size_t>(i - 2)];
        if (q.kind == TK::Word && (q.text == "total"sv || q.text == "sum"sv)) continue;
      }
    }
    return i;
  }
  return -1;
}

bool Context::shows_working() const {
  // Arithmetic next to a number or a one-letter variable: "5x5x1x2+2", "25 * 2",
  // "5 times 5 times 2", "(M/2)". A hyphen is no operator ("conv-1", "2-4 channels").
  const int n = static_cast<int>(toks_.size());
  auto operand = [&](int i) {
    if (i < 0 || i >= n) return false;
    const Tok& t = toks_[static_cast<std::size_t>(i)];
    return t.kind == TK::Number || (t.kind == TK::Word && t.raw.size() == 1 && t.text != "x"sv && t.text != "a"sv);
  };
  for (int i = 0; i < n; ++i) {
    const Tok& t = toks_[static_cast<std::size_t>(i)];
    bool op = false;
    if (t.kind == TK::Symbol)
      op = t.text == "*"sv || t.text == "+"sv || t.text == "/"sv || t.text == "^"sv || t.text == "\u00d7"sv ||
           t.text == "\u22c5"sv || t.text == "\u00b7"sv;
    else if (t.kind == TK::Word && (t.text == "times"sv || t.text == "plus"sv || t.text == "multiplied"sv))
      return true;  // working in words: "25 weights plus a bias"
    else if (t.kind == TK::Word)
      op = t.text == "x"sv || t.text == "over"sv;
    const bool number_beside = (i > 0 && toks_[static_cast<std::size_t>(i - 1)].kind == TK::Number) ||
                               (i + 1 < n && toks_[static_cast<std::size_t>(i + 1)].kind == TK::Number);
    if (op && (t.text == "x"sv ? operand(i - 1) && operand(i + 1) : number_beside || (operand(i - 1) && operand(i + 1))))
      return true;
  }
  return false;
}

PartMatch Context::run() {
  PartMatch pm;
  pm.part = part_.part->id;
  std::vector<Verdict> verdicts;
  verdicts.reserve(part_.concepts.size());
  bool any_apart = false;
  for (const CConcept& c : part_.concepts) {
    verdicts.push_back(judge(c, c.negation));
    any_apart = any_apart || !c.apart.empty();
  }
  if (any_apart) keep_apart(verdicts);
  same_as(verdicts);
  // Values given without any working earn marks only when every one given is right.
  if (!part_.part->bare_values_credit && !shows_working()) {
    std::vector<std::uint8_t> read(toks_.size(), 0);
    for (const Verdict& v : verdicts)
      if (v.found) mark_hits(read, v.hits);
    if (const int wrong = unread_value(read); wrong >= 0) {
      const std::string value = toks_[static_cast<std::size_t>(wrong)].raw;
      for (Verdict& v : verdicts) {
        if (!v.found) continue;
        v.found = false;
        v.marks = 0;
        v.note = "values without working earn marks only when every one given is right ('" + value + "' is not)";
      }
    }
  }
  for (std::size_t ci = 0; ci < part_.concepts.size(); ++ci) {
    const CConcept& c = part_.concepts[ci];
    const Verdict& v = verdicts[ci];
    ConceptMatch cm;
    cm.id = c.id;
    cm.credited = v.found;
    cm.marks = v.found ? v.marks : 0;
    cm.wording = v.wording;
    cm.fuzzy = v.fuzzy;
    cm.negated = v.negated;
    cm.uncertain = v.uncertain;
    cm.note = v.note;
    for (const Hit& h : v.hits) cm.evidence.push_back(evidence(h));
    pm.concepts.push_back(std::move(cm));
  }
  for (const CConcept& m : part_.misconceptions) {
    Verdict v = judge(m, true, false);
    MisconceptionMatch mm;
    mm.id = m.id;
    mm.found = v.found;
    if (v.found)
      for (const Hit& h : v.hits) mm.evidence.push_back(evidence(h));
    pm.misconceptions.push_back(std::move(mm));
  }
  if (!part_.options.empty()) choose(pm);
  return pm;
}

}  // namespace match

namespace {
std::atomic<std::uint64_t> next_compiled_id{1};

// Each thread's word-form memo, for the compiled rubric it last matched with.
struct ThreadWords {
  std::uint64_t owner = 0;
  match::WordCache cache;
};
thread_local ThreadWords thread_words;
}  // namespace

struct CompiledRubric::Impl {
  const Rubric* rubric;
  match::Compiler comp;
  std::map<std::string, match::CPart> parts;
  const std::uint64_t id = next_compiled_id.fetch_add(1);
  explicit Impl(const Rubric& r) : rubric(&r), comp(r) {
    for (const auto& q : r.questions) comp.compile_part(q, parts);
    comp.done_compiling();
    int index = 0;
    for (auto& [pid, cp] : parts) cp.index = index++;
  }
};

CompiledRubric::CompiledRubric(const Rubric& rubric) : impl_(std::make_unique<Impl>(rubric)) {}
CompiledRubric::~CompiledRubric() = default;
const Rubric& CompiledRubric::rubric() const { return *impl_->rubric; }

PartMatch CompiledRubric::match(const std::string& part_id, std::string_view text, std::size_t base) const {
  auto it = impl_->parts.find(part_id);
  if (it == impl_->parts.end()) {
    PartMatch pm;
    pm.part = part_id;
    return pm;
  }
  ThreadWords& tw = thread_words;
  if (tw.owner != impl_->id) {
    tw.cache.memo.clear();
    tw.cache.part_hits.clear();
    tw.cache.hits = 0;
    tw.owner = impl_->id;
  }
  match::Context ctx(it->second, impl_->comp, text, base, &tw.cache);
  return ctx.run();
}

}  // namespace automark
