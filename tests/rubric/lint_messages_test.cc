// One test per lint message: a tiny rubric, the exact LINE:COL and text.
#include <catch2/catch.hpp>

#include <string>

#include "rubric/rubric_test_util.h"

using automark::kExitInvalid;
using automark::kExitOk;
using automark::kExitUnreadable;
using rubric_test::diags;
using rubric_test::Lines;

namespace {

/// A paper header (lines 1-2) followed by the questions in `body` (line 3 on).
automark::LoadResult Q(const std::string& body) {
  return rubric_test::lint("exam: {code: T}\nquestions:\n" + body);
}
automark::LoadResult Y(const std::string& yaml) { return rubric_test::lint(yaml); }

const std::string kLeaf = "  - {id: \"1\", marks: 1, concepts: [{id: c, match: rate}]}\n";

}  // namespace

TEST_CASE("a minimal valid rubric lints clean", "[lint]") {
  auto r = Q(kLeaf);
  CHECK(diags(r).empty());
  CHECK(r.exit_code == kExitOk);
  REQUIRE(r.rubric);
}

TEST_CASE("unknown keys, with a suggestion when one is close", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match: learning rate
        feedbak: Look again.
)");
  CHECK(diags(r) == Lines{"t.yaml:8:9: error: unknown key 'feedbak' in a concept; did you mean 'feedback'?"});
  CHECK(r.exit_code == kExitInvalid);
  CHECK_FALSE(r.rubric);

  r = Y("exam: {code: T}\ncolour: red\nquestions:\n" + kLeaf);
  CHECK(diags(r) == Lines{"t.yaml:2:1: error: unknown key 'colour' in the top level"});
}

TEST_CASE("duplicate keys", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 1
    marks: 1
    concepts: [{id: c, match: rate}]
)");
  CHECK(diags(r) == Lines{"t.yaml:5:5: error: duplicate key 'marks' (first at line 4)"});
}

TEST_CASE("keys that are not strings", "[lint]") {
  auto r = Y("exam: {code: T}\n[a]: 1\nquestions:\n" + kLeaf);
  CHECK(diags(r) == Lines{"t.yaml:2:1: error: a key must be a string, not a list"});
}

TEST_CASE("wrong types", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: "1"
    word_limit: [30]
    concepts: [{id: c, match: rate, negation: maybe}]
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:4:12: error: 'marks' must be a number, not a string",
                        "t.yaml:5:17: error: 'word_limit' must be a number, not a list",
                        "t.yaml:6:47: error: 'negation' must be true or false, not a string",
                    });
  r = Y("exam: 5\nquestions:\n" + kLeaf);
  CHECK(diags(r) == Lines{"t.yaml:1:7: error: 'exam' must be a mapping, not 5"});
  r = Y("exam: {code: T}\nquestions: {a: 1}\n");
  CHECK(diags(r) == Lines{"t.yaml:2:12: error: 'questions' must be a list, not a mapping"});
  r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: rate, requires: [[c]]}]}\n");
  CHECK(diags(r) == Lines{"t.yaml:3:68: error: the items of 'requires' must be strings, not a list"});
  r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: [[rate]]}]}\n");
  CHECK(diags(r) == Lines{"t.yaml:3:52: error: a wording must be a string or a mapping, not a list"});
  r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: }]}\n");
  CHECK(diags(r) == Lines{"t.yaml:3:44: error: 'match' must be a wording or a list of wordings, not empty"});
}

TEST_CASE("missing required keys", "[lint]") {
  CHECK(diags(Y("questions:\n" + kLeaf)) ==
        Lines{"t.yaml:1:1: error: missing required key 'exam' in the top level"});
  CHECK(diags(Y("exam: {code: T}\n")) ==
        Lines{"t.yaml:1:1: error: missing required key 'questions' in the top level"});
  CHECK(diags(Y("exam: {title: X}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:1:7: error: missing required key 'code' in 'exam'"});
  CHECK(diags(Q("  - {marks: 1, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:5: error: missing required key 'id' in a question"});
  CHECK(diags(Q("  - {id: \"1\", concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:5: error: missing required key 'marks' in a question (1)"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c}]}\n")) ==
        Lines{"t.yaml:3:36: error: missing required key 'match' in a concept"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{match: rate}]}\n")) ==
        Lines{"t.yaml:3:36: error: missing required key 'id' in a concept"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: rate}], misconceptions: [{id: m}]}\n")) ==
        Lines{"t.yaml:3:76: error: missing required key 'match' in a misconception"});
}

TEST_CASE("empty lists", "[lint]") {
  CHECK(diags(Y("exam: {code: T}\nquestions: []\n")) == Lines{"t.yaml:2:12: error: 'questions' must not be empty"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: []}]}\n")) ==
        Lines{"t.yaml:3:51: error: 'match' must not be empty"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: []}\n")) ==
        Lines{"t.yaml:3:35: error: 'concepts' must not be empty"});
  CHECK(diags(Q("  - {id: \"1\", parts: []}\n")) == Lines{"t.yaml:3:22: error: 'parts' must not be empty"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: \"\"}]}\n")) ==
        Lines{"t.yaml:3:51: error: empty pattern"});
}

