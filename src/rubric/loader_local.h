// The YAML -> Rubric builder: walks the document once, fills the model and
// collects every problem (lint). Internal to the rubric module.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "automark/rubric.h"

namespace automark::rubric_detail {

/// Thrown to abandon the walk (node limit, too many problems).
struct Stop {
  std::string message;
  int exit_code;
  int line;
  int col;
};

class Builder {
 public:
  Builder(std::string_view src, std::string file) : src_(src), file_(std::move(file)) {}

  /// Fills *r from the document's root; problems go to diagnostics().
  void build(const YAML::Node& root, Rubric* r);

  std::vector<Diagnostic>& diagnostics() { return diags_; }
  std::size_t errors() const { return errors_; }

 private:
  struct Field {
    std::string key;
    YAML::Node k, v;
  };
  using Fields = std::vector<Field>;

  // Diagnostics.
  void error(const YAML::Mark& m, std::string msg) { add(m.line + 1, m.column + 1, "error", std::move(msg)); }
  void warning(const YAML::Mark& m, std::string msg) { add(m.line + 1, m.column + 1, "warning", std::move(msg)); }
  void add(int line, int col, const char* severity, std::string msg);
  void visit();

  // Typed access.
  Fields fields(const YAML::Node& map, std::initializer_list<const char*> allowed, std::string_view where);
  static const Field* get(const Fields& f, std::string_view key);
  bool require_map(const YAML::Node& n, std::string_view what);
  std::optional<std::string> str(const Field& f);
  std::optional<double> num(const Field& f);
  std::optional<int> whole(const Field& f);
  std::optional<bool> boolean(const Field& f);
  std::optional<double> marks(const Field& f, bool allow_zero);
  std::vector<std::pair<std::string, YAML::Node>> string_list(const Field& f, bool allow_single);
  std::pair<int, int> inner_pos(const YAML::Node& scalar, int col_in_value);

  // Sections.
  Fields load_exam(const Field& f, Exam* e);
  void load_lexicon(const Field& f, Lexicon* lx);
  void check_synonym_cycles(const Lexicon& lx);
  bool load_part(const YAML::Node& n, const std::string& parent, int depth, Part* p);
  void load_leaf(const Fields& fs, const YAML::Node& n, Part* p);
  bool load_concept(const YAML::Node& n, Concept* c);
  bool load_misconception(const YAML::Node& n, Misconception* m);
  void load_match(const Field& f, std::vector<Wording>* out);
  bool load_wording(const YAML::Node& n, Wording* w);
  bool load_pattern(const YAML::Node& scalar, std::string* source, PatternNode* out,
                    std::optional<bool> fuzzy_on);
  void load_number(const Fields& fs, const YAML::Node& n, Wording* w);
  void load_expr(const Fields& fs, const Field& main, Wording* w, bool shape);
  void load_choice(const Field& f, Part* p);
  void load_rule(const Field& f, Rule* r);
  void check_leaf(const Part& p, const Fields& fs);
  void check_total(const Fields& exam_fields, const YAML::Node& questions, Rubric* r);

  std::string_view src_;
  std::string file_;
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
  std::size_t visits_ = 0;
  std::size_t leaves_ = 0;
  const Lexicon* lexicon_ = nullptr;
  std::map<std::string, SourceLoc> synonym_locs_;
};

/// "2", "1.5", "0.25": marks and quantities as an examiner writes them.
std::string fmt_num(double v);

}  // namespace automark::rubric_detail
