// The segmentation corpus: every script in tests/fixtures/segment/ (.md/.txt)
// is split against tests/fixtures/segment/paper.yaml and compared with the
// expected split in the .json of the same name:
//   parts:      {part: [{starts, words, truncated, [kept_ends, tail_starts]}...]}
//               exactly these parts are answered, with these attempts in order
//   voided:     [{part, starts}]   voided stretches (all of them, in order)
//   unassigned: [starts]           unassigned stretches (all of them, in order)
//   flags:      ["code:part"]      flags that must be present; the codes
//                                  two-attempts, unassigned, unknown-part,
//                                  no-labels and part-inferred must not appear
//                                  unless listed
//   preamble:   starts             the preamble (absent: no preamble expected)
// "starts" are the first words of the text as written in the script.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "automark/rubric.h"
#include "automark/script.h"
#include "automark/text.h"

namespace fs = std::filesystem;
using namespace automark;

namespace {

const fs::path kDir = fs::path(AUTOMARK_SOURCE_DIR) / "tests/fixtures/segment";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Rubric& paper() {
  static const Rubric r = [] {
    LoadResult lr = load_rubric_file((kDir / "paper.yaml").string());
    for (const auto& d : lr.diagnostics) UNSCOPED_INFO(d.str());
    REQUIRE(lr.ok());
    return *lr.rubric;
  }();
  return r;
}

// First `n` words of `s` (the word rule), joined by single spaces.
std::string first_words(std::string_view s, std::size_t n) {
  std::string out;
  std::size_t i = 0, k = 0;
  while (i < s.size() && k < n) {
    std::size_t j = i;
    char32_t c = 0;
    // skip spaces
    while (j < s.size()) {
      std::size_t at = j;
      c = next_code_point(s, j);
      if (!is_word_space(c)) {
        j = at;
        break;
      }
    }
    if (j >= s.size()) break;
    std::size_t b = j;
    while (j < s.size()) {
      std::size_t at = j;
      c = next_code_point(s, j);
      if (is_word_space(c)) {
        j = at;
        break;
      }
    }
    if (!out.empty()) out += ' ';
    out.append(s.substr(b, j - b));
    ++k;
    i = j;
  }
  return out;
}

bool starts_like(std::string_view text, const std::string& expect) {
  const std::size_t n = count_words(expect);
  return first_words(text, n) == first_words(expect, n);
}

// The answer's text is Script::text at its span, with voided stretches blanked.
bool text_is_from_script(const Script& s, const Answer& a) {
  if (a.start + a.text.size() > s.text.size()) return false;
  for (std::size_t i = 0; i < a.text.size(); ++i)
    if (a.text[i] != s.text[a.start + i] && a.text[i] != ' ') return false;
  return true;
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kDir)) {
    const auto ext = e.path().extension();
    if (ext == ".md" || ext == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Checks one case; a failed REQUIRE-like condition ends this case only.
#define CASE_REQUIRE(cond) \
  do {                     \
    CHECK(cond);           \
    if (!(cond)) return;   \
  } while (0)

void check_case(const fs::path& path) {
  INFO("case " << path.filename().string());
  fs::path exp_path = path;
  exp_path.replace_extension(".json");
  CASE_REQUIRE(fs::exists(exp_path));
  const nlohmann::json exp = nlohmann::json::parse(slurp(exp_path));

  Script s;
  s.source = path.string();
  s.text = slurp(path);
  CASE_REQUIRE(is_valid_utf8(s.text));
  segment_script(s, paper());

  std::string got_desc;
  for (const auto& a : s.answers) got_desc += a.part + "#" + std::to_string(a.attempt) + " [" + a.text + "]\n";
  for (const auto& f : s.flags) got_desc += "flag " + f.code + ":" + f.part + " " + f.reason + "\n";
  INFO("segmented as:\n" << got_desc);

  // Parts: exactly the expected set, attempts in order.
  std::map<std::string, std::vector<const Answer*>> got;
  for (const auto& a : s.answers) got[a.part].push_back(&a);
  std::set<std::string> want_parts, got_parts;
  for (auto it = exp["parts"].begin(); it != exp["parts"].end(); ++it) want_parts.insert(it.key());
  for (const auto& [p, v] : got) got_parts.insert(p);
  CHECK(got_parts == want_parts);
  for (auto it = exp["parts"].begin(); it != exp["parts"].end(); ++it) {
    const auto& atts = got[it.key()];
    INFO("part " << it.key());
    CASE_REQUIRE(atts.size() == it.value().size());
    for (std::size_t k = 0; k < atts.size(); ++k) {
      const Answer& a = *atts[k];
      const auto& e = it.value()[k];
      INFO("attempt " << k + 1 << " text [" << a.text << "] tail [" << a.tail << "]");
      CHECK(a.attempt == static_cast<int>(k + 1));
      CHECK(starts_like(s.text.substr(a.start, a.end - a.start), e["starts"].get<std::string>()));
      CHECK(a.words == e["words"].get<std::size_t>());
      CHECK(a.truncated == e["truncated"].get<bool>());
      CHECK(text_is_from_script(s, a));
      CHECK(a.end <= s.text.size());
      CHECK(a.start < a.end);
      if (a.truncated) {
        const std::size_t lim = static_cast<std::size_t>(*a.word_limit);
        CHECK(a.cut_word == lim);
        CHECK(count_words(a.text) == lim);
        const std::string kept_last = e["kept_ends"].get<std::string>();
        CHECK(a.text.size() >= kept_last.size());
        CHECK(a.text.compare(a.text.size() - kept_last.size(), kept_last.size(), kept_last) == 0);
        CHECK(starts_like(a.tail, e["tail_starts"].get<std::string>()));
        CHECK(s.text.compare(a.cut_offset, a.tail.size(), a.tail) == 0);
        CHECK(count_words(a.text) + count_words(a.tail) == a.words);
      } else {
        CHECK(a.tail.empty());
        CHECK(count_words(a.text) == a.words);
      }
    }
  }

  // Voided stretches.
  const auto want_void = exp.value("voided", nlohmann::json::array());
  CASE_REQUIRE(s.voided.size() == want_void.size());
  for (std::size_t k = 0; k < s.voided.size(); ++k) {
    const Voided& v = s.voided[k];
    INFO("voided " << k << " part " << v.part << " reason " << v.reason);
    CHECK(v.part == want_void[k]["part"].get<std::string>());
    CHECK(!v.reason.empty());
    CHECK(starts_like(s.text.substr(v.span.start, v.span.end - v.span.start), want_void[k]["starts"].get<std::string>()));
    // Voided text is never part of a marked answer.
    for (const auto& a : s.answers) {
      const std::size_t lo = std::max(a.start, v.span.start), hi = std::min(a.start + a.text.size(), v.span.end);
      for (std::size_t i = lo; i < hi; ++i)  // blanked, line breaks kept
        CHECK((a.text[i - a.start] == ' ' || (a.text[i - a.start] == '\n' && s.text[i] == '\n')));
    }
  }

  // Unassigned stretches.
  const auto want_un = exp.value("unassigned", nlohmann::json::array());
  CASE_REQUIRE(s.unassigned.size() == want_un.size());
  for (std::size_t k = 0; k < s.unassigned.size(); ++k) {
    const Span sp = s.unassigned[k];
    CHECK(starts_like(s.text.substr(sp.start, sp.end - sp.start), want_un[k].get<std::string>()));
  }

  // Flags.
  std::set<std::string> got_flags;
  for (const auto& f : s.flags) {
    got_flags.insert(f.code + ":" + f.part);
    CHECK(!f.reason.empty());
  }
  std::set<std::string> want_flags;
  for (const auto& f : exp.value("flags", nlohmann::json::array())) want_flags.insert(f.get<std::string>());
  for (const auto& f : want_flags) CHECK(got_flags.count(f) == 1);
  for (const auto& f : got_flags) {
    const std::string code = f.substr(0, f.find(':'));
    if (code == "two-attempts" || code == "unassigned" || code == "unknown-part" || code == "no-labels" ||
        code == "part-inferred")
      CHECK(want_flags.count(f) == 1);
  }

  // Preamble.
  if (exp.contains("preamble")) {
    CASE_REQUIRE(s.preamble.end > s.preamble.start);
    CHECK(starts_like(s.text.substr(s.preamble.start, s.preamble.end - s.preamble.start),
                      exp["preamble"].get<std::string>()));
  } else {
    CHECK(s.preamble.end == s.preamble.start);
  }
}

}  // namespace

TEST_CASE("segmentation corpus: at least 25 cases, each with an expected split", "[segment]") {
  const auto cases = corpus();
  CHECK(cases.size() >= 25);
  for (const auto& c : cases) check_case(c);
}

TEST_CASE("the corpus rubric has the paper's shape", "[segment]") {
  const Rubric& r = paper();
  REQUIRE(r.questions.size() == 4);
  CHECK(r.leaves().size() == 28);
  REQUIRE(r.find("1.b.ii") != nullptr);
  CHECK(r.find("1.b.ii")->word_limit == 20);
  CHECK(r.find("3.e.ii") != nullptr);
}

// The sample scripts in submissions/ (written like real uploads, marked by a
// human): the parts segmentation finds answered must be exactly the parts the
// examiner marked (submissions/expected/marks.csv lists every attempted leaf).
TEST_CASE("sample submissions split into the parts the examiner marked", "[segment][submissions]") {
  const fs::path root = fs::path(AUTOMARK_SOURCE_DIR) / "submissions";
  LoadResult lr = load_rubric_file((fs::path(AUTOMARK_SOURCE_DIR) / "rubrics/ecs7013p-2024-05.yaml").string());
  REQUIRE(lr.rubric.has_value());
  const Rubric& rubric = *lr.rubric;

  std::map<std::string, std::set<std::string>> marked;  // student -> parts
  {
    std::istringstream in(slurp(root / "expected/marks.csv"));
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const auto c1 = line.find(',');
      const auto c2 = line.find(',', c1 + 1);
      if (c1 == std::string::npos || c2 == std::string::npos) continue;
      marked[line.substr(0, c1)].insert(line.substr(c1 + 1, c2 - c1 - 1));
    }
  }
  REQUIRE(marked.size() >= 10);

  // Free-text scripts, and the Markdown sources of the .docx and .pdf ones.
  std::vector<std::pair<std::string, fs::path>> scripts;
  for (const auto& e : fs::directory_iterator(root / "scripts")) {
    const auto ext = e.path().extension();
    if (ext != ".md" && ext != ".txt") continue;
    std::string id = e.path().stem().string();
    if (id == "exam_answers_final") id = "2400104";  // its id line says so (see submissions/README.md)
    scripts.emplace_back(id, e.path());
  }
  for (const auto& e : fs::directory_iterator(root / "sources"))
    if (e.path().extension() == ".md") scripts.emplace_back(e.path().stem().string(), e.path());
  std::sort(scripts.begin(), scripts.end());
  CHECK(scripts.size() >= 12);

  for (const auto& [id, path] : scripts) {
    INFO("script " << path.filename().string());
    Script s;
    s.text = slurp(path);
    segment_script(s, rubric);
    std::set<std::string> got;
    std::string desc;
    for (const auto& a : s.answers) {
      got.insert(a.part);
      desc += a.part + " [" + a.text.substr(0, 60) + "]\n";
    }
    for (const auto& f : s.flags) desc += "flag " + f.code + ":" + f.part + "\n";
    INFO("segmented as:\n" << desc);
    CHECK(got == marked[id]);
    for (const auto& a : s.answers) CHECK(a.attempt == 1);  // no sample has two unvoided attempts
  }
}

