// Table-driven matcher corpus: tests/fixtures/match/corpus.yaml holds small
// rubrics (one leaf part each, in the rubric format) and answers with the
// verdict a careful human marker would give. Every case checks the exact set
// of credited concepts, and where given, found misconceptions, choice
// selections and concepts refused for negation.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "automark/match.h"
#include "automark/rubric.h"

namespace {

using automark::CompiledRubric;
using automark::Rubric;

std::set<std::string> as_set(const YAML::Node& n) {
  std::set<std::string> s;
  if (!n) return s;
  if (n.IsScalar()) {
    s.insert(n.as<std::string>());
    return s;
  }
  for (const auto& x : n) s.insert(x.as<std::string>());
  return s;
}

std::string join(const std::set<std::string>& s) {
  std::string out = "[";
  for (const auto& x : s) out += (out.size() > 1 ? ", " : "") + x;
  return out + "]";
}

struct Corpus {
  std::map<std::string, Rubric> rubrics;
  std::map<std::string, std::unique_ptr<CompiledRubric>> compiled;
  YAML::Node cases;
};

// Wrap a leaf part's body into a one-question rubric and load it.
Rubric load_one(const std::string& name, const YAML::Node& def) {
  // The part is worth what its concepts (or best choice rule) can reach.
  double marks = 0;
  const YAML::Node part = def["part"];
  if (part["concepts"])
    for (const auto& c : part["concepts"]) marks += c["marks"] ? c["marks"].as<double>() : 1.0;
  if (part["choice"])
    for (const auto& r : part["choice"]["marks"]) marks = std::max(marks, r["marks"].as<double>());
  YAML::Node doc;
  doc["exam"]["code"] = "CORPUS";
  doc["exam"]["total"] = marks;
  if (def["lexicon"]) doc["lexicon"] = def["lexicon"];
  YAML::Node q = YAML::Clone(part);
  q["id"] = "1";
  q["marks"] = marks;
  doc["questions"].push_back(q);
  YAML::Emitter em;
  em << doc;
  auto r = automark::load_rubric_text(em.c_str(), name + ".yaml");
  std::string diags;
  for (const auto& d : r.diagnostics) diags += d.message + "\n";
  INFO("rubric " << name << ":\n" << em.c_str() << "\n" << diags);
  REQUIRE(r.rubric.has_value());
  REQUIRE(r.ok());
  return std::move(*r.rubric);
}

Corpus& corpus() {
  static Corpus c = [] {
    Corpus k;
    YAML::Node root = YAML::LoadFile(std::string(AUTOMARK_SOURCE_DIR) + "/tests/fixtures/match/corpus.yaml");
    for (const auto& r : root["rubrics"]) {
      const auto name = r.first.as<std::string>();
      k.rubrics.emplace(name, load_one(name, r.second));
    }
    for (auto& [name, r] : k.rubrics) k.compiled.emplace(name, std::make_unique<CompiledRubric>(r));
    k.cases = root["cases"];
    return k;
  }();
  return c;
}

}  // namespace

TEST_CASE("corpus: every answer gets the verdict a careful marker would give", "[match][corpus]") {
  Corpus& c = corpus();
  REQUIRE(c.cases.size() >= 150);
  int checked = 0;
  for (std::size_t i = 0; i < c.cases.size(); ++i) {
    const YAML::Node k = c.cases[i];
    const auto rname = k["rubric"].as<std::string>();
    REQUIRE(c.compiled.count(rname) == 1);
    const CompiledRubric& cr = *c.compiled.at(rname);
    const auto answer = k["answer"].as<std::string>();
    const std::size_t base = 7;  // evidence offsets must include the base
    const std::string script = std::string(base, '#') + answer;
    auto pm = cr.match("1", answer, base);
    std::set<std::string> credited, negated, found, selected, uncertain;
    std::ostringstream detail;
    for (const auto& cm : pm.concepts) {
      if (cm.credited) credited.insert(cm.id);
      if (cm.negated) negated.insert(cm.id);
      if (cm.uncertain) uncertain.insert(cm.id);
      detail << "  " << cm.id << ": credited=" << cm.credited << " negated=" << cm.negated
             << " uncertain=" << cm.uncertain << " note=" << cm.note;
      for (const auto& ev : cm.evidence) detail << " [" << ev.text << "]";
      detail << "\n";
      // Evidence is the text at its offsets.
      for (const auto& ev : cm.evidence) {
        REQUIRE(ev.end <= script.size());
        CHECK(script.substr(ev.start, ev.end - ev.start) == ev.text);
      }
      if (cm.credited) CHECK(!cm.evidence.empty());
    }
    for (const auto& mm : pm.misconceptions) {
      if (mm.found) found.insert(mm.id);
      for (const auto& ev : mm.evidence) CHECK(script.substr(ev.start, ev.end - ev.start) == ev.text);
    }
    for (const auto& s : pm.selected) selected.insert(s);
    INFO("case " << i << " (" << rname << "): " << answer << "\n"
                 << (k["why"] ? k["why"].as<std::string>() : std::string()) << "\n"
                 << detail.str() << "  selected=" << join(selected) << " misconceptions=" << join(found));
    if (k["credit"]) CHECK(join(credited) == join(as_set(k["credit"])));
    if (k["negated"]) CHECK(join(negated) == join(as_set(k["negated"])));
    if (k["found"]) CHECK(join(found) == join(as_set(k["found"])));
    if (k["selected"]) CHECK(join(selected) == join(as_set(k["selected"])));
    if (k["uncertain"]) CHECK(join(uncertain) == join(as_set(k["uncertain"])));
    REQUIRE((k["credit"] || k["found"] || k["selected"]));
    ++checked;
  }
  CHECK(checked == static_cast<int>(c.cases.size()));
}
