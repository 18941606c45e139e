// Batch building blocks that do not depend on marking quality.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "automark/batch.h"

using namespace automark;
namespace fs = std::filesystem;

TEST_CASE("safe_file_stem keeps ordinary ids", "[batch]") {
  CHECK(safe_file_stem("2400123") == "2400123");
  CHECK(safe_file_stem("ab-12_c.d") == "ab-12_c.d");
}

TEST_CASE("safe_file_stem cannot leave the folder", "[batch]") {
  CHECK(safe_file_stem("../../x") == "___.._x");  // "../../x": dots kept, slashes and leading dots replaced
  CHECK(safe_file_stem("/etc/passwd") == "_etc_passwd");
  CHECK(safe_file_stem("..") == "__");
  CHECK(safe_file_stem(".hidden") == "_hidden");
  CHECK(safe_file_stem(std::string("a\0b", 3)) == "a_b");
  CHECK(safe_file_stem("") == "unknown");
  CHECK(safe_file_stem("a b\\c:d*e?f\"g<h>i|j") == "a_b_c_d_e_f_g_h_i_j");
}

TEST_CASE("safe_file_stem avoids Windows device names and trailing dots", "[batch]") {
  CHECK(safe_file_stem("CON") == "_CON");
  CHECK(safe_file_stem("con") == "_con");
  CHECK(safe_file_stem("LPT1.txt") == "_LPT1.txt");
  CHECK(safe_file_stem("COM10") == "COM10");
  CHECK(safe_file_stem("abc.") == "abc_");
}

TEST_CASE("safe_file_stem bounds the length and keeps long ids apart", "[batch]") {
  std::string a(10000, 'a'), b = a;
  b.back() = 'b';
  CHECK(safe_file_stem(a).size() <= 96);
  CHECK(safe_file_stem(a) != safe_file_stem(b));
}

TEST_CASE("expand_paths recurses, sorts, skips hidden entries and reports missing paths", "[batch]") {
  fs::path dir = fs::temp_directory_path() / ("am_expand_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  fs::create_directories(dir / ".git");
  for (auto p : {dir / "b.md", dir / "a.txt", dir / "sub" / "c.md", dir / ".hidden.md", dir / ".git" / "x.md"})
    std::ofstream(p) << "x";
  std::vector<std::string> missing;
  auto files = expand_paths({dir.string(), (dir / "nope").string()}, &missing);
  REQUIRE(files.size() == 3);
  CHECK(fs::path(files[0]).filename() == "a.txt");
  CHECK(fs::path(files[1]).filename() == "b.md");
  CHECK(fs::path(files[2]).filename() == "c.md");
  REQUIRE(missing.size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomic replaces the file whole and leaves no temporary", "[batch]") {
  fs::path dir = fs::temp_directory_path() / ("am_atomic_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_file_atomic((dir / "r.json").string(), "first\n");
  write_file_atomic((dir / "r.json").string(), "second\n");
  std::ifstream in(dir / "r.json");
  std::string s((std::istreambuf_iterator<char>(in)), {});
  CHECK(s == "second\n");
  int n = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++n;
  CHECK(n == 1);
  CHECK_THROWS_AS(write_file_atomic((dir / "no" / "such" / "r.json").string(), "x"), Error);
  fs::remove_all(dir);
}

TEST_CASE("AtomicFile: pieces appear only on commit; an abandoned file leaves the old one and no temporary", "[batch]") {
  fs::path dir = fs::temp_directory_path() / ("am_atomicfile_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "marks.csv").string();
  write_file_atomic(path, "old\n");
  auto read = [&] {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  auto entries = [&] {
    int n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++n;
    return n;
  };
  {
    AtomicFile f(path);
    f.write("a,");
    f.write("b\n");
    CHECK(read() == "old\n");  // not visible before commit
    CHECK(entries() == 2);     // the old file and the temporary
  }                            // destroyed without commit (an exception on the way out)
  CHECK(read() == "old\n");
  CHECK(entries() == 1);
  {
    AtomicFile f(path);
    f.write("a,");
    f.write("b\n");
    f.commit();
    CHECK_THROWS_AS(f.write("late"), Error);  // closed once committed
  }
  CHECK(read() == "a,b\n");
  CHECK(entries() == 1);
  CHECK_THROWS_AS(AtomicFile((dir / "no" / "such" / "x").string()), Error);
  fs::remove_all(dir);
}
