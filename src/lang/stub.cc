// TEMPORARY stub so the tree links; the lang module's owner replaces it.
#include "automark/pattern.h"
namespace automark {
struct Expr::Node {};
Expr::Expr() = default;
Expr::Expr(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
std::optional<double> Expr::eval(const std::map<std::string, double>&) const { return std::nullopt; }
std::vector<std::string> Expr::variables() const { return {}; }
std::string Expr::str() const { return ""; }
std::optional<PatternNode> parse_pattern(std::string_view src, PatternError*) { PatternNode n; n.text = std::string(src); return n; }
std::vector<std::string> pattern_refs(const PatternNode&) { return {}; }
std::optional<Expr> parse_expr(std::string_view, ExprError*) { return Expr(); }
std::optional<std::vector<Expr>> parse_shape(std::string_view, ExprError*) { return std::vector<Expr>{}; }
bool expr_equivalent(const Expr&, const Expr&, const std::vector<std::map<std::string, double>>&) { return false; }
std::optional<Unit> find_unit(std::string_view, const std::map<std::string, Unit>&) { return std::nullopt; }
std::optional<Quantity> parse_quantity(std::string_view, std::string*, const std::map<std::string, Unit>&) { return Quantity{}; }
}  // namespace automark