TEST_CASE("duplicate ids", "[lint]") {
  CHECK(diags(Q(kLeaf + "  - {id: \"1\", marks: 1, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:4:10: error: duplicate question id '1' (first at line 3)"});
  CHECK(diags(Q(R"(  - id: "1"
    parts:
      - {id: a, marks: 1, concepts: [{id: c, match: rate}]}
      - {id: a, marks: 1, concepts: [{id: c, match: rate}]}
)")) == Lines{"t.yaml:6:14: error: duplicate part id 'a' in 1 (first at line 5)"});
  CHECK(diags(Q(R"(  - id: "1"
    marks: 1
    concepts:
      - {id: c, match: rate}
      - {id: c, match: speed}
    misconceptions:
      - {id: c, match: momentum}
)")) == Lines{
             "t.yaml:7:14: error: duplicate concept id 'c' in 1 (first at line 6)",
             "t.yaml:9:14: error: duplicate misconception id 'c' in 1 (first at line 6)",
         });
}

TEST_CASE("ids must be usable in a full id", "[lint]") {
  CHECK(diags(Q("  - {id: a.b, marks: 1, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:10: error: id 'a.b' must be non-empty, without '.' or spaces"});
}

TEST_CASE("word limits must be positive whole numbers", "[lint]") {
  CHECK(diags(Q(R"(  - {id: "1", marks: 1, word_limit: 0, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, word_limit: 2.5, concepts: [{id: c, match: rate}]}
  - {id: "3", marks: 1, word_limit: -5, concepts: [{id: c, match: rate}]}
)")) == Lines{
             "t.yaml:3:37: error: 'word_limit' must be positive, not 0",
             "t.yaml:4:37: error: 'word_limit' must be a whole number, not 2.5",
             "t.yaml:5:37: error: 'word_limit' must be positive, not -5",
         });
}

TEST_CASE("term_lists is credit or no_credit, on a leaf with concepts", "[lint]") {
  CHECK(diags(Q(R"(  - {id: "1", marks: 1, term_lists: no_credit, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, term_lists: credit, concepts: [{id: c, match: rate}]}
  - {id: "3", marks: 1, term_lists: never, concepts: [{id: c, match: rate}]}
)")) == Lines{"t.yaml:5:37: error: 'term_lists' must be 'credit' or 'no_credit', not 'never'"});
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    term_lists: no_credit
    parts: [{id: a, marks: 2, concepts: [{id: c, marks: 2, match: rate}]}]
  - id: "2"
    marks: 2
    term_lists: no_credit
    choice:
      options: {relu: ReLU, tanh: Tanh}
      marks: [{exactly: [tanh], marks: 2}]
)")) == Lines{
             "t.yaml:5:5: error: 1 has 'parts', so it cannot have 'term_lists' (leaf keys belong in its leaf parts)",
             "t.yaml:9:5: error: 'term_lists' does not apply to a choice part",
         });
  auto r = Q(R"(  - {id: "1", marks: 1, term_lists: no_credit, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, concepts: [{id: c, match: rate}]}
)");
  REQUIRE(r.rubric);
  CHECK_FALSE(r.rubric->questions[0].term_lists_credit);
  CHECK(r.rubric->questions[1].term_lists_credit);
}

TEST_CASE("hedges is credit or no_credit, on a leaf with concepts", "[lint]") {
  CHECK(diags(Q(R"(  - {id: "1", marks: 1, hedges: no_credit, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, hedges: credit, concepts: [{id: c, match: rate}]}
  - {id: "3", marks: 1, hedges: zero, concepts: [{id: c, match: rate}]}
)")) == Lines{"t.yaml:5:33: error: 'hedges' must be 'credit' or 'no_credit', not 'zero'"});
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    hedges: no_credit
    parts: [{id: a, marks: 2, concepts: [{id: c, marks: 2, match: rate}]}]
  - id: "2"
    marks: 2
    hedges: no_credit
    choice:
      options: {relu: ReLU, tanh: Tanh}
      marks: [{exactly: [tanh], marks: 2}]
)")) == Lines{
             "t.yaml:5:5: error: 1 has 'parts', so it cannot have 'hedges' (leaf keys belong in its leaf parts)",
             "t.yaml:9:5: error: 'hedges' does not apply to a choice part",
         });
  auto r = Q(R"(  - {id: "1", marks: 1, hedges: no_credit, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, concepts: [{id: c, match: rate}]}
)");
  REQUIRE(r.rubric);
  CHECK_FALSE(r.rubric->questions[0].hedges_credit);
  CHECK(r.rubric->questions[1].hedges_credit);
}

TEST_CASE("bare_values is credit or all_or_nothing, on a leaf with concepts", "[lint]") {
  CHECK(diags(Q(R"(  - {id: "1", marks: 1, bare_values: all_or_nothing, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, bare_values: credit, concepts: [{id: c, match: rate}]}
  - {id: "3", marks: 1, bare_values: strict, concepts: [{id: c, match: rate}]}
)")) == Lines{"t.yaml:5:38: error: 'bare_values' must be 'credit' or 'all_or_nothing', not 'strict'"});
  auto r = Q(R"(  - {id: "1", marks: 1, bare_values: all_or_nothing, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, concepts: [{id: c, match: rate}]}
)");
  REQUIRE(r.rubric);
  CHECK_FALSE(r.rubric->questions[0].bare_values_credit);
  CHECK(r.rubric->questions[1].bare_values_credit);
}

TEST_CASE("marks must be positive multiples of 0.25", "[lint]") {
  CHECK(diags(Q(R"(  - {id: "1", marks: 0, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1.3, concepts: [{id: c, match: rate}]}
  - {id: "3", marks: -1, concepts: [{id: c, match: rate}]}
)")) == Lines{
             "t.yaml:3:22: error: 'marks' must be positive, not 0",
             "t.yaml:4:22: error: 'marks' must be a multiple of 0.25, not 1.3",
             "t.yaml:5:22: error: 'marks' must be positive, not -1",
         });
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: rate}], misconceptions: [{id: m, match: x, penalty: -1}]}\n")) ==
        Lines{"t.yaml:3:103: error: 'penalty' must be at least 0, not -1"});
}

