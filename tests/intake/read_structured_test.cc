// Structured answers: JSON, YAML and CSV (wide and long) exports.
#include <catch2/catch.hpp>

#include <string>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_helpers.h"

using automark::Error;
using automark::Script;
using automark::read_scripts_from_bytes;
using namespace intake_test;

namespace {

std::vector<Script> read(const std::string& bytes, const std::string& name) {
  return read_scripts_from_bytes(bytes, name, rubric());
}

const automark::Answer* answer(const Script& s, const std::string& part, int attempt = 1) {
  for (const auto& a : s.answers)
    if (a.part == part && a.attempt == attempt) return &a;
  return nullptr;
}

std::string span(const Script& s, std::size_t b, std::size_t e) { return s.text.substr(b, e - b); }

int count_flags(const Script& s, const std::string& code) {
  int n = 0;
  for (const auto& f : s.flags) n += f.code == code;
  return n;
}

std::string error_of(const std::string& bytes, const std::string& name) {
  try {
    read(bytes, name);
  } catch (const Error& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("JSON: one object, answers in paper order with spans into the text", "[read][json]") {
  auto v = read(R"J({"student": "2400113", "answers": {"2.a": "softmax", "1.b.ii": "Curve B", "1.a": "the learning rate"}})J",
                "up/form.json");
  REQUIRE(v.size() == 1);
  const Script& s = v[0];
  CHECK(s.format == "json");
  CHECK(s.student == "2400113");
  CHECK(s.student_source == "field");
  CHECK(s.source == "up/form.json");
  CHECK(s.text == "1.a\nthe learning rate\n\n1.b.ii\nCurve B\n\n2.a\nsoftmax\n");
  REQUIRE(s.answers.size() == 3);
  CHECK(s.answers[0].part == "1.a");
  CHECK(s.answers[1].part == "1.b.ii");
  CHECK(s.answers[2].part == "2.a");
  for (const auto& a : s.answers) {
    CHECK(span(s, a.start, a.end) == a.text);
    CHECK(a.attempt == 1);
  }
  CHECK(s.answers[0].word_limit == 10);
  CHECK_FALSE(s.answers[1].word_limit.has_value());
  CHECK(s.unassigned.empty());
  CHECK(s.preamble.start == s.preamble.end);
}

TEST_CASE("JSON: part ids written another way still find their part", "[read][json]") {
  auto v = read(R"J({"student": 7, "answers": {"Q1(b)(iii)": "x", "1B.II": "y", "q2b": "z"}})J", "f.json");
  const Script& s = v.at(0);
  CHECK(s.student == "7");
  REQUIRE(s.answers.size() == 3);
  CHECK(s.answers[0].part == "1.b.ii");
  CHECK(s.answers[1].part == "1.b.iii");
  CHECK(s.answers[2].part == "2.b");
}

TEST_CASE("JSON and YAML: answers grouped by question and part are read leaf by leaf", "[read][json][yaml]") {
  // An online form's export: {"Question 1": {"b": {"i": ...}}}, metadata around it.
  const std::string j = R"J({"form": "online", "respondent": {"email": "x@y"}, "answers": {
      "Question 1": {"a": "the lr", "b": {"i": "tanh", "iii": "fewer epochs", "notes": "?"}, "c": ""},
      "Question 2": {"b": "cross entropy"}}})J";
  const std::string y =
      "answers:\n  Question 1:\n    a: the lr\n    b:\n      i: tanh\n      iii: fewer epochs\n"
      "      notes: '?'\n    c:\n  Question 2:\n    b: cross entropy\n";
  for (const auto& [text, name] : {std::pair{j, std::string("f.json")}, std::pair{y, std::string("f.yaml")}}) {
    INFO(name);
    const Script s = read(text, name).at(0);
    REQUIRE(s.answers.size() == 4);
    CHECK(s.answers[0].part == "1.a");
    CHECK(span(s, s.answers[0].start, s.answers[0].end) == "the lr");
    CHECK(s.answers[1].part == "1.b.i");
    CHECK(s.answers[2].part == "1.b.iii");
    CHECK(s.answers[3].part == "2.b");
    CHECK(span(s, s.answers[3].start, s.answers[3].end) == "cross entropy");
    CHECK(count_flags(s, "unknown-part") == 1);  // "Question 1.b.notes"
  }
  std::string deep = R"({"answers": {"Q1": )";
  for (int i = 0; i < 10; ++i) deep += R"({"a": )";
  deep += R"("x")" + std::string(10, '}') + "}}";
  CHECK_THAT(error_of(deep, "d.json"), Catch::Contains("nested too deeply"));
}

