// YAML -> Rubric, with every lint check. Each problem is recorded with the
// position of the YAML node it is about and the walk goes on, so that lint
// reports all of them at once.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>

#include "rubric/loader_local.h"
#include "rubric/read_local.h"

namespace automark::rubric_detail {

namespace {

constexpr std::size_t kMaxDiagnostics = 1000;
constexpr double kEps = 1e-9;

bool near(double a, double b) { return std::fabs(a - b) <= kEps * std::max(1.0, std::fabs(b)); }

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string did_you_mean(const std::optional<std::string>& s) {
  return s ? "; did you mean " + quoted(*s) + "?" : "";
}

bool plain(const YAML::Node& n) { return n.IsScalar() && n.Tag() == "?"; }

std::optional<double> parse_double(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char c = s[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '+')) return std::nullopt;
  if (s.find_first_of("xXnN") != std::string::npos) return std::nullopt;  // hex, nan, inf
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool is_bool_text(const std::string& s, bool* out) {
  if (s == "true" || s == "True" || s == "TRUE") {
    *out = true;
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    *out = false;
    return true;
  }
  return false;
}

/// What a node is, for "must be X, not Y" messages.
std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar: {
      bool b;
      if (plain(n) && parse_double(n.Scalar())) return n.Scalar();
      if (plain(n) && is_bool_text(n.Scalar(), &b)) return n.Scalar();
      return "a string";
    }
    default:
      return "empty";
  }
}

SourceLoc loc_of(const YAML::Mark& m) { return SourceLoc{m.line + 1, m.column + 1}; }

std::string letters(std::size_t i) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('a' + i % 26));
    i = i / 26;
  } while (i-- > 0);
  return s;
}

int count_letters(std::string_view w) {
  int n = 0;
  for (unsigned char c : w) {
    if (std::isalpha(c) || c >= 0xC0) ++n;  // ASCII letters and UTF-8 lead bytes
  }
  return n;
}

/// True when some fuzzy-eligible word of the pattern has at least 5 letters.
bool has_fuzzy_word(const PatternNode& n) {
  if (n.kind == PatternNode::Kind::Word) return !n.exact && !n.prefix && count_letters(n.text) >= 5;
  return std::any_of(n.children.begin(), n.children.end(), has_fuzzy_word);
}

void collect_refs(const PatternNode& n, std::vector<const PatternNode*>* out) {
  if (n.kind == PatternNode::Kind::Ref) out->push_back(&n);
  for (const auto& c : n.children) collect_refs(c, out);
}

std::string ref_name(std::string_view t) {
  if (!t.empty() && t[0] == '@') t.remove_prefix(1);
  return std::string(t);
}

const std::vector<double> kDefaultSamples = {3, 7, 12, 28, 101};

}  // namespace

std::string fmt_num(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(std::llround(v)));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// ---------------------------------------------------------------- basics

void Builder::add(int line, int col, const char* severity, std::string msg) {
  if (line < 1) line = 0;
  if (col < 1 || line == 0) col = 0;
  if (std::string_view(severity) == "error") ++errors_;
  diags_.push_back(Diagnostic{file_, line, col, severity, std::move(msg)});
  if (diags_.size() >= kMaxDiagnostics) {
    throw Stop{"too many problems; stopped after " + std::to_string(kMaxDiagnostics), kExitInvalid,
               0, 0};
  }
}

void Builder::visit() {
  if (++visits_ > RubricLimits::kMaxNodes) {
    throw Stop{"the YAML expands to more than " + std::to_string(RubricLimits::kMaxNodes) +
                   " nodes (aliases repeated too often?)",
               kExitUnreadable, 0, 0};
  }
}

Builder::Fields Builder::fields(const YAML::Node& map, std::initializer_list<const char*> allowed,
                                std::string_view where) {
  Fields out;
  std::map<std::string, int> seen;
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& kv : map) {
    visit();
    const YAML::Node& k = kv.first;
    if (!k.IsScalar()) {
      error(k.Mark(), "a key must be a string, not " + describe(k));
      continue;
    }
    std::string key = k.Scalar();
    if (auto s = seen.find(key); s != seen.end()) {
      error(k.Mark(), "duplicate key " + quoted(key) + " (first at line " + std::to_string(s->second) + ")");
      continue;
    }
    seen[key] = k.Mark().line + 1;
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      error(k.Mark(), "unknown key " + quoted(key) + " in " + std::string(where) +
                          did_you_mean(closest(key, names)));
      continue;
    }
    out.push_back(Field{key, k, kv.second});
  }
  return out;
}

const Builder::Field* Builder::get(const Fields& f, std::string_view key) {
  for (const Field& x : f) {
    if (x.key == key) return &x;
  }
  return nullptr;
}

bool Builder::require_map(const YAML::Node& n, std::string_view what) {
  visit();
  if (n.IsMap()) return true;
  error(n.Mark(), std::string(what) + " must be a mapping, not " + describe(n));
  return false;
}

std::optional<std::string> Builder::str(const Field& f) {
  visit();
  if (f.v.IsScalar()) return f.v.Scalar();
  error(f.v.IsNull() ? f.k.Mark() : f.v.Mark(), quoted(f.key) + " must be a string, not " + describe(f.v));
  return std::nullopt;
}

std::optional<double> Builder::num(const Field& f) {
  visit();
  if (plain(f.v)) {
    if (auto v = parse_double(f.v.Scalar())) return v;
  }
  error(f.v.IsNull() ? f.k.Mark() : f.v.Mark(), quoted(f.key) + " must be a number, not " + describe(f.v));
  return std::nullopt;
}

std::optional<int> Builder::whole(const Field& f) {
  auto v = num(f);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v) || std::fabs(*v) > 1e9) {
    error(f.v.Mark(), quoted(f.key) + " must be a whole number, not " + f.v.Scalar());
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> Builder::boolean(const Field& f) {
  visit();
  bool b;
  if (plain(f.v) && is_bool_text(f.v.Scalar(), &b)) return b;
  error(f.v.IsNull() ? f.k.Mark() : f.v.Mark(),
        quoted(f.key) + " must be true or false, not " + describe(f.v));
  return std::nullopt;
}

std::optional<double> Builder::marks(const Field& f, bool allow_zero) {
  auto v = num(f);
  if (!v) return std::nullopt;
  if (*v < 0 || (*v == 0 && !allow_zero)) {
    error(f.v.Mark(), quoted(f.key) + " must be " + (allow_zero ? "at least 0" : "positive") +
                          ", not " + f.v.Scalar());
    return std::nullopt;
  }
  if (!near(*v * 4, std::round(*v * 4))) {
    error(f.v.Mark(), quoted(f.key) + " must be a multiple of 0.25, not " + f.v.Scalar());
    return std::nullopt;
  }
  return v;
}

std::vector<std::pair<std::string, YAML::Node>> Builder::string_list(const Field& f, bool allow_single) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  visit();
  if (allow_single && f.v.IsScalar()) {
    out.emplace_back(f.v.Scalar(), f.v);
    return out;
  }
  if (!f.v.IsSequence()) {
    error(f.v.IsNull() ? f.k.Mark() : f.v.Mark(), quoted(f.key) + " must be a list, not " + describe(f.v));
    return out;
  }
  for (const auto& e : f.v) {
    visit();
    if (!e.IsScalar()) {
      error(e.Mark(), "the items of " + quoted(f.key) + " must be strings, not " + describe(e));
      continue;
    }
    out.emplace_back(e.Scalar(), e);
  }
  return out;
}

std::pair<int, int> Builder::inner_pos(const YAML::Node& scalar, int col_in_value) {
  const YAML::Mark m = scalar.Mark();
  int line = m.line + 1, col = m.column + 1;
  if (col_in_value < 1 || scalar.Scalar().find('\n') != std::string::npos) return {line, col};
  if (m.pos >= 0 && static_cast<std::size_t>(m.pos) < src_.size()) {
    char c = src_[static_cast<std::size_t>(m.pos)];
    if (c == '|' || c == '>') return {line, col};
    if (c == '"' || c == '\'') ++col;
  }
  return {line, col + col_in_value - 1};
}

// ---------------------------------------------------------------- top level

