// Compiling a rubric for matching: synonym references and abbreviations are
// expanded, each text pattern becomes a small set of linear word sequences,
// every word is normalised and stemmed once, and the protected-term set is
// built from the whole rubric.
#include <cctype>
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "automark/diag.h"
#include "match/engine.h"

namespace automark::match {
namespace {

constexpr std::size_t kMaxSeqs = kMaxPatternReadings;  // readings per pattern after expansion
constexpr int kMaxRefDepth = kMaxPatternRefDepth;

using Elems = std::vector<int>;  // ids into Compiler::pool_
using Seqs = std::vector<Elems>;

// Typo tolerance by word length: none under 5 code points, 1 edit up to 8, else 2.
int edits_for(const std::string& norm) {
  const std::size_t n = cp_length(norm);
  return n < 5 ? 0 : n <= 8 ? 1 : 2;
}

bool all_alpha(const std::string& s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || c == '\'')) return false;
  }
  return !s.empty();
}

}  // namespace

Seqs Compiler::expand(const PatternNode& node, const TextOptions& opts, int depth) {
  Seqs out;
  switch (node.kind) {
    case PatternNode::Kind::Word: {
      const std::vector<Tok>& toks = plain(node.text);
      Elems seq;
      for (std::size_t k = 0; k < toks.size(); ++k) {
        const Tok& t = toks[k];
        CWord w;
        w.kind = t.kind;
        w.text = t.text;
        w.norm = t.norm;
        w.stem = t.stem;
        w.value = t.value;
        w.exact = node.exact || t.kind != TK::Word;
        if (node.capital && t.kind == TK::Word && t.raw.size() == 1) w.cased = std::string(1, static_cast<char>(t.raw[0] - 'a' + 'A'));
        w.prefix = node.prefix && k + 1 == toks.size() && t.kind == TK::Word;
        w.stem_on = opts.stem;
        w.fuzzy = opts.fuzzy && !w.exact && t.kind == TK::Word && all_alpha(w.norm) &&
                  (!w.prefix || cp_length(w.norm) >= 6);
        // A prefix of six letters or more takes one typo ("sumples" for sample*);
        // shorter prefixes stay exact, so `shake*` is still the way to refuse "shade".
        w.max_edits = !w.fuzzy ? 0 : w.prefix ? 1 : edits_for(w.norm);
        seq.push_back(pooled(std::move(w)));
      }
      if (seq.empty()) return out;
      out.push_back(seq);
      const CWord& only = pool_[static_cast<std::size_t>(seq[0])];
      // An abbreviation in a pattern also reads as its long form.
      if (seq.size() == 1 && only.kind == TK::Word) {
        auto it = abbrevs.expand.find(only.text);
        if (it != abbrevs.expand.end()) {
          Elems longer;
          for (const auto& lw : it->second) {
            CWord w;
            w.text = lw;
            w.norm = forms.norm(lw);
            w.stem = stem(w.norm);
            w.stem_on = opts.stem;
            w.fuzzy = opts.fuzzy && all_alpha(w.norm);
            w.max_edits = w.fuzzy ? edits_for(w.norm) : 0;
            longer.push_back(pooled(std::move(w)));
          }
          out.push_back(std::move(longer));
        }
      }
      const CWord& first = pool_[static_cast<std::size_t>(seq[0])];
      // A participle negated by "un-" also reads as "not"/"never" and the
      // participle: "unseen" is "not seen", "unlabelled" "never labelled"
      // ("under-", "uni-" are no such prefix).
      if (seq.size() == 1 && first.kind == TK::Word && !first.exact && !first.prefix && first.norm.size() >= 6 &&
          first.norm.starts_with("un") && !first.norm.starts_with("und") && !first.norm.starts_with("uni") &&
          (first.norm.ends_with("ed") || first.norm.ends_with("en") || first.norm.ends_with("wn"))) {
        const std::string rest = first.norm.substr(2);
        const bool fuzzy = first.fuzzy;
        for (const char* cue : {"not", "never"}) {
          Elems neg;
          CWord c;
          c.text = c.norm = cue;
          c.stem = cue;
          c.stem_on = opts.stem;
          neg.push_back(pooled(std::move(c)));
          CWord w;
          w.text = rest;
          w.norm = forms.norm(rest);
          w.stem = stem(w.norm);
          w.stem_on = opts.stem;
          w.fuzzy = fuzzy;
          w.max_edits = w.fuzzy ? edits_for(w.norm) : 0;
          neg.push_back(pooled(std::move(w)));
          out.push_back(std::move(neg));
        }
      }
      return out;
    }
    case PatternNode::Kind::Gap: {
      CWord g;
      g.kind = TK::Symbol;
      g.text = "...";
      g.wide_gap = node.gap;
      out.push_back({pooled(std::move(g))});
      return out;
    }
    case PatternNode::Kind::Seq: {
      out.push_back({});
      for (const auto& ch : node.children) {
        Seqs part = expand(ch, opts, depth);
        Seqs next;
        for (const auto& a : out) {
          for (const auto& b : part) {
            if (next.size() >= kMaxSeqs) break;
            Elems c = a;
            c.insert(c.end(), b.begin(), b.end());
            next.push_back(std::move(c));
          }
        }
        out.swap(next);
        if (out.empty()) return out;
      }
      return out;
    }
    case PatternNode::Kind::Alt: {
      for (const auto& ch : node.children) {
        for (auto& s : expand(ch, opts, depth)) {
          if (out.size() >= kMaxSeqs) break;
          out.push_back(std::move(s));
        }
      }
      return out;
    }
    case PatternNode::Kind::Opt: {
      for (const auto& ch : node.children) {
        for (auto& s : expand(ch, opts, depth)) {
          if (out.size() >= kMaxSeqs) break;
          out.push_back(std::move(s));
        }
      }
      out.push_back({});
      return out;
    }
    case PatternNode::Kind::Ref: {
      if (depth >= kMaxRefDepth) return out;
      const auto key = std::make_tuple(node.text, opts.stem, opts.fuzzy, depth);
      if (auto memo = ref_memo_.find(key); memo != ref_memo_.end()) return memo->second;
      const std::vector<PatternNode>* alts = nullptr;
      auto it = lexicon.synonyms.find(node.text);
      if (it != lexicon.synonyms.end()) alts = &it->second;
      std::vector<PatternNode> parsed;
      if (alts == nullptr || alts->empty()) {
        auto src = lexicon.synonym_sources.find(node.text);
        if (src != lexicon.synonym_sources.end()) {
          for (const auto& p : src->second) {
            PatternError err;
            if (auto pn = parse_pattern(p, &err)) parsed.push_back(std::move(*pn));
          }
          alts = &parsed;
        }
      }
      if (alts == nullptr) return out;
      for (const auto& a : *alts) {
        for (auto& s : expand(a, opts, depth + 1)) {
          if (out.size() >= kMaxSeqs) break;
          out.push_back(std::move(s));
        }
      }
      ref_memo_.emplace(key, out);
      return out;
    }
  }
  return out;
}

