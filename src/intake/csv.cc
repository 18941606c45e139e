// A small RFC 4180 CSV parser: quoted fields, "" escapes, CRLF or LF record
// ends, newlines inside quoted fields. Linear time, no regex.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "automark/diag.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

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

}  // namespace automark::intake
