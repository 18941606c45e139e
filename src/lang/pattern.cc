// Text patterns: a hand-written scanner and recursive-descent parser.
// Syntax: docs/rubric-format.md ("Text patterns"); details in pattern.h.
#include <algorithm>
#include <string>
#include <utility>

#include "automark/pattern.h"
#include "lang/tokenize_local.h"
#include "lang/utf8_local.h"

namespace automark {
namespace {

constexpr std::size_t kMaxPatternChars = 1000;
constexpr int kMaxPatternDepth = 16;
constexpr int kDefaultWideGap = 8;  // `...` without a number
constexpr int kMaxWideGap = 30;

struct Lexeme {
  enum class Kind { LParen, RParen, LBrack, RBrack, Bar, Node };
  Kind kind = Kind::Node;
  int col = 0;
  PatternNode node;  // Kind::Node
};

struct Failure {
  int col;
  std::string message;
};

bool is_special(char32_t c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '|' || c == '*' || c == '@' || c == '\\';
}

bool is_name_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || (c >= 0x80 && lang::is_letter_cp(c));
}

std::string utf8_of(char32_t c) {
  std::string s;
  lang::encode_one(s, c);
  return s;
}

class Scanner {
 public:
  explicit Scanner(std::vector<lang::CodePoint> cps) : cps_(std::move(cps)) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    while (i_ < cps_.size()) {
      const char32_t c = cps_[i_].c;
      const int col = static_cast<int>(cps_[i_].begin);
      if (lang::is_space_cp(c)) {
        ++i_;
        continue;
      }
      switch (c) {
        case '(': out.push_back({Lexeme::Kind::LParen, col, {}}); ++i_; continue;
        case ')': out.push_back({Lexeme::Kind::RParen, col, {}}); ++i_; continue;
        case '[': out.push_back({Lexeme::Kind::LBrack, col, {}}); ++i_; continue;
        case ']': out.push_back({Lexeme::Kind::RBrack, col, {}}); ++i_; continue;
        case '|': out.push_back({Lexeme::Kind::Bar, col, {}}); ++i_; continue;
        case '*':
          throw Failure{col, "'*' must follow a word of at least 3 letters, as in regulari*"};
        case '@': out.push_back({Lexeme::Kind::Node, col, ref(col)}); continue;
        default: break;
      }
      if (auto g = wide_gap(col)) {
        out.push_back({Lexeme::Kind::Node, col, std::move(*g)});
        continue;
      }
      out.push_back({Lexeme::Kind::Node, col, words(col)});
    }
    return out;
  }

 private:
  PatternNode ref(int col) {
    ++i_;  // '@'
    std::string name;
    while (i_ < cps_.size() && is_name_char(cps_[i_].c)) {
      lang::encode_one(name, cps_[i_].c);
      ++i_;
    }
    if (name.empty()) throw Failure{col, "'@' must be followed by a synonym-set name"};
    if (i_ < cps_.size() && cps_[i_].c == '*')
      throw Failure{static_cast<int>(cps_[i_].begin), "'*' cannot follow a synonym-set reference"};
    if (i_ < cps_.size() && !lang::is_space_cp(cps_[i_].c) && !is_special(cps_[i_].c))
      throw Failure{static_cast<int>(cps_[i_].begin),
                    "unexpected '" + utf8_of(cps_[i_].c) + "' in synonym-set name"};
    PatternNode n;
    n.kind = PatternNode::Kind::Ref;
    n.text = std::move(name);
    n.col = col;
    return n;
  }

