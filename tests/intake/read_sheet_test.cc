// Spreadsheet uploads (.xlsx, .ods): the worksheet read as the same table
// saved as CSV; fixtures from tests/fixtures/intake/make_fixtures.py.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "automark/script.h"
#include "intake/read_helpers.h"
#include "intake/read_internal.h"

using automark::Script;
using automark::read_scripts;
using namespace intake_test;

namespace {

std::vector<Script> read_fixture(const std::string& name) { return read_scripts(fixture(name), rubric()); }

std::string answer_text(const Script& s, const std::string& part) {
  for (const auto& a : s.answers)
    if (a.part == part) return s.text.substr(a.start, a.end - a.start);
  return "(none)";
}

/// The row a script came from ("sheet_wide.xlsx:row 2" -> "row 2"; a CSV's "(line N)" left out).
std::string row_of(const Script& s) {
  std::string r = s.source.substr(s.source.rfind(':') + 1);
  return r.substr(0, r.find(" ("));
}

std::string file_error(const std::string& path) {
  try {
    read_scripts(path, rubric());
  } catch (const automark::Error& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the same table as CSV, .xlsx and .ods gives the same scripts", "[read][sheet][equivalence]") {
  const auto csv = read_fixture("sheet_wide.csv");
  REQUIRE(csv.size() == 3);
  for (const char* other : {"sheet_wide.xlsx", "sheet_wide.ods"}) {
    INFO(other);
    const auto v = read_fixture(other);
    REQUIRE(v.size() == csv.size());
    for (std::size_t k = 0; k < v.size(); ++k) {
      CHECK(v[k].student == csv[k].student);
      CHECK(v[k].student_source == "field");
      CHECK(v[k].text == csv[k].text);
      CHECK(row_of(v[k]) == row_of(csv[k]));
      CHECK(v[k].format == std::string(other).substr(std::string(other).rfind('.') + 1));
      REQUIRE(v[k].answers.size() == csv[k].answers.size());
      for (std::size_t a = 0; a < v[k].answers.size(); ++a) {
        CHECK(v[k].answers[a].part == csv[k].answers[a].part);
        CHECK(v[k].answers[a].start == csv[k].answers[a].start);
        CHECK(v[k].answers[a].end == csv[k].answers[a].end);
      }
      CHECK(v[k].flags.size() == csv[k].flags.size());
    }
  }
}

TEST_CASE(".xlsx: shared, inline and rich-text strings, numbers as shown, booleans, formulas", "[read][sheet][xlsx]") {
  const auto v = read_fixture("sheet_wide.xlsx");
  REQUIRE(v.size() == 3);
  const Script& a = v[0];
  CHECK(a.student == "2700101");  // a number cell, not 2700101.0 or 2.7E+06
  CHECK(a.source == fixture("sheet_wide.xlsx") + ":row 2");
  CHECK(answer_text(a, "1.a") == "the learning rate");
  CHECK(answer_text(a, "1.b.i") == "tanh");                       // inline string
  CHECK(answer_text(a, "1.b.ii") == "Curve B is smoother");       // rich-text runs
  CHECK(answer_text(a, "1.b.iii") == "fewer epochs\nand a regulariser");
  CHECK(answer_text(a, "1.c") == "0.1");                          // 0.10000000000000001 as shown
  CHECK(answer_text(a, "2.a") == "TRUE");
  CHECK(answer_text(a, "2.b") == "cross  entropy\tloss");
  CHECK(a.answers.size() == 7);                                   // "Marks" is data, not a part
  const Script& b = v[1];
  CHECK(b.student == "2700102");
  CHECK(answer_text(b, "1.a") == "step size");
  CHECK(answer_text(b, "1.b.i") == "(none)");                     // no cell at all
  CHECK(answer_text(b, "1.c") == "6");                            // a formula's cached value
  CHECK(answer_text(b, "2.b") == "xy");
  const Script& c = v[2];
  CHECK(c.student == "S-3");
  CHECK(row_of(c) == "row 5");                                    // the sheet's row, after a blank one
  CHECK(answer_text(c, "1.c") == "2700.5");
}

TEST_CASE(".ods: paragraphs, spaces, tabs, repeated empty cells and rows", "[read][sheet][ods]") {
  const auto v = read_fixture("sheet_wide.ods");
  REQUIRE(v.size() == 3);
  CHECK(v[0].format == "ods");
  CHECK(v[0].student == "2700101");
  CHECK(answer_text(v[0], "1.b.ii") == "Curve B is smoother");    // a bold span inside the paragraph
  CHECK(answer_text(v[0], "1.b.iii") == "fewer epochs\nand a regulariser");  // two text:p
  CHECK(answer_text(v[0], "2.b") == "cross  entropy\tloss");      // text:s, text:tab
  CHECK(answer_text(v[0], "1.c") == "0.1");
  CHECK(v[2].student == "S-3");
  CHECK(row_of(v[2]) == "row 5");
}

TEST_CASE("spreadsheets in the long layout: ids stored as numbers, rows grouped by student", "[read][sheet]") {
  for (const char* name : {"sheet_long.xlsx", "sheet_long.ods"}) {
    INFO(name);
    const auto v = read_fixture(name);
    REQUIRE(v.size() == 2);
    CHECK(v[0].student == "2700201");
    CHECK(row_of(v[0]) == "row 2");
    CHECK(answer_text(v[0], "1.a") == "the learning rate");
    CHECK(answer_text(v[0], "1.b.ii") == "Curve A");
    CHECK(answer_text(v[0], "2.a") == "soft");
    CHECK(v[1].student == "2700202");
    CHECK(row_of(v[1]) == "row 4");
    CHECK(answer_text(v[1], "2.b") == "cross entropy");
  }
}

TEST_CASE("spreadsheets: an empty first sheet and hidden sheets are passed over", "[read][sheet]") {
  for (const char* name : {"sheet_second.xlsx", "sheet_second.ods"}) {
    INFO(name);
    const auto v = read_fixture(name);
    REQUIRE(v.size() == 1);
    CHECK(v[0].student == "7");
    CHECK(answer_text(v[0], "1.a") == "the step size");
  }
  CHECK(file_error(fixture("sheet_empty.xlsx")) ==
        fixture("sheet_empty.xlsx") + ": no data: the workbook's 2 sheet(s) are empty or hidden");
  CHECK(file_error(fixture("sheet_empty.ods")) ==
        fixture("sheet_empty.ods") + ": no data: the spreadsheet's 1 sheet(s) are empty or hidden");
}

TEST_CASE("spreadsheets are recognised by content; the extension only breaks ties", "[read][sheet]") {
  const std::string x = slurp(fixture("sheet_wide.xlsx")), o = slurp(fixture("sheet_wide.ods"));
  CHECK(read_scripts_from_bytes(x, "upload.bin", rubric()).at(0).format == "xlsx");
  CHECK(read_scripts_from_bytes(x, "upload.docx", rubric()).at(0).format == "xlsx");
  CHECK(read_scripts_from_bytes(o, "upload.odt", rubric()).at(0).format == "ods");
  CHECK(read_scripts_from_bytes(o, "upload", rubric()).at(0).format == "ods");
  // A text document named .ods or .xlsx is still read as what it is.
  CHECK(one(slurp(fixture("features.odt")), "x.ods").format == "odt");
  CHECK(one(slurp(fixture("features.docx")), "x.xlsx").format == "docx");
}

TEST_CASE("spreadsheets: broken and foreign files are refused naming the file", "[read][sheet][bad]") {
  CHECK(bytes_error("student,1.a\n1,x\n", "a.xlsx") ==
        "a.xlsx: not an .xlsx (an .xlsx is a zip archive; this file is not one; a CSV export should be named .csv)");
  CHECK(bytes_error("student,1.a\n1,x\n", "a.ods") == "a.ods: not an .ods (an .ods is a zip archive; this file is not one)");
  CHECK(file_error(fixture("sheet_not_workbook.xlsx")) ==
        fixture("sheet_not_workbook.xlsx") + ": zip archive but not an Excel workbook (no xl/workbook.xml)");
  const std::string x = slurp(fixture("sheet_wide.xlsx")), o = slurp(fixture("sheet_wide.ods"));
  CHECK_THAT(bytes_error(x.substr(0, x.size() / 2), "cut.xlsx"), Catch::StartsWith("cut.xlsx: not a valid .xlsx (corrupt zip"));
  CHECK_THAT(bytes_error(o.substr(0, o.size() / 2), "cut.ods"), Catch::StartsWith("cut.ods: not a valid .ods (corrupt zip"));
  CHECK_THAT(bytes_error("PK\x03\x04 junk", "j.xlsx"), Catch::StartsWith("j.xlsx: not a valid .xlsx"));
}

TEST_CASE("password-protected workbooks and old .xls files get a clear message", "[read][sheet][bad]") {
  const std::string enc = slurp(fixture("sheet_encrypted.xlsx"));
  CHECK_THAT(bytes_error(enc, "marks.xlsx"),
             Catch::StartsWith("marks.xlsx: password-protected (encrypted) Excel workbook: automark cannot open it"));
  CHECK_THAT(bytes_error(enc, "essay.docx"), Catch::StartsWith("essay.docx: password-protected (encrypted) Word document"));
  CHECK_THAT(bytes_error(enc, "upload"), Catch::StartsWith("upload: password-protected (encrypted) Office file"));
  std::string xls = enc;
  for (std::size_t i = 0; i + 1 < xls.size(); ++i)  // the same compound file without the encrypted streams
    if (xls.compare(i, 2, std::string("E\0", 2)) == 0 && xls.compare(i, 6, std::string("E\0n\0c\0", 6)) == 0) xls[i] = 'X';
  CHECK(bytes_error(xls, "old.xls") == "old.xls: old Excel .xls (or other OLE) file: not supported; save it as .xlsx, .ods or CSV");
  CHECK(bytes_error(xls, "old.doc") == "old.doc: old Word .doc (or other OLE) file: not supported; save it as .docx or PDF");
}

TEST_CASE("spreadsheet limits: repeated cells, shared strings and padding are counted", "[read][sheet][bad][limit]") {
  CHECK(file_error(fixture("sheet_bomb.xlsx")) ==
        fixture("sheet_bomb.xlsx") + ": the worksheet's cells hold more than 64 MiB of text (repeated cells counted each time); refused");
  CHECK_THAT(file_error(fixture("sheet_bomb.ods")),
             Catch::StartsWith(fixture("sheet_bomb.ods") + ": the worksheet's table is over the limit of 2000000 cells"));
  CHECK_THAT(file_error(fixture("sheet_wide_bomb.xlsx")),
             Catch::StartsWith(fixture("sheet_wide_bomb.xlsx") + ": the worksheet's table is over the limit of 2000000 cells"));
  CHECK(file_error(fixture("sheet_far.xlsx")) ==
        fixture("sheet_far.xlsx") + ": a cell in column 16385 (row 2), beyond the limit of 16384 columns");
}

TEST_CASE("damaged spreadsheets give an error or scripts, never a crash", "[read][sheet][bad]") {
  for (const char* name : {"sheet_wide.xlsx", "sheet_wide.ods", "sheet_long.xlsx"}) {
    const std::string good = slurp(fixture(name));
    for (std::size_t i = 0; i < good.size(); i += 7) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ 0x5A);
      try {
        for (const Script& s : read_scripts_from_bytes(bad, name, rubric())) CHECK(automark::is_valid_utf8(s.text));
      } catch (const automark::Error& e) {
        CHECK(e.exit_code() == 2);
        CHECK_THAT(std::string(e.what()), Catch::StartsWith(std::string(name) + ":"));
      }
    }
  }
}

TEST_CASE("numbers as a spreadsheet's General format shows them", "[read][sheet]") {
  using automark::intake::sheet_number;
  CHECK(sheet_number("2700101") == "2700101");
  CHECK(sheet_number("2700101.0") == "2700101");
  CHECK(sheet_number("2.700101E6") == "2700101");
  CHECK(sheet_number("0.10000000000000001") == "0.1");
  CHECK(sheet_number("0.30000000000000004") == "0.3");
  CHECK(sheet_number("3.5") == "3.5");
  CHECK(sheet_number("-0") == "0");
  CHECK(sheet_number("1E-7") == "1E-07");
  CHECK(sheet_number("123456789012345678") == "1.23456789012346E+17");
  CHECK(sheet_number("abc") == "abc");
  CHECK(sheet_number("1e999") == "1e999");
  CHECK(sheet_number("") == "");
}
