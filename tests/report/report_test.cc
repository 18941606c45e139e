// Reports: golden JSON/text/Markdown/check output for a fixed sheet, the JSON
// schema, number formatting, determinism, and the student view's discretion.
//
// Golden files live in tests/fixtures/report/; the engine version in them is
// written @ENGINE@. To regenerate after an intended change:
//   AUTOMARK_UPDATE_GOLDEN=1 ./test_report
// and review the diff before committing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/sample_sheet.h"
#include "report/schema_validator.h"

using namespace automark;
using namespace automark::test;

namespace {

std::string fixture_path(const std::string& name) {
  return std::string(AUTOMARK_SOURCE_DIR) + "/tests/fixtures/report/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = fixture_path(name);
  const std::string engine = std::string("\"engine\": \"") + engine_version() + "\"";
  const char* update = std::getenv("AUTOMARK_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << replace_all(actual, engine, "\"engine\": \"@ENGINE@\"");
    WARN("rewrote " << path);
  }
  std::string expected = replace_all(read_file(path), "\"engine\": \"@ENGINE@\"", engine);
  REQUIRE_FALSE(expected.empty());
  CHECK(actual == expected);  // byte for byte
}

MiniSchema load_schema() {
  return MiniSchema(nlohmann::json::parse(read_file(std::string(AUTOMARK_SOURCE_DIR) +
                                                    "/docs/report.schema.json")));
}

}  // namespace

TEST_CASE("the sample sheet scores as intended", "[report][sample]") {
  Sample x = make_sample();
  CHECK(x.sheet.awarded == 3.5);
  CHECK(x.sheet.max == 6);
  REQUIRE(x.sheet.questions.size() == 2);
  CHECK(x.sheet.questions[0].counted);
  CHECK_FALSE(x.sheet.questions[1].counted);
  CHECK(x.sheet.questions[0].parts[1].awarded == 1.5);
  CHECK(x.sheet.questions[0].parts[1].lost_to_limit == std::vector<std::string>{"overshoot"});
}

TEST_CASE("golden JSON report", "[report][json][golden]") {
  Sample x = make_sample();
  check_golden("sample.json", report_json(x.sheet, x.script));
}

TEST_CASE("golden text report", "[report][text][golden]") {
  Sample x = make_sample();
  check_golden("sample.txt", report_text(x.sheet, x.script));
}

TEST_CASE("golden Markdown report", "[report][md][golden]") {
  Sample x = make_sample();
  check_golden("sample.md", report_markdown(x.sheet, x.script));
}

TEST_CASE("golden self-check report", "[report][check][golden]") {
  Sample x = make_sample();
  check_golden("sample-check.txt", report_check(x.sheet, x.script, x.rubric, false));
}

TEST_CASE("golden answer template", "[report][template][golden]") {
  Sample x = make_sample();
  check_golden("sample-template.md", answer_template(x.rubric));
}

TEST_CASE("JSON report: required fields and values", "[report][json]") {
  Sample x = make_sample();
  auto j = nlohmann::json::parse(report_json(x.sheet, x.script));
  CHECK(j["schema"] == "1");
  CHECK(j["rubric"]["code"] == "DEMO101");
  CHECK(j["student"] == "S0001");
  CHECK(j["source"] == "scripts/s0001.txt");
  CHECK(j["total"]["awarded"] == 3.5);
  CHECK(j["total"]["max"] == 6);
  const auto& b = j["questions"][0]["parts"][1];
  CHECK(b["id"] == "1.b");
  CHECK(b["truncated"] == true);
  CHECK(b["word_limit"] == 12);
  CHECK(b["words"] == 19);
  CHECK(b["cut_offset"].is_number_unsigned());
  const auto& ev = b["concepts"][0]["evidence"][0];
  std::size_t start = ev["start"], end = ev["end"];
  CHECK(x.script.text.substr(start, end - start) == ev["text"].get<std::string>());
  CHECK(j["questions"][1]["counted"] == false);
  CHECK(j["questions"][1]["attempted"] == true);
  // Marks print as short numbers: integers without ".0".
  std::string text = report_json(x.sheet, x.script);
  CHECK(text.find("\"awarded\": 2,") != std::string::npos);
  CHECK(text.find("\"awarded\": 1.5,") != std::string::npos);
  CHECK(text.find(".0,") == std::string::npos);
  CHECK(text.back() == '\n');
}

