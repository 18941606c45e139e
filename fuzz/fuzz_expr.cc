// Fuzz the rubric's little languages: the same bytes parsed as an expression,
// a shape, a quantity and a text pattern (as the loader does for each wording).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "common.h"

using namespace automark;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src = fuzz::as_view(data, size);
  const std::map<std::string, double> vars = {{"M", 28}, {"N", 5}, {"x", 0.5}, {"k", 3}};

  ExprError eerr;
  if (auto e = parse_expr(src, &eerr)) {
    (void)e->eval(vars);
    (void)e->variables();
    fuzz::require(!e->str().empty(), "Expr::str() of a parsed expression is empty");
  } else {
    fuzz::require(!eerr.message.empty(), "parse_expr failed without a message");
  }

  ExprError serr;
  if (auto dims = parse_shape(src, &serr)) {
    for (const Expr& d : *dims) (void)d.eval(vars);
  }

  std::string qerr;
  if (auto q = parse_quantity(src, &qerr)) (void)std::isfinite(q->value);

  PatternError perr;
  if (auto p = parse_pattern(src, &perr)) {
    (void)pattern_refs(*p);
  } else {
    fuzz::require(!perr.message.empty(), "parse_pattern failed without a message");
  }
  (void)tokenize(src);
  return 0;
}