void Builder::build(const YAML::Node& root, Rubric* r) {
  Fields top = fields(root, {"automark", "exam", "lexicon", "questions"}, "the top level");
  if (const Field* v = get(top, "automark")) {
    if (auto n = whole(*v); n && *n != 1) {
      error(v->v.Mark(), "unsupported format version " + std::to_string(*n) + " (this automark reads 1)");
    }
  }
  const Field* exam = get(top, "exam");
  Fields exam_fields;
  if (exam == nullptr) {
    error(root.Mark(), "missing required key 'exam' in the top level");
  } else if (require_map(exam->v, "'exam'")) {
    exam_fields = load_exam(*exam, &r->exam);
  }
  lexicon_ = &r->lexicon;
  if (const Field* lx = get(top, "lexicon")) load_lexicon(*lx, &r->lexicon);

  const Field* qs = get(top, "questions");
  if (qs == nullptr) {
    error(root.Mark(), "missing required key 'questions' in the top level");
  } else if (!qs->v.IsSequence()) {
    error(qs->v.IsNull() ? qs->k.Mark() : qs->v.Mark(), "'questions' must be a list, not " + describe(qs->v));
  } else if (qs->v.size() == 0) {
    error(qs->v.Mark(), "'questions' must not be empty");
  } else {
    std::map<std::string, int> ids;
    for (const auto& qn : qs->v) {
      Part q;
      if (!load_part(qn, "", 1, &q)) continue;
      if (auto s = ids.find(q.label); s != ids.end()) {
        add(q.loc.line, q.loc.col, "error",
            "duplicate question id " + quoted(q.label) + " (first at line " + std::to_string(s->second) + ")");
      } else {
        ids[q.label] = q.loc.line;
      }
      r->questions.push_back(std::move(q));
    }
    if (exam != nullptr && exam->v.IsMap()) check_total(exam_fields, qs->v, r);
  }
}

Builder::Fields Builder::load_exam(const Field& f, Exam* e) {
  Fields fs = fields(f.v, {"code", "title", "answer", "count", "total"}, "'exam'");
  if (const Field* c = get(fs, "code")) {
    if (auto s = str(*c)) e->code = *s;
  } else {
    error(f.v.Mark(), "missing required key 'code' in 'exam'");
  }
  if (const Field* t = get(fs, "title")) {
    if (auto s = str(*t)) e->title = *s;
  }
  if (const Field* a = get(fs, "answer")) {
    if (auto n = whole(*a)) {
      if (*n <= 0) {
        error(a->v.Mark(), "'answer' must be positive, not " + a->v.Scalar());
      } else {
        e->answer = *n;
      }
    }
  }
  if (const Field* c = get(fs, "count")) {
    if (auto s = str(*c)) {
      if (*s == "best") {
        e->count = Exam::Count::Best;
      } else if (*s == "first") {
        e->count = Exam::Count::First;
      } else {
        error(c->v.Mark(), "'count' must be 'best' or 'first', not " + quoted(*s));
      }
    }
  }
  if (const Field* t = get(fs, "total")) {
    if (auto v = marks(*t, false)) e->total = *v;
  }
  return fs;
}

void Builder::check_total(const Fields& exam_fields, const YAML::Node& questions, Rubric* r) {
  (void)questions;
  if (r->questions.empty()) return;
  Exam& e = r->exam;
  const Field* total = get(exam_fields, "total");
  const Field* answer = get(exam_fields, "answer");
  std::size_t nq = r->questions.size();
  double sum = 0;
  for (const Part& q : r->questions) {
    if (q.marks <= 0) return;  // already reported
    sum += q.marks;
  }
  if (e.answer > 0) {
    if (static_cast<std::size_t>(e.answer) > nq) {
      error(answer->v.Mark(), "'answer: " + std::to_string(e.answer) + "' but the paper has only " +
                                  std::to_string(nq) + " question" + (nq == 1 ? "" : "s"));
      return;
    }
    const Part& first = r->questions.front();
    bool same = true;
    for (const Part& q : r->questions) {
      if (!near(q.marks, first.marks)) {
        same = false;
        add(q.loc.line, q.loc.col, "error",
            "with 'answer' every question must carry the same marks: question " + q.id + " has " +
                fmt_num(q.marks) + ", question " + first.id + " has " + fmt_num(first.marks));
      }
    }
    if (!same) return;
    double made = e.answer * first.marks;
    if (total != nullptr && e.total > 0 && !near(made, e.total)) {
      error(total->v.Mark(), "'answer: " + std::to_string(e.answer) + "' times " + fmt_num(first.marks) +
                                 " marks per question is " + fmt_num(made) + ", but 'total' is " +
                                 fmt_num(e.total));
    }
    if (total == nullptr) e.total = made;
  } else {
    if (total != nullptr && e.total > 0 && !near(sum, e.total)) {
      error(total->v.Mark(), "the questions sum to " + fmt_num(sum) + " marks, but 'total' is " +
                                 fmt_num(e.total));
    }
    if (total == nullptr) e.total = sum;
  }
}

// ---------------------------------------------------------------- lexicon

void Builder::load_lexicon(const Field& f, Lexicon* lx) {
  if (!require_map(f.v, "'lexicon'")) return;
  Fields fs = fields(f.v, {"synonyms", "variants", "abbreviations", "units", "terms"}, "'lexicon'");
  if (const Field* u = get(fs, "units"); u && require_map(u->v, "'units'")) {
    for (const auto& kv : u->v) {
      visit();
      std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (name.empty()) {
        error(kv.first.Mark(), "a unit name must be a non-empty string");
        continue;
      }
      if (!require_map(kv.second, "a unit")) continue;
      Fields uf = fields(kv.second, {"dimension", "factor", "aliases"}, "a unit");
      Unit unit;
      unit.name = name;
      bool ok = true;
      if (const Field* d = get(uf, "dimension")) {
        if (auto s = str(*d)) unit.dimension = *s;
        else ok = false;
      } else {
        error(kv.second.Mark(), "missing required key 'dimension' in a unit");
        ok = false;
      }
      if (const Field* fa = get(uf, "factor")) {
        if (auto v = num(*fa)) {
          if (*v <= 0) {
            error(fa->v.Mark(), "'factor' must be positive, not " + fa->v.Scalar());
            ok = false;
          } else {
            unit.factor = *v;
          }
        } else {
          ok = false;
        }
      } else {
        error(kv.second.Mark(), "missing required key 'factor' in a unit");
        ok = false;
      }
      if (!ok) continue;
      lx->units[name] = unit;
      if (const Field* al = get(uf, "aliases")) {
        for (auto& [a, node] : string_list(*al, true)) lx->units[a] = unit;
      }
    }
  }
  if (const Field* s = get(fs, "synonyms"); s && require_map(s->v, "'synonyms'")) {
    for (const auto& kv : s->v) {
      visit();
      std::string name = kv.first.IsScalar() ? ref_name(kv.first.Scalar()) : std::string();
      if (name.empty()) {
        error(kv.first.Mark(), "a synonym set name must be a non-empty string");
        continue;
      }
      synonym_locs_[name] = loc_of(kv.first.Mark());
      lx->synonym_sources[name];
      lx->synonyms[name];
    }
    // Patterns after every name is known, so that sets may refer to each other.
    for (const auto& kv : s->v) {
      std::string name = kv.first.IsScalar() ? ref_name(kv.first.Scalar()) : std::string();
      if (name.empty()) continue;
      Field item{name, kv.first, kv.second};
      auto list = string_list(item, true);
      if (list.empty() && kv.second.IsSequence()) error(kv.second.Mark(), "synonym set '@" + name + "' is empty");
      for (auto& [text, node] : list) {
        std::string source;
        PatternNode p;
        if (load_pattern(node, &source, &p, std::nullopt)) {
          lx->synonym_sources[name].push_back(source);
          lx->synonyms[name].push_back(std::move(p));
        }
      }
    }
    check_synonym_cycles(*lx);
  }
  if (const Field* v = get(fs, "variants")) {
    visit();
    if (!v->v.IsSequence()) {
      error(v->v.IsNull() ? v->k.Mark() : v->v.Mark(), "'variants' must be a list, not " + describe(v->v));
    } else {
      for (const auto& e : v->v) {
        Field item{"variants", v->k, e};
        if (!e.IsSequence()) {
          error(e.Mark(), "each entry of 'variants' must be a list of words, not " + describe(e));
          continue;
        }
        auto words = string_list(item, false);
        if (words.size() < 2) {
          error(e.Mark(), "a variant list needs at least two words");
          continue;
        }
        std::vector<std::string> ws;
        for (auto& [w, node] : words) ws.push_back(w);
        lx->variants.push_back(std::move(ws));
      }
    }
  }
  if (const Field* a = get(fs, "abbreviations"); a && require_map(a->v, "'abbreviations'")) {
    for (const auto& kv : a->v) {
      visit();
      if (!kv.first.IsScalar() || !kv.second.IsScalar() || kv.second.Scalar().empty()) {
        error(kv.second.IsScalar() ? kv.first.Mark() : kv.second.Mark(),
              "an abbreviation must map a short form to its long form (two strings)");
        continue;
      }
      lx->abbreviations[kv.first.Scalar()] = kv.second.Scalar();
    }
  }
  if (const Field* t = get(fs, "terms")) {
    for (auto& [w, node] : string_list(*t, false)) lx->terms.push_back(w);
  }
}