TEST_CASE("JSON: an exam app's export - candidate objects and lists of answer records", "[read][json]") {
  const std::string j = R"J([
    {"candidate": {"id": "2700908", "name": "A. Student"}, "submitted": "2024-05-20",
     "responses": [{"item": "1b(ii)", "text": "Curve A"}, {"item": "1a", "text": null},
                   {"question": "Question 2", "part": "(b)", "answer": "cross entropy"}]},
    {"candidate_id": 2700909, "responses": [{"id": "1.a", "response": "the step size"}, {"item": "2.a", "text": "-"}]}
  ])J";
  const auto v = read(j, "examapp.json");
  REQUIRE(v.size() == 2);
  CHECK(v[0].student == "2700908");
  REQUIRE(v[0].answers.size() == 2);  // the null answer is no answer
  CHECK(v[0].answers[0].part == "1.b.ii");
  CHECK(v[0].answers[1].part == "2.b");
  CHECK(span(v[0], v[0].answers[1].start, v[0].answers[1].end) == "cross entropy");
  CHECK(v[1].student == "2700909");
  REQUIRE(v[1].answers.size() == 1);  // Moodle's "-" for no response is no answer
  CHECK(v[1].answers[0].part == "1.a");
  // Content decides: the same export named .txt is still JSON.
  CHECK(read(j, "examapp.txt").size() == 2);
  // A shape that is not an export says what it found.
  CHECK_THAT(error_of(R"({"candidate": {"id": "1"}, "items": []})", "x.json"),
             Catch::Contains("no \"answers\" (or \"responses\"); the object has: candidate, items"));
  CHECK_THAT(error_of(R"({"student": "1", "answers": [{"text": "x"}]})", "y.json"),
             Catch::Contains("y.json:answer 1: an answer record needs a part"));
}

TEST_CASE("JSON: unknown and non-leaf part ids are flagged and left unassigned", "[read][json]") {
  auto v = read(R"J({"student": "s", "answers": {"9.z": "lost", "1.b": "not a leaf", "1.c": "ok"}})J", "f.json");
  const Script& s = v.at(0);
  REQUIRE(s.answers.size() == 1);
  CHECK(s.answers[0].part == "1.c");
  REQUIRE(s.unassigned.size() == 2);
  CHECK(span(s, s.unassigned[0].start, s.unassigned[0].end) == "lost");
  CHECK(span(s, s.unassigned[1].start, s.unassigned[1].end) == "not a leaf");
  CHECK(count_flags(s, "unknown-part") == 2);
}

TEST_CASE("JSON: an answer over its word limit is cut, the tail recorded", "[read][json][limit]") {
  // 2.b allows 5 words.
  auto v = read(R"J({"student": "s", "answers": {"2.b": "one two three four five six seven"}})J", "f.json");
  const Script& s = v.at(0);
  const auto* a = answer(s, "2.b");
  REQUIRE(a);
  CHECK(a->words == 7);
  CHECK(a->truncated);
  CHECK(a->text == "one two three four five");
  CHECK(a->cut_word == 5);
  CHECK(span(s, a->cut_offset, a->end) == "six seven");
  CHECK(a->tail == "six seven");
  CHECK(span(s, a->start, a->end) == "one two three four five six seven");
}

TEST_CASE("JSON: a list of objects is many scripts; empty answers are no answer", "[read][json]") {
  auto v = read(R"J([{"student": "a", "answers": {"1.a": "x", "1.c": "  "}},
                    {"student": "b", "answers": {"2.a": null, "2.b": "y"}}])J",
                "cohort.json");
  REQUIRE(v.size() == 2);
  CHECK(v[0].student == "a");
  CHECK(v[0].source == "cohort.json:item 1");
  CHECK(v[0].answers.size() == 1);
  CHECK(v[1].source == "cohort.json:item 2");
  REQUIRE(v[1].answers.size() == 1);
  CHECK(v[1].answers[0].part == "2.b");
}