const std::vector<Tok>& Compiler::plain(const std::string& text) {
  auto it = plain_memo_.find(text);
  if (it == plain_memo_.end()) it = plain_memo_.emplace(text, analyse_plain(text, forms)).first;
  return it->second;
}

const std::string& Compiler::joined_stem(const std::string& joined) {
  auto it = joined_memo_.find(joined);
  if (it == joined_memo_.end()) it = joined_memo_.emplace(joined, stem(forms.norm(joined))).first;
  return it->second;
}

bool Compiler::FullLess::operator()(const CWord& a, const CWord& b) const {
  return std::tie(a.kind, a.text, a.norm, a.stem, a.value, a.exact, a.prefix, a.stem_on, a.max_edits, a.fuzzy, a.cased,
                  a.wide_gap) < std::tie(b.kind, b.text, b.norm, b.stem, b.value, b.exact, b.prefix, b.stem_on,
                                         b.max_edits, b.fuzzy, b.cased, b.wide_gap);
}

int Compiler::pooled(CWord&& w) {
  auto it = pool_ids_.find(w);
  if (it != pool_ids_.end()) return it->second;
  const int id = static_cast<int>(pool_.size());
  pool_ids_.emplace(w, id);
  pool_.push_back(std::move(w));
  return id;
}

void Compiler::done_compiling() {
  plain_memo_ = {};
  joined_memo_ = {};
  ref_memo_ = {};
  pool_ = {};
  pool_ids_ = {};
  pool_to_part_ = {};
  pair_of_pool_ = {};
}