TEST_CASE("JSON report: odd marks round to 1/1000", "[report][json]") {
  MarkSheet s;
  s.awarded = 0.1 + 0.2;
  s.max = 1.0 / 3.0;
  Script sc;
  std::string text = report_json(s, sc);
  CHECK(text.find("\"awarded\": 0.3,") != std::string::npos);
  CHECK(text.find("\"max\": 0.333") != std::string::npos);
}

TEST_CASE("JSON report: laid out byte for byte as nlohmann's dump(2) of the same tree", "[report][json]") {
  // The writer streams the report; a parse and dump(2) must give the same bytes,
  // with escapes, control characters, non-ASCII text, odd marks, nulls and empty lists.
  Sample a = make_sample();
  MarkSheet& sh = a.sheet;
  sh.student = "odd \"id\" \\ tab\t nl\n cr\r bell\x07 del\x7f \u00e9\u00d7\u2212 \xF0\x9F\x99\x82";
  sh.awarded = 12.3456;
  sh.max = 1.0 / 3.0;
  sh.flags.push_back({"", "code", "a reason with \x01 and \x1f"});
  REQUIRE_FALSE(sh.questions.empty());
  REQUIRE_FALSE(sh.questions[0].parts.empty());
  PartResult& p = sh.questions[0].parts[0];
  p.awarded = 0.75;
  p.selected.clear();
  p.feedback = {"", "\u201Cquoted\u201D"};
  const std::string text = report_json(sh, a.script);
  const auto tree = nlohmann::ordered_json::parse(text);
  CHECK(text == tree.dump(2) + "\n");
  // Invalid UTF-8 (which intake never lets through) is replaced, never thrown on.
  sh.student = std::string("bad \xC3\x28 byte");
  const std::string bad = report_json(sh, a.script);
  CHECK(bad.find("bad \xEF\xBF\xBD( byte") != std::string::npos);
}

TEST_CASE("JSON report: identical input gives identical bytes", "[report][json]") {
  Sample a = make_sample();
  Sample b = make_sample();
  CHECK(report_json(a.sheet, a.script) == report_json(b.sheet, b.script));
  CHECK(report_json(a.sheet, a.script) == report_json(a.sheet, a.script));
}

TEST_CASE("JSON reports validate against docs/report.schema.json", "[report][schema]") {
  MiniSchema schema = load_schema();
  Sample x = make_sample();
  SECTION("the sample") {
    auto errs = schema.validate(nlohmann::json::parse(report_json(x.sheet, x.script)));
    for (const auto& e : errs) UNSCOPED_INFO(e);
    CHECK(errs.empty());
  }
  SECTION("an empty sheet") {
    MarkSheet empty;
    Script sc;
    CHECK(schema.validate(nlohmann::json::parse(report_json(empty, sc))).empty());
  }
  SECTION("voided attempts and unattempted parts") {
    x.sheet.voided.push_back(Voided{"1.b", Span{3, 9}, "crossed out"});
    x.sheet.questions[1].parts[0] = score_part(x.rubric.questions[1], PartMatch{}, nullptr);
    CHECK(schema.validate(nlohmann::json::parse(report_json(x.sheet, x.script))).empty());
  }
  SECTION("the validator rejects what the schema forbids") {
    auto j = nlohmann::json::parse(report_json(x.sheet, x.script));
    auto bad = j;
    bad.erase("total");
    CHECK_FALSE(schema.validate(bad).empty());
    bad = j;
    bad["questions"][0]["parts"][0]["awarded"] = -1;
    CHECK_FALSE(schema.validate(bad).empty());
    bad = j;
    bad["questions"][0]["counted"] = "yes";
    CHECK_FALSE(schema.validate(bad).empty());
    bad = j;
    bad["surprise"] = 1;
    CHECK_FALSE(schema.validate(bad).empty());
    bad = j;
    bad["schema"] = "2";
    CHECK_FALSE(schema.validate(bad).empty());
    bad = j;
    bad["questions"][0]["parts"][1]["concepts"][0]["evidence"][0].erase("text");
    CHECK_FALSE(schema.validate(bad).empty());
  }
}

