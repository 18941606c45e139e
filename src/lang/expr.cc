// Arithmetic expressions with variables: a recursive-descent parser, an
// evaluator, a canonical printer, and numeric equivalence on sample points.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "automark/pattern.h"
#include "lang/utf8_local.h"

namespace automark {

struct Expr::Node {
  enum class Kind { Num, Var, Neg, Add, Sub, Mul, Div, Pow, Call };
  Kind kind = Kind::Num;
  double value = 0;                                  // Num
  std::string name;                                  // Var, Call
  std::vector<std::shared_ptr<const Node>> args;     // operands
};

namespace {

using NodeP = std::shared_ptr<const Expr::Node>;
using Kind = Expr::Node::Kind;

constexpr std::size_t kMaxExprChars = 1000;
constexpr int kMaxExprDepth = 64;

struct Failure {
  int col;
  std::string message;
};

NodeP make(Kind k, std::vector<NodeP> args, std::string name = {}, double v = 0) {
  auto n = std::make_shared<Expr::Node>();
  n->kind = k;
  n->args = std::move(args);
  n->name = std::move(name);
  n->value = v;
  return n;
}

struct FuncInfo {
  const char* name;
  int min_args;
  int max_args;  // -1: any
};
constexpr FuncInfo kFuncs[] = {
    {"floor", 1, 1}, {"ceil", 1, 1}, {"round", 1, 1}, {"abs", 1, 1},   {"sqrt", 1, 1},  {"log", 1, 1},
    {"ln", 1, 1},    {"log2", 1, 1}, {"log10", 1, 1}, {"exp", 1, 1},   {"min", 2, -1},  {"max", 2, -1},
};
const FuncInfo* find_func(const std::string& n) {
  for (const auto& f : kFuncs)
    if (n == f.name) return &f;
  return nullptr;
}

bool is_ident_start(char32_t c) { return c == '_' || lang::is_letter_cp(c); }
bool is_ident_char(char32_t c) { return is_ident_start(c) || lang::is_digit_cp(c); }

std::string utf8_of(char32_t c) {
  std::string s;
  lang::encode_one(s, c);
  return s;
}

class ExprParser {
 public:
  ExprParser(const std::vector<lang::CodePoint>& cps, std::size_t from, std::size_t to)
      : cps_(cps), i_(from), end_(to) {}

  NodeP whole() {
    skip();
    if (i_ >= end_) throw Failure{col_at(i_), "empty expression"};
    NodeP n = sum(0);
    skip();
    if (i_ < end_) {
      const char32_t c = cps_[i_].c;
      if (c == ')' || c == ']' || c == 0x230B || c == 0x2309)
        throw Failure{col_at(i_), "unmatched '" + utf8_of(c) + "'"};
      throw Failure{col_at(i_), "unexpected '" + utf8_of(c) + "'"};
    }
    return n;
  }

 private:
  int col_at(std::size_t i) const {
    if (i < cps_.size()) return static_cast<int>(cps_[i].begin);
    return cps_.empty() ? 1 : static_cast<int>(cps_.back().end);
  }
  void skip() {
    while (i_ < end_ && lang::is_space_cp(cps_[i_].c)) ++i_;
  }
  char32_t peek() {
    skip();
    return i_ < end_ ? cps_[i_].c : 0;
  }
  void enter(int depth) const {
    if (depth > kMaxExprDepth)
      throw Failure{col_at(i_), "expression nested deeper than " + std::to_string(kMaxExprDepth) + " levels"};
  }

  static bool is_minus(char32_t c) { return c == '-' || c == 0x2212 || c == 0x2013; }
  static bool is_times(char32_t c) { return c == '*' || c == 0xD7 || c == 0xB7 || c == 0x22C5; }
  static bool is_div(char32_t c) { return c == '/' || c == 0xF7; }
  static bool is_open(char32_t c) { return c == '(' || c == '[' || c == 0x230A || c == 0x2308; }

  NodeP sum(int depth) {
    enter(depth);
    NodeP left = product(depth);
    while (true) {
      const char32_t c = peek();
      if (c == '+' || is_minus(c)) {
        ++i_;
        NodeP right = product(depth);
        left = make(c == '+' ? Kind::Add : Kind::Sub, {left, right});
      } else {
        return left;
      }
    }
  }

  bool starts_primary(char32_t c) const { return lang::is_digit_cp(c) || c == '.' || is_ident_start(c) || is_open(c); }

