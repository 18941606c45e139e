// Units and quantities: the built-in unit table (docs/expressions.md) and a
// hand-written parser for "64 ms", "1,024 samples", "6.4 x 10^1 ms", "1/64".
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "automark/pattern.h"
#include "lang/utf8_local.h"

namespace automark {
namespace {

struct BuiltinUnit {
  const char* name;
  const char* dimension;
  double factor;
  const char* spellings;  // '|'-separated, lower case
};

constexpr BuiltinUnit kUnits[] = {
    {"s", "time", 1.0, "s|sec|secs|second|seconds"},
    {"ms", "time", 1e-3, "ms|msec|msecs|millisecond|milliseconds"},
    {"us", "time", 1e-6, "us|µs|μs|usec|microsecond|microseconds"},
    {"ns", "time", 1e-9, "ns|nsec|nanosecond|nanoseconds"},
    {"min", "time", 60.0, "min|mins|minute|minutes"},
    {"h", "time", 3600.0, "h|hr|hrs|hour|hours"},
    {"Hz", "frequency", 1.0, "hz|hertz"},
    {"kHz", "frequency", 1e3, "khz|kilohertz"},
    {"MHz", "frequency", 1e6, "mhz|megahertz"},
    {"samples", "samples", 1.0, "sample|samples|smp|smps"},
    {"parameters", "count", 1.0, "parameter|parameters|param|params"},
    {"weights", "count", 1.0, "weight|weights"},
    {"%", "ratio", 0.01, "%|percent|per cent|pct"},
    {"dB", "level", 1.0, "db|decibel|decibels"},
    {"B", "data", 1.0, "b|byte|bytes"},
    {"bits", "data", 0.125, "bit|bits"},
    {"KB", "data", 1e3, "kb|kilobyte|kilobytes"},
    {"MB", "data", 1e6, "mb|megabyte|megabytes"},
    {"GB", "data", 1e9, "gb|gigabyte|gigabytes"},
    {"KiB", "data", 1024.0, "kib|kibibyte|kibibytes"},
    {"MiB", "data", 1048576.0, "mib|mebibyte|mebibytes"},
    {"GiB", "data", 1073741824.0, "gib|gibibyte|gibibytes"},
    {"epochs", "epochs", 1.0, "epoch|epochs"},
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Collapse runs of spaces to one ("per  cent").
std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool spelled(const char* spellings, const std::string& key) {
  std::string_view all(spellings);
  while (!all.empty()) {
    const std::size_t bar = all.find('|');
    const std::string_view one = all.substr(0, bar);
    if (one == key) return true;
    if (bar == std::string_view::npos) break;
    all.remove_prefix(bar + 1);
  }
  return false;
}

// A cursor over the quantity text.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool at_end() const { return i >= s.size(); }
  char peek() const { return at_end() ? '\0' : s[i]; }
  void skip_spaces() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  // Consume one of the UTF-8 sequences given; true if consumed.
  bool take(std::string_view lit) {
    if (s.substr(i, lit.size()) == lit) {
      i += lit.size();
      return true;
    }
    return false;
  }
  bool take_minus() { return take("-") || take("\u2212") || take("\u2013"); }
  bool take_times() { return take("\u00D7") || take("*") || take("\u00B7") || take("\u22C5") || take("x") || take("X"); }
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Unsigned decimal: digits with optional comma groups of three, fraction,
// exponent. Returns nullopt (and sets err) when malformed.
std::optional<double> read_decimal(Cursor& cur, std::string* err) {
  std::string text;
  const std::size_t start = cur.i;
  std::size_t first_group = 0;
  while (is_digit(cur.peek())) {
    text.push_back(cur.s[cur.i++]);
    ++first_group;
  }
  if (cur.peek() == ',' && first_group > 0 && cur.i + 1 < cur.s.size() && is_digit(cur.s[cur.i + 1])) {
    if (first_group > 3) {
      *err = "bad thousands separator in '" + std::string(cur.s) + "' (groups of 3 digits)";
      return std::nullopt;
    }
    while (cur.peek() == ',') {
      std::size_t n = 0;
      std::size_t j = cur.i + 1;
      while (j < cur.s.size() && is_digit(cur.s[j])) ++j, ++n;
      if (n != 3) {
        *err = "bad thousands separator in '" + std::string(cur.s) + "' (groups of 3 digits)";
        return std::nullopt;
      }
      text.append(cur.s.substr(cur.i + 1, 3));
      cur.i = j;
    }
  }
  if (cur.peek() == '.') {
    text.push_back('.');
    ++cur.i;
    while (is_digit(cur.peek())) text.push_back(cur.s[cur.i++]);
  }
  if (text.empty() || text == ".") {
    cur.i = start;
    *err = "expected a number in '" + std::string(cur.s) + "'";
    return std::nullopt;
  }
  if (cur.peek() == 'e' || cur.peek() == 'E') {
    std::size_t j = cur.i + 1;
    std::string e = "e";
    if (j < cur.s.size() && (cur.s[j] == '+' || cur.s[j] == '-')) e.push_back(cur.s[j++]);
    if (j < cur.s.size() && is_digit(cur.s[j])) {
      while (j < cur.s.size() && is_digit(cur.s[j])) e.push_back(cur.s[j++]);
      text += e;
      cur.i = j;
    }
  }
  const double v = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(v)) {
    *err = "number out of range in '" + std::string(cur.s) + "'";
    return std::nullopt;
  }
  return v;
}

std::optional<long> read_int_exponent(Cursor& cur) {
  cur.skip_spaces();
  bool neg = false;
  if (cur.take_minus()) neg = true;
  else cur.take("+");
  if (!is_digit(cur.peek())) return std::nullopt;
  long e = 0;
  while (is_digit(cur.peek())) {
    e = e * 10 + (cur.s[cur.i++] - '0');
    if (e > 400) e = 400;
  }
  return neg ? -e : e;
}

}  // namespace

std::optional<Unit> find_unit(std::string_view spelling, const std::map<std::string, Unit>& extra) {
  const std::string raw = squeeze(trim(spelling));
  if (raw.empty()) return std::nullopt;
  auto named = [](const std::string& key, Unit u) {
    if (u.name.empty()) u.name = key;
    return u;
  };
  if (auto it = extra.find(raw); it != extra.end()) return named(it->first, it->second);
  const std::string key = lower_ascii(raw);
  for (const auto& [k, u] : extra)
    if (lower_ascii(k) == key) return named(k, u);
  for (const auto& b : kUnits)
    if (spelled(b.spellings, key)) return Unit{b.name, b.dimension, b.factor};
  return std::nullopt;
}

std::optional<Quantity> parse_quantity(std::string_view src, std::string* err,
                                       const std::map<std::string, Unit>& extra) {
  std::string scratch;
  if (err == nullptr) err = &scratch;
  const std::string_view text = trim(src);
  if (text.empty()) {
    *err = "empty quantity";
    return std::nullopt;
  }
  if (text.size() > 1000) {
    *err = "quantity longer than 1000 characters";
    return std::nullopt;
  }
  Cursor cur{text, 0};
  bool neg = false;
  if (cur.take_minus()) neg = true;
  else cur.take("+");
  cur.skip_spaces();
  auto value = read_decimal(cur, err);
  if (!value) return std::nullopt;
  double v = *value;
  // a fraction: 1/64
  {
    Cursor look = cur;
    look.skip_spaces();
    if (look.take("/") || look.take("\u00F7")) {
      look.skip_spaces();
      std::string e2;
      auto den = read_decimal(look, &e2);
      if (!den) {
        *err = "expected a denominator in '" + std::string(text) + "'";
        return std::nullopt;
      }
      if (*den == 0) {
        *err = "division by zero in '" + std::string(text) + "'";
        return std::nullopt;
      }
      v /= *den;
      cur = look;
    }
  }
  // a power of ten or any power: "x 10^1", "* 10^-3", "2^10"
  {
    Cursor look = cur;
    look.skip_spaces();
    if (look.take("^") || look.take("**")) {
      auto e = read_int_exponent(look);
      if (!e) {
        *err = "expected an integer exponent in '" + std::string(text) + "'";
        return std::nullopt;
      }
      v = std::pow(v, static_cast<double>(*e));
      cur = look;
    } else if (look.take_times()) {
      look.skip_spaces();
      if (look.take("10")) {
        look.skip_spaces();
        if (look.take("^") || look.take("**")) {
          auto e = read_int_exponent(look);
          if (!e) {
            *err = "expected an integer exponent in '" + std::string(text) + "'";
            return std::nullopt;
          }
          v *= std::pow(10.0, static_cast<double>(*e));
          cur = look;
        }
      }
    }
  }
  if (!std::isfinite(v)) {
    *err = "number out of range in '" + std::string(text) + "'";
    return std::nullopt;
  }
  cur.skip_spaces();
  Quantity q;
  q.value = neg ? -v : v;
  const std::string_view rest = text.substr(cur.i);
  if (rest.empty()) return q;
  auto unit = find_unit(rest, extra);
  if (!unit) {
    *err = "unknown unit '" + std::string(rest) + "' in '" + std::string(text) + "'";
    return std::nullopt;
  }
  q.unit = unit->name;
  return q;
}

}  // namespace automark
