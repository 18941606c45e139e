// load_rubric_file / load_rubric_text: bytes -> checks -> yaml-cpp -> Builder.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <new>
#include <sstream>
#include <tuple>

#include "automark/rubric.h"
#include "automark/text.h"
#include "rubric/loader_local.h"
#include "rubric/read_local.h"

namespace automark {

namespace {

using rubric_detail::Builder;
using rubric_detail::Stop;

LoadResult fail(const std::string& name, int line, int col, std::string message, int code) {
  LoadResult r;
  r.diagnostics.push_back(Diagnostic{name, line, col, "error", std::move(message)});
  r.exit_code = code;
  return r;
}

// Records where each document starts and where its first node is; ignores the rest.
struct DocumentStarts : YAML::EventHandler {
  std::vector<YAML::Mark> marks, first_node;
  void node(const YAML::Mark& m) {
    if (first_node.size() < marks.size()) first_node.push_back(m);
  }
  void OnDocumentStart(const YAML::Mark& m) override { marks.push_back(m); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { node(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(m);
  }
  void OnMapEnd() override {}
};

}  // namespace

LoadResult load_rubric_text(std::string_view bytes, const std::string& name) {
  if (bytes.size() > RubricLimits::kMaxBytes) {
    return fail(name, 0, 0,
                "file too large: " + std::to_string(bytes.size()) + " bytes (the limit is " +
                    std::to_string(RubricLimits::kMaxBytes) + ")",
                kExitUnreadable);
  }
  if (auto p = rubric_detail::check_text(bytes)) {
    return fail(name, p->line, p->col, p->message, kExitUnreadable);
  }
  if (auto p = rubric_detail::prescan_yaml(bytes, RubricLimits::kMaxDepth, RubricLimits::kMaxNodes)) {
    return fail(name, p->line, p->col, p->message, kExitUnreadable);
  }
  try {
    const std::string text(bytes);
    // Count the documents with a bounded pass of our own: yaml-cpp 0.7's LoadAll
    // loops forever, allocating, when a document's first token cannot start a
    // node (a lone ','; yaml-cpp issue 1040, fixed upstream after 0.7).
    {
      std::istringstream in(text);
      YAML::Parser parser(in);
      DocumentStarts starts;
      while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
      }
      if (starts.marks.size() > 1) {
        const YAML::Mark& a = starts.marks[0];
        const YAML::Mark& m = starts.marks[1];
        if (m.pos <= a.pos) {  // no progress: the token at m starts nothing
          const std::size_t at = static_cast<std::size_t>(std::max(0, m.pos));
          const std::string what = at < text.size() ? std::string(1, text[at]) : std::string("end of file");
          return fail(name, m.line + 1, m.column + 1, "not valid YAML: unexpected '" + what + "'", kExitUnreadable);
        }
        const YAML::Mark& at = starts.first_node.size() > 1 ? starts.first_node[1] : m;
        return fail(name, at.line + 1, at.column + 1, "more than one YAML document in the file", kExitInvalid);
      }
    }
    const YAML::Node root = YAML::Load(text);
    if (root.IsNull()) {
      return fail(name, 0, 0, "no YAML content (only blank lines or comments)", kExitUnreadable);
    }
    if (!root.IsMap()) {
      const YAML::Mark m = root.Mark();
      std::string what = root.IsSequence() ? "a list" : "a single value";
      return fail(name, m.line + 1, m.column + 1,
                  "not a rubric: the document is " + what + ", expected a mapping with 'exam' and 'questions'",
                  kExitUnreadable);
    }
    Builder b(bytes, name);
    Rubric rubric;
    LoadResult r;
    try {
      b.build(root, &rubric);
    } catch (const Stop& s) {
      b.diagnostics().push_back(Diagnostic{name, s.line, s.col, "error", s.message});
      r.diagnostics = std::move(b.diagnostics());
      r.exit_code = s.exit_code;
      return r;
    }
    r.diagnostics = std::move(b.diagnostics());
    std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& x, const Diagnostic& y) {
      return std::tie(x.line, x.col) < std::tie(y.line, y.col);
    });
    if (b.errors() > 0) {
      r.exit_code = kExitInvalid;
      return r;
    }
    rubric.path = name;
    rubric.sha256 = sha256_hex(bytes);
    r.rubric = std::move(rubric);
    r.exit_code = kExitOk;
    return r;
  } catch (const YAML::Exception& e) {
    int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    int col = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    return fail(name, line, col, "not valid YAML: " + e.msg, kExitUnreadable);
  } catch (const std::bad_alloc&) {
    return fail(name, 0, 0, "out of memory while reading the rubric", kExitUnreadable);
  } catch (const std::exception& e) {
    return fail(name, 0, 0, std::string("cannot load the rubric: ") + e.what(), kExitInvalid);
  }
}

LoadResult load_rubric_file(const std::string& path) {
  std::string bytes;
  if (auto err = rubric_detail::read_bounded(path, RubricLimits::kMaxBytes, &bytes)) {
    return fail(path, 0, 0, *err, kExitUnreadable);
  }
  return load_rubric_text(bytes, path);
}

}  // namespace automark