void Builder::check_synonym_cycles(const Lexicon& lx) {
  // Depth-first search; a grey node reached again is a cycle.
  std::map<std::string, int> state;  // 0 white, 1 grey, 2 black
  std::vector<std::string> stack;
  std::function<void(const std::string&)> dfs = [&](const std::string& name) {
    state[name] = 1;
    stack.push_back(name);
    auto it = lx.synonyms.find(name);
    if (it != lx.synonyms.end()) {
      for (const PatternNode& p : it->second) {
        std::vector<const PatternNode*> refs;
        collect_refs(p, &refs);
        for (const PatternNode* r : refs) {
          std::string to = ref_name(r->text);
          if (!lx.synonyms.count(to)) continue;  // reported as unknown
          if (state[to] == 1) {
            std::string path;
            auto start = std::find(stack.begin(), stack.end(), to);
            for (auto s = start; s != stack.end(); ++s) path += "@" + *s + " -> ";
            path += "@" + to;
            SourceLoc l = synonym_locs_[to];
            add(l.line, l.col, "error", "synonym set '@" + to + "' refers to itself (" + path + ")");
          } else if (state[to] == 0) {
            dfs(to);
          }
        }
      }
    }
    stack.pop_back();
    state[name] = 2;
  };
  for (const auto& [name, pats] : lx.synonyms) {
    if (state[name] == 0) dfs(name);
  }
}

// ---------------------------------------------------------------- parts

bool Builder::load_part(const YAML::Node& n, const std::string& parent, int depth, Part* p) {
  const char* what = parent.empty() ? "a question" : "a part";
  if (!require_map(n, what)) return false;
  Fields fs = fields(n,
                     {"id", "marks", "word_limit", "prompt", "parts", "concepts", "groups",
                      "misconceptions", "choice", "rule", "term_lists", "hedges", "bare_values"},
                     what);
  p->loc = loc_of(n.Mark());
  const Field* idf = get(fs, "id");
  if (idf == nullptr) {
    error(n.Mark(), std::string("missing required key 'id' in ") + what);
    return false;
  }
  auto id = str(*idf);
  if (!id) return false;
  if (id->empty() || id->find_first_of(". \t") != std::string::npos) {
    error(idf->v.Mark(), "id " + quoted(*id) + " must be non-empty, without '.' or spaces");
    return false;
  }
  p->label = *id;
  p->id = parent.empty() ? *id : parent + "." + *id;
  p->loc = loc_of(idf->v.Mark());
  if (const Field* pr = get(fs, "prompt")) {
    if (auto s = str(*pr)) p->prompt = *s;
  }
  const Field* mf = get(fs, "marks");
  std::optional<double> given;
  if (mf != nullptr) given = marks(*mf, false);

  if (const Field* parts = get(fs, "parts")) {
    for (const char* leaf_key :
         {"word_limit", "concepts", "groups", "misconceptions", "choice", "rule", "term_lists", "hedges",
          "bare_values"}) {
      if (const Field* lk = get(fs, leaf_key)) {
        error(lk->k.Mark(), p->id + " has 'parts', so it cannot have " + quoted(leaf_key) +
                                " (leaf keys belong in its leaf parts)");
      }
    }
    visit();
    if (!parts->v.IsSequence()) {
      error(parts->v.IsNull() ? parts->k.Mark() : parts->v.Mark(), "'parts' must be a list, not " + describe(parts->v));
      return false;
    }
    if (parts->v.size() == 0) {
      error(parts->v.Mark(), "'parts' must not be empty");
      return false;
    }
    if (depth >= RubricLimits::kMaxPartDepth) {
      error(parts->k.Mark(), "parts nested deeper than " + std::to_string(RubricLimits::kMaxPartDepth) + " levels");
      return false;
    }
    std::map<std::string, int> ids;
    double sum = 0;
    bool all_ok = true;
    for (const auto& cn : parts->v) {
      Part c;
      if (!load_part(cn, p->id, depth + 1, &c)) {
        all_ok = false;
        continue;
      }
      if (auto s = ids.find(c.label); s != ids.end()) {
        add(c.loc.line, c.loc.col, "error",
            "duplicate part id " + quoted(c.label) + " in " + p->id + " (first at line " +
                std::to_string(s->second) + ")");
      } else {
        ids[c.label] = c.loc.line;
      }
      if (c.marks <= 0) all_ok = false;
      sum += c.marks;
      p->parts.push_back(std::move(c));
    }
    if (given) {
      if (all_ok && !near(sum, *given)) {
        error(mf->v.Mark(), "the parts of " + p->id + " sum to " + fmt_num(sum) + " marks, but " + p->id +
                                " has " + fmt_num(*given));
      }
      p->marks = *given;
    } else {
      p->marks = sum;
    }
    return true;
  }

  // A leaf.
  if (++leaves_ == RubricLimits::kMaxLeaves + 1) {
    error(n.Mark(), "more than " + std::to_string(RubricLimits::kMaxLeaves) + " leaf parts");
  }
  if (mf == nullptr) {
    error(n.Mark(), "missing required key 'marks' in " + std::string(what) + " (" + p->id + ")");
  } else if (given) {
    p->marks = *given;
  }
  if (const Field* wl = get(fs, "word_limit")) {
    if (auto v = whole(*wl)) {
      if (*v <= 0) {
        error(wl->v.Mark(), "'word_limit' must be positive, not " + wl->v.Scalar());
      } else {
        p->word_limit = *v;
      }
    }
  }
  if (const Field* tl = get(fs, "term_lists")) {
    if (auto v = str(*tl)) {
      if (*v == "no_credit") p->term_lists_credit = false;
      else if (*v != "credit")
        error(tl->v.Mark(), "'term_lists' must be 'credit' or 'no_credit', not " + quoted(*v));
    }
  }
  if (const Field* hf = get(fs, "hedges")) {
    if (auto v = str(*hf)) {
      if (*v == "no_credit") p->hedges_credit = false;
      else if (*v != "credit")
        error(hf->v.Mark(), "'hedges' must be 'credit' or 'no_credit', not " + quoted(*v));
    }
  }
  if (const Field* bf = get(fs, "bare_values")) {
    if (auto v = str(*bf)) {
      if (*v == "all_or_nothing") p->bare_values_credit = false;
      else if (*v != "credit")
        error(bf->v.Mark(), "'bare_values' must be 'credit' or 'all_or_nothing', not " + quoted(*v));
    }
  }
  load_leaf(fs, n, p);
  return true;
}