int Compiler::intern(CPart& part, int pool_id) {
  const auto p = static_cast<std::size_t>(pool_id);
  if (pool_to_part_.size() <= p) pool_to_part_.resize(pool_.size(), -1);
  if (pool_to_part_[p] >= 0) return pool_to_part_[p];
  const CWord& w = pool_[p];
  auto [it, fresh] = part.word_ids.emplace(w, static_cast<int>(part.words.size()));
  if (fresh) part.words.push_back(w);
  pool_to_part_[p] = it->second;
  return it->second;
}

void CPart::finish() {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const CWord& w = words[i];
    const int id = static_cast<int>(i);
    switch (w.kind) {
      case TK::Number: number_words.push_back(id); break;
      case TK::Symbol: symbol_words[w.text].push_back(id); break;
      case TK::Word:
        text_words.push_back(id);
        if (!w.exact && number_name_value(w.norm) > 0) number_name_words.push_back(id);
        abbr_words[w.text].push_back(id);
        if (!w.exact && !w.prefix && w.stem_on) join_words[w.stem].push_back(id);
        if (!w.exact && w.prefix && cp_length(w.norm) >= 5) prefix_words.emplace_back(w.norm, id);
        break;
    }
  }
  std::sort(prefix_words.begin(), prefix_words.end());
  // The quick-rejection lists as slots, now that pair slots no longer move.
  const int none = static_cast<int>(slots());
  auto slot_of = [&](int need) { return need >= 0 ? need : need == -1 ? none : pair_slot(-2 - need); };
  auto resolve = [&](CText& ct) {
    ct.need_slots.clear();
    for (const auto& n : ct.need) ct.need_slots.push_back({slot_of(n[0]), slot_of(n[1]), slot_of(n[2])});
    ct.need_every_slots.clear();
    for (const auto& any : ct.need_every) {
      ct.need_every_slots.emplace_back();
      for (int n : any) ct.need_every_slots.back().push_back(slot_of(n));
    }
  };
  auto resolve_wording = [&](CWording& w) {
    resolve(w.text);
    for (CText& ct : w.all) resolve(ct);
    for (CText& ct : w.unless) resolve(ct);
  };
  for (auto* list : {&concepts, &misconceptions})
    for (CConcept& c : *list) {
      for (CWording& w : c.wordings) resolve_wording(w);
      for (CWording& w : c.about) resolve_wording(w);
    }
}

