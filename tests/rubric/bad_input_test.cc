// Bad input: every case ends with a clear message and the documented exit
// code (2), never a crash, with memory bounded by the limits of rubric.h.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "automark/rubric.h"

namespace fs = std::filesystem;
using automark::kExitInvalid;
using automark::kExitUnreadable;
using automark::load_rubric_file;
using automark::load_rubric_text;
using automark::RubricLimits;

namespace {

/// A fresh temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("automark-rubric-test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    fs::path p = path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

std::string only(const automark::LoadResult& r) {
  REQUIRE(r.diagnostics.size() == 1);
  return r.diagnostics[0].str();
}

}  // namespace

TEST_CASE("a missing file", "[rubric][bad-input]") {
  TempDir t;
  std::string p = (t.path / "nope.yaml").string();
  auto r = load_rubric_file(p);
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == p + ": error: cannot read: No such file or directory");
  CHECK_FALSE(r.rubric);
}

TEST_CASE("a directory", "[rubric][bad-input]") {
  TempDir t;
  auto r = load_rubric_file(t.path.string());
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == t.path.string() + ": error: cannot read: Is a directory");
}

TEST_CASE("an unreadable file", "[rubric][bad-input]") {
  if (::geteuid() == 0) return;  // root reads everything
  TempDir t;
  std::string p = t.write("locked.yaml", "exam: {code: T}\n");
  ::chmod(p.c_str(), 0);
  auto r = load_rubric_file(p);
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == p + ": error: cannot read: Permission denied");
}

TEST_CASE("an empty file, and one with only comments", "[rubric][bad-input]") {
  TempDir t;
  std::string p = t.write("empty.yaml", "");
  auto r = load_rubric_file(p);
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == p + ": error: empty file");
  p = t.write("comments.yaml", "# nothing here\n\n   \n");
  r = load_rubric_file(p);
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == p + ": error: no YAML content (only blank lines or comments)");
}