void Builder::load_leaf(const Fields& fs, const YAML::Node& n, Part* p) {
  const Field* cf = get(fs, "concepts");
  const Field* chf = get(fs, "choice");
  if (cf == nullptr && chf == nullptr) {
    error(n.Mark(), "leaf part " + p->id + " has neither 'concepts' nor 'choice'");
  }
  if (cf != nullptr && chf != nullptr) {
    error(chf->k.Mark(), p->id + " has both 'concepts' and 'choice'; use one");
  }
  if (chf != nullptr) {
    for (const char* k : {"groups", "rule", "misconceptions", "term_lists", "hedges", "bare_values"}) {
      if (const Field* x = get(fs, k)) error(x->k.Mark(), quoted(k) + " does not apply to a choice part");
    }
    load_choice(*chf, p);
    p->kind = "choice";
    return;
  }
  if (const Field* gf = get(fs, "groups"); gf && require_map(gf->v, "'groups'")) {
    for (const auto& kv : gf->v) {
      visit();
      if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
        error(kv.first.Mark(), "a group id must be a non-empty string");
        continue;
      }
      Field item{kv.first.Scalar(), kv.first, kv.second};
      Group g;
      g.id = item.key;
      g.loc = loc_of(kv.first.Mark());
      if (auto v = marks(item, false)) g.max = *v;
      p->groups.push_back(g);
    }
  }
  std::map<std::string, int> ids;
  auto check_id = [&](const std::string& id, SourceLoc at, const char* kind, int line) {
    if (id.empty()) return;
    if (auto s = ids.find(id); s != ids.end()) {
      add(at.line, at.col, "error", std::string("duplicate ") + kind + " id " + quoted(id) + " in " + p->id +
                             " (first at line " + std::to_string(s->second) + ")");
    } else {
      ids[id] = line;
    }
  };
  if (cf != nullptr) {
    visit();
    if (!cf->v.IsSequence()) {
      error(cf->v.IsNull() ? cf->k.Mark() : cf->v.Mark(), "'concepts' must be a list, not " + describe(cf->v));
    } else if (cf->v.size() == 0) {
      error(cf->v.Mark(), "'concepts' must not be empty");
    } else {
      for (const auto& cn : cf->v) {
        Concept c;
        if (!load_concept(cn, &c)) continue;
        check_id(c.id, c.loc, "concept", c.loc.line);
        p->concepts.push_back(std::move(c));
      }
    }
  }
  if (const Field* mf = get(fs, "misconceptions")) {
    visit();
    if (!mf->v.IsSequence()) {
      error(mf->v.IsNull() ? mf->k.Mark() : mf->v.Mark(), "'misconceptions' must be a list, not " + describe(mf->v));
    } else {
      for (const auto& mn : mf->v) {
        Misconception m;
        if (!load_misconception(mn, &m)) continue;
        check_id(m.id, m.loc, "misconception", m.loc.line);
        p->misconceptions.push_back(std::move(m));
      }
    }
  }
  if (const Field* rf = get(fs, "rule")) load_rule(*rf, &p->rule);

  bool numeric = !p->concepts.empty();
  for (const Concept& c : p->concepts) {
    for (const Wording& w : c.match) {
      if (w.kind == Wording::Kind::Text || w.kind == Wording::Kind::All) numeric = false;
    }
  }
  p->kind = numeric ? "numeric" : "text";
  check_leaf(*p, fs);
}

void Builder::check_leaf(const Part& p, const Fields& fs) {
  // References between concepts, groups and misconceptions.
  std::vector<std::string> concept_ids, group_ids;
  for (const Concept& c : p.concepts) concept_ids.push_back(c.id);
  for (const Group& g : p.groups) group_ids.push_back(g.id);
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  // Concept-level references were recorded with their nodes in load_concept;
  // re-walk the YAML for positions.
  const Field* cf = get(fs, "concepts");
  if (cf != nullptr && cf->v.IsSequence()) {
    for (const auto& cn : cf->v) {
      if (!cn.IsMap()) continue;
      std::string self = cn["id"] && cn["id"].IsScalar() ? cn["id"].Scalar() : "";
      for (const auto& kv : cn) {
        if (!kv.first.IsScalar()) continue;
        const std::string& key = kv.first.Scalar();
        if (key == "group" && kv.second.IsScalar()) {
          const std::string& g = kv.second.Scalar();
          if (!has(group_ids, g)) {
            error(kv.second.Mark(), "unknown group " + quoted(g) + did_you_mean(closest(g, group_ids)));
          }
        } else if (key == "requires" || key == "apart_from") {
          Field item{key, kv.first, kv.second};
          std::vector<std::pair<std::string, YAML::Node>> list;
          if (kv.second.IsScalar()) {
            list.emplace_back(kv.second.Scalar(), kv.second);
          } else if (kv.second.IsSequence()) {
            for (const auto& e : kv.second) {
              if (e.IsScalar()) list.emplace_back(e.Scalar(), e);
            }
          }
          for (auto& [id, node] : list) {
            if (id == self) {
              error(node.Mark(), key == "requires" ? "concept " + quoted(id) + " requires itself"
                                                   : "concept " + quoted(id) + " is 'apart_from' itself");
            } else if (!has(concept_ids, id)) {
              error(node.Mark(), "unknown concept " + quoted(id) + " in '" + key + "'" +
                                     did_you_mean(closest(id, concept_ids)));
            }
          }
        }
      }
    }
  }
  const Field* mf = get(fs, "misconceptions");
  if (mf != nullptr && mf->v.IsSequence()) {
    for (const auto& mn : mf->v) {
      if (!mn.IsMap()) continue;
      for (const auto& kv : mn) {
        if (!kv.first.IsScalar() || kv.first.Scalar() != "cancels") continue;
        std::vector<std::pair<std::string, YAML::Node>> list;
        if (kv.second.IsScalar()) {
          list.emplace_back(kv.second.Scalar(), kv.second);
        } else if (kv.second.IsSequence()) {
          for (const auto& e : kv.second) {
            if (e.IsScalar()) list.emplace_back(e.Scalar(), e);
          }
        }
        for (auto& [id, node] : list) {
          if (id == "all" || id == "*") continue;
          if (!has(concept_ids, id)) {
            error(node.Mark(), "unknown concept " + quoted(id) + " in 'cancels'" +
                                   did_you_mean(closest(id, concept_ids)));
          }
        }
      }
    }
  }
  for (const Group& g : p.groups) {
    bool used = std::any_of(p.concepts.begin(), p.concepts.end(), [&](const Concept& c) { return c.group == g.id; });
    if (!used) add(g.loc.line, g.loc.col, "warning", "group " + quoted(g.id) + " has no concepts");
  }

  // Can the concepts reach the part's maximum?
  if (p.concepts.empty() || p.marks <= 0) return;
  const Field* mk = get(fs, "marks");
  YAML::Mark at = mk != nullptr ? mk->v.Mark() : YAML::Mark::null_mark();
  auto cap_of = [&](const std::string& gid) -> std::optional<double> {
    for (const Group& g : p.groups) {
      if (g.id == gid && g.max > 0) return g.max;
    }
    return std::nullopt;
  };
  // Best total of at most k concepts with group caps (greedy by marks).
  auto best = [&](std::size_t k) {
    std::vector<const Concept*> cs;
    for (const Concept& c : p.concepts) cs.push_back(&c);
    std::stable_sort(cs.begin(), cs.end(), [](const Concept* a, const Concept* b) { return a->marks > b->marks; });
    std::map<std::string, double> used;
    double total = 0;
    std::size_t taken = 0;
    for (const Concept* c : cs) {
      if (taken == k) break;
      double gain = c->marks;
      if (auto cap = cap_of(c->group)) gain = std::min(gain, *cap - used[c->group]);
      if (gain <= kEps) continue;
      if (cap_of(c->group)) used[c->group] += gain;
      total += gain;
      ++taken;
    }
    return total;
  };
  const Rule& r = p.rule;
  switch (r.kind) {
    case Rule::Kind::Sum: {
      double reach = best(p.concepts.size());
      if (reach + kEps < p.marks) {
        error(at, "the concepts reach at most " + fmt_num(reach) + " of the part's " + fmt_num(p.marks) + " marks");
      }
      break;
    }
    case Rule::Kind::Any: {
      if (r.any <= 0) break;
      if (static_cast<std::size_t>(r.any) > p.concepts.size()) {
        add(r.loc.line, r.loc.col, "error",
            "'any: " + std::to_string(r.any) + "' needs at least " + std::to_string(r.any) +
                " concepts, but the part has only " + std::to_string(p.concepts.size()));
        break;
      }
      double reach = best(static_cast<std::size_t>(r.any));
      if (reach + kEps < p.marks) {
        error(at, "the best " + std::to_string(r.any) + " concepts reach at most " + fmt_num(reach) +
                      " of the part's " + fmt_num(p.marks) + " marks");
      }
      break;
    }
    case Rule::Kind::Levels: {
      if (r.levels.empty()) break;
      const auto& top = r.levels.front();  // descending count
      if (!near(top.second, p.marks)) {
        add(r.loc.line, r.loc.col, "error",
            "the top level gives " + fmt_num(top.second) + " marks, but the part has " + fmt_num(p.marks));
      }
      if (static_cast<std::size_t>(top.first) > p.concepts.size()) {
        add(r.loc.line, r.loc.col, "error",
            "the top level needs " + std::to_string(top.first) + " concepts, but the part has only " +
                std::to_string(p.concepts.size()));
      }
      break;
    }
    case Rule::Kind::AllOrNothing:
      break;
  }
}

