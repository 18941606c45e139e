// Tables of answers: a small RFC 4180 CSV parser (quoted fields, "" escapes,
// CRLF or LF record ends, newlines inside quoted fields; linear time, no
// regex), the header's columns, and read_table(), which turns the rows of a
// CSV export or of a spreadsheet's worksheet (sheet.cc) into scripts.
#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "automark/diag.h"
#include "automark/text.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw Error(where + ": " + what, kExitUnreadable);
}

std::string where(const std::string& name, std::size_t row, std::size_t line) {
  std::string s = name + ":row " + std::to_string(row);
  if (line != row) s += " (line " + std::to_string(line) + ")";
  return s;
}

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text, char delim, const std::string& name,
                                 std::size_t max_records) {
  std::vector<CsvRecord> out;
  std::size_t i = 0, line = 1;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool blank = true;  // nothing but a line end so far
    for (;;) {
      // One field starting at i.
      field.clear();
      if (i < n && text[i] == '"') {
        blank = false;
        std::size_t qline = line;
        ++i;
        for (;;) {
          if (i >= n)
            throw Error(where(name, out.size() + 1, rec.line) + ": unterminated quoted field (opened on line " +
                            std::to_string(qline) + ")",
                        kExitUnreadable);
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        // After the closing quote: a delimiter, a line end or the end.
        while (i < n && (text[i] == ' ' || text[i] == '\t') && text[i] != delim) ++i;
        if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r')
          throw Error(where(name, out.size() + 1, rec.line) +
                          ": text after a closing quote (a quote inside a field must be doubled: \"\")",
                      kExitUnreadable);
      } else {
        while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
          field += text[i];
          ++i;
        }
        if (!field.empty()) blank = false;
      }
      rec.fields.push_back(field);
      if (i < n && text[i] == delim) {
        blank = false;
        ++i;
        continue;
      }
      // Record end: CRLF, LF, lone CR or end of text.
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      break;
    }
    if (blank) continue;
    if (out.size() >= max_records)
      throw Error(name + ": more than " + std::to_string(max_records) + " CSV rows (the limit)",
                  kExitUnreadable);
    out.push_back(std::move(rec));
  }
  return out;
}

bool is_student_column(std::string_view name) {
  std::string s = lower_ascii(trim(name));
  // Drop a UTF-8 BOM and surrounding quotes left by sloppy exports.
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s = s.substr(3);
  for (char& c : s)
    if (c == ' ' || c == '-') c = '_';
  while (!s.empty() && (s.back() == '.' || s.back() == ':')) s.pop_back();  // "Candidate No."
  return s == "student" || s == "student_id" || s == "studentid" || s == "student_number" ||
         s == "candidate" || s == "candidate_id" || s == "candidate_number" || s == "student_no" ||
         s == "candidate_no" || s == "id_number" || s == "idnumber" || s == "id" || s == "registration_number" ||
         s == "matriculation_number" || s == "exam_number" || s == "exam_no";
}

bool generic_id_column(std::string_view name) {
  std::string_view v = trim(name);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = trim(v.substr(1, v.size() - 2));
  std::string s = lower_ascii(v);
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s = s.substr(3);
  for (char& ch : s)
    if (ch == ' ' || ch == '-') ch = '_';
  while (!s.empty() && (s.back() == '.' || s.back() == ':')) s.pop_back();
  return s == "id" || s == "id_number" || s == "idnumber";
}

char csv_header_delimiter(std::string_view text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  std::string_view first = text.substr(0, text.find('\n'));
  for (char d : {',', ';', '\t'}) {
    if (first.find(d) == std::string_view::npos) continue;
    std::string_view f = first.substr(0, first.find(d));
    f = trim(f);
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    if (is_student_column(f)) return d;
  }
  return 0;
}