TEST_CASE("parts must sum to their node's marks", "[lint]") {
  CHECK(diags(Q(R"(  - id: "1"
    marks: 5
    parts:
      - {id: a, marks: 2, concepts: [{id: c, marks: 2, match: rate}]}
      - {id: b, marks: 2, concepts: [{id: c, marks: 2, match: rate}]}
)")) == Lines{"t.yaml:4:12: error: the parts of 1 sum to 4 marks, but 1 has 5"});
}

TEST_CASE("questions must match the stated total", "[lint]") {
  const std::string two = kLeaf + "  - {id: \"2\", marks: 1, concepts: [{id: c, match: rate}]}\n";
  CHECK(diags(Y("exam: {code: T, total: 3}\nquestions:\n" + two)) ==
        Lines{"t.yaml:1:24: error: the questions sum to 2 marks, but 'total' is 3"});
  CHECK(diags(Y("exam: {code: T, answer: 1, total: 3}\nquestions:\n" + two)) ==
        Lines{"t.yaml:1:35: error: 'answer: 1' times 1 marks per question is 1, but 'total' is 3"});
  CHECK(diags(Y("exam: {code: T, answer: 3}\nquestions:\n" + two)) ==
        Lines{"t.yaml:1:25: error: 'answer: 3' but the paper has only 2 questions"});
  CHECK(diags(Y("exam: {code: T, answer: 1, total: 1}\nquestions:\n" + kLeaf +
                "  - {id: \"2\", marks: 2, concepts: [{id: c, marks: 2, match: rate}]}\n")) ==
        Lines{"t.yaml:4:10: error: with 'answer' every question must carry the same marks: question 2 has 2, "
              "question 1 has 1"});
  CHECK(diags(Y("exam: {code: T, answer: 0}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:1:25: error: 'answer' must be positive, not 0"});
  // Valid: answer 1 of two 1-mark questions, total 1.
  CHECK(diags(Y("exam: {code: T, answer: 1, total: 1}\nquestions:\n" + two)).empty());
}

TEST_CASE("concepts must be able to reach the part's marks", "[lint]") {
  CHECK(diags(Q(R"(  - id: "1"
    marks: 4
    groups: {speed: 1}
    concepts:
      - {id: a, marks: 2, group: speed, match: rate}
      - {id: b, marks: 1, group: speed, match: speed}
      - {id: c, marks: 1, match: size}
)")) == Lines{"t.yaml:4:12: error: the concepts reach at most 2 of the part's 4 marks"});
  const std::string three = R"(    concepts:
      - {id: a, marks: 1, match: rate}
      - {id: b, marks: 1, match: speed}
      - {id: c, marks: 1, match: size}
)";
  CHECK(diags(Q("  - id: \"1\"\n    marks: 3\n    rule: {any: 2}\n" + three)) ==
        Lines{"t.yaml:4:12: error: the best 2 concepts reach at most 2 of the part's 3 marks"});
  CHECK(diags(Q("  - id: \"1\"\n    marks: 3\n    rule: {any: 4}\n" + three)) ==
        Lines{"t.yaml:5:11: error: 'any: 4' needs at least 4 concepts, but the part has only 3"});
  CHECK(diags(Q("  - id: \"1\"\n    marks: 2\n    rule: {any: 2}\n" + three)).empty());
}

TEST_CASE("levels: the top level must be the part's marks and reachable", "[lint]") {
  CHECK(diags(Q(R"(  - id: "1"
    marks: 3
    rule: {levels: {3: 2, 1: 1}}
    concepts: [{id: a, match: rate}, {id: b, match: speed}]
)")) == Lines{
             "t.yaml:5:11: error: the top level gives 2 marks, but the part has 3",
             "t.yaml:5:11: error: the top level needs 3 concepts, but the part has only 2",
         });
}

TEST_CASE("levels must rise with the count", "[lint]") {
  const std::string four = "    concepts: [{id: a, match: a}, {id: b, match: b}, {id: c, match: c}, {id: d, match: d}]\n";
  CHECK(diags(Q("  - id: \"1\"\n    marks: 3\n    rule: {levels: {1: 2, 3: 1, 4: 3}}\n" + four)) ==
        Lines{"t.yaml:5:27: error: levels must rise with the count: 3 -> 1 is not above 1 -> 2"});
  CHECK(diags(Q("  - id: \"1\"\n    marks: 3\n    rule: {levels: {x: 1, 4: 3}}\n" + four)) ==
        Lines{"t.yaml:5:21: error: a level's count must be a whole number of at least 1, not a string"});
  CHECK(diags(Q("  - id: \"1\"\n    marks: 3\n    rule: {levels: {4: 3, 04: 2}}\n" + four)) ==
        Lines{"t.yaml:5:27: error: duplicate level 4"});
}

TEST_CASE("rules: names and values", "[lint]") {
  CHECK(diags(Q("  - {id: \"1\", marks: 1, rule: summ, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:31: error: unknown rule 'summ'; did you mean 'sum'?"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, rule: any, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:31: error: rule 'any' needs a value: {any: 2}"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, rule: {any: 0}, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:37: error: 'any' must be positive, not 0"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, rule: {any: 1, levels: {1: 1}}, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:31: error: 'rule' must have exactly one of 'any' and 'levels'"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, rule: all-or-nothing, concepts: [{id: c, match: rate}]}\n")).empty());
}

TEST_CASE("choice: options, rules and full marks", "[lint]") {
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    choice:
      options: {relu: ReLU, tanh: Tanh}
      marks:
        - {exactly: [tanhh], marks: 2}
        - {includes: [tanh], marks: 3}
)")) == Lines{
             "t.yaml:8:22: error: unknown option 'tanhh'; did you mean 'tanh'?",
             "t.yaml:9:37: error: a choice rule gives 3 marks, more than the part's 2",
         });
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    choice:
      options: {relu: ReLU, tanh: Tanh}
      marks: [{exactly: [tanh], marks: 1}]
)")) == Lines{"t.yaml:7:14: error: no choice rule gives the part's full 2 marks"});
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    rule: sum
    concepts: [{id: c, marks: 2, match: rate}]
    choice:
      options: {relu: ReLU, tanh: Tanh}
      marks: [{exactly: [tanh], marks: 2}]
)")) == Lines{
             "t.yaml:5:5: error: 'rule' does not apply to a choice part",
             "t.yaml:7:5: error: 1 has both 'concepts' and 'choice'; use one",
         });
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    choice:
      options: {relu: ReLU, tanh: Tanh, relu: Leaky}
      marks: [{exactly: [relu], marks: 2}]
)")) == Lines{"t.yaml:6:41: error: duplicate option 'relu'"});
  CHECK(diags(Q(R"(  - id: "1"
    marks: 2
    choice:
      options: {relu: ReLU, tanh: Tanh}
      marks: [{exactly: [tanh]}]
)")) == Lines{
             "t.yaml:7:14: error: no choice rule gives the part's full 2 marks",
             "t.yaml:7:15: error: missing required key 'marks' in a choice rule",
         });
}