// ---------------------------------------------------------------- concepts

bool Builder::load_concept(const YAML::Node& n, Concept* c) {
  if (!require_map(n, "a concept")) return false;
  Fields fs = fields(n, {"id", "marks", "match", "feedback", "group", "requires", "negation", "about", "apart_from",
                         "unless"},
                     "a concept");
  c->loc = loc_of(n.Mark());
  if (const Field* f = get(fs, "id")) {
    if (auto s = str(*f)) c->id = *s;
    c->loc = loc_of(f->v.Mark());
  } else {
    error(n.Mark(), "missing required key 'id' in a concept");
  }
  if (const Field* f = get(fs, "marks")) {
    if (auto v = marks(*f, false)) c->marks = *v;
  }
  if (const Field* f = get(fs, "match")) {
    load_match(*f, &c->match);
    for (std::size_t i = 0; i < c->match.size(); ++i) {
      const Wording& w = c->match[i];
      if (w.marks && *w.marks > c->marks + kEps) {
        add(w.loc.line, w.loc.col, "error",
            "a wording's marks (" + fmt_num(*w.marks) + ") exceed its concept's (" + fmt_num(c->marks) + ")");
      }
    }
  } else {
    error(n.Mark(), "missing required key 'match' in a concept");
  }
  // A concept's `unless` is every text and `all` wording's, after the wording's own:
  // one list of contexts that refuse the concept, written once.
  if (const Field* f = get(fs, "unless")) {
    auto list = string_list(*f, true);
    if (list.empty() && f->v.IsSequence()) error(f->v.Mark(), "'unless' must not be empty");
    const auto applies = [](const Wording& w) { return w.kind == Wording::Kind::Text || w.kind == Wording::Kind::All; };
    if (!list.empty() && std::none_of(c->match.begin(), c->match.end(), applies))
      error(f->v.Mark(), "a concept's 'unless' needs a text or 'all' wording to apply to");
    for (const auto& [text, node] : list) {
      std::string source;
      PatternNode p;
      if (!load_pattern(node, &source, &p, std::nullopt)) continue;  // load_pattern reported it
      for (Wording& w : c->match) {
        if (!applies(w)) continue;
        w.unless_sources.push_back(source);
        w.unless.push_back(p);
      }
    }
  }
  if (const Field* f = get(fs, "feedback")) {
    visit();
    if (f->v.IsScalar()) {
      c->feedback.missed = f->v.Scalar();
    } else if (require_map(f->v, "'feedback'")) {
      Fields ff = fields(f->v, {"missed", "credited", "reveal"}, "'feedback'");
      if (const Field* x = get(ff, "missed")) {
        if (auto s = str(*x)) c->feedback.missed = *s;
      }
      if (const Field* x = get(ff, "credited")) {
        if (auto s = str(*x)) c->feedback.credited = *s;
      }
      if (const Field* x = get(ff, "reveal")) {
        if (auto b = boolean(*x)) c->feedback.reveal = *b;
      }
    }
  }
  if (const Field* f = get(fs, "group")) {
    if (auto s = str(*f)) c->group = *s;
  }
  if (const Field* f = get(fs, "requires")) {
    for (auto& [id, node] : string_list(*f, true)) c->requires_.push_back(id);
  }
  if (const Field* f = get(fs, "apart_from")) {
    for (auto& [id, node] : string_list(*f, true)) c->apart_from.push_back(id);
  }
  if (const Field* f = get(fs, "negation")) {
    if (auto b = boolean(*f)) c->negation = *b;
  }
  if (const Field* f = get(fs, "about")) {
    load_match(*f, &c->about);
    for (const Wording& w : c->about)
      if (w.kind != Wording::Kind::Text)
        add(w.loc.line, w.loc.col, "error", "'about' takes text patterns only (what the concept's value belongs to)");
  }
  return true;
}

bool Builder::load_misconception(const YAML::Node& n, Misconception* m) {
  if (!require_map(n, "a misconception")) return false;
  Fields fs = fields(n, {"id", "match", "penalty", "cancels", "feedback"}, "a misconception");
  m->loc = loc_of(n.Mark());
  if (const Field* f = get(fs, "id")) {
    if (auto s = str(*f)) m->id = *s;
    m->loc = loc_of(f->v.Mark());
  } else {
    error(n.Mark(), "missing required key 'id' in a misconception");
  }
  if (const Field* f = get(fs, "match")) {
    load_match(*f, &m->match);
    for (const Wording& w : m->match) {
      if (w.marks) add(w.loc.line, w.loc.col, "error", "'marks' does not apply to a misconception's wording");
    }
  } else {
    error(n.Mark(), "missing required key 'match' in a misconception");
  }
  if (const Field* f = get(fs, "penalty")) {
    if (auto v = marks(*f, true)) m->penalty = *v;
  }
  if (const Field* f = get(fs, "cancels")) {
    for (auto& [id, node] : string_list(*f, true)) m->cancels.push_back(id == "all" ? "*" : id);
  }
  if (const Field* f = get(fs, "feedback")) {
    if (auto s = str(*f)) m->feedback = *s;
  }
  return true;
}

// ---------------------------------------------------------------- wordings

void Builder::load_match(const Field& f, std::vector<Wording>* out) {
  visit();
  auto one = [&](const YAML::Node& n) {
    Wording w;
    if (load_wording(n, &w)) out->push_back(std::move(w));
  };
  if (f.v.IsSequence()) {
    if (f.v.size() == 0) {
      error(f.v.Mark(), "'match' must not be empty");
      return;
    }
    for (const auto& e : f.v) one(e);
  } else if (f.v.IsNull()) {
    error(f.k.Mark(), "'match' must be a wording or a list of wordings, not empty");
  } else {
    one(f.v);
  }
}

bool Builder::load_pattern(const YAML::Node& scalar, std::string* source, PatternNode* out,
                           std::optional<bool> fuzzy_on) {
  visit();
  *source = scalar.Scalar();
  if (source->empty()) {
    error(scalar.Mark(), "empty pattern");
    return false;
  }
  PatternError perr;
  auto p = parse_pattern(*source, &perr);
  if (!p) {
    auto [line, col] = inner_pos(scalar, perr.col);
    add(line, col, "error", "invalid pattern: " + perr.message);
    return false;
  }
  std::vector<const PatternNode*> refs;
  collect_refs(*p, &refs);
  for (const PatternNode* r : refs) {
    std::string name = ref_name(r->text);
    if (lexicon_ == nullptr || !lexicon_->synonyms.count(name)) {
      std::vector<std::string> known;
      if (lexicon_ != nullptr) {
        for (const auto& [k, v] : lexicon_->synonyms) known.push_back(k);
      }
      auto [line, col] = inner_pos(scalar, r->col);
      add(line, col, "error", "unknown synonym set '@" + name + "'" +
                                  (closest(name, known) ? "; did you mean '@" + *closest(name, known) + "'?" : ""));
    }
  }
  if (lexicon_ != nullptr) {
    const Lexicon& lx = *lexicon_;
    auto long_form = [&lx](const std::string& w) {
      if (lx.abbreviations.empty()) return false;
      const std::string f = fold_word(w);
      for (const auto& [k, v] : lx.abbreviations)
        if (fold_word(k) == f) return true;
      return false;
    };
    const std::size_t n = pattern_readings(*p, &lx.synonyms, long_form);
    if (n > kMaxPatternReadings) {
      warning(scalar.Mark(), "this pattern expands into " + std::string(n >= (1u << 20) ? "over a million" : std::to_string(n)) +
                                 " readings (alternatives x optional words x synonyms); the matcher uses the first " +
                                 std::to_string(kMaxPatternReadings) + ": split it into several wordings");
    }
  }
  if (fuzzy_on.value_or(false) && !has_fuzzy_word(*p)) {
    warning(scalar.Mark(), "'fuzzy: true' has no effect here: words of fewer than 5 letters are never fuzzy");
  }
  *out = std::move(*p);
  return true;
}

