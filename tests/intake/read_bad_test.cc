// Bad input: every case gets automark::Error with a message naming the file
// and exit status 2, in bounded time and memory, never a crash.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <iterator>
#include <string>

#include "automark/script.h"
#include "intake/read_helpers.h"

using automark::Error;
using automark::read_scripts;
using automark::read_scripts_from_bytes;
using namespace intake_test;

namespace {

/// The message of the Error that reading `path` throws (exit status checked).
std::string file_error(const std::string& path) {
  try {
    read_scripts(path, rubric());
  } catch (const Error& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  return "(no error)";
}


std::string make_pdf(int pages) {
  std::vector<std::vector<std::string>> p;
  for (int i = 0; i < pages; ++i) p.push_back({"text on " + std::to_string(i + 1)});
  return pdf_with_pages(p);
}

}  // namespace

TEST_CASE("missing, directory, empty and unreadable files", "[read][bad]") {
  TempDir d;
  CHECK_THAT(file_error(d.path + "/nope.md"), Catch::Matches(".*/nope\\.md: cannot read: No such file or directory"));
  CHECK(file_error(d.path) == d.path + ": is a directory, not a script file");
  CHECK(file_error(d.write("empty.md", "")) == d.path + "/empty.md: empty file");
  CHECK(file_error(d.write("blank.md", " \n\t\r\n")) == d.path + "/blank.md: no text in the file (only white space)");
  REQUIRE(::symlink((d.path + "/gone").c_str(), (d.path + "/dangling.md").c_str()) == 0);
  CHECK_THAT(file_error(d.path + "/dangling.md"), Catch::Contains("dangling.md: cannot read"));
  std::string locked = d.write("locked.md", "Q1 text");
  ::chmod(locked.c_str(), 0);
  if (::geteuid() != 0) {  // root reads anything
    CHECK_THAT(file_error(locked), Catch::Contains("locked.md: cannot open: Permission denied"));
  }
  CHECK(file_error("/dev/null") == "/dev/null: not a regular file");
}

TEST_CASE("a 200 MB file is refused by its size, before it is read", "[read][bad][limit]") {
  TempDir d;
  std::string p = d.path + "/huge.md";
  {
    FILE* f = std::fopen(p.c_str(), "wb");
    REQUIRE(f);
    std::fclose(f);
  }
  REQUIRE(::truncate(p.c_str(), 200LL << 20) == 0);  // sparse: costs no disk
  CHECK(file_error(p) == p + ": file is 200.0 MiB, over the 16.0 MiB limit for a script");
  std::string big(automark::ScriptLimits::kMaxFileBytes + 1, 'a');
  CHECK_THAT(bytes_error(big, "mem.md"), Catch::StartsWith("mem.md: file is 16.0 MiB, over the 16.0 MiB limit"));
}

TEST_CASE("text over the per-script text limit is refused", "[read][bad][limit]") {
  std::string big(automark::ScriptLimits::kMaxTextBytes + 10, 'a');
  CHECK_THAT(bytes_error(big, "t.md"), Catch::StartsWith("t.md: text is 4.0 MiB, over the 4.0 MiB limit"));
}

TEST_CASE("binary content in a text file", "[read][bad]") {
  CHECK(bytes_error(std::string("Q1 abc\0def", 10), "s.txt") ==
        "s.txt: binary file (NUL byte at offset 6); a script must be text, Markdown, HTML, LaTeX, a Jupyter notebook, .docx, .odt, RTF, .pdf, JSON, YAML, CSV, .xlsx or .ods"
        " (UTF-16 text needs its byte order mark)");
  CHECK_THAT(bytes_error(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "photo.md"), Catch::Contains("binary file"));
  CHECK_THAT(bytes_error("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest", "old.doc"), Catch::Contains("old Word .doc"));
}

TEST_CASE(".docx that is not a zip, a zip that is not a .docx, a corrupt zip", "[read][bad][docx]") {
  CHECK(bytes_error("just text", "a.docx") == "a.docx: not a .docx (a .docx is a zip archive; this file is not one)");
  CHECK(file_error(fixture("not_docx.docx")) ==
        fixture("not_docx.docx") + ": zip archive but not a Word .docx (no word/document.xml)");
  std::string good = slurp(fixture("same.docx"));
  REQUIRE(good.size() > 1000);
  CHECK_THAT(bytes_error(good.substr(0, good.size() / 2), "cut.docx"), Catch::StartsWith("cut.docx: not a valid .docx (corrupt zip"));
  // Flip bytes inside the compressed document.xml: CRC or inflate error, not a crash.
  std::string bad = good;
  for (std::size_t i = 200; i < 1200 && i < bad.size(); i += 7) bad[i] = static_cast<char>(bad[i] ^ 0x5A);
  CHECK_THAT(bytes_error(bad, "flip.docx"), Catch::StartsWith("flip.docx: "));
}

TEST_CASE("zip bombs: the declared size and the bytes actually unpacked are both bounded", "[read][bad][docx][limit]") {
  CHECK_THAT(file_error(fixture("bomb.docx")), Catch::EndsWith("word/document.xml unpacks to more than 64 MiB (zip bomb?); refused"));
  // The central directory lies (1000 bytes): refused as inconsistent or by the bounded read.
  CHECK_THAT(file_error(fixture("bomb_lying.docx")), Catch::StartsWith(fixture("bomb_lying.docx") + ": "));
}

TEST_CASE("a zip with too many entries is refused", "[read][bad][docx][limit]") {
  TempDir d;
  std::string p = d.path + "/many.docx";
  int err = 0;
  zip_t* z = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z);
  static const char kDoc[] = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>";
  zip_source_t* s = zip_source_buffer(z, kDoc, sizeof kDoc - 1, 0);
  REQUIRE(zip_file_add(z, "word/document.xml", s, 0) >= 0);
  for (std::size_t i = 0; i < automark::ScriptLimits::kMaxDocxEntries; ++i) {
    zip_source_t* e = zip_source_buffer(z, "", 0, 0);
    REQUIRE(zip_file_add(z, ("f" + std::to_string(i)).c_str(), e, 0) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
  CHECK(file_error(p) == p + ": zip archive with 2001 entries, over the limit of 2000 for a .docx");
}

TEST_CASE("PDF: encrypted, scanned, corrupt, too many pages", "[read][bad][pdf]") {
  CHECK(file_error(fixture("encrypted.pdf")) ==
        fixture("encrypted.pdf") + ": encrypted PDF (needs a password); upload an unprotected copy");
  CHECK(file_error(fixture("scanned.pdf")) ==
        fixture("scanned.pdf") + ": no text layer (scanned PDF?); upload a PDF with selectable text, or a .docx");
  CHECK_THAT(bytes_error("%PDF-1.4\nnothing else", "junk.pdf"), Catch::StartsWith("junk.pdf: "));
  CHECK(bytes_error("plain text", "x.pdf") == "x.pdf: not a PDF (no %PDF- header)");
  std::string pdf = slurp(fixture("same.pdf"));
  CHECK_THAT(bytes_error(pdf.substr(0, pdf.size() / 3), "cut.pdf"), Catch::StartsWith("cut.pdf: "));
  CHECK(read_scripts_from_bytes(make_pdf(3), "ok.pdf", rubric()).at(0).text.find("text on 3") != std::string::npos);
  CHECK(bytes_error(make_pdf(automark::ScriptLimits::kMaxPdfPages + 1), "long.pdf") ==
        "long.pdf: PDF has 501 pages, over the limit of 500");
}

TEST_CASE("arbitrary bytes and damaged fixtures never escape as anything but Error", "[read][bad][robust]") {
  std::vector<std::string> seeds = {slurp(fixture("same.docx")), slurp(fixture("same.pdf")),
                                    slurp(fixture("features.docx")), R"J({"student":"a","answers":{"1.a":"x"}})J",
                                    "student,part,answer\ns,1.a,\"x\"\n", "student: a\nanswers:\n  1.a: x\n",
                                    "Student ID: 1\nQ1 (a) text\n", slurp(fixture("latex.tex")),
                                    slurp(fixture("notebook.ipynb"))};
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  auto rnd = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  int ok = 0, errors = 0;
  for (int round = 0; round < 400; ++round) {
    std::string b = seeds[static_cast<std::size_t>(round) % seeds.size()];
    int flips = 1 + static_cast<int>(rnd() % 8);
    for (int k = 0; k < flips && !b.empty(); ++k) b[rnd() % b.size()] = static_cast<char>(rnd() & 0xFF);
    if (round % 5 == 0 && b.size() > 2) b.resize(rnd() % b.size());
    const char* names[] = {"f.md", "f.docx", "f.pdf", "f.json", "f.csv", "f.yaml", "f", "f.tex", "f.ipynb"};
    try {
      auto v = read_scripts_from_bytes(b, names[rnd() % std::size(names)], rubric());
      for (const auto& s : v) CHECK(s.text.size() <= automark::ScriptLimits::kMaxTextBytes);
      ++ok;
    } catch (const Error& e) {
      CHECK(e.exit_code() == 2);
      ++errors;
    }
  }
  CHECK(ok + errors == 400);
}
