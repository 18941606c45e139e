// Focused tests of the matcher: the tokenizer, evidence offsets, flags and
// notes, nested parts, partial-credit wordings, long answers and concurrent use.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "automark/match.h"
#include "automark/rubric.h"
#include "match/internal.h"

namespace {

using namespace automark;

Rubric load(const std::string& yaml) {
  auto r = load_rubric_text(yaml, "test.yaml");
  std::string diags;
  for (const auto& d : r.diagnostics) diags += d.message + "\n";
  INFO(diags);
  REQUIRE(r.ok());
  return std::move(*r.rubric);
}

const ConceptMatch& concept_of(const PartMatch& pm, const std::string& id) {
  for (const auto& c : pm.concepts)
    if (c.id == id) return c;
  FAIL("no concept " << id);
  throw 0;
}

const char* kRubric = R"(exam: {code: T, total: 10}
lexicon:
  abbreviations: {LR: learning rate}
questions:
  - id: "1"
    marks: 10
    parts:
      - id: a
        marks: 5
        concepts:
          - id: lr
            marks: 2
            match:
              - {text: "learning rate", marks: 2}
              - {text: "step", marks: 1}
          - id: sat
            marks: 2
            match: saturat*
          - id: conv
            marks: 1
            match: convolution
        misconceptions:
          - id: relu-vanish
            match: "relu causes vanishing gradient*"
            penalty: 1
      - id: b
        marks: 5
        concepts:
          - id: tanh
            marks: 5
            match: tanh
)";

std::vector<match::Tok> toks(const std::string& s) {
  static const match::WordForms forms;
  return match::analyse_plain(s, forms);
}

}  // namespace

TEST_CASE("tokenizer: words, numbers, contractions, compounds", "[match][tokens]") {
  auto t = toks("ReLU doesn't saturate");
  REQUIRE(t.size() == 4);
  CHECK(t[0].text == "relu");
  CHECK(t[1].text == "does");
  CHECK(t[2].text == "not");
  CHECK(t[2].cue == match::Cue::Pre);
  CHECK(t[3].stem == "satur");

  t = toks("1,024 samples and 6.4e1 ms and 6.4 × 10^1 and .5");
  std::vector<double> nums;
  for (const auto& k : t)
    if (k.kind == match::TK::Number) nums.push_back(k.value);
  REQUIRE(nums.size() == 4);
  CHECK(nums[0] == 1024);
  CHECK(nums[1] == Approx(64));
  CHECK(nums[2] == Approx(64));
  CHECK(nums[3] == Approx(0.5));

  t = toks("over-fitting");
  REQUIRE(t.size() == 2);  // the hyphen is a joiner, not a token
  CHECK(t[0].join_stem == match::stem("overfitting"));

  t = toks("5x5");
  REQUIRE(t.size() == 3);
  CHECK(t[1].text == "x");

  t = toks("η");
  REQUIRE(t.size() == 1);
  CHECK(t[0].text == "eta");
}

TEST_CASE("tokenizer: sentence ends", "[match][tokens]") {
  auto t = toks("We use e.g. dropout. Then 0.5 is np.mean of it! Next");
  int last_sent = -1;
  std::vector<std::string> ends;
  for (const auto& k : t) {
    if (k.sentence_end) ends.push_back(k.raw);
    last_sent = k.sent;
  }
  CHECK(ends.size() == 2);  // after "dropout" and after "it"
  CHECK(last_sent == 2);

  t = toks("first point\n\nsecond point");
  CHECK(t.front().sent != t.back().sent);
  t = toks("- first\n- second");
  CHECK(t.front().sent != t.back().sent);
  t = toks("one line\nwrapped line");
  CHECK(t.front().sent == t.back().sent);
}

TEST_CASE("spelling: British and American forms unify", "[match][words]") {
  CHECK(match::unify_spelling("regularisation") == "regularization");
  CHECK(match::unify_spelling("normalise") == "normalize");
  CHECK(match::unify_spelling("analysed") == "analyzed");
  CHECK(match::unify_spelling("colour") == "color");
  CHECK(match::unify_spelling("behavioural") == "behavioral");
  CHECK(match::unify_spelling("centre") == "center");
  CHECK(match::unify_spelling("four") == "four");
  CHECK(match::unify_spelling("hour") == "hour");
  // Every form of a short root keeps its s: "raise", "raised", "raising" (and
  // "noise"/"noises", "rise"/"rising") are one word, not "raise" and "raiz-".
  for (const char* w : {"raise", "raised", "raises", "raising", "noise", "noises", "rise", "rising", "arising"})
    CHECK(match::unify_spelling(w) == w);
  CHECK(match::unify_spelling("optimised") == "optimized");
  CHECK(match::unify_spelling("revising") == "revizing");  // a three-letter root: every form alike
  CHECK(match::unify_spelling("revise") == "revize");
  CHECK(match::edit_distance("learning", "lerning", 2) == 1);
  CHECK(match::edit_distance("sigmoid", "sigmiod", 2) == 1);  // a swap is one edit
  CHECK(match::edit_distance("sigmoid", "softmax", 2) == 3);  // capped at max + 1
}

