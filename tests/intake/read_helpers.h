// Helpers for the intake reading tests: a rubric built in code (the same
// shape as tests/fixtures/intake/rubric.yaml), fixture paths, temp files.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "automark/rubric.h"
#include "automark/script.h"
#include "automark/text.h"

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

/// A minimal PDF, one page per content stream (font /F1 is Helvetica).
inline std::string pdf_with_streams(const std::vector<std::string>& streams) {
  std::vector<std::string> objs;
  std::string kids;
  for (std::size_t i = 0; i < streams.size(); ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(streams.size()) + " >>");
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t i = 0; i < streams.size(); ++i) {
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Resources << /Font << /F1 3 0 R >> >> "
                   "/Contents " + std::to_string(5 + 2 * i) + " 0 R >>");
    objs.push_back("<< /Length " + std::to_string(streams[i].size()) + " >>\nstream\n" + streams[i] + "\nendstream");
  }
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offs;
  for (std::size_t k = 0; k < objs.size(); ++k) {
    offs.push_back(out.size());
    out += std::to_string(k + 1) + " 0 obj\n" + objs[k] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offs) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

/// A minimal PDF (Helvetica text layer), one text line per string, one list per page.
inline std::string pdf_with_pages(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> streams;
  for (const auto& lines : pages) {
    std::string stream = "BT /F1 11 Tf 14 TL 20 380 Td";
    for (const auto& l : lines) stream += " (" + l + ") Tj T*";
    streams.push_back(stream + " ET");
  }
  return pdf_with_streams(streams);
}

/// A one-page PDF whose content stream is `ops`: for text set in several
/// sizes and rises (superscripts).
inline std::string pdf_with_stream(const std::string& ops) { return pdf_with_streams({ops}); }

/// The one script read from `bytes` named `name` (a test failure if there is not exactly one).
inline automark::Script one(const std::string& bytes, const std::string& name) {
  auto v = automark::read_scripts_from_bytes(bytes, name, rubric());
  REQUIRE(v.size() == 1);
  return v[0];
}

/// Does the script carry a flag with this code (on this part, when one is given)?
inline bool has_flag(const automark::Script& s, const std::string& code, const std::string& part = "") {
  for (const auto& f : s.flags)
    if (f.code == code && (part.empty() || f.part == part)) return true;
  return false;
}

/// The message of the error reading `bytes` as `name` raises (exit status 2), or "(no error)".
inline std::string bytes_error(const std::string& bytes, const std::string& name) {
  try {
    automark::read_scripts_from_bytes(bytes, name, rubric());
  } catch (const automark::Error& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  return "(no error)";
}

}  // namespace intake_test