bool Builder::load_wording(const YAML::Node& n, Wording* w) {
  visit();
  w->loc = loc_of(n.Mark());
  if (n.IsScalar()) {
    w->kind = Wording::Kind::Text;
    return load_pattern(n, &w->source, &w->pattern, std::nullopt);
  }
  if (!n.IsMap()) {
    error(n.Mark(), "a wording must be a string or a mapping, not " + describe(n));
    return false;
  }
  Fields fs = fields(n,
                     {"text", "all", "number", "expr", "shape", "marks", "order", "gap", "window", "fuzzy",
                      "stem", "sentence", "unit", "tolerance", "range", "unit_required", "vars", "ratio", "unless"},
                     "a wording");
  const Field* main = nullptr;
  for (const char* k : {"text", "all", "number", "expr", "shape"}) {
    if (const Field* f = get(fs, k)) {
      if (main != nullptr) {
        error(f->k.Mark(), "a wording can have only one of 'text', 'all', 'number', 'expr', 'shape'");
        continue;
      }
      main = f;
    }
  }
  if (main == nullptr) {
    error(n.Mark(), "a wording needs one of 'text', 'all', 'number', 'expr' or 'shape'");
    return false;
  }
  const std::string& kind = main->key;
  // Which options apply to which kind.
  static const std::map<std::string, std::set<std::string>> applies = {
      {"marks", {"text", "all", "number", "expr", "shape"}},
      {"order", {"text", "shape", "all"}},
      {"gap", {"text", "all"}},
      {"window", {"text", "all"}},
      {"fuzzy", {"text", "all"}},
      {"stem", {"text", "all"}},
      {"sentence", {"text", "all"}},
      {"unless", {"text", "all"}},
      {"unit", {"number"}},
      {"tolerance", {"number"}},
      {"range", {"number"}},
      {"unit_required", {"number"}},
      {"vars", {"expr", "shape"}},
      {"ratio", {"number"}},
  };
  bool ok = true;
  for (const Field& f : fs) {
    auto a = applies.find(f.key);
    if (a != applies.end() && !a->second.count(kind)) {
      error(f.k.Mark(), quoted(f.key) + " does not apply to " + (kind == "expr" || kind == "all" ? "an " : "a ") +
                            quoted(kind) + " wording");
      ok = false;
    }
  }
  if (const Field* f = get(fs, "marks")) {
    if (auto v = marks(*f, false)) w->marks = *v;
  }
  if (kind == "text" || kind == "all") {
    std::optional<bool> fuzzy;
    if (const Field* f = get(fs, "fuzzy")) {
      fuzzy = boolean(*f);
      if (fuzzy) w->opts.fuzzy = *fuzzy;
    }
    if (const Field* f = get(fs, "stem")) {
      if (auto b = boolean(*f)) w->opts.stem = *b;
    }
    if (const Field* f = get(fs, "sentence")) {
      if (auto b = boolean(*f)) w->opts.sentence = *b;
    }
    bool fixed_order = false;  // `order: fixed` written: on an `all` wording, each pattern keeps its order
    if (const Field* f = get(fs, "order")) {
      if (auto s = str(*f)) {
        if (*s == "free") {
          w->opts.free_order = true;
        } else if (*s == "fixed") {
          fixed_order = true;
        } else {
          error(f->v.Mark(), "'order' must be 'fixed' or 'free', not " + quoted(*s));
        }
      }
    }
    if (const Field* f = get(fs, "gap")) {
      if (auto v = whole(*f)) {
        if (*v < 0) error(f->v.Mark(), "'gap' must not be negative, not " + f->v.Scalar());
        else w->opts.gap = *v;
      }
    }
    if (const Field* f = get(fs, "window")) {
      if (auto v = whole(*f)) {
        if (*v <= 0) error(f->v.Mark(), "'window' must be positive, not " + f->v.Scalar());
        else w->opts.window = *v;
      }
    }
    // Each pattern of a list, parsed; false when one does not parse.
    auto load_list = [&](const std::vector<std::pair<std::string, YAML::Node>>& list,
                         std::vector<std::string>* sources, std::vector<PatternNode>* patterns) {
      bool all_ok = true;
      for (const auto& [text, node] : list) {
        std::string source;
        PatternNode p;
        if (!load_pattern(node, &source, &p, fuzzy)) {
          all_ok = false;
          continue;
        }
        sources->push_back(source);
        patterns->push_back(std::move(p));
      }
      return all_ok;
    };
    if (const Field* f = get(fs, "unless")) {
      auto list = string_list(*f, true);
      if (list.empty() && f->v.IsSequence()) error(f->v.Mark(), "'unless' must not be empty");
      if (!load_list(list, &w->unless_sources, &w->unless)) ok = false;
    }
    if (kind == "text") {
      w->kind = Wording::Kind::Text;
      visit();
      if (!main->v.IsScalar()) {
        error(main->v.IsNull() ? main->k.Mark() : main->v.Mark(), "'text' must be a string, not " + describe(main->v));
        return false;
      }
      return load_pattern(main->v, &w->source, &w->pattern, fuzzy) && ok;
    }
    w->kind = Wording::Kind::All;
    // Each pattern's own words match in free order unless `order: fixed` says
    // each keeps its order (then with `gap`, as a text pattern).
    if (!fixed_order) w->opts.free_order = true;
    if (const Field* f = get(fs, "gap"); f != nullptr && !fixed_order)
      error(f->k.Mark(), "'gap' applies to an 'all' wording only with 'order: fixed'");
    auto list = string_list(*main, false);
    if (list.empty()) {
      if (main->v.IsSequence()) error(main->v.Mark(), "'all' must not be empty");
      return false;
    }
    return load_list(list, &w->all_sources, &w->all) && ok;
  }
  if (kind == "number") {
    w->kind = Wording::Kind::Number;
    std::size_t before = errors_;
    load_number(fs, n, w);
    if (const Field* f = get(fs, "ratio")) {
      visit();
      auto list = string_list(*f, false);
      if (list.size() != 2) {
        error(f->v.IsNull() ? f->k.Mark() : f->v.Mark(),
              "'ratio' must name two values, [A, B] (the number is A / B), such as ['alpha|α', 'beta|β']");
      } else if (!w->unit.empty()) {
        error(f->k.Mark(), "a ratio has no unit; remove the unit of the number");
      } else {
        for (auto& [text, node] : list) {
          std::vector<std::string> names;
          std::size_t b = 0;
          while (b <= text.size()) {
            std::size_t e = text.find('|', b);
            if (e == std::string::npos) e = text.size();
            std::string one = text.substr(b, e - b);
            while (!one.empty() && one.front() == ' ') one.erase(one.begin());
            while (!one.empty() && one.back() == ' ') one.pop_back();
            if (one.empty() || one.find(' ') != std::string::npos)
              error(node.Mark(), "each name of a ratio is one word (alternatives with '|'), not " + quoted(text));
            else
              names.push_back(one);
            b = e + 1;
          }
          w->ratio_of.push_back(std::move(names));
        }
      }
    }
    return ok && errors_ == before;
  }
  std::size_t before = errors_;
  load_expr(fs, *main, w, kind == "shape");
  return ok && errors_ == before;
}

