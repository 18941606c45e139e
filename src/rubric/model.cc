// Queries on a loaded rubric.
#include "automark/rubric.h"

namespace automark {

namespace {

void collect_leaves(const Part& p, std::vector<const Part*>& out) {
  if (p.leaf()) {
    out.push_back(&p);
    return;
  }
  for (const Part& c : p.parts) collect_leaves(c, out);
}

const Part* find_in(const Part& p, std::string_view id) {
  if (p.id == id) return &p;
  // Only descend where the id continues this node's id ("1.b" -> "1.b.iii").
  if (id.size() <= p.id.size() || id.substr(0, p.id.size()) != p.id || id[p.id.size()] != '.') {
    return nullptr;
  }
  for (const Part& c : p.parts) {
    if (const Part* f = find_in(c, id)) return f;
  }
  return nullptr;
}

}  // namespace

std::vector<const Part*> Rubric::leaves() const {
  std::vector<const Part*> out;
  for (const Part& q : questions) collect_leaves(q, out);
  return out;
}

const Part* Rubric::find(std::string_view id) const {
  for (const Part& q : questions) {
    if (const Part* f = find_in(q, id)) return f;
  }
  return nullptr;
}

std::string Rubric::question_of(std::string_view id) {
  return std::string(id.substr(0, id.find('.')));
}

}  // namespace automark