  // `...` standing alone (up to a space, a special character or the end),
  // optionally with a number of words: `...5`. (`…` and `\.\.\.` stay literal.)
  std::optional<PatternNode> wide_gap(int col) {
    std::size_t j = i_;
    if (j + 2 < cps_.size() && cps_[j].c == '.' && cps_[j + 1].c == '.' && cps_[j + 2].c == '.') {
      j += 3;
    } else {
      return std::nullopt;
    }
    int width = kDefaultWideGap;
    if (j < cps_.size() && cps_[j].c >= '0' && cps_[j].c <= '9') {
      width = 0;
      while (j < cps_.size() && cps_[j].c >= '0' && cps_[j].c <= '9') {
        width = std::min(1000, width * 10 + static_cast<int>(cps_[j].c - '0'));
        ++j;
      }
      if (width > kMaxWideGap)
        throw Failure{col, "'...' allows at most " + std::to_string(kMaxWideGap) + " words, not " +
                               std::to_string(width)};
    }
    if (j < cps_.size() && !lang::is_space_cp(cps_[j].c) && !is_special(cps_[j].c)) return std::nullopt;
    i_ = j;
    PatternNode n;
    n.kind = PatternNode::Kind::Gap;
    n.gap = width;
    n.col = col;
    return n;
  }

  // A run of literal text up to a space or a special character.
  PatternNode words(int col) {
    bool exact = false;
    if (cps_[i_].c == '=' && i_ + 1 < cps_.size() && !lang::is_space_cp(cps_[i_ + 1].c) &&
        (!is_special(cps_[i_ + 1].c) || cps_[i_ + 1].c == '\\')) {
      exact = true;
      ++i_;
    }
    std::vector<lang::CodePoint> run;
    while (i_ < cps_.size()) {
      const char32_t c = cps_[i_].c;
      if (lang::is_space_cp(c)) break;
      if (c == '\\') {
        if (i_ + 1 >= cps_.size() || lang::is_space_cp(cps_[i_ + 1].c))
          throw Failure{static_cast<int>(cps_[i_].begin), "'\\' must be followed by the character it escapes"};
        run.push_back(cps_[i_ + 1]);
        i_ += 2;
        continue;
      }
      if (is_special(c)) break;
      run.push_back(cps_[i_]);
      ++i_;
    }
    std::vector<Token> toks = lang::tokenize_cps(run);
    bool prefix = false;
    if (i_ < cps_.size() && cps_[i_].c == '*') {
      const int star = static_cast<int>(cps_[i_].begin);
      if (toks.empty() || toks.back().kind != Token::Kind::Word)
        throw Failure{star, "'*' must follow a word of at least 3 letters, as in regulari*"};
      std::size_t letters = 0;
      for (std::size_t k = 0; k < toks.back().text.size(); ++k)
        if ((static_cast<unsigned char>(toks.back().text[k]) & 0xC0) != 0x80) ++letters;
      if (letters < 3 || toks.back().end != static_cast<std::size_t>(star))
        throw Failure{star, "'*' needs at least 3 letters before it"};
      ++i_;
      if (i_ < cps_.size() && !lang::is_space_cp(cps_[i_].c) && !is_special(cps_[i_].c))
        throw Failure{static_cast<int>(cps_[i_].begin), "'*' must end a word"};
      prefix = true;
    }
    if (toks.empty()) throw Failure{col, "expected a word"};  // unreachable: a run is never empty
    std::vector<PatternNode> nodes;
    for (std::size_t k = 0; k < toks.size(); ++k) {
      PatternNode w;
      w.kind = PatternNode::Kind::Word;
      w.text = toks[k].text;
      w.col = static_cast<int>(toks[k].begin);
      w.exact = exact || toks[k].kind != Token::Kind::Word;
      w.prefix = prefix && k + 1 == toks.size();
      w.capital = exact && toks.size() == 1 && run.size() == 1 && run[0].c >= 'A' && run[0].c <= 'Z';
      nodes.push_back(std::move(w));
    }
    if (nodes.size() == 1) return std::move(nodes.front());
    PatternNode seq;
    seq.kind = PatternNode::Kind::Seq;
    seq.col = col;
    seq.children = std::move(nodes);
    return seq;
  }

  std::vector<lang::CodePoint> cps_;
  std::size_t i_ = 0;
};