// The .docx and .pdf sample scripts were made from the Markdown in
// submissions/sources/ (see submissions/README.md): read through the readers,
// they must split into the same parts, attempts and word counts as their source.
TEST_CASE("the same script as .md, .docx and .pdf splits to the same parts", "[segment][submissions]") {
  const fs::path root = fs::path(AUTOMARK_SOURCE_DIR) / "submissions";
  LoadResult lr = load_rubric_file((fs::path(AUTOMARK_SOURCE_DIR) / "rubrics/ecs7013p-2024-05.yaml").string());
  REQUIRE(lr.rubric.has_value());
  auto summary = [](const Script& s) {
    std::vector<std::string> out;
    for (const auto& a : s.answers)
      out.push_back(a.part + "#" + std::to_string(a.attempt) + " words=" + std::to_string(a.words) +
                    (a.truncated ? " cut" : ""));
    for (const auto& v : s.voided) out.push_back("voided " + v.part);
    return out;
  };
  for (const auto& [bin, src] : {std::pair{"scripts/2400111.docx", "sources/2400111.md"},
                                 std::pair{"scripts/2400112.pdf", "sources/2400112.md"}}) {
    INFO(bin);
    const auto scripts = read_scripts((root / bin).string(), *lr.rubric);
    REQUIRE(scripts.size() == 1);
    Script md;
    md.text = slurp(root / src);
    segment_script(md, *lr.rubric);
    CHECK(md.answers.size() >= 10);
    CHECK(summary(scripts[0]) == summary(md));
  }
}