CsvColumn csv_column(std::string_view name) {
  std::string_view v = trim(name);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = trim(v.substr(1, v.size() - 2));
  if (is_student_column(v)) return CsvColumn::student;
  std::string s = lower_ascii(v);
  for (char& c : s)
    if (c == ' ' || c == '-') c = '_';
  auto any = [&](std::initializer_list<std::string_view> l) {
    for (std::string_view w : l)
      if (s == w) return true;
    return false;
  };
  if (any({"question", "question_id", "question_no", "question_number", "question_num"})) return CsvColumn::question;
  if (any({"part", "part_id", "part_no", "part_label", "sub_part", "subpart", "sub_question", "subquestion"}))
    return CsvColumn::part;
  if (any({"answer", "response", "text", "answer_text", "response_text"})) return CsvColumn::answer;
  if (any({"word_count", "words", "wordcount", "num_words", "number_of_words", "no._of_words", "marks", "mark",
           "max_marks", "score", "points"}))
    return CsvColumn::ignored;
  return CsvColumn::other;
}

bool csv_header_fits(std::string_view text, char delim, const Rubric& rubric) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  std::string_view first = text.substr(0, text.find('\n'));
  bool part = false, answer = false, leaf = false;
  std::size_t pos = 0;
  while (pos <= first.size()) {
    auto e = first.find(delim, pos);
    if (e == std::string_view::npos) e = first.size();
    std::string_view f = trim(first.substr(pos, e - pos));
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    const CsvColumn role = csv_column(f);
    part |= role == CsvColumn::part || role == CsvColumn::question;
    answer |= role == CsvColumn::answer;
    leaf |= find_leaf(rubric, f) != nullptr;
    pos = e + 1;
  }
  return (part && answer) || leaf;
}

// ---------------------------------------------------- tables of answers

std::vector<Script> read_csv(std::string_view bytes, const std::string& name, const Rubric& rubric,
                             const std::string& sha256, char delim) {
  Table t;
  t.format = "csv";
  t.delim = delim;
  Utf8Repair rep = repair_utf8(bytes);
  if (rep.replaced > 0)
    t.flags.push_back({"", "invalid-utf8",
                       std::to_string(rep.replaced) + " invalid UTF-8 sequence(s) in the file replaced by U+FFFD"});
  std::string_view text = rep.text;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  // +1: the header is a record too.
  t.rows = parse_csv(text, delim, name, ScriptLimits::kMaxCsvRows + 1);
  return read_table(std::move(t), name, rubric, sha256);
}