TEST_CASE("JSON: a missing student field falls back to the file name", "[read][json][id]") {
  auto v = read(R"J({"answers": {"1.a": "x"}})J", "dir/2400120.json");
  CHECK(v.at(0).student == "2400120");
  CHECK(v.at(0).student_source == "filename");
}

TEST_CASE("JSON: errors name the file", "[read][json][bad]") {
  CHECK_THAT(error_of("{\"student\": \"a\", ", "x.json"), Catch::StartsWith("x.json: invalid JSON"));
  CHECK_THAT(error_of(R"J({"student": "a"})J", "x.json"), Catch::Contains("no \"answers\""));
  CHECK_THAT(error_of(R"J({"student": "a", "answers": {"1.a": ["x"]}})J", "x.json"),
             Catch::Contains("answer to \"1.a\" must be text"));
  CHECK_THAT(error_of(R"J([{"answers": {"1.a": "x"}}, {"student": "b", "answers": {}}])J", "x.json"),
             Catch::StartsWith("x.json:item 1: no \"student\""));
  CHECK_THAT(error_of("[]", "x.json"), Catch::Contains("no scripts"));
}

TEST_CASE("JSON is recognised by content whatever the extension", "[read][json]") {
  auto v = read(R"J({"student": "a", "answers": {"1.a": "x"}})J", "upload.txt");
  CHECK(v.at(0).format == "json");
  // A text script that merely starts with a bracket stays text.
  auto t = read("[draft] Q1 (a) the learning rate\n", "upload.txt");
  CHECK(t.at(0).format == "text");
}

TEST_CASE("YAML: a mapping with answers, by extension or by content", "[read][yaml]") {
  std::string y = "student: 2400130\nanswers:\n  1.a: the learning rate\n  2.b: |\n    cross entropy\n    loss\n";
  for (const char* name : {"a.yaml", "a.txt"}) {
    INFO(name);
    auto v = read(y, name);
    REQUIRE(v.size() == 1);
    const Script& s = v[0];
    CHECK(s.format == "yaml");
    CHECK(s.student == "2400130");
    REQUIRE(s.answers.size() == 2);
    CHECK(s.answers[1].part == "2.b");
    CHECK(span(s, s.answers[1].start, s.answers[1].end) == "cross entropy\nloss");
  }
}

TEST_CASE("YAML: a list of scripts; bad YAML and deep nesting are clear errors", "[read][yaml]") {
  auto v = read("- student: a\n  answers: {1.a: x}\n- student: b\n  answers: {1.c: y}\n", "c.yml");
  REQUIRE(v.size() == 2);
  CHECK(v[1].answers.at(0).part == "1.c");
  CHECK_THAT(error_of("student: a\nanswers: [unclosed\n", "c.yaml"), Catch::StartsWith("c.yaml: invalid YAML: line"));
  CHECK_THAT(error_of("student: a\nanswers: x\n", "c.yaml"), Catch::Contains("\"answers\" must be a mapping"));
  CHECK_THAT(error_of("student: a\nanswers: " + std::string(100000, '['), "c.yaml"), Catch::Contains("nested too deeply"));
}

TEST_CASE("CSV wide: one script per row, RFC 4180 quoting", "[read][csv]") {
  std::string csv =
      "student,1.a,1.b.ii,2.b\r\n"
      "s1,\"the learning rate, clearly\",Curve B,\"cross \"\"entropy\"\"\"\r\n"
      "s2,\"two\nlines\",,x\r\n";
  auto v = read(csv, "export.csv");
  REQUIRE(v.size() == 2);
  CHECK(v[0].student == "s1");
  CHECK(v[0].student_source == "field");
  CHECK(v[0].format == "csv");
  CHECK(v[0].source == "export.csv:row 2");
  REQUIRE(v[0].answers.size() == 3);
  CHECK(v[0].answers[0].text == "the learning rate, clearly");
  CHECK(v[0].answers[2].text == "cross \"entropy\"");
  CHECK(v[1].source == "export.csv:row 3");
  REQUIRE(v[1].answers.size() == 2);  // the empty cell is no answer
  CHECK(v[1].answers[0].text == "two\nlines");
  CHECK(v[0].sha256 == automark::sha256_hex(csv));
}