void Builder::load_number(const Fields& fs, const YAML::Node& n, Wording* w) {
  (void)n;
  const Field& main = *get(fs, "number");
  const std::map<std::string, Unit> no_units;
  const auto& extra = lexicon_ != nullptr ? lexicon_->units : no_units;
  visit();
  if (!main.v.IsScalar()) {
    error(main.v.IsNull() ? main.k.Mark() : main.v.Mark(), "'number' must be a number or a quantity such as '64 ms', not " + describe(main.v));
    return;
  }
  const YAML::Node* unit_node = nullptr;
  std::string unit;
  if (auto v = plain(main.v) ? parse_double(main.v.Scalar()) : std::nullopt) {
    w->value = *v;
  } else {
    std::string err;
    auto q = parse_quantity(main.v.Scalar(), &err, extra);
    if (!q) {
      error(main.v.Mark(), "invalid number " + quoted(main.v.Scalar()) + (err.empty() ? "" : ": " + err));
      return;
    }
    w->value = q->value;
    unit = q->unit;
    unit_node = &main.v;
  }
  if (const Field* u = get(fs, "unit")) {
    if (auto s = str(*u)) {
      if (!unit.empty()) {
        error(u->k.Mark(), "the number already has a unit (" + quoted(unit) + "); remove 'unit'");
      } else {
        unit = *s;
        unit_node = &u->v;
      }
    }
  }
  std::optional<Unit> found;
  if (!unit.empty()) {
    found = find_unit(unit, extra);
    if (!found) {
      std::vector<std::string> names;
      for (const auto& [k, v] : extra) names.push_back(k);
      error(unit_node->Mark(), "unknown unit " + quoted(unit) + did_you_mean(closest(unit, names)));
      return;
    }
    w->unit = found->name.empty() ? unit : found->name;
  }
  if (const Field* f = get(fs, "unit_required")) {
    if (auto b = boolean(*f)) w->unit_required = *b;
  }
  w->lo = w->hi = w->value;
  const Field* tol = get(fs, "tolerance");
  const Field* range = get(fs, "range");
  if (tol != nullptr && range != nullptr) {
    error(range->k.Mark(), "use either 'tolerance' or 'range', not both");
    return;
  }
  // A quantity in the wording's unit (converted when it has a unit of its own).
  auto in_unit = [&](const YAML::Node& v, const std::string& key) -> std::optional<double> {
    visit();
    if (plain(v)) {
      if (auto d = parse_double(v.Scalar())) return d;
    }
    if (!v.IsScalar()) {
      error(v.Mark(), quoted(key) + " must be a number, not " + describe(v));
      return std::nullopt;
    }
    std::string err;
    auto q = parse_quantity(v.Scalar(), &err, extra);
    if (!q) {
      error(v.Mark(), "invalid number " + quoted(v.Scalar()) + (err.empty() ? "" : ": " + err));
      return std::nullopt;
    }
    if (q->unit.empty()) return q->value;
    auto qu = find_unit(q->unit, extra);
    if (!qu) {
      error(v.Mark(), "unknown unit " + quoted(q->unit));
      return std::nullopt;
    }
    if (!found || found->dimension != qu->dimension || found->factor <= 0) {
      error(v.Mark(), "the unit " + quoted(q->unit) + " of " + quoted(key) + " does not fit the number's unit " +
                          quoted(unit.empty() ? "(none)" : unit));
      return std::nullopt;
    }
    return q->value * qu->factor / found->factor;
  };
  if (tol != nullptr) {
    const YAML::Node& v = tol->v;
    std::string s = v.IsScalar() ? v.Scalar() : "";
    while (!s.empty() && s.back() == ' ') s.pop_back();
    if (!s.empty() && s.back() == '%') {
      auto pct = parse_double(s.substr(0, s.find_last_not_of(" %") + 1));
      if (!pct) {
        error(v.Mark(), "'tolerance' must be a number, a quantity or a percentage, not " + quoted(v.Scalar()));
        return;
      }
      if (*pct < 0) {
        error(v.Mark(), "'tolerance' must not be negative, not " + v.Scalar());
        return;
      }
      double t = std::fabs(w->value) * *pct / 100.0;
      w->lo = w->value - t;
      w->hi = w->value + t;
    } else if (auto t = in_unit(v, "tolerance")) {
      if (*t < 0) {
        error(v.Mark(), "'tolerance' must not be negative, not " + v.Scalar());
        return;
      }
      w->lo = w->value - *t;
      w->hi = w->value + *t;
    }
  }
  if (range != nullptr) {
    visit();
    if (!range->v.IsSequence() || range->v.size() != 2) {
      error(range->v.IsNull() ? range->k.Mark() : range->v.Mark(), "'range' must be a list of two numbers [lo, hi], not " + describe(range->v));
      return;
    }
    auto lo = in_unit(range->v[0], "range");
    auto hi = in_unit(range->v[1], "range");
    if (!lo || !hi) return;
    if (*lo > *hi) {
      error(range->v.Mark(), "'range' [" + fmt_num(*lo) + ", " + fmt_num(*hi) + "] is empty (lo > hi)");
      return;
    }
    w->lo = *lo;
    w->hi = *hi;
    if (w->value < *lo - kEps || w->value > *hi + kEps) {
      warning(range->v.Mark(), "the number " + fmt_num(w->value) + " is outside its own range [" + fmt_num(*lo) +
                                   ", " + fmt_num(*hi) + "]");
    }
  }
}

void Builder::load_expr(const Fields& fs, const Field& main, Wording* w, bool shape) {
  visit();
  if (!main.v.IsScalar()) {
    error(main.v.IsNull() ? main.k.Mark() : main.v.Mark(), quoted(main.key) + " must be a string, not " + describe(main.v));
    return;
  }
  const std::string& src = main.v.Scalar();
  ExprError err;
  std::vector<Expr> exprs;
  if (shape) {
    w->kind = Wording::Kind::Shape;
    auto dims = parse_shape(src, &err);
    if (!dims) {
      auto [line, col] = inner_pos(main.v, err.col);
      add(line, col, "error", "invalid shape: " + err.message);
      return;
    }
    w->dims = *dims;
    exprs = *dims;
    if (const Field* f = get(fs, "order")) {
      if (auto s = str(*f)) {
        if (*s == "free") {
          w->ordered = false;
        } else if (*s != "fixed") {
          error(f->v.Mark(), "'order' must be 'fixed' or 'free', not " + quoted(*s));
        }
      }
    }
  } else {
    w->kind = Wording::Kind::Expr;
    auto e = parse_expr(src, &err);
    if (!e) {
      auto [line, col] = inner_pos(main.v, err.col);
      add(line, col, "error", "invalid expression: " + err.message);
      return;
    }
    w->expr = *e;
    exprs.push_back(*e);
  }
  // Sample points: every variable's list (given or default), zipped index-wise,
  // shorter lists cycled.
  std::set<std::string> used;
  for (const Expr& e : exprs) {
    for (auto& v : e.variables()) used.insert(v);
  }
  std::map<std::string, std::vector<double>> lists;
  if (const Field* f = get(fs, "vars"); f && require_map(f->v, "'vars'")) {
    for (const auto& kv : f->v) {
      visit();
      if (!kv.first.IsScalar()) continue;
      const std::string& name = kv.first.Scalar();
      std::vector<double> vals;
      Field item{name, kv.first, kv.second};
      if (kv.second.IsSequence()) {
        for (const auto& e : kv.second) {
          visit();
          auto d = plain(e) ? parse_double(e.Scalar()) : std::nullopt;
          if (!d) {
            error(e.Mark(), "sample values of " + quoted(name) + " must be numbers, not " + describe(e));
            continue;
          }
          vals.push_back(*d);
        }
      } else if (auto d = num(item)) {
        vals.push_back(*d);
      }
      if (!used.count(name)) {
        warning(kv.first.Mark(), "variable " + quoted(name) + " in 'vars' is not used by the " + main.key);
        continue;
      }
      if (!vals.empty()) lists[name] = vals;
    }
  }
  std::size_t count = 1;
  for (const std::string& v : used) {
    auto& l = lists[v];
    if (l.empty()) l = kDefaultSamples;
    count = std::max(count, l.size());
  }
  w->points.clear();
  for (std::size_t i = 0; i < count; ++i) {
    std::map<std::string, double> pt;
    for (const std::string& v : used) {
      const auto& l = lists[v];
      pt[v] = l[i % l.size()];
    }
    w->points.push_back(std::move(pt));
  }
  for (std::size_t d = 0; d < exprs.size(); ++d) {
    bool any = std::any_of(w->points.begin(), w->points.end(),
                           [&](const auto& pt) { return exprs[d].eval(pt).has_value(); });
    if (!any) {
      if (shape) {
        error(main.v.Mark(), "dimension " + std::to_string(d + 1) + " of the shape " + quoted(src) +
                                 " cannot be evaluated at any sample point");
      } else {
        error(main.v.Mark(), "the expression " + quoted(src) + " cannot be evaluated at any sample point");
      }
    }
  }
}

