// Jupyter notebooks (.ipynb): the cells' text in cell order, so that the
// segmenter reads a notebook like a typed script. Markdown (and raw) cells are
// their source as written; a code cell is its source inside a fenced block
// (``` lines, so that a comment such as "# 3(b): receptive field" is never a
// label), followed by its text outputs (stream text, text/plain results) as
// plain lines: printed results ("1024 samples") are part of the answer.
// Images, HTML and error tracebacks are left out. nbformat 4 (cells) and 3
// (worksheets[].cells, code in "input", heading cells) are read.
#include <algorithm>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "automark/diag.h"
#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what, kExitUnreadable);
}

/// Bracket depth of a JSON text (outside strings) is at most `limit`.
bool json_depth_ok(std::string_view s, int limit) {
  int depth = 0;
  bool str = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (str) {
      if (c == '\\') ++i;
      else if (c == '"') str = false;
    } else if (c == '"') {
      str = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

class NotebookText {
 public:
  explicit NotebookText(const std::string& name) : name_(name) {}

  std::string run(const json& nb) {
    if (!nb.is_object()) fail(name_, "not a Jupyter notebook (the JSON is not an object with \"cells\")");
    lang_ = language(nb);
    if (nb.contains("cells")) {
      const json& cells = nb["cells"];
      if (!cells.is_array()) fail(name_, "not a Jupyter notebook (\"cells\" is not a list)");
      std::size_t k = 0;
      for (const json& c : cells) cell(c, ++k);
    } else if (nb.contains("worksheets") && nb["worksheets"].is_array()) {  // nbformat 3
      std::size_t k = 0;
      for (const json& w : nb["worksheets"]) {
        if (!w.is_object() || !w.contains("cells") || !w["cells"].is_array())
          fail(name_, "not a Jupyter notebook (a worksheet without a \"cells\" list)");
        for (const json& c : w["cells"]) cell(c, ++k);
      }
    } else {
      fail(name_, "not a Jupyter notebook (no \"cells\" list)");
    }
    return out_;
  }

 private:
  const std::string& name_;
  std::string out_;
  std::string lang_;

  void emit(std::string_view t) {
    out_.append(t);
    if (out_.size() > ScriptLimits::kMaxTextBytes)
      fail(name_, "notebook text is over the " + std::to_string(ScriptLimits::kMaxTextBytes >> 20) +
                      " MiB limit for one script");
  }
  void end_line() {
    if (!out_.empty() && out_.back() != '\n') emit("\n");
  }

  static std::string language(const json& nb) {
    if (!nb.contains("metadata") || !nb["metadata"].is_object()) return "";
    const json& m = nb["metadata"];
    for (const char* k : {"kernelspec", "language_info"}) {
      if (!m.contains(k) || !m[k].is_object()) continue;
      const json& o = m[k];
      const char* field = std::string_view(k) == "kernelspec" ? "language" : "name";
      if (o.contains(field) && o[field].is_string()) {
        std::string l = o[field].get<std::string>();
        if (l.size() <= 20 && std::all_of(l.begin(), l.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
                     c == '-' || c == '_';
            }))
          return l;
      }
    }
    return "";
  }

  /// A multiline string: a string or a list of strings (nbformat's two forms).
  std::string lines(const json& v, const std::string& where) const {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (!v.is_array()) fail(name_, where + " must be text (a string or a list of strings)");
    std::string s;
    for (const json& e : v) {
      if (!e.is_string()) fail(name_, where + " must be text (a string or a list of strings)");
      s += e.get_ref<const std::string&>();
    }
    return s;
  }

  /// Terminal escape sequences (colours, progress bars) out of printed output.
  static std::string strip_ansi(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
        std::size_t j = i + 2;
        while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7E)) ++j;
        i = j;
        continue;
      }
      out += s[i];
    }
    return out;
  }

  /// A fence longer than any run of backticks opening a line of the code.
  static std::string fence_for(const std::string& code) {
    std::size_t longest = 0;
    std::size_t pos = 0;
    while (pos < code.size()) {
      std::size_t p = pos;
      while (p < code.size() && (code[p] == ' ' || code[p] == '\t')) ++p;
      std::size_t n = 0;
      while (p + n < code.size() && (code[p + n] == '`' || code[p + n] == '~')) ++n;
      longest = std::max(longest, n);
      const std::size_t nl = code.find('\n', pos);
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
  }

  void cell(const json& c, std::size_t k) {
    const std::string where = "cell " + std::to_string(k);
    if (!c.is_object()) fail(name_, where + " is not an object");
    if (!c.contains("cell_type") || !c["cell_type"].is_string())
      fail(name_, where + " has no \"cell_type\"");
    const std::string type = c["cell_type"].get<std::string>();
    if (type == "code") {
      const std::string src = lines(c.contains("source") ? c["source"] : c.contains("input") ? c["input"] : json(),
                                    where + "'s source");
      std::string outputs;
      if (c.contains("outputs")) {
        if (!c["outputs"].is_array()) fail(name_, where + ": \"outputs\" is not a list");
        for (const json& o : c["outputs"]) outputs += output(o, where);
      }
      if (trim(src).empty() && trim(outputs).empty()) return;
      const std::string fence = fence_for(src);
      emit(fence);
      emit(lang_);
      emit("\n");
      emit(src);
      end_line();
      emit(fence);
      emit("\n");
      if (!trim(outputs).empty()) {
        emit(outputs);
        end_line();
      }
      emit("\n");
      return;
    }
    if (type == "markdown" || type == "raw" || type == "heading") {
      const std::string src = lines(c.contains("source") ? c["source"] : json(), where + "'s source");
      if (trim(src).empty()) return;
      if (type == "heading") {  // nbformat 3
        int level = c.contains("level") && c["level"].is_number_integer() ? c["level"].get<int>() : 1;
        level = std::clamp(level, 1, 6);
        emit(std::string(static_cast<std::size_t>(level), '#'));
        emit(" ");
      }
      emit(src);
      end_line();
      emit("\n");
      return;
    }
    // Unknown cell types are left out (a future nbformat's extension).
  }

  /// The text of one output: stream text, or the text/plain form of a result.
  std::string output(const json& o, const std::string& where) const {
    if (!o.is_object() || !o.contains("output_type") || !o["output_type"].is_string()) return "";
    const std::string type = o["output_type"].get<std::string>();
    std::string t;
    if (type == "stream") {
      if (o.contains("text")) t = lines(o["text"], where + "'s output text");
    } else if (type == "execute_result" || type == "display_data" || type == "pyout") {
      if (o.contains("data") && o["data"].is_object() && o["data"].contains("text/plain"))
        t = lines(o["data"]["text/plain"], where + "'s output text");
      else if (o.contains("text"))  // nbformat 3
        t = lines(o["text"], where + "'s output text");
    }
    t = strip_ansi(t);
    if (!t.empty() && t.back() != '\n') t += '\n';
    return t;
  }
};

}  // namespace