std::vector<Script> read_table(Table table, const std::string& name, const Rubric& rubric,
                               const std::string& sha256) {
  const auto& recs = table.rows;
  const bool sheet = table.delim == 0;
  const char delim = table.delim;
  const std::vector<Flag>& file_flags = table.flags;
  if (recs.empty()) fail(name, sheet ? "no header row (the worksheet is empty)" : "no CSV header");
  auto row_at = [&](std::size_t r) {  // r: index in recs; row 1 is the header
    if (sheet) return name + ":row " + std::to_string(recs[r].line);  // as the spreadsheet numbers it
    std::string s = name + ":row " + std::to_string(r + 1);
    if (recs[r].line != r + 1) s += " (line " + std::to_string(recs[r].line) + ")";
    return s;
  };
  const auto& header = recs[0].fields;
  // Long layout: the part id is in a part column, a question column, or both
  // ("Question 1" and "(b)(ii)": the id is "Question 1 (b)(ii)").
  int student_col = -1, question_col = -1, part_col = -1, answer_col = -1;
  std::vector<bool> ignored(header.size(), false);  // word counts, marks: never answers
  for (std::size_t c = 0; c < header.size(); ++c) {
    const CsvColumn role = csv_column(header[c]);
    const int ci = static_cast<int>(c);
    if (role == CsvColumn::student) {
      // A form's own response number ("ID") gives way to a column that names the
      // candidate ("Student number"), wherever it stands.
      if (student_col < 0 || (generic_id_column(header[static_cast<std::size_t>(student_col)]) &&
                              !generic_id_column(header[c]))) {
        if (student_col >= 0) ignored[static_cast<std::size_t>(student_col)] = true;
        student_col = ci;
      } else {
        ignored[c] = true;
      }
    } else if (role == CsvColumn::question && question_col < 0) question_col = ci;
    else if (role == CsvColumn::part && part_col < 0) part_col = ci;
    else if (role == CsvColumn::answer && answer_col < 0) answer_col = ci;
    else if (role == CsvColumn::ignored) ignored[c] = true;
  }
  if (student_col < 0)
    fail(row_at(0), "no student column in the header (expected \"student\" then part ids, or student,part,answer)");
  const bool long_layout = (part_col >= 0 || question_col >= 0) && answer_col >= 0;
  std::vector<std::pair<std::size_t, const Part*>> part_cols;  // wide: column -> part (nullptr: unknown)
  std::vector<Flag> layout_flags;
  if (!long_layout) {
    std::size_t known = 0;
    // A form's columns are headed by the question itself ("1(b)(ii) Which curve
    // ...?"): the label at the start of the header names the part.
    auto header_part = [&](const std::string& h) -> const Part* {
      if (const Part* p = find_leaf(rubric, h)) return p;
      std::vector<std::string_view> words;
      std::string_view v = trim(h);
      while (!v.empty() && words.size() < 6) {
        const std::size_t sp = v.find_first_of(" \t");
        words.push_back(v.substr(0, sp));
        if (sp == std::string_view::npos) break;
        v = trim(v.substr(sp));
      }
      for (std::size_t k = words.size(); k >= 1; --k) {
        std::string cand(words[0].data(), static_cast<std::size_t>(words[k - 1].data() + words[k - 1].size() - words[0].data()));
        while (!cand.empty() && (cand.back() == ':' || cand.back() == '.' || cand.back() == '-' || cand.back() == '?'))
          cand.pop_back();
        if (cand.find_first_of("0123456789") == std::string::npos) continue;
        if (const Part* p = find_leaf(rubric, cand)) return p;
      }
      return nullptr;
    };
    // An LMS's "Response 1", "Response 2", ... in paper order: read by position,
    // but only when there is exactly one such column per leaf part.
    const auto leaves = leaf_parts(rubric);
    std::vector<std::size_t> numbered;  // columns "Response N" / "Answer N", N = 1, 2, ... in order
    for (std::size_t c = 0; c < header.size(); ++c) {
      std::string h = lower_ascii(trim(header[c]));
      for (std::string_view w : {"response ", "answer "}) {
        if (h.rfind(w, 0) == 0 && h.size() > w.size() &&
            h.find_first_not_of("0123456789", w.size()) == std::string::npos &&
            h.substr(std::min(h.find_first_not_of('0', w.size()), h.size())) == std::to_string(numbered.size() + 1))
          numbered.push_back(c);
      }
    }
    const bool by_position = !numbered.empty() && numbered.size() == leaves.size();
    if (by_position)
      layout_flags.push_back({"", "parts-by-position",
                              "the columns \"" + header[numbered.front()] + "\" .. \"" + header[numbered.back()] +
                                  "\" name no part: read as the rubric's " + std::to_string(leaves.size()) +
                                  " leaf parts in paper order"});
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (static_cast<int>(c) == student_col) continue;
      const Part* p = header_part(header[c]);
      if (by_position) {
        auto it = std::find(numbered.begin(), numbered.end(), c);
        if (it != numbered.end()) p = leaves[static_cast<std::size_t>(it - numbered.begin())];
        else if (p == nullptr) continue;  // name, timestamps, grades: data about the attempt
      }
      if (p == nullptr && ignored[c]) continue;  // "word_count", "marks": data, not a part
      if (p) ++known;
      part_cols.emplace_back(c, p);
    }
    // Columns that name no part are form data (timestamp, e-mail, name) when
    // some columns do name parts by a label at their start: left out, not flagged.
    if (known > 0) {
      std::size_t labelled_by_prefix = 0;
      for (auto& [c, p] : part_cols)
        if (p && find_leaf(rubric, header[c]) == nullptr) ++labelled_by_prefix;
      if (labelled_by_prefix > 0) std::erase_if(part_cols, [](const auto& cp) { return cp.second == nullptr; });
    }
    if (known == 0)
      fail(row_at(0), "no column names a leaf part of the rubric (wide layout: student then one column per part id, "
                      "e.g. 1.b.ii; long layout: student,part,answer)");
    std::set<const Part*> seen;
    for (auto& [c, p] : part_cols)
      if (p && !seen.insert(p).second)
        fail(row_at(0), "two columns for part " + p->id + " (\"" + header[c] + "\")");
  }
  if (recs.size() == 1) fail(name, sheet ? "the worksheet has a header but no rows" : "CSV has a header but no rows");

  const std::string stem = file_stem(name);
  std::vector<StructuredScript> scripts;
  std::map<std::string, std::size_t> by_student;  // id -> index in scripts
  std::map<std::string, std::size_t> first_row;
  for (std::size_t r = 1; r < recs.size(); ++r) {
    const auto& f = recs[r].fields;
    if (f.size() != header.size())
      fail(row_at(r), std::to_string(f.size()) + " fields but the header has " + std::to_string(header.size()) +
                          " (a missing field, or an unquoted " + (delim == '\t' ? std::string("tab") : std::string(1, delim)) +
                          " inside an answer?)");
    std::string student(trim(f[static_cast<std::size_t>(student_col)]));
    if (student.empty()) {
      // A summary row ("Overall average") or a blank one: no id and no answer.
      bool any_answer = false;
      if (long_layout) any_answer = !trim(f[static_cast<std::size_t>(answer_col)]).empty();
      else
        for (auto& [c, p] : part_cols) any_answer = any_answer || !trim(f[c]).empty();
      if (!any_answer) continue;
      fail(row_at(r), "empty student id");
    }
    if (!long_layout) {
      if (first_row.count(student))
        fail(row_at(r), "student \"" + student + "\" appears again (first at row " +
                            std::to_string(first_row[student] + 1) + "); one row per student in the wide layout");
      first_row[student] = r;
      StructuredScript s;
      s.student = student;
      s.source = row_at(r);
      s.flags = file_flags;
      s.flags.insert(s.flags.end(), layout_flags.begin(), layout_flags.end());
      for (auto& [c, p] : part_cols) s.answers.emplace_back(p ? p->id : header[c], f[c]);
      scripts.push_back(std::move(s));
    } else {
      auto it = by_student.find(student);
      if (it == by_student.end()) {
        StructuredScript s;
        s.student = student;
        s.source = row_at(r);
        s.flags = file_flags;
        it = by_student.emplace(student, scripts.size()).first;
        scripts.push_back(std::move(s));
      }
      const std::string question(question_col >= 0 ? trim(f[static_cast<std::size_t>(question_col)]) : "");
      const std::string sub(part_col >= 0 ? trim(f[static_cast<std::size_t>(part_col)]) : "");
      std::string part = question.empty() ? sub : sub.empty() ? question : question + " " + sub;
      // A part column that already holds the whole id ("1.b.ii" next to "Question 1").
      if (!question.empty() && !sub.empty() && find_leaf(rubric, part) == nullptr && find_leaf(rubric, sub) != nullptr)
        part = sub;
      if (part.empty()) fail(row_at(r), "empty part id");
      scripts[it->second].answers.emplace_back(part, f[static_cast<std::size_t>(answer_col)]);
    }
  }
  std::vector<Script> out;
  out.reserve(scripts.size());
  for (auto& s : scripts) out.push_back(build_structured(std::move(s), rubric, table.format, stem, sha256));
  return out;
}

}  // namespace automark::intake