// ---------------------------------------------------------------- choice, rule

void Builder::load_choice(const Field& f, Part* p) {
  if (!require_map(f.v, "'choice'")) return;
  Fields fs = fields(f.v, {"options", "marks"}, "'choice'");
  Choice ch;
  ch.loc = loc_of(f.v.Mark());
  std::vector<std::string> ids;
  const Field* of = get(fs, "options");
  if (of == nullptr) {
    error(f.v.Mark(), "missing required key 'options' in 'choice'");
  } else if (require_map(of->v, "'options'")) {
    for (const auto& kv : of->v) {
      visit();
      if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
        error(kv.first.Mark(), "an option id must be a non-empty string");
        continue;
      }
      ChoiceOption o;
      o.id = kv.first.Scalar();
      o.letter = letters(ch.options.size());
      if (std::find(ids.begin(), ids.end(), o.id) != ids.end()) {
        error(kv.first.Mark(), "duplicate option " + quoted(o.id));
        continue;
      }
      visit();
      if (kv.second.IsScalar()) {
        o.label = kv.second.Scalar();
      } else if (require_map(kv.second, "an option")) {
        Fields ofs = fields(kv.second, {"label", "aliases", "none", "all"}, "an option");
        if (const Field* x = get(ofs, "label")) {
          if (auto s = str(*x)) o.label = *s;
        }
        if (const Field* x = get(ofs, "aliases")) {
          for (auto& [a, node] : string_list(*x, true)) o.aliases.push_back(a);
        }
        if (const Field* x = get(ofs, "none")) {
          if (auto b = boolean(*x)) o.none_of_the_above = *b;
        }
        if (const Field* x = get(ofs, "all")) {
          if (auto b = boolean(*x)) o.all_of_the_above = *b;
        }
      }
      if (o.label.empty()) o.label = o.id;
      ids.push_back(o.id);
      ch.options.push_back(std::move(o));
    }
    if (ch.options.size() < 2) warning(of->v.Mark(), "a choice with fewer than two options");
  }
  const Field* mf = get(fs, "marks");
  if (mf == nullptr) {
    error(f.v.Mark(), "missing required key 'marks' in 'choice'");
  } else {
    visit();
    if (!mf->v.IsSequence() || mf->v.size() == 0) {
      error(mf->v.IsNull() ? mf->k.Mark() : mf->v.Mark(), "'marks' of a choice must be a non-empty list of rules, not " + describe(mf->v));
    } else {
      bool full = false;
      for (const auto& rn : mf->v) {
        if (!require_map(rn, "a choice rule")) continue;
        Fields rfs = fields(rn, {"exactly", "includes", "excludes", "marks"}, "a choice rule");
        ChoiceRule cr;
        cr.loc = loc_of(rn.Mark());
        for (const char* key : {"exactly", "includes", "excludes"}) {
          const Field* x = get(rfs, key);
          if (x == nullptr) continue;
          auto& dst = std::string_view(key) == "exactly" ? cr.exactly
                      : std::string_view(key) == "includes" ? cr.includes : cr.excludes;
          for (auto& [id, node] : string_list(*x, true)) {
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
              error(node.Mark(), "unknown option " + quoted(id) + did_you_mean(closest(id, ids)));
              continue;
            }
            dst.push_back(id);
          }
        }
        if (const Field* x = get(rfs, "marks")) {
          if (auto v = marks(*x, true)) {
            cr.marks = *v;
            if (p->marks > 0 && *v > p->marks + kEps) {
              error(x->v.Mark(), "a choice rule gives " + fmt_num(*v) + " marks, more than the part's " +
                                     fmt_num(p->marks));
            }
            if (near(*v, p->marks)) full = true;
          }
        } else {
          error(rn.Mark(), "missing required key 'marks' in a choice rule");
        }
        ch.rules.push_back(std::move(cr));
      }
      if (!full && p->marks > 0) {
        error(mf->v.Mark(), "no choice rule gives the part's full " + fmt_num(p->marks) + " marks");
      }
    }
  }
  p->choice = std::move(ch);
}

void Builder::load_rule(const Field& f, Rule* r) {
  visit();
  r->loc = loc_of(f.v.Mark());
  static const std::vector<std::string> names = {"sum", "any", "levels", "all-or-nothing"};
  if (f.v.IsScalar()) {
    const std::string& s = f.v.Scalar();
    if (s == "sum") {
      r->kind = Rule::Kind::Sum;
    } else if (s == "all-or-nothing") {
      r->kind = Rule::Kind::AllOrNothing;
    } else if (s == "any" || s == "levels") {
      error(f.v.Mark(), "rule " + quoted(s) + " needs a value: " + (s == "any" ? "{any: 2}" : "{levels: {3: 2, 1: 1}}"));
    } else {
      error(f.v.Mark(), "unknown rule " + quoted(s) + did_you_mean(closest(s, names)));
    }
    return;
  }
  if (!f.v.IsMap()) {
    error(f.v.IsNull() ? f.k.Mark() : f.v.Mark(), "'rule' must be sum, all-or-nothing, {any: k} or {levels: {...}}, not " + describe(f.v));
    return;
  }
  Fields fs = fields(f.v, {"any", "levels"}, "'rule'");
  if (fs.size() != 1) {
    if (fs.size() > 1) error(f.v.Mark(), "'rule' must have exactly one of 'any' and 'levels'");
    else if (f.v.size() == 0) error(f.v.Mark(), "'rule' must have exactly one of 'any' and 'levels'");
    return;
  }
  const Field& x = fs[0];
  if (x.key == "any") {
    r->kind = Rule::Kind::Any;
    if (auto k = whole(x)) {
      if (*k <= 0) error(x.v.Mark(), "'any' must be positive, not " + x.v.Scalar());
      else r->any = *k;
    }
    return;
  }
  r->kind = Rule::Kind::Levels;
  if (!require_map(x.v, "'levels'")) return;
  std::vector<std::tuple<int, double, YAML::Mark>> levels;
  for (const auto& kv : x.v) {
    visit();
    auto n = plain(kv.first) ? parse_double(kv.first.Scalar()) : std::nullopt;
    if (!n || *n < 1 || *n != std::floor(*n) || *n > 1e6) {
      error(kv.first.Mark(), "a level's count must be a whole number of at least 1, not " + describe(kv.first));
      continue;
    }
    Field item{"levels", kv.first, kv.second};
    auto m = marks(item, true);
    if (!m) continue;
    if (std::any_of(levels.begin(), levels.end(), [&](const auto& l) { return std::get<0>(l) == *n; })) {
      error(kv.first.Mark(), "duplicate level " + fmt_num(*n));
      continue;
    }
    levels.emplace_back(static_cast<int>(*n), *m, kv.first.Mark());
  }
  std::sort(levels.begin(), levels.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (std::size_t i = 1; i < levels.size(); ++i) {
    const auto& [n0, m0, k0] = levels[i - 1];
    const auto& [n1, m1, k1] = levels[i];
    if (m1 <= m0 + kEps) {
      error(k1, "levels must rise with the count: " + std::to_string(n1) + " -> " + fmt_num(m1) +
                    " is not above " + std::to_string(n0) + " -> " + fmt_num(m0));
    }
  }
  r->levels.clear();
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    r->levels.emplace_back(std::get<0>(*it), std::get<1>(*it));
  }
}

}  // namespace automark::rubric_detail
