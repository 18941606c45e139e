// TEMPORARY stub so the tree links; the match module's owner replaces it.
#include "automark/match.h"
namespace automark {
struct CompiledRubric::Impl { const Rubric* rubric; };
CompiledRubric::CompiledRubric(const Rubric& r) : impl_(std::make_unique<Impl>(Impl{&r})) {}
CompiledRubric::~CompiledRubric() = default;
const Rubric& CompiledRubric::rubric() const { return *impl_->rubric; }
PartMatch CompiledRubric::match(const std::string& part_id, std::string_view, std::size_t) const { PartMatch m; m.part = part_id; return m; }
}  // namespace automark
