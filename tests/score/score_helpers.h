// Small builders for scoring tests: rubric parts and matches in C++, no
// loader and no matcher involved.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "automark/score.h"

namespace automark::test {

inline Concept concept_(const std::string& id, double marks, const std::string& group = "",
                        std::vector<std::string> requires_ = {}) {
  Concept c;
  c.id = id;
  c.marks = marks;
  c.group = group;
  c.requires_ = std::move(requires_);
  c.feedback.missed = "hint for " + id;
  return c;
}

inline Part leaf(const std::string& id, double marks, std::vector<Concept> concepts,
                 std::optional<int> limit = std::nullopt) {
  Part p;
  p.id = id;
  p.label = id.substr(id.rfind('.') == std::string::npos ? 0 : id.rfind('.') + 1);
  p.marks = marks;
  p.word_limit = limit;
  p.kind = "text";
  p.concepts = std::move(concepts);
  return p;
}

/// A match crediting the listed concept ids (marks = 0: the scorer decides).
inline PartMatch credit(const Part& p, std::initializer_list<std::string> ids) {
  PartMatch m;
  m.part = p.id;
  for (const auto& c : p.concepts) {
    ConceptMatch cm;
    cm.id = c.id;
    for (const auto& id : ids)
      if (id == c.id) {
        cm.credited = true;
        cm.evidence.push_back(Evidence{0, id.size(), id});
      }
    m.concepts.push_back(cm);
  }
  for (const auto& mc : p.misconceptions) {
    MisconceptionMatch mm;
    mm.id = mc.id;
    m.misconceptions.push_back(mm);
  }
  return m;
}

inline void find_misconception(PartMatch& m, const std::string& id) {
  for (auto& mm : m.misconceptions)
    if (mm.id == id) {
      mm.found = true;
      mm.evidence.push_back(Evidence{0, 1, "x"});
    }
}

inline Answer answer(const std::string& part, std::size_t words, std::optional<int> limit = {}) {
  Answer a;
  a.part = part;
  a.text = "answer text";
  a.start = 10;
  a.end = 21;
  a.words = words;
  a.word_limit = limit;
  return a;
}

}  // namespace automark::test