TEST_CASE("CSV long: one script per student, rows grouped, repeated parts flagged", "[read][csv]") {
  std::string csv =
      "student,part,answer\n"
      "s1,2.a,softmax\n"
      "s2,1.a,lr\n"
      "s1,1.a,the learning rate\n"
      "s1,2.a,sigmoid instead\n"
      "s1,7.q,what\n";
  auto v = read(csv, "long.csv");
  REQUIRE(v.size() == 2);
  const Script& s1 = v[0];
  CHECK(s1.student == "s1");
  REQUIRE(s1.answers.size() == 3);
  CHECK(s1.answers[0].part == "1.a");
  CHECK(s1.answers[1].part == "2.a");
  CHECK(s1.answers[1].text == "softmax");
  CHECK(s1.answers[1].attempt == 1);
  CHECK(s1.answers[2].part == "2.a");
  CHECK(s1.answers[2].attempt == 2);
  CHECK(count_flags(s1, "two-attempts") == 1);
  CHECK(count_flags(s1, "unknown-part") == 1);
  CHECK(s1.unassigned.size() == 1);
  CHECK(v[1].student == "s2");
}

TEST_CASE("CSV long: separate question and part columns make the part id", "[read][csv]") {
  // An LMS export: question and part in their own columns, a word count beside the answer.
  const std::string tsv =
      "candidate_number\tquestion\tpart\tresponse\tword_count\n"
      "2700604\tQuestion 1\t(a)\tTanh\t1\n"
      "2700604\tQuestion 1\t(b)(ii)\tA\t1\n"
      "2700604\tQuestion 1\t(c)\t\t0\n"
      "2700604\tQuestion 2\tb\tcross entropy\t2\n"
      "2700605\tQ1\tb iii\tfaster\t1\n"
      "2700605\t2\t\tnot a leaf\t3\n"
      "2700605\tQuestion 1\t1.b.i\tthe learning rate\t3\n";
  for (const char* name : {"lms.tsv", "lms.txt"}) {
    INFO(name);
    auto v = read(tsv, name);
    REQUIRE(v.size() == 2);
    const Script& a = v[0];
    CHECK(a.format == "csv");
    CHECK(a.student == "2700604");
    REQUIRE(a.answers.size() == 3);  // the empty (c) is no answer
    CHECK(a.answers[0].part == "1.a");
    CHECK(a.answers[0].text == "Tanh");
    CHECK(a.answers[1].part == "1.b.ii");
    CHECK(a.answers[1].text == "A");
    CHECK(a.answers[2].part == "2.b");
    CHECK(count_flags(a, "unknown-part") == 0);
    // The word count is never an answer.
    CHECK(a.text.find("\n1\n") == std::string::npos);
    const Script& b = v[1];
    REQUIRE(b.answers.size() == 2);
    CHECK(b.answers[0].part == "1.b.i");  // the part column held the whole id
    CHECK(b.answers[1].part == "1.b.iii");
    CHECK(count_flags(b, "unknown-part") == 1);  // question 2 with no part: not a leaf
  }
  // A question column alone is still the part id; a part column alone too.
  auto q = read("student,question,answer\ns1,Q2(a),softmax\n", "q.csv");
  REQUIRE(q.at(0).answers.size() == 1);
  CHECK(q[0].answers[0].part == "2.a");
  auto p = read("student_id;part_id;text;marks\ns1;1.c;x;2\n", "p.csv");
  REQUIRE(p.at(0).answers.size() == 1);
  CHECK(p[0].answers[0].part == "1.c");
  CHECK(count_flags(p[0], "unknown-part") == 0);
}

TEST_CASE("CSV wide: a form's columns headed by the question itself, metadata around them", "[read][csv]") {
  // A Google-Forms-style export: timestamp and e-mail first, the id later, each
  // part's column headed by its label and the question's text.
  const std::string csv =
      "Timestamp,Email address,Student ID,1(a) What does the learning rate set?,\"1(b)(ii) Which curve, A or B?\","
      "Question 2 (b): the loss?\n"
      "2024/05/20 10:01:02,a@x.ac.uk,2401001,the step size,B,\"cross entropy, summed\"\n"
      "2024/05/20 10:03:12,b@x.ac.uk,2401002,\"how far,\nper step\",A,\n";
  const auto v = read(csv, "form.csv");
  REQUIRE(v.size() == 2);
  CHECK(v[0].student == "2401001");
  REQUIRE(v[0].answers.size() == 3);
  CHECK(v[0].answers[0].part == "1.a");
  CHECK(v[0].answers[1].part == "1.b.ii");
  CHECK(v[0].answers[2].part == "2.b");
  CHECK(span(v[0], v[0].answers[2].start, v[0].answers[2].end) == "cross entropy, summed");
  CHECK(count_flags(v[0], "unknown-part") == 0);  // timestamp and e-mail are form data
  CHECK(v[1].answers.size() == 2);                // the empty 2.b cell is no answer
}

