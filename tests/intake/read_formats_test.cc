// Reading each upload format into Script::text, and the student id sources.
#include <catch2/catch.hpp>

#include <string>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_helpers.h"

using automark::Error;
using automark::Script;
using automark::read_scripts;
using automark::read_scripts_from_bytes;
using namespace intake_test;

TEST_CASE("plain text is kept as read, with its format, source and hash", "[read][text]") {
  std::string bytes = "Student ID: 2400101\r\n\r\nQ1a The learning rate.\r\n";
  Script s = one(bytes, "dir/s1.txt");
  CHECK(s.text == bytes);  // CRLF kept: offsets are into the text as read
  CHECK(s.format == "text");
  CHECK(s.source == "dir/s1.txt");
  CHECK(s.sha256 == automark::sha256_hex(bytes));
  CHECK(s.student == "2400101");
  CHECK(s.student_source == "id-line");
}

TEST_CASE("Markdown is recognised by its extension; the UTF-8 BOM is dropped", "[read][text]") {
  Script s = one("\xEF\xBB\xBF# Question 1\n(a) text\n", "x.md");
  CHECK(s.format == "markdown");
  CHECK(s.text == "# Question 1\n(a) text\n");
  CHECK(s.sha256 == automark::sha256_hex("\xEF\xBB\xBF# Question 1\n(a) text\n"));
}

TEST_CASE("UTF-16 with a byte order mark is decoded", "[read][text]") {
  // "Q1 é" little endian, then big endian.
  std::string le("\xFF\xFE" "Q\0" "1\0" " \0" "\xE9\0", 10);
  CHECK(one(le, "a.txt").text == "Q1 \xC3\xA9");
  std::string be("\xFE\xFF" "\0Q" "\0" "1" "\0 " "\0\xE9", 10);
  CHECK(one(be, "a.txt").text == "Q1 \xC3\xA9");
}

TEST_CASE("invalid UTF-8 is replaced and flagged with its offset, never fatal", "[read][text]") {
  // A UTF-8 file (its "\xC3\xA9" is valid) with one damaged byte: repaired, not re-read.
  std::string bytes = "Q1 (a) caf\xE9 ok, caf\xC3\xA9\n";
  Script s = one(bytes, "bad.txt");
  CHECK(automark::is_valid_utf8(s.text));
  CHECK_FALSE(has_flag(s, "windows-1252"));
  REQUIRE(has_flag(s, "invalid-utf8"));
  for (const auto& f : s.flags)
    if (f.code == "invalid-utf8") CHECK_THAT(f.reason, Catch::Contains("byte 10"));
}

TEST_CASE("a text that is not UTF-8 but Windows-1252 is read as Windows-1252, flagged", "[read][text]") {
  // 5\xD75 (5×5), en dash \x96, curly quotes \x93 \x94, e-acute \xE9, euro \x80.
  Script s = one("Q1 (c) a 5\xD7" "5 patch \x96 \x93" "caf\xE9\x94 \x80\n", "ansi.txt");
  CHECK(s.text == "Q1 (c) a 5\xC3\x97" "5 patch \xE2\x80\x93 \xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D \xE2\x82\xAC\n");
  CHECK(has_flag(s, "windows-1252"));
  CHECK_FALSE(has_flag(s, "invalid-utf8"));
  // Bytes no Windows editor writes (undefined in Windows-1252, a stray 0xFF 0xFE, a lead byte
  // before a continuation byte: malformed UTF-8) keep the file UTF-8, repaired and flagged.
  for (const char* bad : {"Q1 (a) x\x81y\n", "Q1 (a) x\xFF\xFEy\n", "Q1 (a) Tanh \xC0\xAE ok\n"}) {
    Script u = one(bad, "u.txt");
    CHECK(has_flag(u, "invalid-utf8"));
    CHECK_FALSE(has_flag(u, "windows-1252"));
  }
}