// Each Markdown case of the corpus, turned into a .docx by pandoc at test time
// (one paragraph line per source line, ~~ as Word strike-through), must split
// like the Markdown itself. Fenced code has no .docx form and is left out.
TEST_CASE("corpus Markdown cases converted to .docx split the same way", "[segment][docx]") {
  if (std::system("command -v pandoc >/dev/null 2>&1") != 0) {
    WARN("pandoc not installed: .docx equivalence not checked");
    return;
  }
  char dir_tmpl[] = "/tmp/automark_segdocx_XXXXXX";
  REQUIRE(mkdtemp(dir_tmpl) != nullptr);
  const fs::path dir = dir_tmpl;
  auto summary = [](const Script& s) {
    std::vector<std::string> out;
    for (const auto& a : s.answers)
      out.push_back(a.part + "#" + std::to_string(a.attempt) + " words=" + std::to_string(a.words) +
                    " [" + first_words(a.text, 3) + "]");
    for (const auto& v : s.voided) out.push_back("voided " + v.part);
    for (const auto& f : s.flags) out.push_back("flag " + f.code + ":" + f.part);
    return out;
  };
  int converted = 0;
  for (const auto& md : corpus()) {
    if (md.extension() != ".md") continue;
    const std::string text = slurp(md);
    if (text.find("```") != std::string::npos) continue;
    INFO("case " << md.filename().string());
    const fs::path docx = dir / (md.stem().string() + ".docx");
    const std::string cmd = "pandoc -f markdown-fancy_lists-superscript-subscript-smart+strikeout+hard_line_breaks '" +
                            md.string() + "' -o '" + docx.string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const auto scripts = read_scripts(docx.string(), paper());
    REQUIRE(scripts.size() == 1);
    Script m;
    m.text = text;
    segment_script(m, paper());
    CHECK(!m.answers.empty());
    CHECK(summary(scripts[0]) == summary(m));
    ++converted;
  }
  CHECK(converted >= 6);
  fs::remove_all(dir);
}