TEST_CASE("CSV wide: a form's response number 'ID' gives way to the column naming the student", "[read][csv][id]") {
  // A Microsoft-Forms-style export: its own response number first as "ID",
  // the candidate's number later as "Student number".
  const std::string csv =
      "ID,Start time,Email,Name,Student number,1(a) Activation?,2(b) Loss?\n"
      "1,2024/05/20 10:01,a@x.ac.uk,Ann,2401001,tanh,cross entropy\n"
      "2,2024/05/20 10:02,b@x.ac.uk,Bob,2401002,relu,mse\n";
  const auto v = read(csv, "forms.csv");
  REQUIRE(v.size() == 2);
  CHECK(v[0].student == "2401001");
  CHECK(v[1].student == "2401002");
  CHECK(count_flags(v[0], "unknown-part") == 0);  // the response number is form data, not a part
  // Near miss: with "ID" the only id column, it is the student.
  const auto w = read("ID,1(a) Activation?\n2401003,tanh\n", "only-id.csv");
  REQUIRE(w.size() == 1);
  CHECK(w[0].student == "2401003");
  // "Student ID" before a later "ID": the first, specific one stays.
  const auto x = read("Student ID,ID,1(a) Activation?\n2401004,7,tanh\n", "both.csv");
  REQUIRE(x.size() == 1);
  CHECK(x[0].student == "2401004");
}

TEST_CASE("CSV wide: an LMS's numbered response columns, one per leaf part, are read in paper order",
          "[read][csv]") {
  // A Moodle-style responses export: names, the id number, attempt data, then
  // "Response 1".."Response N" for the rubric's N leaf parts; an "Overall
  // average" row at the end has no id and no answer.
  const std::string csv =
      "Surname,First name,ID number,State,Started on,Grade/100.00,Response 1,Response 2,Response 3,Response 4,"
      "Response 5,Response 6,Response 7\n"
      "Khan,Ayesha,2401003,Finished,20 May 2024,71.00,the step size,tanh,A,fewer epochs,the whole input,softmax,"
      "cross entropy\n"
      "Overall average,,,,,71.00,,,,,,,\n";
  const auto v = read(csv, "moodle.csv");
  REQUIRE(v.size() == 1);
  CHECK(v[0].student == "2401003");
  REQUIRE(v[0].answers.size() == 7);
  CHECK(v[0].answers[0].part == "1.a");
  CHECK(v[0].answers[4].part == "1.c");
  CHECK(v[0].answers[6].part == "2.b");
  CHECK(count_flags(v[0], "parts-by-position") == 1);
  // One response column short: nothing is read by position, the columns stay unknown.
  const std::string short_csv =
      "ID number,Response 1,Response 2\n2401004,the step size,tanh\n";
  CHECK_THAT(error_of(short_csv, "short.csv"), Catch::Contains("no column names a leaf part"));
  // A row with answers but no id is still refused, naming the row.
  const std::string no_id = "ID number,1.a,2.b\n,the step size,cross entropy\n";
  CHECK_THAT(error_of(no_id, "noid.csv"), Catch::Contains("row 2") && Catch::Contains("empty student id"));
}

TEST_CASE("CSV wide: word count and marks columns are data, not parts", "[read][csv]") {
  auto v = read("student,1.a,Words,2.a,word_count,Marks\ns1,lr,2,softmax,1,7\n", "w.csv");
  REQUIRE(v.size() == 1);
  CHECK(v[0].answers.size() == 2);
  CHECK(count_flags(v[0], "unknown-part") == 0);
  CHECK(v[0].unassigned.empty());
  CHECK(v[0].text == "1.a\nlr\n\n2.a\nsoftmax\n");
}