namespace {

// What a reading cannot match without: each word, or in fixed order a compound
// pair that covers it ("over fitting" as "overfitting"), the likeliest to be
// absent from an answer first (a function word last, otherwise the longer the
// earlier). CText::need.
void needed_slots(const CSeq& cs, const std::vector<const CWord*>& words, bool free_order,
                  std::vector<std::array<int, 3>>& out) {
  static const std::unordered_set<std::string_view> common = {
      "a",   "an",   "the", "is",   "are",  "was",  "be",  "of",  "to",   "in",   "on",   "at",
      "it",  "and",  "or",  "by",   "for",  "with", "as",  "from", "not", "no",   "that", "this",
      "can", "will", "so",  "more", "less", "than", "its", "has", "have", "into", "one",  "all"};
  thread_local std::vector<std::pair<std::size_t, std::array<int, 3>>> req;  // (score, slots)
  req.clear();
  const std::size_t k_end = cs.words.size();
  for (std::size_t k = 0; k < k_end; ++k) {
    std::array<int, 3> slots{cs.words[k], -1, -1};
    if (!free_order) {
      if (k > 0 && cs.pair[k - 1] >= 0) slots[1] = pair_need(cs.pair[k - 1]);
      if (k + 1 < k_end && cs.pair[k] >= 0) slots[2] = pair_need(cs.pair[k]);
    }
    const CWord& w = *words[k];
    std::size_t score = w.kind == TK::Word ? w.norm.size() : 2;
    if (w.kind == TK::Word && w.norm.size() <= 4 && common.count(w.norm)) score = 0;
    // Insertion keeps equal scores in reading order (a stable sort, highest first).
    auto at = req.end();
    while (at != req.begin() && (at - 1)->first < score) --at;
    req.insert(at, {score, slots});
  }
  const std::size_t from = out.size();
  for (const auto& r : req)
    if (std::find(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), r.second) == out.end())
      out.push_back(r.second);
}

}  // namespace

CText Compiler::compile_text(CPart& part, const PatternNode& node, const TextOptions& opts) {
  CText ct;
  ct.opts = opts;
  Seqs seqs = expand(node, opts, 0);
  std::set<std::vector<int>> seen;
  std::size_t max_len = 0;
  for (auto& s : seqs) {
    // A hyphen between two words is a compound joiner, not a word. A `...`
    // sets the gap before the next word (the widest of several; none at
    // either end of the reading, nor in free order, where the window rules).
    Elems clean;
    std::vector<int> gaps;
    int pending = -1;
    auto word = [&](int id) -> const CWord& { return pool_[static_cast<std::size_t>(id)]; };
    for (std::size_t k = 0; k < s.size(); ++k) {
      const CWord& sk = word(s[k]);
      if (sk.wide_gap >= 0) {
        if (!clean.empty()) pending = std::max(pending, sk.wide_gap);
        continue;
      }
      if (sk.kind == TK::Symbol && (sk.text == "-" || sk.text == "_") && !clean.empty() &&
          word(clean.back()).kind == TK::Word && k + 1 < s.size() && word(s[k + 1]).kind == TK::Word)
        continue;
      clean.push_back(s[k]);
      gaps.push_back(opts.free_order ? -1 : pending);
      pending = -1;
    }
    if (clean.empty()) continue;
    CSeq cs;
    for (int w : clean) cs.words.push_back(intern(part, w));
    std::vector<const CWord*> cw;
    for (int w : clean) cw.push_back(&word(w));
    if (std::any_of(gaps.begin(), gaps.end(), [](int g) { return g >= 0; })) cs.gap = gaps;
    std::vector<int> key = cs.words;
    key.insert(key.end(), cs.gap.begin(), cs.gap.end());
    if (!seen.insert(key).second) continue;
    cs.pair_stem.resize(clean.size());
    cs.pair.assign(clean.size(), -1);
    for (std::size_t k = 0; k + 1 < clean.size(); ++k) {
      const CWord& a = *cw[k];
      const CWord& b = *cw[k + 1];
      // Two pattern words read as one answer word ("over fitting" = "overfitting"),
      // never with a one-letter word: "log s" is no "logs" (= "log"). When the
      // second is a prefix (`zig[-]zag*`), the answer word starts with both
      // ("zigzags"); such a pair is kept as "*" and the joined letters.
      if (a.kind == TK::Word && b.kind == TK::Word && !a.exact && !b.exact && gaps[k + 1] < 0 && !a.prefix &&
          cp_length(a.norm) >= 2 && cp_length(b.norm) >= 2 &&
          (!b.prefix || cp_length(a.norm) + cp_length(b.norm) >= 5)) {
        const auto pk = (static_cast<std::uint64_t>(clean[k]) << 32) | static_cast<std::uint32_t>(clean[k + 1]);
        auto known = pair_of_pool_.find(pk);
        if (known == pair_of_pool_.end()) {
          const std::string joined = b.prefix ? "*" + a.norm + b.norm : joined_stem(a.norm + b.norm);
          auto [it, fresh] = part.pair_ids.emplace(joined, static_cast<int>(part.pair_stems.size()));
          if (fresh) part.pair_stems.push_back(joined);
          known = pair_of_pool_.emplace(pk, it->second).first;
        }
        cs.pair[k] = known->second;
        cs.pair_stem[k] = part.pair_stems[static_cast<std::size_t>(known->second)];
      }
    }
    max_len = std::max(max_len, clean.size());
    if (ct.need_off.empty()) ct.need_off.push_back(0);
    needed_slots(cs, cw, opts.free_order, ct.need);
    ct.need_off.push_back(static_cast<int>(ct.need.size()));
    ct.seqs.push_back(std::move(cs));
  }
  // Words every reading needs (need_every): the word slots of the first
  // reading's need, kept while each later reading needs the same word too,
  // each with the union of the pair slots that can stand for it.
  if (!ct.seqs.empty()) {
    std::map<int, std::set<int>> every;
    for (auto k = static_cast<std::size_t>(ct.need_off[0]); k < static_cast<std::size_t>(ct.need_off[1]); ++k)
      every[ct.need[k][0]];
    for (std::size_t i = 0; i < ct.seqs.size(); ++i) {
      std::map<int, std::set<int>> next;
      for (auto k = static_cast<std::size_t>(ct.need_off[i]); k < static_cast<std::size_t>(ct.need_off[i + 1]); ++k) {
        const auto& sl = ct.need[k];
        auto it = every.find(sl[0]);
        if (it == every.end()) continue;
        auto& u = next.emplace(sl[0], it->second).first->second;
        for (int x : sl)
          if (x != -1) u.insert(x);
      }
      every.swap(next);
    }
    for (const auto& [w, u] : every) ct.need_every.emplace_back(u.begin(), u.end());
  }
  ct.window = opts.window > 0 ? opts.window : std::max<int>(8, 3 * static_cast<int>(max_len));
  return ct;
}