TEST_CASE("evidence: offsets into the script, base added, original text kept", "[match][evidence]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  const std::string prefix = "1(a) ";
  const std::string answer = "Le taux: the LR is high and sigmoids saturate.";
  const std::string script = prefix + answer;
  auto pm = cr.match("1.a", answer, prefix.size());
  CHECK(pm.part == "1.a");
  const auto& lr = concept_of(pm, "lr");
  REQUIRE(lr.credited);
  CHECK(lr.marks == 2);
  CHECK(lr.wording == 0);
  REQUIRE(lr.evidence.size() == 1);
  CHECK(lr.evidence[0].text == "LR");
  CHECK(script.substr(lr.evidence[0].start, lr.evidence[0].end - lr.evidence[0].start) == "LR");
  const auto& sat = concept_of(pm, "sat");
  REQUIRE(sat.credited);
  CHECK(sat.evidence[0].text == "saturate");

  // Full-width letters are normalised for matching; the evidence is as written.
  const std::string wide = "ｔａｎｈ is best";
  auto pb = cr.match("1.b", wide, 0);
  const auto& tanh = concept_of(pb, "tanh");
  REQUIRE(tanh.credited);
  CHECK(tanh.evidence[0].text == "ｔａｎｈ");
}

TEST_CASE("partial credit: the best wording wins", "[match][marks]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  auto pm = cr.match("1.a", "Take a small step each time.", 0);
  const auto& lr = concept_of(pm, "lr");
  CHECK(lr.credited);
  CHECK(lr.marks == 1);
  CHECK(lr.wording == 1);
  pm = cr.match("1.a", "A small step, set by the learning rate.", 0);
  CHECK(concept_of(pm, "lr").marks == 2);
  CHECK(concept_of(pm, "lr").wording == 0);
}

TEST_CASE("flags and notes: fuzzy, negated, uncertain", "[match][flags]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  auto pm = cr.match("1.a", "convolusion layers", 0);
  const auto& conv = concept_of(pm, "conv");
  CHECK(conv.credited);
  CHECK(conv.fuzzy);
  CHECK(conv.note == "matched 'convolusion' as 'convolution' (1 edit)");

  pm = cr.match("1.a", "ReLU does not saturate.", 0);
  const auto& sat = concept_of(pm, "sat");
  CHECK_FALSE(sat.credited);
  CHECK(sat.negated);
  CHECK(sat.note.find("not") != std::string::npos);

  pm = cr.match("1.a", "It is not the sigmoid, the others saturate.", 0);
  const auto& sat2 = concept_of(pm, "sat");
  CHECK(sat2.credited);
  CHECK(sat2.uncertain);

  pm = cr.match("1.a", "The sigmoid saturates.", 0);
  CHECK_FALSE(concept_of(pm, "sat").uncertain);
  CHECK_FALSE(concept_of(pm, "sat").fuzzy);
}

TEST_CASE("misconceptions: found with evidence, not when negated", "[match][misconceptions]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  auto pm = cr.match("1.a", "I think ReLU causes vanishing gradients.", 0);
  REQUIRE(pm.misconceptions.size() == 1);
  CHECK(pm.misconceptions[0].found);
  REQUIRE(pm.misconceptions[0].evidence.size() == 1);
  CHECK(pm.misconceptions[0].evidence[0].text == "ReLU causes vanishing gradients");
  pm = cr.match("1.a", "ReLU never causes vanishing gradients.", 0);
  CHECK_FALSE(pm.misconceptions[0].found);
  CHECK(pm.misconceptions[0].evidence.empty());
}

TEST_CASE("parts: concepts in rubric order, unknown part empty", "[match][parts]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  auto pm = cr.match("1.a", "", 0);
  REQUIRE(pm.concepts.size() == 3);
  CHECK(pm.concepts[0].id == "lr");
  CHECK(pm.concepts[1].id == "sat");
  CHECK(pm.concepts[2].id == "conv");
  for (const auto& c : pm.concepts) CHECK_FALSE(c.credited);
  auto none = cr.match("9.z", "learning rate", 0);
  CHECK(none.part == "9.z");
  CHECK(none.concepts.empty());
  // Part b does not see part a's concepts.
  auto pb = cr.match("1.b", "learning rate", 0);
  REQUIRE(pb.concepts.size() == 1);
  CHECK_FALSE(pb.concepts[0].credited);
}

TEST_CASE("long answers are matched whole", "[match][long]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  std::string answer;
  for (int i = 0; i < 20000; ++i) answer += "The weights are updated by back propagation, not otherwise. ";
  answer += "Finally the sigmoid saturates.";
  auto pm = cr.match("1.a", answer, 0);
  const auto& sat = concept_of(pm, "sat");
  REQUIRE(sat.credited);
  CHECK(sat.evidence[0].start == answer.size() - std::string("saturates.").size());
  CHECK_FALSE(concept_of(pm, "lr").credited);
}

TEST_CASE("concurrent matching gives the serial results", "[match][threads]") {
  Rubric r = load(kRubric);
  CompiledRubric cr(r);
  const std::vector<std::string> answers = {
      "the learning rate", "ReLU does not saturate", "convolusion", "ReLU causes vanishing gradients",
      "the LR is a step", "sigmoid saturates; the learning rate is small"};
  auto digest = [&](const std::string& a) {
    auto pm = cr.match("1.a", a, 3);
    std::string d;
    for (const auto& c : pm.concepts) {
      d += c.id + (c.credited ? "+" : "-") + (c.negated ? "n" : "") + c.note;
      for (const auto& e : c.evidence) d += "[" + std::to_string(e.start) + "," + std::to_string(e.end) + "]";
    }
    for (const auto& m : pm.misconceptions) d += m.id + (m.found ? "+" : "-");
    return d;
  };
  std::vector<std::string> serial;
  for (const auto& a : answers) serial.push_back(digest(a));
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 50; ++rep)
        for (const auto& a : answers) got[static_cast<std::size_t>(t)].push_back(digest(a));
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& g : got) {
    REQUIRE(g.size() == answers.size() * 50);
    for (std::size_t i = 0; i < g.size(); ++i) CHECK(g[i] == serial[i % answers.size()]);
  }
}
