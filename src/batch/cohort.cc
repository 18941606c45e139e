#include "batch/cohort.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "automark/batch.h"
#include "automark/report.h"
#include "automark/score.h"
#include "automark/text.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace automark {

namespace {

std::string hashed_name(const std::string& stem, const std::string& source) {
  return stem + "~" + sha256_hex(source).substr(0, 8) + ".json";
}

std::optional<std::string> slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string script_sha_of(const ojson& j) {
  if (j.contains("script") && j["script"].is_object() && j["script"].contains("sha256") &&
      j["script"]["sha256"].is_string())
    return j["script"]["sha256"].get<std::string>();
  if (j.contains("script_sha256") && j["script_sha256"].is_string()) return j["script_sha256"].get<std::string>();
  return {};
}

std::string str_or(const ojson& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

double num_or(const ojson& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_number()) ? it->get<double>() : 0.0;
}

bool bool_or(const ojson& j, const char* key, bool dflt) {
  auto it = j.find(key);
  return (it != j.end() && it->is_boolean()) ? it->get<bool>() : dflt;
}

/// A mark as written in the CSV and the summary: at most 3 decimals, no trailing zeros.
std::string mark_str(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", round_marks(v));
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string csv_field(const std::string& s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  // Spreadsheets execute cells starting with these: neutralise formula injection.
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '@' || (v[0] == '-' && v.size() > 1 && !std::isdigit(static_cast<unsigned char>(v[1]))))) {
    v = "'" + v;
  }
  if (!quote) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

double rounded(double v) { return std::round(v * 1000.0) / 1000.0; }

struct Stats {
  std::size_t n = 0;
  double sum = 0, sumsq = 0;
  void add(double v) {
    ++n;
    sum += v;
    sumsq += v * v;
  }
  double mean() const { return n ? sum / static_cast<double>(n) : 0; }
  /// Sample standard deviation (n - 1); 0 below two values.
  double sd() const {
    if (n < 2) return 0;
    double m = mean();
    double var = (sumsq - static_cast<double>(n) * m * m) / static_cast<double>(n - 1);
    return var > 0 ? std::sqrt(var) : 0;
  }
};

// Position of `id` in `ids`, or -1.
long index_of(const std::vector<std::string>& ids, const std::string& id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? -1 : static_cast<long>(it - ids.begin());
}

// Raw little pieces of a spilled row (same process writes and reads them).
template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

template <class T>
T take(const std::string& in, std::size_t& at) {
  if (at + sizeof(T) > in.size()) throw Error("batch: a spilled marks row is truncated", kExitUnreadable);
  T v;
  std::memcpy(&v, in.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

// "part: reason", or the reason alone for a flag on the whole script.
std::string flag_text(const std::string& part, const std::string& reason) {
  return part.empty() ? reason : part + ": " + reason;
}

}  // namespace

Cohort::Cohort(const Rubric& rubric, std::string reports_dir) : rubric_(rubric), reports_dir_(std::move(reports_dir)) {
  for (const auto& q : rubric_.questions) {
    question_ids_.push_back(q.id);
    question_max_.push_back(q.marks);
  }
  for (const Part* p : rubric_.leaves()) {
    part_ids_.push_back(p->id);
    part_max_.push_back(p->marks);
  }
  // The spill file sits next to reports/ and is unlinked at once: it vanishes
  // with the process, however the run ends.
  const fs::path spill = fs::path(reports_dir_).parent_path() / (".automark-rows.tmp." + std::to_string(::getpid()));
  spill_ = std::fopen(spill.string().c_str(), "w+b");
  if (!spill_) throw Error(spill.string() + ": cannot write the batch's working file", kExitUnreadable);
  std::remove(spill.string().c_str());
}

Cohort::~Cohort() {
  if (spill_) std::fclose(spill_);
}

std::string Cohort::encode(const CohortRow& row) const {
  std::string out;
  put(out, row.total);
  put(out, static_cast<std::uint32_t>(row.question.size()));
  for (std::size_t k = 0; k < row.question.size(); ++k) {
    put(out, row.question[k]);
    put(out, static_cast<std::uint8_t>((row.q_attempted[k] ? 1 : 0) | (row.q_counted[k] ? 2 : 0)));
  }
  put(out, static_cast<std::uint32_t>(row.part.size()));
  for (std::size_t m = 0; m < row.part.size(); ++m) {
    put(out, row.part[m]);
    put(out, static_cast<std::uint8_t>(row.p_attempted[m] ? 1 : 0));
  }
  put(out, static_cast<std::uint32_t>(row.flags.size()));
  for (const auto& f : row.flags) {
    put(out, static_cast<std::uint32_t>(f.size()));
    out += f;
  }
  return out;
}

CohortRow Cohort::load(const RowRef& ref) const {
  std::string in(ref.size, '\0');
  if (std::fseek(spill_, static_cast<long>(ref.offset), SEEK_SET) != 0 ||
      std::fread(in.data(), 1, in.size(), spill_) != in.size())
    throw Error("batch: cannot read back a marks row from the working file", kExitUnreadable);
  CohortRow row = empty_row(ref.student, ref.source, ref.file);
  std::size_t at = 0;
  row.total = take<double>(in, at);
  const auto nq = take<std::uint32_t>(in, at);
  for (std::size_t k = 0; k < nq; ++k) {
    const auto v = take<double>(in, at);
    const auto bits = take<std::uint8_t>(in, at);
    if (k >= row.question.size()) continue;
    row.question[k] = v;
    row.q_attempted[k] = (bits & 1) != 0;
    row.q_counted[k] = (bits & 2) != 0;
  }
  const auto np = take<std::uint32_t>(in, at);
  for (std::size_t m = 0; m < np; ++m) {
    const auto v = take<double>(in, at);
    const auto bits = take<std::uint8_t>(in, at);
    if (m >= row.part.size()) continue;
    row.part[m] = v;
    row.p_attempted[m] = (bits & 1) != 0;
  }
  const auto nf = take<std::uint32_t>(in, at);
  for (std::size_t i = 0; i < nf; ++i) {
    const auto len = take<std::uint32_t>(in, at);
    if (at + len > in.size()) throw Error("batch: a spilled marks row is truncated", kExitUnreadable);
    row.flags.emplace_back(in, at, len);
    at += len;
  }
  return row;
}

std::string Cohort::claim_name(const std::string& stem, const std::string& source) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = claimed_.find(stem);
  if (it == claimed_.end()) {
    claimed_[stem] = source;
    return stem + ".json";
  }
  if (it->second == source) return stem + ".json";
  return hashed_name(stem, source);
}

void Cohort::process(const CompiledRubric& compiled, const Script& script, bool force) {
  if (script.answers.empty() && script.voided.empty())
    throw Error(script.source + ": no answer in this script carries a label of " + rubric_.exam.code +
                    " (a script for another paper?)",
                kExitInvalid);
  const std::string stem = safe_file_stem(script.student);
  const fs::path dir(reports_dir_);
  if (!force) {
    for (const std::string& name : {stem + ".json", hashed_name(stem, script.source)}) {
      std::error_code ec;
      if (!fs::exists(dir / name, ec)) continue;
      auto text = slurp(dir / name);
      if (!text) continue;
      ojson j = ojson::parse(*text, nullptr, false);
      if (j.is_discarded() || !j.is_object()) continue;
      bool same = str_or(j, "source") == script.source && script_sha_of(j) == script.sha256 &&
                  j.contains("rubric") && j["rubric"].is_object() &&
                  str_or(j["rubric"], "sha256") == rubric_.sha256 && str_or(j, "engine") == engine_version();
      if (!same) continue;
      if (name == stem + ".json") {
        // Keep the plain name only if no other script of this run holds it.
        std::lock_guard<std::mutex> lock(mu_);
        auto it = claimed_.find(stem);
        if (it != claimed_.end() && it->second != script.source) continue;
        claimed_[stem] = script.source;
      }
      add_row(row_from_report(*text, name), true);
      return;
    }
  }
  std::string name = claim_name(stem, script.source);
  MarkSheet sheet = mark_script(compiled, script);
  std::string json = report_json(sheet, script);
  write_file_atomic((dir / name).string(), json);
  add_row(row_from_sheet(sheet, name), false);
}

CohortRow Cohort::row_from_sheet(const MarkSheet& sheet, const std::string& file) const {
  CohortRow row = empty_row(sheet.student, sheet.source, file);
  row.total = round_marks(sheet.awarded);
  for (const auto& q : sheet.questions) {
    const long qi = index_of(question_ids_, q.id);
    if (qi < 0) continue;
    const auto k = static_cast<std::size_t>(qi);
    row.question[k] = round_marks(q.awarded);
    row.q_attempted[k] = q.attempted;
    row.q_counted[k] = q.counted;
    for (const auto& p : q.parts) {
      const long pi = index_of(part_ids_, p.id);
      if (pi < 0) continue;
      const auto m = static_cast<std::size_t>(pi);
      row.part[m] = round_marks(p.awarded);
      row.p_attempted[m] = p.attempted;
    }
  }
  for (const auto& f : sheet.flags) row.flags.push_back(flag_text(f.part, f.reason));
  return row;
}

CohortRow Cohort::empty_row(const std::string& student, const std::string& source, const std::string& file) const {
  CohortRow row;
  row.student = student;
  row.source = source;
  row.stem = safe_file_stem(row.student);
  row.file = file;
  row.question.assign(question_ids_.size(), 0);
  row.q_attempted.assign(question_ids_.size(), false);
  row.q_counted.assign(question_ids_.size(), false);
  row.part.assign(part_ids_.size(), 0);
  row.p_attempted.assign(part_ids_.size(), false);
  return row;
}

CohortRow Cohort::row_from_report(const std::string& json_text, const std::string& file) const {
  ojson j = ojson::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw Error(file + ": report is not valid JSON", kExitInvalid);
  CohortRow row = empty_row(str_or(j, "student"), str_or(j, "source"), file);
  if (j.contains("total") && j["total"].is_object()) row.total = num_or(j["total"], "awarded");
  if (j.contains("questions") && j["questions"].is_array()) {
    for (const auto& q : j["questions"]) {
      const long qi = index_of(question_ids_, str_or(q, "id"));
      if (qi < 0) continue;
      const auto k = static_cast<std::size_t>(qi);
      row.question[k] = num_or(q, "awarded");
      row.q_attempted[k] = bool_or(q, "attempted", false);
      row.q_counted[k] = bool_or(q, "counted", false);
      if (!q.contains("parts") || !q["parts"].is_array()) continue;
      for (const auto& p : q["parts"]) {
        const long pi = index_of(part_ids_, str_or(p, "id"));
        if (pi < 0) continue;
        const auto m = static_cast<std::size_t>(pi);
        row.part[m] = num_or(p, "awarded");
        row.p_attempted[m] = bool_or(p, "attempted", num_or(p, "words") > 0);
      }
    }
  }
  if (j.contains("flags") && j["flags"].is_array()) {
    for (const auto& f : j["flags"]) {
      row.flags.push_back(flag_text(str_or(f, "part"), str_or(f, "reason")));
    }
  }
  return row;
}

void Cohort::add_row(const CohortRow& row, bool skipped) {
  const std::string bytes = encode(row);
  std::lock_guard<std::mutex> lock(mu_);
  if (std::fseek(spill_, static_cast<long>(spill_end_), SEEK_SET) != 0 ||
      std::fwrite(bytes.data(), 1, bytes.size(), spill_) != bytes.size())
    throw Error(reports_dir_ + ": cannot write the batch's working file (disk full?)", kExitUnreadable);
  rows_.push_back(RowRef{row.student, row.source, row.file, spill_end_, static_cast<std::uint32_t>(bytes.size())});
  spill_end_ += bytes.size();
  (skipped ? skipped_ : marked_)++;
}

void Cohort::add_failure(const std::string& source, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.emplace_back(source, message);
}

std::size_t Cohort::marked_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return marked_;
}
std::size_t Cohort::skipped_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return skipped_;
}
std::size_t Cohort::failed_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_.size();
}

