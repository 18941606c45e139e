// TEMPORARY stub so the tree links; the rubric module's owner replaces it.
#include "automark/rubric.h"
namespace automark {
std::vector<const Part*> Rubric::leaves() const { return {}; }
const Part* Rubric::find(std::string_view) const { return nullptr; }
std::string Rubric::question_of(std::string_view id) { return std::string(id.substr(0, id.find('.'))); }
LoadResult load_rubric_file(const std::string& path) { LoadResult r; r.diagnostics.push_back({path, 0, 0, "error", "rubric loader not implemented"}); r.exit_code = 1; return r; }
LoadResult load_rubric_text(std::string_view, const std::string& name) { return load_rubric_file(name); }
}  // namespace automark
