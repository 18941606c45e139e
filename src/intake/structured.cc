// Structured answers from online forms: JSON and YAML exports (CSV and
// spreadsheet tables: csv.cc). These are NOT segmented: each answer already
// names its part. Script::text is built
// from the answers (a label line, then the answer) so that spans and evidence
// work as for free text.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw Error(where + ": " + what, kExitUnreadable);
}

}  // namespace

Script build_structured(StructuredScript in, const Rubric& rubric, const std::string& format,
                        const std::string& stem, const std::string& sha256) {
  Script s;
  s.source = in.source;
  s.format = format;
  s.sha256 = sha256;
  if (!trim(in.student).empty()) {
    s.student = std::string(trim(in.student));
    s.student_source = "field";
  } else {
    s.student = stem;
    s.student_source = "filename";
  }
  s.flags = std::move(in.flags);

  // Known leaves in paper order (stable: repeated answers keep their order),
  // then unknown ids in the order given.
  const auto leaves = leaf_parts(rubric);
  std::map<const Part*, std::size_t> rank;
  for (std::size_t i = 0; i < leaves.size(); ++i) rank[leaves[i]] = i;
  struct Item {
    const Part* part;
    std::string id;
    std::string text;
    std::size_t order;
  };
  std::vector<Item> items;
  for (std::size_t k = 0; k < in.answers.size(); ++k) {
    auto& [id, raw] = in.answers[k];
    Utf8Repair rep = repair_utf8(raw);
    const Part* p = find_leaf(rubric, id);
    std::string shown = p ? p->id : std::string(trim(id));
    if (rep.replaced > 0)
      s.flags.push_back({shown, "invalid-utf8",
                         std::to_string(rep.replaced) + " invalid UTF-8 sequence(s) replaced by U+FFFD"});
    std::string_view t = trim(rep.text);
    // An empty form field is no answer; nor is a lone dash (Moodle writes "-"
    // for a question the candidate did not answer).
    if (t.empty() || t == "-" || t == "\u2013" || t == "\u2014") continue;
    items.push_back({p, shown, std::string(t), k});
  }
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    std::size_t ra = a.part ? rank[a.part] : leaves.size();
    std::size_t rb = b.part ? rank[b.part] : leaves.size();
    return ra < rb;
  });

  std::map<std::string, int> attempts;
  for (const Item& it : items) {
    if (!s.text.empty()) s.text += "\n";
    s.text += it.id + "\n";
    std::size_t start = s.text.size();
    s.text += it.text;
    std::size_t end = s.text.size();
    s.text += "\n";
    if (s.text.size() > ScriptLimits::kMaxTextBytes)
      fail(in.source, "answers add up to more than the " +
                          std::to_string(ScriptLimits::kMaxTextBytes >> 20) + " MiB limit for one script");
    if (!it.part) {
      s.unassigned.push_back({start, end});
      s.flags.push_back({it.id, "unknown-part",
                         "answer given for \"" + it.id + "\", which is not a leaf part of the rubric; not marked"});
      continue;
    }
    Answer a;
    a.part = it.part->id;
    a.start = start;
    a.end = end;
    a.word_limit = it.part->word_limit;
    std::size_t limit = it.part->word_limit && *it.part->word_limit > 0
                            ? static_cast<std::size_t>(*it.part->word_limit)
                            : std::numeric_limits<std::size_t>::max();
    WordCut cut = cut_at_word_limit(it.text, limit);
    a.words = cut.words;
    a.truncated = cut.truncated;
    if (cut.truncated) {
      a.text = it.text.substr(0, std::min(cut.kept_end, it.text.size()));
      a.cut_word = cut.cut_word;
      a.cut_offset = start + std::min(cut.cut_offset, it.text.size());
      a.tail = it.text.substr(std::min(cut.cut_offset, it.text.size()));
    } else {
      a.text = it.text;
    }
    a.attempt = ++attempts[a.part];
    if (a.attempt == 2)
      s.flags.push_back({a.part, "two-attempts",
                         "more than one answer given for " + a.part + "; all kept, in order, for review"});
    s.answers.push_back(std::move(a));
  }
  return s;
}

// ------------------------------------------------------------------ JSON

namespace {

std::string json_scalar(const nlohmann::ordered_json& v, const std::string& where, const std::string& what) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  if (v.is_null()) return "";
  fail(where, what + " must be text, not " + std::string(v.type_name()));
}

// Forms that group answers by question and part ({"Question 1": {"b": {"i": ...}}})
// are flattened to one answer per leaf, keyed by the path ("Question 1.b.i"),
// which the part-id reader follows down the rubric like any other key.
constexpr int kMaxAnswerNesting = 6;