TEST_CASE("a binary file", "[rubric][bad-input]") {
  auto r = load_rubric_text(std::string("exam:\n  x\0y", 11), "b.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "b.yaml:2:4: error: not a text file (NUL byte)");
}

TEST_CASE("invalid UTF-8 is reported with its line", "[rubric][bad-input]") {
  auto r = load_rubric_text("exam: {code: T}\nquestions: \xff\n", "u.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "u.yaml:2:12: error: invalid UTF-8 (byte 0xFF)");
  // Overlong encodings and surrogates are invalid too.
  CHECK(load_rubric_text("a: \xc0\xaf\n", "u.yaml").exit_code == kExitUnreadable);
  CHECK(load_rubric_text("a: \xed\xa0\x80\n", "u.yaml").exit_code == kExitUnreadable);
  // Valid multi-byte text is fine (and reaches the YAML checks).
  CHECK(load_rubric_text("a: \xce\xb7\n", "u.yaml").exit_code == kExitInvalid);
}

TEST_CASE("text that is not YAML", "[rubric][bad-input]") {
  auto r = load_rubric_text("exam: {code: T\n", "n.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "n.yaml:2:1: error: not valid YAML: end of map flow not found");
  r = load_rubric_text("just some prose, not a rubric\n", "n.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "n.yaml:1:1: error: not a rubric: the document is a single value, expected a mapping with "
                   "'exam' and 'questions'");
}

TEST_CASE("a 100 MB file is refused without being read", "[rubric][bad-input]") {
  TempDir t;
  std::string p = t.write("big.yaml", "exam: {code: T}\n");
  fs::resize_file(p, 100u << 20);
  auto r = load_rubric_file(p);
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == p + ": error: file too large: 104857600 bytes (the limit is 4194304)");
  // In memory as well.
  std::string big(RubricLimits::kMaxBytes + 1, ' ');
  CHECK(load_rubric_text(big, "m.yaml").exit_code == kExitUnreadable);
}

TEST_CASE("deep flow nesting is refused before yaml-cpp sees it", "[rubric][bad-input]") {
  std::string y = "exam: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto r = load_rubric_text(y, "d.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "d.yaml:1:38: error: YAML nested deeper than 32 levels");
  y = "exam: " + std::string(50000, '{') + "\n";  // unbalanced too
  CHECK(load_rubric_text(y, "d.yaml").exit_code == kExitUnreadable);
}

TEST_CASE("deep block nesting is refused", "[rubric][bad-input]") {
  std::string y;
  for (int i = 0; i < 500; ++i) y += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  auto r = load_rubric_text(y, "d.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "d.yaml:33:33: error: YAML nested deeper than 32 levels");
  std::string dashes;
  for (int i = 0; i < 5000; ++i) dashes += "- ";
  r = load_rubric_text(dashes + "x\n", "d.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "d.yaml:1:65: error: YAML nested deeper than 32 levels");
}

TEST_CASE("brackets in quoted, plain and block scalars do not count as nesting", "[rubric][bad-input]") {
  std::string deep(40, '[');
  std::string y = "exam: {code: T, title: \"" + deep + "\"}\nquestions:\n"
                  "  - id: '1'\n    marks: 1\n    prompt: it's " + deep + "\n"
                  "    concepts: [{id: c, match: rate}]\n"
                  "  - id: '2'\n    marks: 1\n    prompt: |\n";
  for (int i = 0; i < 40; ++i) y += std::string(static_cast<std::size_t>(6 + i), ' ') + "text\n";
  y += "    concepts: [{id: c, match: rate}]\n";
  auto r = load_rubric_text(y, "q.yaml");
  CHECK(r.diagnostics.empty());
  CHECK(r.exit_code == automark::kExitOk);
}

TEST_CASE("an alias bomb stops at the node limit", "[rubric][bad-input]") {
  // Each level lists 12 distinct parts whose children are the previous level
  // (an alias): 12^4 leaves after expansion from a file of a few KB.
  std::string y = "exam: {code: T}\nquestions:\n  - id: q\n    parts:\n";
  auto list = [](const std::string& inner_alias, const std::string& anchor) {
    std::string s = "&" + anchor + " [";
    for (int i = 0; i < 12; ++i) {
      if (i) s += ", ";
      std::string id(1, static_cast<char>('a' + i));
      s += inner_alias.empty() ? "{id: " + id + ", marks: 1, concepts: [{id: c, match: rate}]}"
                               : "{id: " + id + ", parts: *" + inner_alias + "}";
    }
    return s + "]";
  };
  y += "      - {id: w, parts: " + list("", "L1") + "}\n";
  y += "      - {id: x, parts: " + list("L1", "L2") + "}\n";
  y += "      - {id: y, parts: " + list("L2", "L3") + "}\n";
  y += "      - {id: z, parts: " + list("L3", "L4") + "}\n";
  REQUIRE(y.size() < 4000);
  auto r = load_rubric_text(y, "a.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.back().str() ==
        "a.yaml: error: the YAML expands to more than 200000 nodes (aliases repeated too often?)");
}

TEST_CASE("too many plain nodes are refused before parsing", "[rubric][bad-input]") {
  std::string y = "exam: [";
  for (int i = 0; i < 300000; ++i) y += "1,";
  y += "1]\n";
  auto r = load_rubric_text(y, "n.yaml");
  CHECK(r.exit_code == kExitUnreadable);
  CHECK(only(r) == "n.yaml:1:1: error: too many YAML nodes (more than 200000)");
}

TEST_CASE("more than the maximum number of leaf parts", "[rubric][bad-input]") {
  std::string y = "exam: {code: T}\nquestions:\n";
  for (int i = 0; i < 2001; ++i) y += "  - {id: q" + std::to_string(i) + ", marks: 1, concepts: [{id: c, match: r}]}\n";
  auto r = load_rubric_text(y, "l.yaml");
  CHECK(r.exit_code == kExitInvalid);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].str() == "l.yaml:2003:5: error: more than 2000 leaf parts");
}
