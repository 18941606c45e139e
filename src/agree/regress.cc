// Readable differences between a golden report and a current one.
#include <nlohmann/json.hpp>

#include "automark/agree.h"

using ojson = nlohmann::ordered_json;

namespace automark {

namespace {

std::string shown(const ojson& v) {
  std::string s = v.dump();
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

bool all_have_ids(const ojson& arr) {
  if (arr.empty()) return false;
  for (const auto& e : arr)
    if (!e.is_object() || !e.contains("id") || !e["id"].is_string()) return false;
  return true;
}

void diff(const ojson& a, const ojson& b, const std::string& path, std::vector<std::string>& out) {
  auto join = [&](const std::string& k) { return path.empty() ? k : path + "/" + k; };
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (path.empty() && (it.key() == "source" || it.key() == "engine")) continue;
      if (!b.contains(it.key())) out.push_back(join(it.key()) + ": removed (was " + shown(it.value()) + ")");
      else diff(it.value(), b[it.key()], join(it.key()), out);
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (path.empty() && (it.key() == "source" || it.key() == "engine")) continue;
      if (!a.contains(it.key())) out.push_back(join(it.key()) + ": added " + shown(it.value()));
    }
    return;
  }
  if (a.is_array() && b.is_array() && (all_have_ids(a) || all_have_ids(b)) &&
      (a.empty() || all_have_ids(a)) && (b.empty() || all_have_ids(b))) {
    for (const auto& ea : a) {
      const std::string id = ea["id"].get<std::string>();
      const ojson* match = nullptr;
      for (const auto& eb : b)
        if (eb["id"] == ea["id"]) match = &eb;
      if (!match) out.push_back(join(id) + ": removed");
      else diff(ea, *match, join(id), out);
    }
    for (const auto& eb : b) {
      bool found = false;
      for (const auto& ea : a) found = found || ea["id"] == eb["id"];
      if (!found) out.push_back(join(eb["id"].get<std::string>()) + ": added " + shown(eb));
    }
    return;
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) diff(a[i], b[i], join(std::to_string(i)), out);
    return;
  }
  if (a != b) out.push_back((path.empty() ? std::string("report") : path) + ": " + shown(a) + " -> " + shown(b));
}

}  // namespace

std::vector<std::string> diff_reports(const std::string& golden_json, const std::string& current_json) {
  ojson a = ojson::parse(golden_json, nullptr, false);
  ojson b = ojson::parse(current_json, nullptr, false);
  if (a.is_discarded()) return {"golden report is not valid JSON"};
  if (b.is_discarded()) return {"current report is not valid JSON"};
  std::vector<std::string> out;
  diff(a, b, "", out);
  return out;
}

}  // namespace automark