std::vector<std::map<std::string, double>> default_points(const std::vector<std::string>& vars) {
  static const double vals[] = {3, 7, 12, 28, 101};
  std::vector<std::map<std::string, double>> pts;
  for (std::size_t i = 0; i < 5; ++i) {
    std::map<std::string, double> p;
    for (std::size_t k = 0; k < vars.size(); ++k) p[vars[k]] = vals[(i + k) % 5];
    pts.push_back(std::move(p));
  }
  return pts;
}

CWording Compiler::compile_wording(CPart& part, const Wording& w) {
  CWording cw;
  cw.kind = w.kind;
  cw.src = &w;
  if (!w.unless.empty()) {
    TextOptions in_order = w.opts;  // an `unless` pattern is read in its own order
    in_order.free_order = false;
    for (const auto& p : w.unless) cw.unless.push_back(compile_text(part, p, in_order));
  }
  switch (w.kind) {
    case Wording::Kind::Text:
      cw.text = compile_text(part, w.pattern, w.opts);
      break;
    case Wording::Kind::All:
      for (const auto& p : w.all) cw.all.push_back(compile_text(part, p, w.opts));
      break;
    case Wording::Kind::Number: {
      if (!w.unit.empty()) cw.unit = find_unit(w.unit, lexicon.units);
      for (const auto& alts : w.ratio_of) {
        std::vector<std::string> names;
        for (const std::string& a : alts)
          for (const Tok& t : analyse_plain(a, forms))
            if (t.kind == TK::Word) names.push_back(t.text);
        cw.ratio_names.push_back(std::move(names));
      }
      cw.lo = w.lo;
      cw.hi = w.hi;
      if (cw.lo > cw.hi || (cw.lo == 0 && cw.hi == 0 && w.value != 0)) {
        const double eps = std::abs(w.value) * 1e-9;
        cw.lo = w.value - eps;
        cw.hi = w.value + eps;
      }
      break;
    }
    case Wording::Kind::Expr:
    case Wording::Kind::Shape: {
      std::set<std::string> vars;
      if (w.kind == Wording::Kind::Expr) {
        for (auto& v : w.expr.variables()) vars.insert(v);
      } else {
        for (const auto& d : w.dims)
          for (auto& v : d.variables()) vars.insert(v);
      }
      for (const auto& v : vars) part.variables[fold(v)] = v;
      cw.points = w.points.empty() ? default_points({vars.begin(), vars.end()}) : w.points;
      break;
    }
  }
  return cw;
}