TEST_CASE("CSV: unknown columns are flagged, their text unassigned", "[read][csv]") {
  auto v = read("student,email,1.a\ns1,a@b.c,lr\ns2,,x\n", "e.csv");
  REQUIRE(v.size() == 2);
  CHECK(count_flags(v[0], "unknown-part") == 1);
  CHECK(v[0].unassigned.size() == 1);
  CHECK(count_flags(v[1], "unknown-part") == 0);  // empty cell: nothing lost
}

TEST_CASE("CSV: semicolon and tab exports; recognised by content without .csv", "[read][csv]") {
  auto v = read("Student;1.a;2.a\ns1;lr;softmax\n", "export.txt");
  REQUIRE(v.size() == 1);
  CHECK(v[0].format == "csv");
  CHECK(v[0].answers.size() == 2);
  auto t = read("student\t1.a\ns9\tlr\n", "export.tsv");
  CHECK(t.at(0).student == "s9");
}

TEST_CASE("a text script whose first line merely looks like a CSV header stays text", "[read][csv]") {
  auto v = read("Student, 2400101\nQ1 (a) the learning rate\n", "answers.txt");
  REQUIRE(v.size() == 1);
  CHECK(v[0].format == "text");
  CHECK(read("Student, 2400101\n", "answers.txt").at(0).format == "text");
}

TEST_CASE("deeply nested JSON is an error or a script, never a crash", "[read][json][bad]") {
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  CHECK(error_of(deep, "deep.json") == "deep.json:item 1: expected an object {\"student\": ..., \"answers\": {...}}");
  std::string obj = "{\"student\": \"a\", \"answers\": {\"1.a\": \"x\"}, \"extra\": " + deep + "}";
  CHECK(read(obj, "deep.json").at(0).answers.size() == 1);
}

TEST_CASE("CSV: broken exports are refused with the file and row", "[read][csv][bad]") {
  CHECK(error_of("student,1.a,2.a\ns1,x,y\ns2,x,y,z\n", "r.csv") ==
        "r.csv:row 3: 4 fields but the header has 3 (a missing field, or an unquoted , inside an answer?)");
  CHECK_THAT(error_of("student,1.a,2.a\ns1,x\n", "r.csv"), Catch::StartsWith("r.csv:row 2: 2 fields"));
  CHECK(error_of("student,1.a\ns1,x\ns2,y\ns1,z\n", "d.csv") ==
        "d.csv:row 4: student \"s1\" appears again (first at row 2); one row per student in the wide layout");
  CHECK_THAT(error_of("student,1.a\n,x\n", "e.csv"), Catch::StartsWith("e.csv:row 2: empty student id"));
  CHECK_THAT(error_of("student,1.a\ns1,\"open\nmore\n", "q.csv"), Catch::StartsWith("q.csv:row 2: unterminated quoted field"));
  CHECK_THAT(error_of("student,1.a\ns1,\"x\"y\n", "q.csv"), Catch::StartsWith("q.csv:row 2: text after a closing quote"));
  CHECK_THAT(error_of("name,1.a\ns1,x\n", "h.csv"), Catch::StartsWith("h.csv:row 1: no student column"));
  CHECK_THAT(error_of("student,foo,bar\ns1,x,y\n", "h.csv"), Catch::StartsWith("h.csv:row 1: no column names a leaf part"));
  CHECK_THAT(error_of("student,1.a,1.A\ns1,x,y\n", "h.csv"), Catch::Contains("two columns for part 1.a"));
  CHECK_THAT(error_of("student,1.a\n", "h.csv"), Catch::Contains("no rows"));
  CHECK_THAT(error_of("student,part,answer\ns1,,x\n", "l.csv"), Catch::StartsWith("l.csv:row 2: empty part id"));
  // Row numbers count records; the line is added when a quoted newline shifts it.
  CHECK(error_of("student,1.a\ns1,\"a\nb\"\ns2\n", "n.csv") ==
        "n.csv:row 3 (line 4): 1 fields but the header has 2 (a missing field, or an unquoted , inside an answer?)");
}

TEST_CASE("CSV: the row limit is enforced", "[read][csv][bad][limit]") {
  std::string csv = "student,1.a\n";
  csv.reserve(csv.size() + (automark::ScriptLimits::kMaxCsvRows + 1) * 4);
  for (std::size_t i = 0; i <= automark::ScriptLimits::kMaxCsvRows; ++i) csv += "s,x\n";
  CHECK_THAT(error_of(csv, "big.csv"), Catch::StartsWith("big.csv: more than"));
}
