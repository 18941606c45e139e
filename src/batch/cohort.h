// The state of one batch run: which report file each script got, the compact
// marks row of every script (never the whole reports), the failures, and the
// final marks sheet and statistics. Thread-safe.
//
// Memory: a row (marks, flags) goes to an anonymous spill file as soon as it is
// made; what stays in memory per script is its sort key (student id, source)
// and where its row lies in the spill, so the cohort's size costs about 150
// bytes a script, not its rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "automark/match.h"
#include "automark/rubric.h"
#include "automark/score.h"
#include "automark/script.h"

namespace automark {

struct CohortRow {
  std::string student;
  std::string source;
  std::string stem;                  ///< safe file stem of the student id
  std::string file;                  ///< report file name in reports/ (no folder)
  double total = 0;
  std::vector<double> question;      ///< per rubric question, paper order
  std::vector<bool> q_attempted;
  std::vector<bool> q_counted;
  std::vector<double> part;          ///< per leaf part, paper order
  std::vector<bool> p_attempted;
  std::vector<std::string> flags;    ///< "part: reason" (part may be empty)
};

class Cohort {
 public:
  Cohort(const Rubric& rubric, std::string reports_dir);
  ~Cohort();
  Cohort(const Cohort&) = delete;
  Cohort& operator=(const Cohort&) = delete;

  /// Mark one script (or keep its up-to-date report) and record its row.
  void process(const CompiledRubric& compiled, const Script& script, bool force);
  void add_failure(const std::string& source, const std::string& message);

  /// Resolve duplicate ids, write marks.csv and summary.json into out_dir.
  void finish(const std::string& out_dir, bool interrupted);

  std::size_t marked_count() const;
  std::size_t skipped_count() const;
  std::size_t failed_count() const;

 private:
  /// A row with the candidate's names and every mark 0, sized for the paper.
  CohortRow empty_row(const std::string& student, const std::string& source, const std::string& file) const;
  CohortRow row_from_report(const std::string& json_text, const std::string& file) const;
  /// The same row straight from the sheet the report was written from (no
  /// re-parse): marks rounded as the report rounds them, so the two agree.
  CohortRow row_from_sheet(const MarkSheet& sheet, const std::string& file) const;
  std::string claim_name(const std::string& stem, const std::string& source);
  void add_row(const CohortRow& row, bool skipped);

  /// Where one script's row lies in the spill file, with its sort key.
  struct RowRef {
    std::string student;
    std::string source;
    std::string file;
    std::uint64_t offset = 0;
    std::uint32_t size = 0;
  };
  std::string encode(const CohortRow& row) const;
  CohortRow load(const RowRef& ref) const;  ///< read back from the spill (caller holds mu_)

  const Rubric& rubric_;
  std::string reports_dir_;
  std::vector<std::string> question_ids_;
  std::vector<double> question_max_;
  std::vector<std::string> part_ids_;
  std::vector<double> part_max_;

  mutable std::mutex mu_;
  std::map<std::string, std::string> claimed_;   ///< stem -> source that holds the plain name
  std::FILE* spill_ = nullptr;                   ///< unlinked temporary file of encoded rows
  std::uint64_t spill_end_ = 0;
  std::vector<RowRef> rows_;
  std::vector<std::pair<std::string, std::string>> failures_;
  std::size_t marked_ = 0, skipped_ = 0;
};

}  // namespace automark