TEST_CASE("requires, cancels and group must name known ids", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 2
    groups: {speed: 1, unused: 1}
    concepts:
      - {id: rate, marks: 1, group: sped, match: rate}
      - {id: size, marks: 1, requires: [rat, size], match: speed}
    misconceptions:
      - {id: m, match: momentum, cancels: [sise, all]}
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:5:14: warning: group 'speed' has no concepts",
                        "t.yaml:5:24: warning: group 'unused' has no concepts",
                        "t.yaml:7:37: error: unknown group 'sped'; did you mean 'speed'?",
                        "t.yaml:8:41: error: unknown concept 'rat' in 'requires'; did you mean 'rate'?",
                        "t.yaml:8:46: error: concept 'size' requires itself",
                        "t.yaml:10:44: error: unknown concept 'sise' in 'cancels'; did you mean 'size'?",
                    });
}

TEST_CASE("apart_from must name other known concepts of the part", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 2
    concepts:
      - {id: sign, marks: 1, match: rate}
      - {id: curve, marks: 1, apart_from: [sigm, curve], match: speed}
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:7:44: error: unknown concept 'sigm' in 'apart_from'; did you mean 'sign'?",
                        "t.yaml:7:50: error: concept 'curve' is 'apart_from' itself",
                    });
  auto ok = Q(R"(  - id: "1"
    marks: 2
    concepts:
      - {id: sign, marks: 1, match: rate}
      - {id: curve, marks: 1, apart_from: sign, match: speed}
)");
  CHECK(diags(ok).empty());
  REQUIRE(ok.rubric);
  CHECK(ok.rubric->questions.at(0).concepts.at(1).apart_from == std::vector<std::string>{"sign"});
}

TEST_CASE("patterns that do not compile report the column inside the pattern", "[lint]") {
  auto r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: \"learning (rate\"}]}\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].col == 61);  // the "(" is the 10th character of the pattern
  CHECK_THAT(r.diagnostics[0].message, Catch::StartsWith("invalid pattern: "));
  // Plain (unquoted) scalars start one column earlier.
  r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: [learning rate)]}]}\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].col == 52 + 13);
}