TEST_CASE("text report: what an examiner needs", "[report][text]") {
  Sample x = make_sample();
  std::string t = report_text(x.sheet, x.script);
  CHECK(t.find("TOTAL 3.5 / 6") != std::string::npos);
  CHECK(t.find("NOT COUNTED") != std::string::npos);
  CHECK(t.find("\"learning rate\"") != std::string::npos);
  CHECK(t.find("overshoot 0/1.5 missed") != std::string::npos);
  CHECK(t.find("appears after the word limit") != std::string::npos);
  CHECK(t.find("19 words (limit 12)") != std::string::npos);
}

TEST_CASE("check: hints, never revealing ones, never patterns", "[report][check]") {
  Sample x = make_sample();
  std::string t = report_check(x.sheet, x.script, x.rubric, false);
  CHECK(t.find("What happens when the steps are too large?") != std::string::npos);
  // The hint marked reveal: true gives the answer away: not shown.
  CHECK(t.find("diverges") == std::string::npos);
  CHECK(t.find("A further point was expected here.") != std::string::npos);
  // Credit quoted from the answer; the words where marking stopped.
  CHECK(t.find("Credit for: \"learning rate\"") != std::string::npos);
  CHECK(t.find("Marking stopped after word 12") != std::string::npos);
  CHECK(t.find("too, so\"") != std::string::npos);
  CHECK(t.find("not marked: \"steps overshoot") != std::string::npos);
  CHECK(t.find("You chose: Tanh") != std::string::npos);
  CHECK(t.find("Not counted: question 2") != std::string::npos);
  CHECK(t.find("\x1b[") == std::string::npos);
  std::string c = report_check(x.sheet, x.script, x.rubric, true);
  CHECK(c.find("\x1b[32m") != std::string::npos);
}

TEST_CASE("check: unanswered parts and fewer questions than required", "[report][check]") {
  Sample x = make_sample();
  x.rubric.exam.answer = 2;
  x.sheet.questions[1].parts[0] = score_part(x.rubric.questions[1], PartMatch{}, nullptr);
  count_questions(x.rubric.exam, x.sheet.questions, {"1"}, x.sheet.awarded, x.sheet.max);
  std::string t = report_check(x.sheet, x.script, x.rubric, false);
  CHECK(t.find("Question 2: not answered (counts as 0)") != std::string::npos);
  CHECK(t.find("You answered 1; each missing question counts as 0.") != std::string::npos);
  CHECK(t.find("Total: 3.5 / 12") != std::string::npos);
}

TEST_CASE("markdown: escapes and discretion", "[report][md]") {
  Sample x = make_sample();
  x.sheet.questions[0].parts[1].concepts[0].evidence[0].text = "a *bold* <b>claim</b>";
  std::string m = report_markdown(x.sheet, x.script);
  CHECK(m.find("a \\*bold\\* \\<b\\>claim\\</b\\>") != std::string::npos);
  CHECK(m.find("diverges") == std::string::npos);
  CHECK(m.find("## Question 1: 3.5 / 6 (counts)") != std::string::npos);
}

TEST_CASE("template: every leaf once, limits as comments", "[report][template]") {
  Sample x = make_sample();
  std::string t = answer_template(x.rubric);
  for (const auto* leaf : x.rubric.leaves()) {
    // A question without parts is labelled by its heading.
    std::string label = leaf->id == "2" ? std::string("\n## Question 2\n")
                                        : "\n" + std::string(leaf->id == "1.a" ? "1(a)" : "1(b)") + "\n";
    CHECK(t.find(label) != std::string::npos);
    CHECK(t.find(label, t.find(label) + 1) == std::string::npos);
  }
  CHECK(t.find("<!-- 4 marks; limit 12 words -->") != std::string::npos);
  CHECK(t.find("\n2\n") == std::string::npos);  // no second label under the heading
  CHECK(t.find("a) ReLU b) Tanh c) None of the above") != std::string::npos);
}