  NodeP product(int depth) {
    NodeP left = unary(depth);
    while (true) {
      const char32_t c = peek();
      if (c == '*' && i_ + 1 < end_ && cps_[i_ + 1].c == '*') return left;  // "**" is handled by power()
      std::size_t j = i_ + 1;  // "M//2": floor division, as in Python (answers' tokens come spaced: "M / / 2")
      while (c == '/' && j < end_ && cps_[j].c == ' ') ++j;
      if (c == '/' && j < end_ && cps_[j].c == '/') {
        i_ = j + 1;
        NodeP right = unary(depth);
        left = make(Kind::Call, {make(Kind::Div, {left, right})}, "floor");
      } else if (is_times(c) || is_div(c)) {
        ++i_;
        NodeP right = unary(depth);
        left = make(is_div(c) ? Kind::Div : Kind::Mul, {left, right});
      } else if (c != 0 && starts_primary(c) && !lang::is_digit_cp(c) && c != '.') {
        NodeP right = power(depth);  // implicit multiplication: 2M, 2(M+1), (a)(b)
        left = make(Kind::Mul, {left, right});
      } else {
        return left;
      }
    }
  }

  NodeP unary(int depth) {
    enter(depth + 1);
    const char32_t c = peek();
    if (is_minus(c)) {
      ++i_;
      return make(Kind::Neg, {unary(depth + 1)});
    }
    if (c == '+') {
      ++i_;
      return unary(depth + 1);
    }
    return power(depth);
  }

  NodeP power(int depth) {
    NodeP base = primary(depth);
    const char32_t c = peek();
    if (c == '^' || (c == '*' && i_ + 1 < end_ && cps_[i_ + 1].c == '*')) {
      i_ += c == '^' ? 1 : 2;
      NodeP exponent = unary(depth + 1);  // right-associative; 2^-1 allowed
      return make(Kind::Pow, {base, exponent});
    }
    return base;
  }

  NodeP number() {
    const std::size_t start = i_;
    std::string text;
    auto digits = [&] {
      while (i_ < end_ && lang::is_digit_cp(cps_[i_].c)) text.push_back(static_cast<char>(cps_[i_++].c));
    };
    digits();
    if (i_ < end_ && cps_[i_].c == '.') {
      text.push_back('.');
      ++i_;
      digits();
    }
    if (text == ".") throw Failure{col_at(start), "expected a number"};
    if (i_ < end_ && cps_[i_].c == '.') throw Failure{col_at(i_), "unexpected '.' in a number"};
    if (i_ < end_ && (cps_[i_].c == 'e' || cps_[i_].c == 'E')) {
      std::size_t j = i_ + 1;
      if (j < end_ && (cps_[j].c == '+' || is_minus(cps_[j].c))) ++j;
      if (j < end_ && lang::is_digit_cp(cps_[j].c)) {
        text.push_back('e');
        if (is_minus(cps_[i_ + 1].c)) text.push_back('-');
        i_ = j;
        digits();
      }
    }
    const double v = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(v)) throw Failure{col_at(start), "number out of range"};
    return make(Kind::Num, {}, {}, v);
  }

  NodeP primary(int depth) {
    enter(depth + 1);
    const char32_t c = peek();
    if (i_ >= end_) throw Failure{col_at(i_), "expected a number, a variable or '(' at the end"};
    const std::size_t start = i_;
    if (lang::is_digit_cp(c) || c == '.') return number();
    if (is_open(c)) {
      const char32_t close = c == '(' ? ')' : c == '[' ? ']' : c == 0x230A ? 0x230B : 0x2309;
      ++i_;
      NodeP inner = sum(depth + 1);
      if (peek() != close) {
        if (i_ >= end_) throw Failure{col_at(start), "unclosed '" + utf8_of(c) + "'"};
        throw Failure{col_at(i_), "expected '" + utf8_of(close) + "' to close the '" + utf8_of(c) + "' at column " +
                                      std::to_string(col_at(start))};
      }
      ++i_;
      if (c == 0x230A) return make(Kind::Call, {inner}, "floor");
      if (c == 0x2308) return make(Kind::Call, {inner}, "ceil");
      return inner;
    }
    if (is_ident_start(c)) {
      std::string name;
      while (i_ < end_ && is_ident_char(cps_[i_].c)) lang::encode_one(name, cps_[i_++].c);
      const FuncInfo* f = find_func(name);
      if (f == nullptr) return make(Kind::Var, {}, name);
      if (peek() != '(') throw Failure{col_at(start), "expected '(' after " + name};
      ++i_;
      std::vector<NodeP> args;
      if (peek() != ')') {
        while (true) {
          args.push_back(sum(depth + 1));
          if (peek() == ',') {
            ++i_;
            continue;
          }
          break;
        }
      }
      if (peek() != ')') {
        if (i_ >= end_) throw Failure{col_at(start), "unclosed '(' of " + name};
        throw Failure{col_at(i_), "expected ')' or ',' in the arguments of " + name};
      }
      ++i_;
      const int n = static_cast<int>(args.size());
      if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
        std::string want = f->max_args == f->min_args ? std::to_string(f->min_args) + " argument"
                                                      : "at least " + std::to_string(f->min_args) + " arguments";
        if (f->max_args == 1) want = "1 argument";
        throw Failure{col_at(start), name + " takes " + want};
      }
      return make(Kind::Call, std::move(args), name);
    }
    if (c == ')' || c == ']' || c == 0x230B || c == 0x2309) throw Failure{col_at(i_), "unexpected '" + utf8_of(c) + "'"};
    throw Failure{col_at(i_), "unexpected '" + utf8_of(c) + "'"};
  }