TEST_CASE("@refs must name a synonym set of the lexicon", "[lint]") {
  auto r = Y(R"(exam: {code: T}
lexicon:
  synonyms: {rate: [learning rate, step size]}
questions:
  - {id: "1", marks: 1, concepts: [{id: c, match: "@rates"}]}
)");
  CHECK(diags(r) == Lines{"t.yaml:5:52: error: unknown synonym set '@rates'; did you mean '@rate'?"});
  r = Y(R"(exam: {code: T}
lexicon:
  synonyms: {alpha: ["@beta"], beta: ["x @alpha"]}
questions:
)" + kLeaf);
  CHECK(diags(r) == Lines{"t.yaml:3:14: error: synonym set '@alpha' refers to itself (@alpha -> @beta -> @alpha)"});
  r = Y("exam: {code: T}\nlexicon:\n  synonyms: {x: []}\nquestions:\n" + kLeaf);
  CHECK(diags(r) == Lines{"t.yaml:3:17: error: synonym set '@x' is empty"});
}

TEST_CASE("expressions and shapes must parse and evaluate", "[lint]") {
  auto r = Q(R"Y(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - {expr: "M/2 -"}
          - {expr: "sqrt(0 - M)"}
          - {shape: "4 x (12"}
          - {shape: "4 x log(0 - M)"}
          - {expr: M/2 - 2}
)Y");
  auto d = diags(r);
  REQUIRE(d.size() == 4);
  CHECK_THAT(d[0], Catch::StartsWith("t.yaml:8:2") && Catch::Contains(": error: invalid expression: "));
  CHECK(d[1] == "t.yaml:9:20: error: the expression 'sqrt(0 - M)' cannot be evaluated at any sample point");
  CHECK_THAT(d[2], Catch::StartsWith("t.yaml:10:2") && Catch::Contains(": error: invalid shape: "));
  CHECK(d[3] == "t.yaml:11:21: error: dimension 2 of the shape '4 x log(0 - M)' cannot be evaluated at any "
                "sample point");
}

TEST_CASE("numbers: a ratio of two named values", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - {number: 10, range: [8, 12], ratio: ['alpha|α', 'beta|β']}
          - {number: 10, ratio: [alpha, beta, gamma]}
          - {number: 10 ms, ratio: [alpha, beta]}
          - {number: 10, ratio: [alpha, the beta]}
          - {text: alpha, ratio: [alpha, beta]}
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:9:33: error: 'ratio' must name two values, [A, B] (the number is A / B), such as "
                        "['alpha|\u03B1', 'beta|\u03B2']",
                        "t.yaml:10:29: error: a ratio has no unit; remove the unit of the number",
                        "t.yaml:11:41: error: each name of a ratio is one word (alternatives with '|'), not 'the beta'",
                        "t.yaml:12:27: error: 'ratio' does not apply to a 'text' wording",
                    });
  r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: {number: 10, range: [8, 12], ratio: ['alpha|\u03B1', beta]}}]}\n");
  CHECK(r.diagnostics.empty());
  REQUIRE(r.rubric.has_value());
  const auto& w = r.rubric->questions[0].concepts[0].match[0];
  REQUIRE(w.ratio_of.size() == 2);
  CHECK(w.ratio_of[0] == std::vector<std::string>{"alpha", "\u03B1"});
  CHECK(w.lo == 8);
  CHECK(w.hi == 12);
}

TEST_CASE("numbers: units, tolerance and range", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - {number: 64, unit: parsecs}
          - {number: 64 ms, range: [65, 63]}
          - {number: 64 ms, tolerance: -1}
          - {number: 64 ms, tolerance: 1, range: [63, 65]}
          - {number: 64 ms, tolerance: 1 Hz}
          - {number: 64 ms, unit: s}
          - {number: 64 ms, tolerance: 1%}
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:8:32: error: unknown unit 'parsecs'",
                        "t.yaml:9:36: error: 'range' [65, 63] is empty (lo > hi)",
                        "t.yaml:10:40: error: 'tolerance' must not be negative, not -1",
                        "t.yaml:11:43: error: use either 'tolerance' or 'range', not both",
                        "t.yaml:12:40: error: the unit 'Hz' of 'tolerance' does not fit the number's unit 'ms'",
                        "t.yaml:13:29: error: the number already has a unit ('ms'); remove 'unit'",
                    });
  r = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: {number: 64 parsecs}}]}\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK_THAT(r.diagnostics[0].str(), Catch::StartsWith("t.yaml:3:60: error: invalid number '64 parsecs'"));
}