PatternNode collapse(PatternNode::Kind kind, std::vector<PatternNode> children, int col) {
  if (kind == PatternNode::Kind::Seq) {  // a run like "5x5" inside a sequence: splice its words in
    std::vector<PatternNode> flat;
    for (auto& c : children) {
      if (c.kind == PatternNode::Kind::Seq) {
        for (auto& g : c.children) flat.push_back(std::move(g));
      } else {
        flat.push_back(std::move(c));
      }
    }
    children = std::move(flat);
  }
  if (children.size() == 1) return std::move(children.front());
  PatternNode n;
  n.kind = kind;
  n.col = col;
  n.children = std::move(children);
  return n;
}

const char* closer_text(Lexeme::Kind k) { return k == Lexeme::Kind::RParen ? ")" : "]"; }

class Parser {
 public:
  explicit Parser(std::vector<Lexeme> lx) : lx_(std::move(lx)) {}

  PatternNode top() {
    if (lx_.empty()) throw Failure{1, "empty pattern"};
    std::vector<PatternNode> seq;
    while (i_ < lx_.size()) {
      const Lexeme& l = lx_[i_];
      if (l.kind == Lexeme::Kind::RParen || l.kind == Lexeme::Kind::RBrack)
        throw Failure{l.col, std::string("unmatched '") + closer_text(l.kind) + "'"};
      if (l.kind == Lexeme::Kind::Bar) throw Failure{l.col, "empty alternative before '|'"};
      const int col = l.col;
      std::vector<PatternNode> alts;
      alts.push_back(atom(0));
      while (i_ < lx_.size() && lx_[i_].kind == Lexeme::Kind::Bar) {
        const int bar = lx_[i_].col;
        ++i_;
        if (i_ >= lx_.size() || lx_[i_].kind == Lexeme::Kind::Bar || lx_[i_].kind == Lexeme::Kind::RParen ||
            lx_[i_].kind == Lexeme::Kind::RBrack)
          throw Failure{bar, "empty alternative after '|'"};
        alts.push_back(atom(0));
      }
      seq.push_back(collapse(PatternNode::Kind::Alt, std::move(alts), col));
    }
    if (seq.front().kind == PatternNode::Kind::Gap || seq.back().kind == PatternNode::Kind::Gap)
      throw Failure{seq.front().kind == PatternNode::Kind::Gap ? seq.front().col : seq.back().col,
                    "'...' must stand between two words"};
    return collapse(PatternNode::Kind::Seq, std::move(seq), lx_.front().col);
  }

 private:
  // An element at the current position (a Node, a group or an optional group).
  PatternNode atom(int depth) {
    Lexeme& l = lx_[i_];
    if (l.kind == Lexeme::Kind::Node) {
      ++i_;
      return std::move(l.node);
    }
    const bool opt = l.kind == Lexeme::Kind::LBrack;
    const int open = l.col;
    if (depth + 1 > kMaxPatternDepth)
      throw Failure{open, "brackets nested deeper than " + std::to_string(kMaxPatternDepth) + " levels"};
    ++i_;
    PatternNode inner = group(opt ? Lexeme::Kind::RBrack : Lexeme::Kind::RParen, open, depth + 1);
    if (!opt) return inner;
    PatternNode o;
    o.kind = PatternNode::Kind::Opt;
    o.col = open;
    o.children.push_back(std::move(inner));
    return o;
  }