void Cohort::finish(const std::string& out_dir, bool interrupted) {
  std::lock_guard<std::mutex> lock(mu_);
  const fs::path dir(reports_dir_);
  std::sort(rows_.begin(), rows_.end(), [](const RowRef& a, const RowRef& b) {
    return a.student != b.student ? a.student < b.student : a.source < b.source;
  });
  std::sort(failures_.begin(), failures_.end());

  // Duplicate ids (after sanitising): every holder gets a hashed name and a flag.
  std::vector<std::pair<std::string, std::size_t>> stems;
  stems.reserve(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) stems.emplace_back(safe_file_stem(rows_[i].student), i);
  std::sort(stems.begin(), stems.end());
  std::map<std::size_t, std::string> dup_flag;  // row -> the duplicate-id reason it gains
  for (std::size_t a = 0, b = 0; a < stems.size(); a = b) {
    while (b < stems.size() && stems[b].first == stems[a].first) ++b;
    const std::string& stem = stems[a].first;
    const bool dup = b - a > 1;
    for (std::size_t x = a; x < b; ++x) {
      RowRef& r = rows_[stems[x].second];
      std::string target = dup ? hashed_name(stem, r.source) : stem + ".json";
      std::error_code ec;
      if (r.file != target) {
        // A singleton whose report still has a hashed name from an earlier
        // cohort, or a duplicate holding the plain name.
        if (!dup && fs::exists(dir / target, ec)) {
          // The plain name is held by a stale report of another script: leave both.
          continue;
        }
        fs::rename(dir / r.file, dir / target, ec);
        if (!ec) r.file = target;
      }
      if (!dup) continue;
      std::string others;
      for (std::size_t y = a; y < b; ++y)
        if (y != x) others += (others.empty() ? "" : ", ") + rows_[stems[y].second].source;
      std::string reason = "student id '" + r.student + "' is also used by " + others;
      dup_flag[stems[x].second] = reason;
      auto text = slurp(dir / r.file);
      if (!text) continue;
      ojson j = ojson::parse(*text, nullptr, false);
      if (j.is_discarded() || !j.is_object()) continue;
      if (!j.contains("flags") || !j["flags"].is_array()) j["flags"] = ojson::array();
      bool present = false;
      for (const auto& f : j["flags"]) present = present || str_or(f, "reason") == reason;
      if (!present) {
        j["flags"].push_back(ojson{{"part", ""}, {"code", "duplicate-id"}, {"reason", reason}});
        write_file_atomic((dir / r.file).string(), j.dump(2) + "\n");
      }
    }
  }
  std::vector<std::pair<std::string, std::size_t>>().swap(stems);
  // Row i as spilled, plus its duplicate-id flag.
  auto row_at = [&](std::size_t i) {
    CohortRow r = load(rows_[i]);
    auto d = dup_flag.find(i);
    if (d != dup_flag.end() && std::find(r.flags.begin(), r.flags.end(), d->second) == r.flags.end())
      r.flags.push_back(d->second);
    return r;
  };

  // marks.csv, streamed row by row; the statistics are gathered on the way.
  Stats tot;
  const double max_total = rubric_.exam.total;
  const int bins = std::max(1, static_cast<int>(std::ceil(max_total / 5.0)));
  std::vector<std::size_t> counts(static_cast<std::size_t>(bins), 0);
  double tmin = 0, tmax = 0;
  std::vector<Stats> qstat(question_ids_.size()), pstat(part_ids_.size());
  std::vector<std::size_t> qcounted(question_ids_.size(), 0), pzeros(part_ids_.size(), 0);
  std::size_t nflagged = 0;
  {
    AtomicFile csv_file((fs::path(out_dir) / "marks.csv").string());
    std::string csv = "student,source";
    for (const auto& q : question_ids_) csv += "," + csv_field("Q" + q);
    csv += ",total,counted,flags\n";
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const CohortRow r = row_at(i);
      csv += csv_field(r.student) + "," + csv_field(r.source);
      std::string counted;
      for (std::size_t k = 0; k < question_ids_.size(); ++k) {
        csv += "," + (r.q_attempted[k] ? mark_str(r.question[k]) : std::string());
        if (r.q_counted[k]) counted += (counted.empty() ? "" : ";") + question_ids_[k];
      }
      csv += "," + mark_str(r.total) + "," + csv_field(counted) + "," + std::to_string(r.flags.size()) + "\n";
      if (csv.size() > (1u << 16)) {
        csv_file.write(csv);
        csv.clear();
      }
      tot.add(r.total);
      const int b = std::clamp(static_cast<int>(std::floor(r.total / 5.0)), 0, bins - 1);
      counts[static_cast<std::size_t>(b)]++;
      tmin = i == 0 ? r.total : std::min(tmin, r.total);
      tmax = i == 0 ? r.total : std::max(tmax, r.total);
      for (std::size_t k = 0; k < question_ids_.size(); ++k) {
        if (r.q_attempted[k]) qstat[k].add(r.question[k]);
        if (r.q_counted[k]) ++qcounted[k];
      }
      for (std::size_t m = 0; m < part_ids_.size(); ++m) {
        if (!r.p_attempted[m]) continue;
        pstat[m].add(r.part[m]);
        if (r.part[m] == 0) ++pzeros[m];
      }
      if (!r.flags.empty()) ++nflagged;
    }
    csv_file.write(csv);
    csv_file.commit();
  }

  // summary.json
  ojson s;
  s["rubric"] = {{"code", rubric_.exam.code}, {"sha256", rubric_.sha256}};
  s["complete"] = !interrupted;
  s["scripts"] = {{"marked", rows_.size()}, {"failed", failures_.size()}};
  ojson hist = ojson::array();
  for (int b = 0; b < bins; ++b)
    hist.push_back({{"from", b * 5}, {"to", std::min<double>((b + 1) * 5, max_total)}, {"count", counts[static_cast<std::size_t>(b)]}});
  s["total"] = {{"max", max_total}, {"mean", rounded(tot.mean())}, {"sd", rounded(tot.sd())},
                {"min", tmin}, {"highest", tmax}, {"histogram", hist}};
  ojson qs = ojson::array();
  for (std::size_t k = 0; k < question_ids_.size(); ++k) {
    const Stats& st = qstat[k];
    double fac = question_max_[k] > 0 ? st.mean() / question_max_[k] : 0;
    qs.push_back({{"id", question_ids_[k]}, {"max", question_max_[k]}, {"attempts", st.n},
                  {"mean", rounded(st.mean())}, {"sd", rounded(st.sd())}, {"facility", rounded(fac)},
                  {"counted", qcounted[k]}});
  }
  s["questions"] = qs;
  ojson ps = ojson::array();
  for (std::size_t m = 0; m < part_ids_.size(); ++m) {
    const Stats& st = pstat[m];
    double fac = part_max_[m] > 0 ? st.mean() / part_max_[m] : 0;
    double zero_share = st.n ? static_cast<double>(pzeros[m]) / static_cast<double>(st.n) : 0;
    ps.push_back({{"id", part_ids_[m]}, {"max", part_max_[m]}, {"attempts", st.n}, {"mean", rounded(st.mean())},
                  {"facility", rounded(fac)}, {"zero_share", rounded(zero_share)}});
  }
  s["parts"] = ps;
  // The flagged list can hold most of a large cohort: it is streamed entry by
  // entry, laid out as dump(2) would, instead of being built as one JSON tree.
  // The keys before it are dumped as usual.
  auto indented = [](const ojson& v, const char* pad, std::string& out) {  // v.dump(2), nested
    for (char c : v.dump(2)) {
      out.push_back(c);
      if (c == '\n') out += pad;
    }
  };
  AtomicFile summary((fs::path(out_dir) / "summary.json").string());
  std::string text = s.dump(2);
  text.resize(text.size() - 2);  // drop the closing "\n}"
  text += ",\n  \"flagged\": ";
  bool any = false;
  for (std::size_t i = 0; nflagged > 0 && i < rows_.size(); ++i) {
    const CohortRow r = row_at(i);
    if (r.flags.empty()) continue;
    const ojson e = {{"student", r.student}, {"source", r.source}, {"report", "reports/" + r.file}, {"reasons", r.flags}};
    text += any ? ",\n    " : "[\n    ";
    any = true;
    indented(e, "    ", text);
    if (text.size() > (1u << 16)) {
      summary.write(text);
      text.clear();
    }
  }
  text += any ? "\n  ]" : "[]";
  ojson fails = ojson::array();
  for (const auto& [src, msg] : failures_) fails.push_back({{"source", src}, {"message", msg}});
  text += ",\n  \"failures\": ";
  indented(fails, "  ", text);
  text += "\n}\n";
  summary.write(text);
  summary.commit();
}

}  // namespace automark