void json_answer(const nlohmann::ordered_json& v, const std::string& key, const std::string& where,
                 StructuredScript& s, int depth) {
  if (v.is_object()) {
    if (depth >= kMaxAnswerNesting) fail(where, "the answer to \"" + key + "\" is nested too deeply");
    for (auto it = v.begin(); it != v.end(); ++it) json_answer(it.value(), key + "." + it.key(), where, s, depth + 1);
    return;
  }
  s.answers.emplace_back(key, json_scalar(v, where, "the answer to \"" + key + "\""));
}

/// The first of `keys` that the object has, or nullptr.
const nlohmann::ordered_json* first_key(const nlohmann::ordered_json& o, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (o.contains(k)) return &o[k];
  return nullptr;
}

/// The candidate's id: "student": "2400113", or an object holding it
/// ("candidate": {"id": "...", "name": "..."}), under the usual names.
std::string json_student(const nlohmann::ordered_json& o, const std::string& where) {
  const auto* v = first_key(o, {"student", "student_id", "candidate", "candidate_id", "candidate_number",
                                "id_number", "user"});
  if (v == nullptr) return "";
  if (v->is_object()) {
    const auto* id = first_key(*v, {"id", "student_id", "candidate_number", "candidate_id", "number", "id_number",
                                    "idnumber", "username"});
    return id ? json_scalar(*id, where, "the candidate's id") : "";
  }
  return json_scalar(*v, where, "the student id");
}

StructuredScript json_one(const nlohmann::ordered_json& o, const std::string& where) {
  if (!o.is_object()) fail(where, "expected an object {\"student\": ..., \"answers\": {...}}");
  StructuredScript s;
  s.source = where;
  s.student = json_student(o, where);
  const auto* ansp = first_key(o, {"answers", "responses"});
  if (ansp == nullptr) {
    std::string keys;
    for (auto it = o.begin(); it != o.end() && keys.size() < 120; ++it) keys += (keys.empty() ? "" : ", ") + it.key();
    fail(where, "no \"answers\" (or \"responses\"); the object has: " + (keys.empty() ? "nothing" : keys));
  }
  const auto& ans = *ansp;
  if (ans.is_object()) {
    for (auto it = ans.begin(); it != ans.end(); ++it) json_answer(it.value(), it.key(), where, s, 1);
    return s;
  }
  // A list of records, as exam web apps export them: [{"item": "1b(ii)", "text": "..."}].
  if (!ans.is_array())
    fail(where, "\"answers\" must be an object mapping part ids to answers, or a list of {part, answer} records");
  std::size_t k = 0;
  for (const auto& r : ans) {
    const std::string at = where + ":answer " + std::to_string(++k);
    if (!r.is_object()) fail(at, "each answer record must be an object such as {\"part\": \"1.b.ii\", \"answer\": \"...\"}");
    const auto* q = first_key(r, {"question", "question_id", "question_no"});
    const auto* p = first_key(r, {"part", "part_id", "item", "item_id", "label", "id", "number"});
    const auto* t = first_key(r, {"answer", "text", "response", "value", "body"});
    if ((q == nullptr && p == nullptr) || t == nullptr)
      fail(at, "an answer record needs a part (\"part\", \"item\", \"id\" or \"question\") and its text "
               "(\"answer\", \"text\" or \"response\")");
    const std::string qs = q ? json_scalar(*q, at, "the question") : "";
    const std::string ps = p ? json_scalar(*p, at, "the part") : "";
    std::string id = qs.empty() ? ps : ps.empty() ? qs : qs + " " + ps;
    if (t->is_object() || t->is_array()) {
      json_answer(*t, id, at, s, 1);
    } else {
      s.answers.emplace_back(id, json_scalar(*t, at, "the answer"));
    }
  }
  return s;
}

}  // namespace

std::vector<Script> read_json(std::string_view bytes, const std::string& name, const Rubric& rubric,
                              const std::string& sha256) {
  // JSON must be UTF-8: repair first (flagged) so one bad byte does not lose the file.
  Utf8Repair rep = repair_utf8(bytes);
  nlohmann::ordered_json j;  // ordered: unknown ids keep the file's order
  try {
    j = nlohmann::ordered_json::parse(rep.text);
  } catch (const nlohmann::ordered_json::exception& e) {  // parse_error, out_of_range (1e999)...
    std::string msg = e.what();
    auto close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
    fail(name, "invalid JSON: " + msg);
  }
  std::vector<StructuredScript> in;
  if (j.is_array()) {
    if (j.empty()) fail(name, "empty list: no scripts");
    std::size_t k = 0;
    for (const auto& e : j) in.push_back(json_one(e, name + ":item " + std::to_string(++k)));
  } else {
    in.push_back(json_one(j, name));
  }
  std::vector<Script> out;
  const std::string stem = file_stem(name);
  for (auto& s : in) {
    if (rep.replaced > 0)
      s.flags.push_back({"", "invalid-utf8",
                         std::to_string(rep.replaced) + " invalid UTF-8 sequence(s) in the file replaced by U+FFFD"});
    if (s.student.empty() && in.size() > 1) fail(s.source, "no \"student\" (needed when a file holds several scripts)");
    out.push_back(build_structured(std::move(s), rubric, "json", stem, sha256));
  }
  return out;
}