TEST_CASE("HTML: the text a browser shows, one block per line, labels read", "[read][html]") {
  const std::string html = R"(<!DOCTYPE html>
<html><head><title>Receipt</title><style>p{color:red}</style><script>var x = "<p>1 (a) no</p>";</script></head>
<body><p>Student ID: 2400777</p>
<h3>Question 1 (a)</h3><div><p>The learning&nbsp;rate &amp; its <b>size</b>, 5&times;5 &lt; 6</p></div>
<h3>1 (b) (i)</h3><p>first line<br>second   line</p><!-- a comment <p>1 (c) no</p> -->
<table><tr><td>2 (a)</td><td>softmax: y<sub>k</sub> and x<sup>2</sup></td></tr></table>
<ul><li>one</li><li>two &#215; &#x3B7;</li></ul><p><del>1 (c) struck</del></p></body></html>)";
  Script s = one(html, "receipt.html");
  CHECK(s.format == "html");
  CHECK(s.student == "2400777");
  CHECK(s.text ==
        "Student ID: 2400777\n\nQuestion 1 (a)\n\nThe learning rate & its size, 5\xC3\x97" "5 < 6\n\n1 (b) (i)\n\n"
        "first line\nsecond line\n\n2 (a) softmax: y_k and x^2\n\n- one\n- two \xC3\x97 \xCE\xB7\n\n~~1 (c) struck~~");
  // A saved form page: text fields' values are the answers; hidden fields and buttons are not.
  Script f = one("<!DOCTYPE html><form><label>Question 1 (a)</label><input TYPE=\"Text\" value=\"Tanh\">"
                 "<input name=x value='the rate &amp; size'><input type=\"hidden\" value=\"1 (c) secret\">"
                 "<input type=submit value=Send></form>",
                 "form.html");
  CHECK(f.text == "Question 1 (a)\nTanh\nthe rate & size");
  // By content, whatever the extension; a text merely mentioning <b> stays text.
  CHECK(one(html, "receipt.txt").format == "html");
  CHECK(one("Q1 (a) use <b> tags\n", "a.txt").format == "text");
}

TEST_CASE("HTML: an editor's export strikes text through by class or style; named letters decoded", "[read][html]") {
  // Google Docs writes strike-through as a class of its style sheet, not <del>.
  const std::string html =
      "<html><head><style type=\"text/css\">.c2{color:#000000;text-decoration:none}"
      ".c5,.x9{color:#000000;text-decoration:line-through;font-size:11pt}</style></head><body>"
      "<p><span class=\"c2\">1 (b) (ii) </span><span class=\"c5 c2\">C</span><span class=\"c2\"> A</span></p>"
      "<p><span style=\"text-decoration: line-through\">wrong</span> <span class=\"c2\">right</span></p>"
      "<p><span class=\"c2\">L = -&Sigma; y log(&ycirc;), &Uuml;ber &ntilde; &frac12;</span></p></body></html>";
  Script s = one(html, "gdocs.html");
  CHECK(s.text == "1 (b) (ii) ~~C~~ A\n\n~~wrong~~ right\n\n"
                  "L = -\xCE\xA3 y log(\xC5\xB7), \xC3\x9C" "ber \xC3\xB1 \xC2\xBD");
  // Near misses: a class the sheet does not strike, and an unknown name kept as written.
  Script t = one("<html><head><style>.c2{text-decoration:underline}</style></head><body>"
                 "<p><span class=\"c2\">kept</span> &zzcirc; &ycirc</p></body></html>",
                 "plain.html");
  CHECK(t.text == "kept &zzcirc; \xC5\xB7");
}