void Compiler::collect_protected(const PatternNode& node, int depth) {
  if (depth > kMaxRefDepth) return;
  if (node.kind == PatternNode::Kind::Word) {
    for (const Tok& t : plain(node.text))
      if (t.kind == TK::Word && cp_length(t.norm) >= 3) {
        protected_stems.insert(t.stem);
        auto& words = protected_stem_words[t.stem];
        if (std::find(words.begin(), words.end(), t.norm) == words.end()) words.push_back(t.norm);
      }
  } else if (node.kind == PatternNode::Kind::Ref) {
    auto it = lexicon.synonyms.find(node.text);
    if (it != lexicon.synonyms.end())
      for (const auto& a : it->second) collect_protected(a, depth + 1);
  }
  for (const auto& ch : node.children) collect_protected(ch, depth + 1);
}

void Compiler::collect_protected_part(const Part& p) {
  for (const auto& c : p.concepts)
    for (const auto& w : c.match) {
      collect_protected(w.pattern, 0);
      for (const auto& a : w.all) collect_protected(a, 0);
      for (const auto& u : w.unless) collect_protected(u, 0);
    }
  for (const auto& m : p.misconceptions)
    for (const auto& w : m.match) {
      collect_protected(w.pattern, 0);
      for (const auto& a : w.all) collect_protected(a, 0);
      for (const auto& u : w.unless) collect_protected(u, 0);
    }
  for (const auto& ch : p.parts) collect_protected_part(ch);
}

Compiler::Compiler(const Rubric& r) : rubric(r), lexicon(r.lexicon) {
  // Spelling variants: every variant reads as the first of its list.
  auto resolve = [&](const std::string& u) {
    auto it = forms.variant_of.find(u);
    return it == forms.variant_of.end() ? u : it->second;
  };
  auto add_variants = [&](const auto& list) {
    if (list.empty()) return;
    // Lists that share a word merge: everything maps to one canonical word.
    const std::string canon = resolve(unify_spelling(fold(std::string(list.front()))));
    for (const auto& v : list) {
      const std::string u = unify_spelling(fold(std::string(v)));
      const std::string old = resolve(u);
      if (old != canon) {
        for (auto& [from, to] : forms.variant_of)
          if (to == old) to = canon;
        forms.variant_of[old] = canon;
      }
      if (u != canon) forms.variant_of[u] = canon;
    }
  };
  for (const auto& v : builtin_variants()) add_variants(v);
  for (const auto& v : lexicon.variants) add_variants(v);
  // Abbreviations: short -> long words.
  for (const auto& [shrt, lng] : lexicon.abbreviations) {
    std::vector<std::string> words;
    for (const Tok& t : analyse_plain(lng, forms))
      if (t.kind != TK::Symbol) words.push_back(t.text);
    const std::vector<Tok> st = analyse_plain(shrt, forms);
    if (st.size() == 1 && !words.empty()) abbrevs.expand[st[0].text] = words;
  }
  // Protected terms.
  auto protect = [&](const std::string& norm, const std::string& st) {
    protected_stems.insert(st);
    auto& words = protected_stem_words[st];
    if (std::find(words.begin(), words.end(), norm) == words.end()) words.push_back(norm);
  };
  for (auto t : builtin_protected_terms()) {
    const std::string norm = forms.norm(std::string(t));
    protect(norm, stem(norm));
  }
  for (const auto& t : lexicon.terms)
    for (const Tok& k : analyse_plain(t, forms))
      if (k.kind == TK::Word) protect(k.norm, k.stem);
  technical_stems = protected_stems;  // the built-in and the lexicon's terms, not every pattern word
  for (const auto& q : r.questions) collect_protected_part(q);
  for (const auto& [name, alts] : lexicon.synonyms)
    for (const auto& a : alts) collect_protected(a, 0);
}