// ------------------------------------------------------------------ YAML

namespace {

/// Reject nesting deep enough to matter for yaml-cpp's recursive parser:
/// brackets over 64 deep (counted everywhere, quoted or not: it may
/// over-count, never under-count), or block indentation over 256 columns.
void check_yaml_depth(std::string_view s, const std::string& name) {
  int depth = 0;
  std::size_t indent = 0;
  bool at_line_start = true;
  for (char c : s) {
    if (c == '\n') {
      at_line_start = true;
      indent = 0;
      continue;
    }
    if (at_line_start) {
      if (c == ' ' || c == '-' || c == '?' || c == ':') {
        if (++indent > 256) fail(name, "YAML nested too deeply (indentation over 256 columns)");
        continue;
      }
      at_line_start = false;
    }
    if (c == '[' || c == '{') {
      if (++depth > 64) fail(name, "YAML nested too deeply (over 64 levels of brackets)");
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
  }
}

std::string yaml_scalar(const YAML::Node& v, const std::string& where, const std::string& what) {
  if (!v || v.IsNull()) return "";
  if (v.IsScalar()) return v.Scalar();
  fail(where, what + " must be text");
}

// Nested mappings, as for JSON: {"Question 1": {"b": {"i": ...}}} -> "Question 1.b.i".
void yaml_answer(const YAML::Node& v, const std::string& key, const std::string& where, StructuredScript& s,
                 int depth) {
  if (v && v.IsMap()) {
    if (depth >= kMaxAnswerNesting) fail(where, "the answer to \"" + key + "\" is nested too deeply");
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string sub = it->first.IsScalar() ? it->first.Scalar() : std::string();
      if (sub.empty()) fail(where, "a part id under \"" + key + "\" is not text");
      yaml_answer(it->second, key + "." + sub, where, s, depth + 1);
    }
    return;
  }
  s.answers.emplace_back(key, yaml_scalar(v, where, "the answer to \"" + key + "\""));
}

StructuredScript yaml_one(const YAML::Node& o, const std::string& where) {
  if (!o.IsMap()) fail(where, "invalid YAML script: expected a mapping with \"student\" and \"answers\"");
  StructuredScript s;
  s.source = where;
  if (o["student"]) s.student = yaml_scalar(o["student"], where, "\"student\"");
  YAML::Node ans = o["answers"];
  if (!ans) fail(where, "invalid YAML script: no \"answers\" mapping");
  if (!ans.IsMap()) fail(where, "invalid YAML script: \"answers\" must be a mapping of part ids to answers");
  for (auto it = ans.begin(); it != ans.end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    if (key.empty()) fail(where, "a part id in \"answers\" is not text");
    yaml_answer(it->second, key, where, s, 1);
  }
  return s;
}

}  // namespace

std::vector<Script> read_yaml(std::string_view bytes, const std::string& name, const Rubric& rubric,
                              const std::string& sha256) {
  check_yaml_depth(bytes, name);
  // yaml-cpp does not check UTF-8: repair first (flagged), as for JSON, so the
  // answers it hands over are valid text.
  Utf8Repair rep = repair_utf8(bytes);
  YAML::Node root;
  try {
    root = YAML::Load(rep.text);
  } catch (const YAML::Exception& e) {
    fail(name, "invalid YAML: line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  std::vector<StructuredScript> in;
  try {
    if (root.IsSequence()) {
      if (root.size() == 0) fail(name, "empty list: no scripts");
      std::size_t k = 0;
      for (const auto& e : root) in.push_back(yaml_one(e, name + ":item " + std::to_string(++k)));
    } else {
      in.push_back(yaml_one(root, name));
    }
  } catch (const YAML::Exception& e) {
    fail(name, "unexpected YAML structure: " + e.msg);
  }
  std::vector<Script> out;
  const std::string stem = file_stem(name);
  for (auto& s : in) {
    if (rep.replaced > 0)
      s.flags.push_back({"", "invalid-utf8",
                         std::to_string(rep.replaced) + " invalid UTF-8 sequence(s) in the file replaced by U+FFFD"});
    if (s.student.empty() && in.size() > 1) fail(s.source, "no \"student\" (needed when a file holds several scripts)");
    out.push_back(build_structured(std::move(s), rubric, "yaml", stem, sha256));
  }
  return out;
}

}  // namespace automark::intake