  PatternNode group(Lexeme::Kind closer, int open, int depth) {
    const char* open_text = closer == Lexeme::Kind::RParen ? "(" : "[";
    std::vector<PatternNode> alts;
    std::vector<PatternNode> seq;
    int seq_col = 0;
    while (true) {
      if (i_ >= lx_.size()) throw Failure{open, std::string("unclosed '") + open_text + "'"};
      const Lexeme& l = lx_[i_];
      if (l.kind == closer) {
        if (seq.empty()) {
          if (alts.empty()) throw Failure{open, std::string("empty group '") + open_text + closer_text(closer) + "'"};
          throw Failure{l.col, "empty alternative before '" + std::string(closer_text(closer)) + "'"};
        }
        ++i_;
        alts.push_back(collapse(PatternNode::Kind::Seq, std::move(seq), seq_col));
        return collapse(PatternNode::Kind::Alt, std::move(alts), open);
      }
      if (l.kind == Lexeme::Kind::RParen || l.kind == Lexeme::Kind::RBrack)
        throw Failure{l.col, std::string("'") + closer_text(l.kind) + "' does not close the '" + open_text +
                                 "' at column " + std::to_string(open)};
      if (l.kind == Lexeme::Kind::Bar) {
        if (seq.empty()) throw Failure{l.col, "empty alternative before '|'"};
        alts.push_back(collapse(PatternNode::Kind::Seq, std::move(seq), seq_col));
        seq.clear();
        ++i_;
        continue;
      }
      if (seq.empty()) seq_col = l.col;
      seq.push_back(atom(depth));
    }
  }

  std::vector<Lexeme> lx_;
  std::size_t i_ = 0;
};

void collect_refs(const PatternNode& n, std::vector<std::string>& out) {
  if (n.kind == PatternNode::Kind::Ref) {
    if (std::find(out.begin(), out.end(), n.text) == out.end()) out.push_back(n.text);
    return;
  }
  for (const auto& c : n.children) collect_refs(c, out);
}

}  // namespace

std::optional<PatternNode> parse_pattern(std::string_view src, PatternError* err) {
  try {
    std::vector<lang::CodePoint> cps = lang::decode_cols(src);
    if (cps.size() > kMaxPatternChars)
      throw Failure{static_cast<int>(kMaxPatternChars) + 1,
                    "pattern longer than " + std::to_string(kMaxPatternChars) + " characters"};
    Scanner scanner(std::move(cps));
    Parser parser(scanner.run());
    return parser.top();
  } catch (const Failure& f) {
    if (err != nullptr) {
      err->col = f.col;
      err->message = f.message;
    }
    return std::nullopt;
  }
}

std::vector<std::string> pattern_refs(const PatternNode& node) {
  std::vector<std::string> out;
  collect_refs(node, out);
  return out;
}

namespace {
std::size_t readings_of(const PatternNode& n, const std::map<std::string, std::vector<PatternNode>>* synonyms,
                        const std::function<bool(const std::string&)>& has_long_form, std::size_t cap, int depth) {
  auto add = [cap](std::size_t a, std::size_t b) { return std::min(cap, a + b); };
  switch (n.kind) {
    case PatternNode::Kind::Word:
      return has_long_form && has_long_form(n.text) ? 2 : 1;
    case PatternNode::Kind::Gap:
      return 1;
    case PatternNode::Kind::Seq: {
      std::size_t r = 1;
      for (const auto& c : n.children) {
        const std::size_t k = readings_of(c, synonyms, has_long_form, cap, depth);
        r = (k != 0 && r > cap / k) ? cap : std::min(cap, r * k);
      }
      return r;
    }
    case PatternNode::Kind::Alt:
    case PatternNode::Kind::Opt: {
      std::size_t r = n.kind == PatternNode::Kind::Opt ? 1 : 0;
      for (const auto& c : n.children) r = add(r, readings_of(c, synonyms, has_long_form, cap, depth));
      return r;
    }
    case PatternNode::Kind::Ref: {
      if (!synonyms) return 1;
      if (depth >= kMaxPatternRefDepth) return 0;
      auto it = synonyms->find(n.text);
      if (it == synonyms->end()) return 0;
      std::size_t r = 0;
      for (const auto& a : it->second) r = add(r, readings_of(a, synonyms, has_long_form, cap, depth + 1));
      return r;
    }
  }
  return 1;
}
}  // namespace

std::size_t pattern_readings(const PatternNode& node,
                             const std::map<std::string, std::vector<PatternNode>>* synonyms,
                             const std::function<bool(const std::string&)>& has_long_form, std::size_t cap) {
  return readings_of(node, synonyms, has_long_form, cap, 0);
}

}  // namespace automark