TEST_CASE("student id: id lines in their usual spellings", "[read][id]") {
  struct Case {
    const char* text;
    const char* id;
  } cases[] = {
      {"Student ID: 2400101\nQ1 a", "2400101"},
      {"**Candidate number:** 4821\n\nQ1", "4821"},
      {"## Student number - AB1234\nQ1", "AB1234"},
      {"ECS7013P exam answers\nID: s-99.1\n", "s-99.1"},
      {"Candidate No. 77\n", "77"},
      {"student id:   x_12 \n", "x_12"},
      {"> Student: 2400555\n", "2400555"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Script s = one(c.text, "fallback.txt");
    CHECK(s.student == c.id);
    CHECK(s.student_source == "id-line");
  }
}

TEST_CASE("student id: a label inside a heading line, after other words", "[read][id]") {
  struct Case {
    const char* text;
    const char* id;
  } cases[] = {
      {"ECS7013P resit - Candidate number 2702405\n\nQuestion 1\n", "2702405"},
      {"Name: (resit) Student number 2702410\n\n1a) None\n", "2702410"},
      {"Jo Bloggs, Student ID: AB1234\nQ1 a\n", "AB1234"},
      {"Name: Jo Bloggs   ID: 2400101\nQ1 a\n", "2400101"},
      {"ECS7013P | candidate no. 55 | seat 12\n", "55"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Script s = one(c.text, "fallback.txt");
    CHECK(s.student == c.id);
    CHECK(s.student_source == "id-line");
  }
  SECTION("inside a line, an id needs a digit, a label its own word, and the line must be short") {
    CHECK(one("Q1 (a) the student id is the key of the table\n", "p1.md").student == "p1");
    CHECK(one("My answers (candidate number unknown)\nQ1 a\n", "p2.md").student == "p2");
    CHECK(one("Q1 (a) the pupil said a bid: 4 was fine\n", "p3.md").student == "p3");
    const std::string long_line = "Q1 (a) " + std::string(130, 'x') + " student number 42\n";
    CHECK(one(long_line, "p4.md").student == "p4");
  }
}

TEST_CASE("student id: front matter wins over id lines", "[read][id]") {
  Script s = one("---\ntitle: my answers\nstudent: \"2400777\"\n---\nStudent ID: 1\nQ1 a\n", "f.md");
  CHECK(s.student == "2400777");
  CHECK(s.student_source == "front-matter");
}

TEST_CASE("student id: file name when no id line is near the top", "[read][id]") {
  SECTION("no id line") {
    Script s = one("Q1 (a) Identity matrix.\nIdentity: not an id\n", "/up/2400110.txt");
    CHECK(s.student == "2400110");
    CHECK(s.student_source == "filename");
  }
  SECTION("an id line too far down is answer text") {
    std::string t;
    for (int i = 0; i < 20; ++i) t += "line " + std::to_string(i) + "\n";
    t += "Student ID: 999\n";
    CHECK(one(t, "late.md").student == "late");
  }
  SECTION("a label without a value is not an id") {
    Script s = one("Student ID:\nID:  \nQ1 text\n", "blank-id.md");
    CHECK(s.student == "blank-id");
  }
  SECTION("unclosed front matter is not front matter (its student line still reads as an id line)") {
    Script s = one("---\nstudent: 5\nQ1 text\n", "nofm.md");
    CHECK(s.student == "5");
    CHECK(s.student_source == "id-line");
    Script t = one("---\ntitle: x\nQ1 text\n", "nofm.md");
    CHECK(t.student_source == "filename");
  }
}

TEST_CASE("the submissions' id rule: an id line beats a misleading file name", "[read][id]") {
  auto v = read_scripts(std::string(AUTOMARK_SOURCE_DIR) + "/submissions/scripts/exam_answers_final.txt", rubric());
  REQUIRE(v.size() == 1);
  CHECK(v[0].student == "2400104");
  CHECK(v[0].student_source == "id-line");
}

TEST_CASE(".docx: paragraphs, headings and pandoc list numbering, one per line", "[read][docx]") {
  Script s = read_scripts(fixture("same.docx"), rubric()).at(0);
  CHECK(s.format == "docx");
  CHECK(s.student == "2400999");
  CHECK(s.sha256 == automark::sha256_hex(slurp(fixture("same.docx"))));
  CHECK(content_lines(s.text) == content_lines(slurp(fixture("same.md"))));
}

TEST_CASE(".docx: strike-through, tables, tracked deletions and Word numbering", "[read][docx]") {
  Script s = read_scripts(fixture("features.docx"), rubric()).at(0);
  CHECK(s.student == "77-1234");
  CHECK(s.student_source == "id-line");
  const std::string expected =
      "Candidate number: 77-1234\n"
      "Question 1\n"
      "(a) The answer is here.\n"
      "(i) first sub answer\n"
      "(ii) second sub answer with ~~a wrong guess~~ kept text\n"
      "- bullet point\n"
      "~~whole line crossed out~~\n"
      "not struck at all\tafter tab\n"
      "visible only\n"
      "(c) left cell\n"
      "right cell\n"
      "row two\n"
      "last cell\n"
      "(c) restarted list\n";
  CHECK(s.text == expected);
}

TEST_CASE(".docx: a table's word-count column is left out, so a count is never a label", "[read][docx]") {
  Script s = read_scripts(fixture("words_column.docx"), rubric()).at(0);
  CHECK(s.text == "Student ID: 2700998\nQuestion 2\nPart\nAnswer\n(a)\nSoftmax over the genres.\n(b)\nCross entropy.\n");
  REQUIRE(s.answers.size() == 2);
  CHECK(s.answers[0].part == "2.a");
  CHECK(s.answers[1].part == "2.b");
}

TEST_CASE(".docx: labels made by Word's automatic list numbering are kept", "[read][docx]") {
  Script s = read_scripts(fixture("numbered.docx"), rubric()).at(0);
  auto lines = content_lines(s.text);
  std::vector<std::string> want = {"Student ID: 2400998",
                                   "Question 1",
                                   "(a) Answer to part a, typed after a list label that Word numbers itself.",
                                   "(b) Answer to part b.",
                                   "(i) First sub-part answer.",
                                   "(ii) Second sub-part answer.",
                                   "Question 2",
                                   "(a) Question two part a."};
  CHECK(lines == want);
}

TEST_CASE(".odt: paragraphs, headings, list numbering, strike-through and tables; no tracked deletions, notes or comments",
          "[read][odt]") {
  Script s = read_scripts(fixture("features.odt"), rubric()).at(0);
  CHECK(s.format == "odt");
  CHECK(s.student == "77-1235");
  const std::string expected =
      "Candidate number: 77-1235\n"
      "Question 1\n"
      "(a) The answer is   here.\n"
      "(i) first sub answer\n"
      "(ii) second sub answer with ~~a wrong guess~~ kept text\n"
      "(b) bold second item\n"
      "~~whole line crossed out~~\n"
      "before tab\tafter tab\n"
      "next line\n"
      "left cell\n"
      "right cell\n";
  CHECK(s.text == expected);
}

TEST_CASE(".odt is recognised by its mimetype, whatever the extension; a renamed text file is refused", "[read][odt]") {
  const std::string bytes = slurp(fixture("features.odt"));
  CHECK(one(bytes, "upload.bin").format == "odt");
  CHECK_THROWS_WITH(read_scripts_from_bytes("Question 1 (a) tanh", "x.odt", rubric()),
                    Catch::Contains("not an .odt"));
}

TEST_CASE("RTF (TextEdit): escapes, Unicode, strike-through, tables; font tables, headers and pictures left out",
          "[read][rtf]") {
  Script s = read_scripts(fixture("features.rtf"), rubric()).at(0);
  CHECK(s.format == "rtf");
  CHECK(s.student == "77-1236");
  const std::string expected =
      "Candidate number: 77-1236\n"
      "Question 1\n"
      "(a) Tanh \u2013 it saturates at both ends, so its derivative \u201Cvanishes\u201D.\n"
      "(b) ~~ReLU~~ ~~the sigmoid~~: never below 0.5 for x \u2265 0.\n"
      "(c) 4\u00D712\u00D712, a {shape} of size 576\tdone\n"
      "next line\n"
      "left cell\n"
      "right cell\n";
  CHECK(s.text == expected);
  REQUIRE(s.voided.size() == 2);
}

TEST_CASE("RTF: hostile shapes end cleanly (deep nesting refused, \\bin skipped, truncated escapes)", "[read][rtf]") {
  CHECK_THROWS_WITH(read_scripts_from_bytes("{\\rtf1 " + std::string(600, '{') + "x", "deep.rtf", rubric()),
                    Catch::Contains("nested deeper"));
  Script s = one("{\\rtf1\\ansi Question 1 (a) Tanh\\bin4 {}}} here\\par\\'9", "bin.rtf");
  CHECK(s.text == "Question 1 (a) Tanh here\n");
  CHECK_THROWS_WITH(read_scripts_from_bytes("{\\rtf1{\\fonttbl Arial;}}", "empty.rtf", rubric()),
                    Catch::Contains("no text"));
}

TEST_CASE(".pdf: the text layer of every page, in order", "[read][pdf]") {
  Script s = read_scripts(fixture("same.pdf"), rubric()).at(0);
  CHECK(s.format == "pdf");
  CHECK(s.student == "2400999");
  CHECK(content_lines(s.text) == content_lines(slurp(fixture("same.md"))));
}

TEST_CASE(".pdf: raised small digits: a footnote marker after punctuation is dropped, an exponent gets ^",
          "[read][pdf]") {
  // Body in 11 pt; a superscript in 7 pt raised by 4 pt; the footnote in 6/9 pt at the foot of the page.
  const std::string body = "BT /F1 11 Tf 20 380 Td (Q4 \\(b\\) 52, 0, 204, 204.) Tj /F1 7 Tf 4 Ts (2) Tj 0 Ts ET "
                           "BT /F1 11 Tf 20 360 Td (\\(a\\) M) Tj /F1 7 Tf 4 Ts (2) Tj /F1 11 Tf 0 Ts ( and 2) Tj "
                           "/F1 7 Tf 4 Ts (11) Tj /F1 11 Tf 0 Ts ( = 2048 samples.) Tj ET ";
  const std::string note = "BT /F1 6 Tf 20 40 Td (2) Tj /F1 9 Tf ( Numbers of parameters per layer.) Tj ET";
  Script s = one(pdf_with_stream(body + note), "sup.pdf");
  CHECK(s.text.find("52, 0, 204, 204.\n") != std::string::npos);
  CHECK(s.text.find("204.2") == std::string::npos);
  CHECK(s.text.find("(a) M^2 and 2^11 = 2048 samples.") != std::string::npos);
  CHECK(s.text.find("Numbers of parameters per layer.") != std::string::npos);  // the note itself stays
  SECTION("without its note at the foot of the page, a raised digit after a stop is kept") {
    Script t = one(pdf_with_stream(body), "nonote.pdf");
    INFO(t.text);
    CHECK(t.text.find("204.2") != std::string::npos);
  }
  SECTION("a subscript (lowered) is no superscript") {
    Script t = one(pdf_with_stream("BT /F1 11 Tf 20 380 Td (y) Tj /F1 7 Tf -3 Ts (k) Tj (1) Tj 0 Ts ET"), "sub.pdf");
    CHECK(t.text.find('^') == std::string::npos);
  }
}

TEST_CASE(".pdf: page-number headers and footers are dropped, other numbers kept", "[read][pdf]") {
  auto s = read_scripts_from_bytes(
               pdf_with_pages({{"Student ID: 5", "Q1 (a) The validation set", "", "", "1"},
                               {"Page 2 of 3", "shows it.", "(b) second"},
                               {"- 3 -", "(c) 7", "4"}}),
               "f.pdf", rubric())
               .at(0);
  CHECK(content_lines(s.text) == std::vector<std::string>{"Student ID: 5", "Q1 (a) The validation set", "shows it.",
                                                          "(b) second", "(c) 7", "4"});
}

TEST_CASE(".pdf: a running header is kept once, a running footer dropped, page breaks do not split a sentence",
          "[read][pdf]") {
  auto s = read_scripts_from_bytes(
               pdf_with_pages({{"ECS7013P - Candidate 5", "Q1 (a) The validation", "", "Course X confidential"},
                               {"ECS7013P - Candidate 5", "", "set shows it.", "(b) second", "Course X confidential"},
                               {"ECS7013P - Candidate 5", "(c) a third answer", "Course X confidential"}}),
               "f.pdf", rubric())
               .at(0);
  // The footer's last copy would be read as the end of the last answer.
  CHECK(content_lines(s.text) == std::vector<std::string>{"ECS7013P - Candidate 5", "Q1 (a) The validation",
                                                          "set shows it.", "(b) second", "(c) a third answer"});
  // No blank line where the page broke inside (a)'s sentence.
  CHECK(s.text.find("validation\nset shows") != std::string::npos);
  // Labels atop each page differ from page to page: kept. A page's only line is never furniture.
  auto t = read_scripts_from_bytes(
               pdf_with_pages({{"Question 1", "(a) one"}, {"Question 2", "(b) two"}, {"more text"}, {"more text"}}),
               "g.pdf", rubric())
               .at(0);
  CHECK(content_lines(t.text) ==
        std::vector<std::string>{"Question 1", "(a) one", "Question 2", "(b) two", "more text", "more text"});
  // A browser's print footer: the page's own number ends it ("... 1/2", "... 2/2"); all its copies go.
  auto u = read_scripts_from_bytes(
               pdf_with_pages({{"20/05/2024, 11:47 ECS7013P answers", "Q1 (a) one", "file:///C:/Users/x/answers.html 1/2"},
                               {"20/05/2024, 11:47 ECS7013P answers", "(b) two", "file:///C:/Users/x/answers.html 2/2"}}),
               "h.pdf", rubric())
               .at(0);
  CHECK(content_lines(u.text) == std::vector<std::string>{"20/05/2024, 11:47 ECS7013P answers", "Q1 (a) one", "(b) two"});
  // Near miss: lines that differ by more than their page's number stay ("Total 1/2" on page 2 is not its number).
  auto v = read_scripts_from_bytes(
               pdf_with_pages({{"Q1 (a) one", "Marks so far 1/2"}, {"(b) two", "Marks so far 1/2 again"}}), "i.pdf",
               rubric())
               .at(0);
  CHECK(content_lines(v.text) == std::vector<std::string>{"Q1 (a) one", "Marks so far 1/2", "(b) two", "Marks so far 1/2 again"});
}

TEST_CASE(".pdf encrypted with an owner password only is readable", "[read][pdf]") {
  Script s = read_scripts(fixture("owner_only.pdf"), rubric()).at(0);
  CHECK(content_lines(s.text) == content_lines(slurp(fixture("same.md"))));
}

TEST_CASE("the same script as .md, .docx, .odt, RTF and .pdf gives the same text lines", "[read][equivalence]") {
  auto md = read_scripts(fixture("same.md"), rubric()).at(0);
  for (const char* other : {"same.docx", "same.pdf", "same.odt", "same.rtf"}) {
    INFO(other);
    auto s = read_scripts(fixture(other), rubric()).at(0);
    CHECK(content_lines(md.text) == content_lines(s.text));
    CHECK(md.student == s.student);
  }
}

namespace {

/// part id -> whitespace-collapsed kept text, per answer in script order.
std::vector<std::pair<std::string, std::string>> split_of(const Script& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : s.answers) {
    std::string c;
    for (char ch : a.text) {
      bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
      if (sp) {
        if (!c.empty() && c.back() != ' ') c += ' ';
      } else {
        c += ch;
      }
    }
    while (!c.empty() && c.back() == ' ') c.pop_back();
    out.emplace_back(a.part, c);
  }
  return out;
}

}  // namespace

TEST_CASE("the same script as .md, .docx and .pdf splits into the same parts", "[read][equivalence][segment]") {
  auto md = read_scripts(fixture("same.md"), rubric()).at(0);
  auto docx = read_scripts(fixture("same.docx"), rubric()).at(0);
  auto pdf = read_scripts(fixture("same.pdf"), rubric()).at(0);
  auto parts = split_of(md);
  std::vector<std::string> ids;
  for (auto& [id, t] : parts) ids.push_back(id);
  CHECK(ids == std::vector<std::string>{"1.a", "1.b.i", "1.b.ii", "1.b.iii", "1.c", "2.a", "2.b"});
  CHECK(split_of(docx) == parts);
  CHECK(split_of(pdf) == parts);
  CHECK(split_of(read_scripts(fixture("same.odt"), rubric()).at(0)) == parts);
  CHECK(split_of(read_scripts(fixture("same.rtf"), rubric()).at(0)) == parts);
  CHECK(md.voided.size() == docx.voided.size());
  CHECK(md.voided.size() == pdf.voided.size());
}

TEST_CASE("scanned booklet as text: form-feed pages lose their page numbers and running headers", "[read][text][pages]") {
  const std::string bytes =
      "ANSWER BOOKLET   ECS7013P   Seat 12\nCandidate number: 2400101\n\nQ1 (a)  the first answer\n"
      "   (b) (i)  the learning\n                      1\n\f"
      "ANSWER BOOKLET   ECS7013P   Seat 12\nCandidate number: 2400101\n\n       rate\n   (b) (ll)  A\n"
      "                      2\n\f"
      "ANSWER BOOKLET   ECS7013P   Seat 12\nCandidate number: 2400101\n\n   (b) (iil)  B is faster\n"
      "l(c)  more text\n                      3\n\f";
  Script s = one(bytes, "scan.txt");
  CHECK(s.text.find('\f') == std::string::npos);
  // The header is kept once (it names the candidate); the page numbers and later copies are gone.
  CHECK(s.text.find("ANSWER BOOKLET") == 0);
  CHECK(s.text.find("ANSWER BOOKLET", 1) == std::string::npos);
  CHECK(s.text.find("Candidate number", 40) == std::string::npos);
  CHECK(s.student == "2400101");
  automark::segment_script(s, rubric());
  auto text_of = [&](const std::string& part) {
    for (const auto& a : s.answers)
      if (a.part == part) return a.text;
    return std::string("(none)");
  };
  CHECK(text_of("1.b.i") == "the learning\n       rate");  // continued across the page break
  CHECK(text_of("1.b.ii") == "A");                           // OCR "(ll)" is (ii)
  CHECK(text_of("1.b.iii") == "B is faster");                // OCR "(iil)" is (iii)
  CHECK(text_of("1.c") == "more text");                      // OCR "l(c)" is 1(c)
}

TEST_CASE("scanned booklet as text without form feeds: a first line printed again is a page header", "[read][text][pages]") {
  const std::string bytes =
      "ANSWER BOOKLET (scanned)   May 2024\nCandidate number: 2400101\n1(a)  first\n1(b)(i)  second\n\n"
      "                   2\nANSWER BOOKLET (scanned)   May 2024\n   (ll)  A\n   (iil)  third\n\n                   3\n";
  Script s = one(bytes, "scan2.txt");
  CHECK(s.text.find("ANSWER BOOKLET", 1) == std::string::npos);
  CHECK(s.text.find("   2\n") == std::string::npos);
  automark::segment_script(s, rubric());
  std::vector<std::string> parts;
  for (const auto& a : s.answers) parts.push_back(a.part + "=" + a.text);
  CHECK(parts == std::vector<std::string>{"1.a=first", "1.b.i=second", "1.b.ii=A", "1.b.iii=third"});
  // Near miss: a short first line repeated ("Answers") and numbers inside answers stay.
  Script t = one("Answers\n1(a) 2\nAnswers\n1(b)(i) 3\n", "plain.txt");
  CHECK(t.text == "Answers\n1(a) 2\nAnswers\n1(b)(i) 3\n");
}