  const std::vector<lang::CodePoint>& cps_;
  std::size_t i_;
  std::size_t end_;
};

std::optional<double> finite(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> eval_node(const Expr::Node& n, const std::map<std::string, double>& vars) {
  switch (n.kind) {
    case Kind::Num: return n.value;
    case Kind::Var: {
      auto it = vars.find(n.name);
      if (it == vars.end()) return std::nullopt;
      return finite(it->second);
    }
    default: break;
  }
  std::vector<double> a;
  a.reserve(n.args.size());
  for (const auto& c : n.args) {
    auto v = eval_node(*c, vars);
    if (!v) return std::nullopt;
    a.push_back(*v);
  }
  switch (n.kind) {
    case Kind::Neg: return -a[0];
    case Kind::Add: return finite(a[0] + a[1]);
    case Kind::Sub: return finite(a[0] - a[1]);
    case Kind::Mul: return finite(a[0] * a[1]);
    case Kind::Div:
      if (a[1] == 0) return std::nullopt;
      return finite(a[0] / a[1]);
    case Kind::Pow:
      if (a[0] == 0 && a[1] < 0) return std::nullopt;
      return finite(std::pow(a[0], a[1]));
    case Kind::Call: {
      const std::string& f = n.name;
      const double x = a[0];
      if (f == "floor") return std::floor(x);
      if (f == "ceil") return std::ceil(x);
      if (f == "round") return std::round(x);
      if (f == "abs") return std::fabs(x);
      if (f == "sqrt") return x < 0 ? std::nullopt : finite(std::sqrt(x));
      if (f == "log" || f == "ln") return x <= 0 ? std::nullopt : finite(std::log(x));
      if (f == "log2") return x <= 0 ? std::nullopt : finite(std::log2(x));
      if (f == "log10") return x <= 0 ? std::nullopt : finite(std::log10(x));
      if (f == "exp") return finite(std::exp(x));
      if (f == "min") return *std::min_element(a.begin(), a.end());
      if (f == "max") return *std::max_element(a.begin(), a.end());
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

void collect_vars(const Expr::Node& n, std::set<std::string>& out) {
  if (n.kind == Kind::Var) out.insert(n.name);
  for (const auto& c : n.args) collect_vars(*c, out);
}

int prec(const Expr::Node& n) {
  switch (n.kind) {
    case Kind::Add: case Kind::Sub: return 1;
    case Kind::Mul: case Kind::Div: return 2;
    case Kind::Neg: return 3;
    case Kind::Pow: return 4;
    default: return 5;
  }
}

std::string num_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string print(const Expr::Node& n) {
  auto wrap = [](const Expr::Node& c, bool paren) { return paren ? "(" + print(c) + ")" : print(c); };
  switch (n.kind) {
    case Kind::Num: return num_text(n.value);
    case Kind::Var: return n.name;
    case Kind::Neg: return "-" + wrap(*n.args[0], prec(*n.args[0]) < 3);
    case Kind::Add:
    case Kind::Sub: {
      const char* op = n.kind == Kind::Add ? " + " : " - ";
      return wrap(*n.args[0], prec(*n.args[0]) < 1) + op + wrap(*n.args[1], prec(*n.args[1]) <= 1);
    }
    case Kind::Mul:
    case Kind::Div: {
      const char* op = n.kind == Kind::Mul ? "*" : "/";
      return wrap(*n.args[0], prec(*n.args[0]) < 2) + op + wrap(*n.args[1], prec(*n.args[1]) <= 2);
    }
    case Kind::Pow:
      return wrap(*n.args[0], prec(*n.args[0]) <= 4) + "^" + wrap(*n.args[1], prec(*n.args[1]) < 3);
    case Kind::Call: {
      std::string s = n.name + "(";
      for (std::size_t k = 0; k < n.args.size(); ++k) {
        if (k > 0) s += ", ";
        s += print(*n.args[k]);
      }
      return s + ")";
    }
  }
  return "";
}

bool too_long(const std::vector<lang::CodePoint>& cps, ExprError* err) {
  if (cps.size() <= kMaxExprChars) return false;
  if (err != nullptr) {
    err->col = static_cast<int>(kMaxExprChars) + 1;
    err->message = "expression longer than " + std::to_string(kMaxExprChars) + " characters";
  }
  return true;
}

void set_err(ExprError* err, const Failure& f) {
  if (err != nullptr) {
    err->col = f.col;
    err->message = f.message;
  }
}

bool is_close_cp(char32_t c) { return c == ')' || c == ']' || c == 0x230B || c == 0x2309; }
bool is_open_cp(char32_t c) { return c == '(' || c == '[' || c == 0x230A || c == 0x2308; }

bool ascii_word_char(char32_t c) { return c == '_' || lang::is_letter_cp(c); }

}  // namespace

Expr::Expr() = default;
Expr::Expr(std::shared_ptr<const Node> root) : root_(std::move(root)) {}

std::optional<double> Expr::eval(const std::map<std::string, double>& vars) const {
  if (!root_) return std::nullopt;
  return eval_node(*root_, vars);
}

std::vector<std::string> Expr::variables() const {
  std::set<std::string> s;
  if (root_) collect_vars(*root_, s);
  return {s.begin(), s.end()};
}

std::string Expr::str() const { return root_ ? print(*root_) : std::string(); }

std::optional<Expr> parse_expr(std::string_view src, ExprError* err) {
  const std::vector<lang::CodePoint> cps = lang::decode_cols(src);
  if (too_long(cps, err)) return std::nullopt;
  try {
    ExprParser p(cps, 0, cps.size());
    return Expr(p.whole());
  } catch (const Failure& f) {
    set_err(err, f);
    return std::nullopt;
  }
}

std::optional<std::vector<Expr>> parse_shape(std::string_view src, ExprError* err) {
  const std::vector<lang::CodePoint> cps = lang::decode_cols(src);
  if (too_long(cps, err)) return std::nullopt;
  const std::size_t n = cps.size();
  auto col_at = [&](std::size_t i) { return i < n ? static_cast<int>(cps[i].begin) : static_cast<int>(n) + 1; };
  try {
    std::size_t lo = 0, hi = n;
    while (lo < hi && lang::is_space_cp(cps[lo].c)) ++lo;
    while (hi > lo && lang::is_space_cp(cps[hi - 1].c)) --hi;
    if (lo == hi) throw Failure{1, "empty shape"};
    // A bracket round a bracketed tuple adds nothing: "([4, 12, 12])", as in
    // torch.Size([4, 12, 12]), is the tuple [4, 12, 12]. (One level, and only
    // round a tuple, so deep nesting is still refused below.)
    if (hi - lo >= 4 && (cps[lo].c == '(' || cps[lo].c == '[') && (cps[hi - 1].c == ')' || cps[hi - 1].c == ']')) {
      std::size_t in_lo = lo + 1, in_hi = hi - 1;
      while (in_lo < in_hi && lang::is_space_cp(cps[in_lo].c)) ++in_lo;
      while (in_hi > in_lo && lang::is_space_cp(cps[in_hi - 1].c)) --in_hi;
      if (in_hi - in_lo >= 2 && (cps[in_lo].c == '(' || cps[in_lo].c == '[')) {
        // the inner group must close at in_hi - 1 and hold a comma of its own
        int d = 0;
        bool closes_at_end = false, comma = false;
        for (std::size_t i = in_lo; i < in_hi; ++i) {
          if (is_open_cp(cps[i].c)) {
            ++d;
          } else if (is_close_cp(cps[i].c)) {
            if (--d == 0) {
              closes_at_end = i == in_hi - 1;
              break;
            }
          } else if (d == 1 && cps[i].c == ',') {
            comma = true;
          }
        }
        if (closes_at_end && comma) {
          lo = in_lo;
          hi = in_hi;
        }
      }
    }
    // Check bracket balance (so an error names the bracket) and find whether
    // one pair of ( ) or [ ] encloses the whole shape.
    std::vector<std::size_t> stack;
    bool enclosed = false;
    for (std::size_t i = lo; i < hi; ++i) {
      if (is_open_cp(cps[i].c)) {
        stack.push_back(i);
        if (stack.size() > static_cast<std::size_t>(kMaxExprDepth))
          throw Failure{col_at(i), "shape nested deeper than " + std::to_string(kMaxExprDepth) + " levels"};
      } else if (is_close_cp(cps[i].c)) {
        if (stack.empty()) throw Failure{col_at(i), "unmatched '" + utf8_of(cps[i].c) + "'"};
        if (stack.size() == 1 && stack.back() == lo && i == hi - 1 && (cps[lo].c == '(' || cps[lo].c == '['))
          enclosed = true;
        stack.pop_back();
      }
    }
    if (!stack.empty()) throw Failure{col_at(stack.back()), "unclosed '" + utf8_of(cps[stack.back()].c) + "'"};
    bool has_comma = false;
    if (enclosed) {
      int depth = 0;
      for (std::size_t i = lo + 1; i + 1 < hi; ++i) {
        if (is_open_cp(cps[i].c)) ++depth;
        else if (is_close_cp(cps[i].c)) --depth;
        else if (depth == 0 && cps[i].c == ',') has_comma = true;
      }
      if (has_comma) {
        ++lo;
        --hi;
      }
    }
    // Split at top-level commas, multiplication signs, and standalone x / X
    // between two operands.
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    std::size_t start = lo;
    int depth = 0;
    auto prev_nonspace = [&](std::size_t i) -> char32_t {
      while (i > start) {
        --i;
        if (!lang::is_space_cp(cps[i].c)) return cps[i].c;
      }
      return 0;
    };
    auto next_nonspace = [&](std::size_t i) -> char32_t {
      for (++i; i < hi; ++i)
        if (!lang::is_space_cp(cps[i].c)) return cps[i].c;
      return 0;
    };
    for (std::size_t i = lo; i < hi; ++i) {
      const char32_t c = cps[i].c;
      if (is_open_cp(c)) {
        ++depth;
        continue;
      }
      if (is_close_cp(c)) {
        --depth;
        continue;
      }
      if (depth != 0) continue;
      bool sep = c == ',' || c == 0xD7;
      if (!sep && (c == 'x' || c == 'X')) {
        const bool word_before = i > lo && ascii_word_char(cps[i - 1].c);
        const bool word_after = i + 1 < hi && ascii_word_char(cps[i + 1].c);
        const char32_t p = prev_nonspace(i);
        const char32_t q = next_nonspace(i);
        const bool left_operand = p != 0 && (lang::is_digit_cp(p) || ascii_word_char(p) || is_close_cp(p) || p == '.');
        const bool right_operand =
            q != 0 && (lang::is_digit_cp(q) || ascii_word_char(q) || is_open_cp(q) || q == '.' || q == '-' || q == 0x2212);
        sep = !word_before && !word_after && left_operand && right_operand;
      }
      if (sep) {
        pieces.push_back({start, i});
        start = i + 1;
      }
    }
    pieces.push_back({start, hi});
    std::vector<Expr> dims;
    for (const auto& [a, b] : pieces) {
      std::size_t x = a;
      while (x < b && lang::is_space_cp(cps[x].c)) ++x;
      if (x == b) throw Failure{col_at(a < n ? a : n), "empty dimension"};
      ExprParser p(cps, a, b);
      dims.emplace_back(p.whole());
    }
    return dims;
  } catch (const Failure& f) {
    set_err(err, f);
    return std::nullopt;
  }
}

bool expr_equivalent(const Expr& a, const Expr& b, const std::vector<std::map<std::string, double>>& points) {
  if (a.empty() || b.empty()) return false;
  int compared = 0;
  for (const auto& pt : points) {
    const auto va = a.eval(pt);
    const auto vb = b.eval(pt);
    if (!va && !vb) continue;
    if (!va || !vb) return false;
    const double scale = std::max(std::fabs(*va), std::fabs(*vb));
    if (std::fabs(*va - *vb) > 1e-9 * scale + 1e-12) return false;
    ++compared;
  }
  return compared > 0;
}

}  // namespace automark
