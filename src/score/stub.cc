// TEMPORARY stub so the tree links; the score module's owner replaces it.
#include <cmath>
#include "automark/score.h"
namespace automark {
MarkSheet mark_script(const CompiledRubric&, const Script& s) { MarkSheet m; m.student = s.student; return m; }
double round_marks(double m) { return std::round(m * 1000.0) / 1000.0; }
}  // namespace automark