bool looks_like_notebook(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty() || t.front() != '{') return false;
  if (text.find("\"nbformat\"") == std::string_view::npos) return false;
  if (text.find("\"cells\"") == std::string_view::npos && text.find("\"worksheets\"") == std::string_view::npos)
    return false;
  if (!json_depth_ok(text, 64)) return true;  // notebook_text() says why it is refused
  try {
    // Invalid UTF-8 is repaired before reading (as read.cc does), so it must not hide a notebook.
    const json j = is_valid_utf8(text) ? json::parse(text, nullptr, false)
                                       : json::parse(repair_utf8(text).text, nullptr, false);
    return !j.is_discarded() && j.is_object() && j.contains("nbformat") &&
           (j.contains("cells") || j.contains("worksheets"));
  } catch (const std::exception&) {
    return false;
  }
}

std::string notebook_text(std::string_view utf8, const std::string& name) {
  if (!json_depth_ok(utf8, 64)) fail(name, "not a readable Jupyter notebook (JSON nested deeper than 64 levels)");
  json nb;
  try {
    nb = json::parse(utf8);
  } catch (const json::exception& e) {
    std::string msg = e.what();
    const auto close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
    fail(name, "not a readable Jupyter notebook (invalid JSON: " + msg + ")");
  }
  std::string t = NotebookText(name).run(nb);
  if (trim(t).empty()) fail(name, "Jupyter notebook with no text (no markdown or code cell has any)");
  return t;
}

}  // namespace automark::intake