TEST_CASE("a leaf needs concepts or a choice; a node with parts has no leaf keys", "[lint]") {
  CHECK(diags(Q("  - {id: \"1\", marks: 1}\n")) ==
        Lines{"t.yaml:3:5: error: leaf part 1 has neither 'concepts' nor 'choice'"});
  CHECK(diags(Q(R"(  - id: "1"
    word_limit: 30
    parts:
      - {id: a, marks: 1, concepts: [{id: c, match: rate}]}
)")) == Lines{"t.yaml:4:5: error: 1 has 'parts', so it cannot have 'word_limit' (leaf keys belong in its leaf parts)"});
}

TEST_CASE("parts nested too deeply", "[lint]") {
  std::string y = "exam: {code: T}\nquestions:\n";
  std::string leaf = "{id: z, marks: 1, concepts: [{id: c, match: rate}]}";
  std::string node = leaf;
  for (int i = 0; i < 6; ++i) node = "{id: p" + std::to_string(i) + ", parts: [" + node + "]}";
  auto r = Y(y + "  - " + node + "\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK_THAT(r.diagnostics[0].str(), Catch::EndsWith("error: parts nested deeper than 6 levels"));
}

TEST_CASE("wordings: one kind, options that apply to it", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - {marks: 1}
          - {text: rate, number: 5}
          - {text: rate, tolerance: 1}
          - {text: rate, order: random, gap: -1, window: 0}
          - {expr: M, vars: {M: [1, x]}}
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:8:13: error: a wording needs one of 'text', 'all', 'number', 'expr' or 'shape'",
                        "t.yaml:9:26: error: a wording can have only one of 'text', 'all', 'number', 'expr', 'shape'",
                        "t.yaml:10:26: error: 'tolerance' does not apply to a 'text' wording",
                        "t.yaml:11:33: error: 'order' must be 'fixed' or 'free', not 'random'",
                        "t.yaml:11:46: error: 'gap' must not be negative, not -1",
                        "t.yaml:11:58: error: 'window' must be positive, not 0",
                        "t.yaml:12:37: error: sample values of 'M' must be numbers, not a string",
                    });
}

TEST_CASE("unless on a concept: added to each text and all wording, after its own", "[lint]") {
  auto ok = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, unless: ['can hold', 'it takes'], match: [weight*, "
              "{text: 'how much', unless: held}, {all: [same, weight*]}, {number: 64 ms}]}]}\n");
  REQUIRE(ok.ok());
  const auto& m = ok.rubric->questions[0].concepts[0].match;
  CHECK(m[0].unless_sources == std::vector<std::string>{"can hold", "it takes"});
  CHECK(m[1].unless_sources == std::vector<std::string>{"held", "can hold", "it takes"});
  CHECK(m[2].unless.size() == 2);
  CHECK(m[3].unless.empty());
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, unless: held, match: {number: 64 ms}}]}\n")) ==
        Lines{"t.yaml:3:52: error: a concept's 'unless' needs a text or 'all' wording to apply to"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, unless: [], match: rate}]}\n")) ==
        Lines{"t.yaml:3:52: error: 'unless' must not be empty"});
}

TEST_CASE("unless: text patterns, on text and all wordings only", "[lint]") {
  auto ok = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: [{text: 'sample*', unless: 'how much [of] sample*'}, "
              "{all: [rate, high], unless: [not high, 'too (low|small)']}]}]}\n");
  CHECK(diags(ok).empty());
  REQUIRE(ok.rubric);
  CHECK(ok.rubric->questions[0].concepts[0].match[0].unless_sources == std::vector<std::string>{"how much [of] sample*"});
  CHECK(ok.rubric->questions[0].concepts[0].match[1].unless.size() == 2);
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: {number: 5, unless: five}}]}\n")) ==
        Lines{"t.yaml:3:63: error: 'unless' does not apply to a 'number' wording"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: {text: rate, unless: []}}]}\n")) ==
        Lines{"t.yaml:3:72: error: 'unless' must not be empty"});
}

TEST_CASE("all: order fixed keeps each pattern's order, and only then takes a gap", "[lint]") {
  auto ok = Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: [{all: [mrna into, ribosome], order: fixed, gap: 1}, "
              "{all: [rate, high]}]}]}\n");
  CHECK(diags(ok).empty());
  REQUIRE(ok.rubric);
  const auto& m = ok.rubric->questions[0].concepts[0].match;
  CHECK_FALSE(m[0].opts.free_order);
  CHECK(m[0].opts.gap == 1);
  CHECK(m[1].opts.free_order);
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: {all: [rate, high], gap: 1}}]}\n")) ==
        Lines{"t.yaml:3:71: error: 'gap' applies to an 'all' wording only with 'order: fixed'"});
}

TEST_CASE("wording marks: at most the concept's, never on a misconception", "[lint]") {
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: [{text: rate, marks: 2}]}]}\n")) ==
        Lines{"t.yaml:3:52: error: a wording's marks (2) exceed its concept's (1)"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, match: rate}], misconceptions: [{id: m, match: {text: x, marks: 1}}]}\n")) ==
        Lines{"t.yaml:3:91: error: 'marks' does not apply to a misconception's wording"});
}

TEST_CASE("about: text patterns only, loaded on the concept", "[lint]") {
  CHECK(diags(Q("  - {id: \"1\", marks: 1, concepts: [{id: c, about: [{number: 3}], match: rate}]}\n")) ==
        Lines{"t.yaml:3:52: error: 'about' takes text patterns only (what the concept's value belongs to)"});
  const auto r = automark::load_rubric_text(
      "exam: {code: T}\nquestions:\n  - {id: \"1\", marks: 1, concepts: [{id: c, about: ['pool*', '=mean'], match: rate}]}\n",
      "t.yaml");
  REQUIRE(r.rubric.has_value());
  const automark::Part* p = r.rubric->find("1");
  REQUIRE(p != nullptr);
  REQUIRE(p->concepts.size() == 1);
  CHECK(p->concepts[0].about.size() == 2);
  CHECK(p->concepts[0].about[1].source == "=mean");
}