void Compiler::compile_part(const Part& p, std::map<std::string, CPart>& out) {
  if (!p.leaf()) {
    for (const auto& ch : p.parts) compile_part(ch, out);
    return;
  }
  CPart cp;
  cp.part = &p;
  pool_to_part_.assign(pool_.size(), -1);  // a new part interns its own words
  pair_of_pool_.clear();
  for (const auto& c : p.concepts) {
    CConcept cc;
    cc.id = c.id;
    cc.marks = c.marks;
    cc.negation = c.negation;
    for (const auto& w : c.match) cc.wordings.push_back(compile_wording(cp, w));
    for (const auto& w : c.about) cc.about.push_back(compile_wording(cp, w));
    cp.concepts.push_back(std::move(cc));
  }
  for (std::size_t i = 0; i < p.concepts.size(); ++i)
    for (const std::string& other : p.concepts[i].apart_from)
      for (std::size_t j = 0; j < p.concepts.size(); ++j)
        if (j != i && p.concepts[j].id == other) cp.concepts[i].apart.push_back(static_cast<int>(j));
  for (const auto& m : p.misconceptions) {
    CConcept cc;
    cc.id = m.id;
    cc.marks = m.penalty;
    for (const auto& w : m.match) cc.wordings.push_back(compile_wording(cp, w));
    cp.misconceptions.push_back(std::move(cc));
  }
  if (p.choice) {
    // Which role the prompt asks for ("... used the smallest value"), for role-naming answers.
    std::string word;
    for (std::size_t i = 0; i <= p.prompt.size() && cp.asked_role == 0; ++i) {
      const char c = i < p.prompt.size() ? p.prompt[i] : ' ';
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (!word.empty()) {
        cp.asked_role = superlative_role(word);
        word.clear();
      }
    }
    TextOptions lo;
    lo.gap = 0;
    lo.fuzzy = true;
    char letter = 'a';
    for (const auto& o : p.choice->options) {
      COption co;
      co.id = o.id;
      co.letter = o.letter.empty() ? std::string(1, letter) : fold(o.letter);
      co.special = o.all_of_the_above || o.none_of_the_above;
      std::vector<std::string> names;
      names.push_back(o.label.empty() ? o.id : o.label);
      for (const auto& a : o.aliases) names.push_back(a);
      if (o.all_of_the_above) {
        names.push_back("all of the above");
        names.push_back("all the above");
        names.push_back("all of them");
      }
      if (o.none_of_the_above) {
        names.push_back("none of the above");
        names.push_back("none of them");
      }
      for (const auto& nm : names) {
        PatternNode node;
        node.kind = PatternNode::Kind::Seq;
        for (const Tok& t : analyse_plain(nm, forms)) {
          PatternNode wn;
          wn.kind = PatternNode::Kind::Word;
          wn.text = t.text;
          wn.exact = t.kind != TK::Word;
          node.children.push_back(std::move(wn));
        }
        if (node.children.empty()) continue;
        CText ct = compile_text(cp, node, lo);
        for (auto& s : ct.seqs) co.names.push_back(std::move(s));
      }
      cp.options.push_back(std::move(co));
      ++letter;
    }
  }
  cp.finish();
  out[p.id] = std::move(cp);
}

}  // namespace automark::match
