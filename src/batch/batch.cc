#include "automark/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "automark/report.h"
#include "automark/score.h"
#include "automark/script.h"
#include "automark/text.h"
#include "batch/cohort.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace automark {

// ------------------------------------------------------------ file names
std::string safe_file_stem(const std::string& id) {
  std::string out;
  out.reserve(id.size());
  for (unsigned char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    out.push_back(ok ? static_cast<char>(c) : '_');
  }
  for (std::size_t i = 0; i < out.size() && (out[i] == '.' || out[i] == '-'); ++i) out[i] = '_';
  for (std::size_t i = out.size(); i > 0 && out[i - 1] == '.'; --i) out[i - 1] = '_';
  if (out.empty()) out = "unknown";
  // Windows device names, with or without an extension, in any case.
  std::string base = out.substr(0, out.find('.'));
  std::string upper;
  for (char c : base) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  static const std::set<std::string> reserved = {"CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
                                                 "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
                                                 "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  if (reserved.count(upper)) out = "_" + out;
  constexpr std::size_t kMax = 96;
  if (out.size() > kMax) out = out.substr(0, kMax - 9) + "~" + sha256_hex(id).substr(0, 8);
  return out;
}

// ------------------------------------------------------------ paths
static bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::vector<std::string>* missing) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      if (missing) missing->push_back(p);
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (hidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  return files;
}

// ------------------------------------------------------------ atomic writes
AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  static std::atomic<unsigned> counter{0};
  tmp_ = path_ + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_) throw Error(path_ + ": cannot write", kExitUnreadable);
}

AtomicFile::~AtomicFile() {
  if (!file_) return;
  std::fclose(file_);
  std::remove(tmp_.c_str());
}

void AtomicFile::write(std::string_view piece) {
  if (!file_) throw Error(path_ + ": cannot write", kExitUnreadable);
  ok_ = std::fwrite(piece.data(), 1, piece.size(), file_) == piece.size() && ok_;
}

void AtomicFile::commit() {
  if (!file_) throw Error(path_ + ": cannot write", kExitUnreadable);
  bool ok = (std::fflush(file_) == 0) && ok_;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    std::remove(tmp_.c_str());
    throw Error(path_ + ": cannot write", kExitUnreadable);
  }
  std::error_code ec;
  fs::rename(tmp_, path_, ec);
  if (ec) {
    fs::remove(tmp_, ec);
    throw Error(path_ + ": cannot write: " + ec.message(), kExitUnreadable);
  }
}

void write_file_atomic(const std::string& path, const std::string& content) {
  AtomicFile f(path);
  f.write(content);
  f.commit();
}


// ------------------------------------------------------------ the run
namespace {

struct Task {
  std::string file;                 // a file to read (may yield many scripts)
  std::optional<Script> script;     // or one script already read (from a many-script file)
};

class Queue {
 public:
  void push_file(std::string f) {
    std::lock_guard<std::mutex> lock(mu_);
    files_.push_back(std::move(f));
  }
  void push_scripts(std::vector<Script> scripts) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& s : scripts) scripts_.push_back(std::move(s));
    }
    cv_.notify_all();
  }
  // Scripts first (they are already in memory), then files.
  bool pop(Task& t) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!scripts_.empty()) {
      t.file.clear();
      t.script = std::move(scripts_.front());
      scripts_.pop_front();
      return true;
    }
    if (!files_.empty()) {
      t.script.reset();
      t.file = std::move(files_.front());
      files_.pop_front();
      return true;
    }
    return false;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> files_;
  std::deque<Script> scripts_;
};

}  // namespace

BatchResult run_batch(const CompiledRubric& compiled, const BatchOptions& opt, std::ostream& err) {
  const Rubric& rubric = compiled.rubric();
  std::vector<std::string> missing;
  std::vector<std::string> files = expand_paths(opt.paths, &missing);

  fs::path out(opt.out_dir);
  fs::path reports = out / "reports";
  std::error_code ec;
  fs::create_directories(reports, ec);
  if (ec) throw Error(opt.out_dir + ": cannot create output folder: " + ec.message(), kExitUnreadable);
  // Temporary files of an interrupted run are never complete reports: remove them.
  for (fs::directory_iterator it(reports, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().find(".tmp.") != std::string::npos) fs::remove(it->path(), ec);
  }
  // Nor is a marks working file left by a run killed in the instant between
  // creating and unlinking it (cohort.cc), nor a half-written marks sheet.
  for (fs::directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(".automark-rows.tmp.", 0) == 0 || name.rfind("marks.csv.tmp.", 0) == 0 ||
        name.rfind("summary.json.tmp.", 0) == 0)
      fs::remove(it->path(), ec);
  }

  Cohort cohort(rubric, reports.string());
  for (const auto& m : missing) cohort.add_failure(m, m + ": no such file or directory");

  // The queue owns the paths (moved, not copied); each is freed once taken.
  const std::size_t total_files = files.size();
  Queue queue;
  for (auto& f : files) queue.push_file(std::move(f));
  files = {};

  std::atomic<std::size_t> files_done{0};
  std::atomic<bool> interrupted{false};
  std::mutex err_mu;
  auto start = std::chrono::steady_clock::now();

  auto draw = [&](bool final_line) {
    if (!opt.progress) return;
    std::lock_guard<std::mutex> lock(err_mu);
    std::size_t done = files_done.load();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double eta = done ? secs / static_cast<double>(done) * static_cast<double>(total_files - done) : 0;
    int width = 30;
    int filled = total_files ? static_cast<int>(width * done / total_files) : width;
    err << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
        << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total_files
        << " files, " << cohort.marked_count() << " marked, " << cohort.failed_count() << " failed, ETA "
        << static_cast<long>(eta) << "s   ";
    if (final_line) err << "\n";
    err.flush();
  };

  auto mark_one = [&](const Script& script) {
    try {
      cohort.process(compiled, script, opt.force);
    } catch (const Error& e) {
      cohort.add_failure(script.source, e.what());
    } catch (const std::exception& e) {
      cohort.add_failure(script.source, script.source + ": internal error: " + e.what());
    }
  };

  auto worker = [&] {
    Task t;
    while (true) {
      if (opt.stop && opt.stop->load()) {
        interrupted = true;
        return;
      }
      if (!queue.pop(t)) return;
      if (t.script) {
        mark_one(*t.script);
        continue;
      }
      std::vector<Script> scripts;
      try {
        scripts = read_scripts(t.file, rubric);
      } catch (const Error& e) {
        cohort.add_failure(t.file, e.what());
      } catch (const std::exception& e) {
        cohort.add_failure(t.file, t.file + ": internal error: " + e.what());
      }
      if (scripts.size() > 1) {
        // Many scripts in one file (a CSV export): let every worker share them.
        Script first = std::move(scripts.front());
        scripts.erase(scripts.begin());
        queue.push_scripts(std::move(scripts));
        mark_one(first);
      } else if (scripts.size() == 1) {
        mark_one(scripts.front());
      }
      ++files_done;
      draw(false);
    }
  };

  int jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (int i = 1; i < jobs; ++i) threads.emplace_back(worker);
  worker();
  for (auto& th : threads) th.join();
  draw(true);

  BatchResult result;
  result.interrupted = interrupted.load();
  cohort.finish(out.string(), result.interrupted);
  result.marked = cohort.marked_count();
  result.skipped = cohort.skipped_count();
  result.failed = cohort.failed_count();
  result.exit_code = result.interrupted ? 130 : (result.failed ? kExitSomeFailed : kExitOk);
  return result;
}

}  // namespace automark