TEST_CASE("exam and format enumerations", "[lint]") {
  CHECK(diags(Y("automark: 2\nexam: {code: T}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:1:11: error: unsupported format version 2 (this automark reads 1)"});
  CHECK(diags(Y("exam: {code: T, count: bset}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:1:24: error: 'count' must be 'best' or 'first', not 'bset'"});
}

TEST_CASE("lexicon entries", "[lint]") {
  auto r = Y(R"(exam: {code: T}
lexicon:
  variants: [[grey]]
  abbreviations: {lr: [learning rate]}
  units:
    frames: {dimension: time, factor: 0}
    ticks: {factor: 2}
questions:
)" + kLeaf);
  CHECK(diags(r) == Lines{
                        "t.yaml:3:14: error: a variant list needs at least two words",
                        "t.yaml:4:23: error: an abbreviation must map a short form to its long form (two strings)",
                        "t.yaml:6:39: error: 'factor' must be positive, not 0",
                        "t.yaml:7:12: error: missing required key 'dimension' in a unit",
                    });
}

TEST_CASE("warnings do not make lint fail", "[lint]") {
  auto r = Q(R"(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - {text: "=lr rate", fuzzy: true}
          - {number: 64 ms, range: [1, 2]}
          - {expr: M/2, vars: {K: [1, 2]}}
  - id: "2"
    marks: 1
    choice:
      options: {only: Only}
      marks: [{exactly: [only], marks: 1}]
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:8:20: warning: 'fuzzy: true' has no effect here: words of fewer than 5 letters "
                        "are never fuzzy",
                        "t.yaml:9:36: warning: the number 64 is outside its own range [1, 2]",
                        "t.yaml:10:32: warning: variable 'K' in 'vars' is not used by the expr",
                        "t.yaml:14:16: warning: a choice with fewer than two options",
                    });
  CHECK(r.exit_code == kExitOk);
  CHECK(r.rubric);
}

TEST_CASE("a pattern with more readings than the matcher keeps is a warning", "[lint]") {
  // 4 x 4 x 4 x 5 = 320 readings; the same words split in two wordings are fine.
  auto r = Q(R"(  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - '(a1|a2|a3|a4) (b1|b2|b3|b4) (c1|c2|c3|c4) (d1|d2|d3|d4|d5)'
          - '(a1|a2|a3|a4) (b1|b2|b3|b4) (c1|c2|c3|c4) (d1|d2)'
          - '(a1|a2|a3|a4) [b1|b2|b3] (c1|c2|c3|c4) (d1|d2|d3|d4)'
)");
  CHECK(diags(r) == Lines{
                        "t.yaml:8:13: warning: this pattern expands into 320 readings (alternatives x optional words x "
                        "synonyms); the matcher uses the first 256: split it into several wordings",
                    });
  CHECK(r.exit_code == kExitOk);
  // A synonym set counts with all its members, an abbreviation twice (short and long form).
  auto s = Y(R"(exam: {code: T}
lexicon:
  synonyms:
    s: [s1, s2, s3, s4, s5, s6, s7, s8]
  abbreviations: {lr: learning rate}
questions:
  - id: "1"
    marks: 1
    concepts:
      - id: c
        match:
          - '@s @s (lr|x) (y|z)'
          - '@s @s (lr|x) y'
)");
  CHECK(diags(s) == Lines{
                        "t.yaml:12:13: warning: this pattern expands into 384 readings (alternatives x optional words x "
                        "synonyms); the matcher uses the first 256: split it into several wordings",
                    });
}

TEST_CASE("every problem is reported, not only the first", "[lint]") {
  auto r = Y(R"(exam: {code: T, count: bset}
questions:
  - {id: "1", marks: 0.3, concepts: [{id: c, match: rate}]}
  - {id: "2", marks: 1, word_limit: 0, concepts: [{id: c, match: rate, colour: red}]}
)");
  CHECK(diags(r).size() == 4);
  CHECK(r.exit_code == kExitInvalid);
}

TEST_CASE("the document must be one YAML mapping", "[lint]") {
  auto r = Y("- a\n- b\n");
  CHECK(diags(r) == Lines{"t.yaml:1:1: error: not a rubric: the document is a list, expected a mapping with 'exam' "
                          "and 'questions'"});
  CHECK(r.exit_code == kExitUnreadable);
  r = Y("exam: {code: T}\nquestions:\n" + kLeaf + "---\nexam: {code: U}\n");
  CHECK(diags(r) == Lines{"t.yaml:5:1: error: more than one YAML document in the file"});
  CHECK(r.exit_code == kExitInvalid);
}

TEST_CASE("too many problems stop the walk with a bounded list", "[lint]") {
  std::string y = "exam: {code: T}\nquestions:\n";
  for (int i = 0; i < 1200; ++i) y += "  - {id: q" + std::to_string(i) + ", marks: 0.3, concepts: [{id: c, match: r}]}\n";
  auto r = Y(y);
  CHECK(r.diagnostics.size() == 1001);
  CHECK(r.diagnostics.back().message == "too many problems; stopped after 1000");
  CHECK(r.exit_code == kExitInvalid);
}

TEST_CASE("less common shapes of wrong input", "[lint]") {
  // Each line: one rubric, one message (the question's prefix puts '{' of the concept at column 36).
  const std::string pre = "  - {id: \"1\", marks: 1, concepts: [{id: c, match: ";
  auto one = [&](const std::string& match) { return diags(Q(pre + match + "}]}\n")); };
  CHECK(one("{all: []}") == Lines{"t.yaml:3:57: error: 'all' must not be empty"});
  CHECK(one("{text: [a]}") == Lines{"t.yaml:3:58: error: 'text' must be a string, not a list"});
  CHECK(one("{number: [1]}") ==
        Lines{"t.yaml:3:60: error: 'number' must be a number or a quantity such as '64 ms', not a list"});
  CHECK(one("{number: 5, range: 4}") ==
        Lines{"t.yaml:3:70: error: 'range' must be a list of two numbers [lo, hi], not 4"});
  CHECK(one("{number: 5, tolerance: x%}") ==
        Lines{"t.yaml:3:74: error: 'tolerance' must be a number, a quantity or a percentage, not 'x%'"});
  CHECK(one("{number: 5 ms, range: [1 Hz, 9 ms]}") ==
        Lines{"t.yaml:3:74: error: the unit 'Hz' of 'range' does not fit the number's unit 'ms'"});
  CHECK(one("{expr: M, vars: [M]}") == Lines{"t.yaml:3:67: error: 'vars' must be a mapping, not a list"});
  CHECK(one("{shape: 4 x 4, order: any}") == Lines{"t.yaml:3:73: error: 'order' must be 'fixed' or 'free', not 'any'"});
  CHECK(diags(Y("exam: {code: T, title: [a]}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:1:24: error: 'title' must be a string, not a list"});
  CHECK(diags(Y("exam: {code: T}\nquestions: [5]\n")) == Lines{"t.yaml:2:13: error: a question must be a mapping, not 5"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, rule: [sum], concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:31: error: 'rule' must be sum, all-or-nothing, {any: k} or {levels: {...}}, not a list"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, groups: {[g]: 1}, concepts: [{id: c, match: rate}]}\n")) ==
        Lines{"t.yaml:3:34: error: a group id must be a non-empty string"});
}

TEST_CASE("choice: required keys and keys that do not apply", "[lint]") {
  CHECK(diags(Q("  - {id: \"1\", marks: 1, choice: {marks: [{exactly: [a], marks: 1}]}}\n")) ==
        Lines{"t.yaml:3:33: error: missing required key 'options' in 'choice'",
              "t.yaml:3:53: error: unknown option 'a'"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, choice: {options: {a: A, b: B}}}\n")) ==
        Lines{"t.yaml:3:33: error: missing required key 'marks' in 'choice'"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, choice: {options: {a: A, b: B}, marks: 1}}\n")) ==
        Lines{"t.yaml:3:64: error: 'marks' of a choice must be a non-empty list of rules, not 1"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, groups: {g: 1}, misconceptions: [], choice: {options: {a: A, b: B}, marks: "
                "[{exactly: [a], marks: 1}]}}\n")) ==
        Lines{"t.yaml:3:25: error: 'groups' does not apply to a choice part",
              "t.yaml:3:41: error: 'misconceptions' does not apply to a choice part"});
  CHECK(diags(Q("  - {id: \"1\", marks: 1, choice: {options: {[a]: A, b: B}, marks: [{exactly: [b], marks: 1}]}}\n")) ==
        Lines{"t.yaml:3:43: warning: a choice with fewer than two options",
              "t.yaml:3:44: error: an option id must be a non-empty string"});
}

TEST_CASE("lexicon: shapes of entries", "[lint]") {
  CHECK(diags(Y("exam: {code: T}\nlexicon: {variants: {a: b}}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:2:21: error: 'variants' must be a list, not a mapping"});
  CHECK(diags(Y("exam: {code: T}\nlexicon: {variants: [grey]}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:2:22: error: each entry of 'variants' must be a list of words, not a string"});
  CHECK(diags(Y("exam: {code: T}\nlexicon: {synonyms: {[a]: [b]}}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:2:22: error: a synonym set name must be a non-empty string"});
  CHECK(diags(Y("exam: {code: T}\nlexicon: {units: {[a]: {dimension: time, factor: 1}}}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:2:19: error: a unit name must be a non-empty string"});
  CHECK(diags(Y("exam: {code: T}\nlexicon: {units: {u: {dimension: time}}}\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:2:22: error: missing required key 'factor' in a unit"});
  CHECK(diags(Y("exam: {code: T}\nlexicon: [a]\nquestions:\n" + kLeaf)) ==
        Lines{"t.yaml:2:10: error: 'lexicon' must be a mapping, not a list"});
}
