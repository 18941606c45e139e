// Helpers for the intake reading tests: a rubric built in code (the same
// shape as tests/fixtures/intake/rubric.yaml), fixture paths, temp files.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "automark/rubric.h"
#include "automark/script.h"

namespace intake_test {

inline automark::Part leaf(const std::string& id, std::optional<int> limit = std::nullopt) {
  automark::Part p;
  p.id = id;
  p.label = id.substr(id.rfind('.') + 1);
  p.marks = 1;
  p.word_limit = limit;
  p.kind = "text";
  return p;
}

inline automark::Part node(const std::string& id, std::vector<automark::Part> kids) {
  automark::Part p;
  p.id = id;
  p.label = id.substr(id.rfind('.') + 1);
  p.parts = std::move(kids);
  return p;
}

/// Q1: a (10 words), b: i, ii, iii (8 words), c.  Q2: a, b (5 words).
inline const automark::Rubric& rubric() {
  static const automark::Rubric r = [] {
    automark::Rubric x;
    x.path = "intake-test-rubric";
    x.questions.push_back(node("1", {leaf("1.a", 10),
                                     node("1.b", {leaf("1.b.i"), leaf("1.b.ii"), leaf("1.b.iii", 8)}),
                                     leaf("1.c")}));
    x.questions.push_back(node("2", {leaf("2.a"), leaf("2.b", 5)}));
    return x;
  }();
  return r;
}

inline std::string fixture(const std::string& name) {
  return std::string(AUTOMARK_SOURCE_DIR) + "/tests/fixtures/intake/" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

/// A fresh temporary directory, removed (with its files) at scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/automark-intake-XXXXXX";
    char* p = mkdtemp(tmpl);
    path = p ? p : "/tmp";
  }
  ~TempDir() {
    std::error_code ec;
    if (path != "/tmp") std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::string p = path + "/" + name;
    std::ofstream f(p, std::ios::binary);
    f << bytes;
    return p;
  }
};

/// Non-blank lines, trimmed, with leading '#' removed (Markdown headings).
inline std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto b = line.find_first_not_of(" \t\r#");
    if (b == std::string::npos) continue;
    auto e = line.find_last_not_of(" \t\r");
    std::string t = line.substr(b, e - b + 1);
    // Collapse runs of spaces (PDF physical layout, pandoc list indents).
    std::string c;
    for (char ch : t) {
      if ((ch == ' ' || ch == '\t') && !c.empty() && c.back() == ' ') continue;
      c += (ch == '\t' ? ' ' : ch);
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace intake_test
