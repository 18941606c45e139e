// automark segment --rubric RUBRIC SCRIPT... [--json]: show what intake made
// of each script (its split into leaf parts, word counts and cut points,
// voided attempts, preamble, unassigned text, student id, flags).
// See docs/cli-segment.md.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "automark/rubric.h"
#include "automark/script.h"
#include "cli/commands.h"

namespace automark::cli {

namespace {

using ojson = nlohmann::ordered_json;

void collect_leaves(const Part& p, std::vector<const Part*>& out) {
  if (p.leaf()) {
    out.push_back(&p);
    return;
  }
  for (const Part& c : p.parts) collect_leaves(c, out);
}

std::string slice(const std::string& text, std::size_t b, std::size_t e) {
  b = std::min(b, text.size());
  e = std::min(std::max(b, e), text.size());
  return text.substr(b, e - b);
}

/// At most `max` code points of `s` on one line: newlines shown as ⏎, runs of
/// spaces collapsed, "…" when shortened.
std::string snippet(const std::string& s, std::size_t max = 60) {
  std::string out;
  std::size_t cps = 0;
  bool space = false;
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool lead = (c & 0xC0) != 0x80;
    if (lead && cps >= max) {
      out += "…";
      return out;
    }
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (out.size() >= 3 && out.compare(out.size() - 3, 3, "⏎") == 0) continue;  // blank lines
      out += "⏎";
      ++cps;
      space = true;
      continue;
    }
    if (c == '\r') continue;
    if (c == ' ' || c == '\t') {
      if (space) continue;
      out += ' ';
      space = true;
      ++cps;
      continue;
    }
    space = false;
    out += static_cast<char>(c);
    if (lead) ++cps;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// Printable on a terminal: C0/C1 control characters, DEL and bidi
/// overrides from a script are shown as \xNN / \uNNNN, never sent raw.
std::string safe(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  char buf[16];
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[i + 1]));
      out += buf;
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() &&
               ((s[i + 1] == '\x80' && static_cast<unsigned char>(s[i + 2]) >= 0xAA &&
                 static_cast<unsigned char>(s[i + 2]) <= 0xAE) ||
                (s[i + 1] == '\x81' && static_cast<unsigned char>(s[i + 2]) >= 0xA6 &&
                 static_cast<unsigned char>(s[i + 2]) <= 0xA9))) {
      unsigned cp = 0x2000u + ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) +
                    (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      std::snprintf(buf, sizeof buf, "\\u%04X", cp);
      out += buf;
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string quoted(const std::string& s) { return "\"" + safe(snippet(s)) + "\""; }

std::string span_str(std::size_t b, std::size_t e) {
  return "[" + std::to_string(b) + "," + std::to_string(e) + ")";
}

std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

void print_plain(const Script& s, const Rubric& rubric, std::ostream& out) {
  out << "== " << safe(s.source) << "  [" << s.format << "]  student " << safe(s.student) << " ("
      << s.student_source << ")\n";
  if (s.preamble.end > s.preamble.start)
    out << "   " << pad("preamble", 10) << span_str(s.preamble.start, s.preamble.end) << "  "
        << quoted(slice(s.text, s.preamble.start, s.preamble.end)) << "\n";
  std::vector<const Part*> leaves;
  for (const Part& q : rubric.questions) collect_leaves(q, leaves);
  std::map<std::string, std::vector<const Answer*>> by_part;
  for (const Answer& a : s.answers) by_part[a.part].push_back(&a);
  auto print_answer = [&](const Answer& a) {
    std::string id = safe(a.part) + (a.attempt > 1 ? " #" + std::to_string(a.attempt) : "");
    std::string words = std::to_string(a.words) + (a.word_limit ? "/" + std::to_string(*a.word_limit) : "") + " words";
    out << "   " << pad(id, 10) << pad(words, 14) << pad(span_str(a.start, a.end), 14) << quoted(a.text) << "\n";
    if (a.truncated)
      out << "   " << pad("", 10) << "CUT at word " << a.cut_word << " (byte " << a.cut_offset
          << "); not marked: " << quoted(a.tail) << "\n";
  };
  for (const Part* p : leaves) {
    auto it = by_part.find(p->id);
    if (it == by_part.end()) {
      out << "   " << pad(p->id, 10) << "-- no answer\n";
      continue;
    }
    for (const Answer* a : it->second) print_answer(*a);
    by_part.erase(it);
  }
  for (auto& [id, list] : by_part)  // answers to parts the rubric does not have (should not happen)
    for (const Answer* a : list) print_answer(*a);
  for (const Voided& v : s.voided)
    out << "   " << pad("voided", 10) << pad(v.part.empty() ? "?" : v.part, 10) << span_str(v.span.start, v.span.end)
        << "  " << safe(v.reason) << ": " << quoted(slice(s.text, v.span.start, v.span.end)) << "\n";
  for (const Span& u : s.unassigned)
    out << "   " << pad("unassigned", 12) << span_str(u.start, u.end) << "  " << quoted(slice(s.text, u.start, u.end))
        << "\n";
  for (const Flag& f : s.flags)
    out << "   " << pad("flag", 10) << (f.part.empty() ? "" : safe(f.part) + " ") << safe(f.code) << ": "
        << safe(f.reason) << "\n";
}

ojson to_json(const Script& s, const Rubric& rubric) {
  ojson j;
  j["student"] = s.student;
  j["student_source"] = s.student_source;
  j["source"] = s.source;
  j["format"] = s.format;
  j["sha256"] = s.sha256;
  ojson parts = ojson::object();
  ojson answers = ojson::array();
  for (const Answer& a : s.answers) {
    ojson ja;
    ja["part"] = a.part;
    ja["text"] = a.text;
    ja["start"] = a.start;
    ja["end"] = a.end;
    ja["words"] = a.words;
    ja["word_limit"] = a.word_limit ? ojson(*a.word_limit) : ojson();
    ja["truncated"] = a.truncated;
    ja["cut_offset"] = a.truncated ? ojson(a.cut_offset) : ojson();
    ja["cut_word"] = a.truncated ? ojson(a.cut_word) : ojson();
    ja["tail"] = a.tail;
    ja["attempt"] = a.attempt;
    if (!parts.contains(a.part)) {
      ojson first = ja;
      first.erase("part");
      first["attempts"] = 1;
      parts[a.part] = std::move(first);
    } else {
      parts[a.part]["attempts"] = parts[a.part]["attempts"].get<int>() + 1;
    }
    answers.push_back(std::move(ja));
  }
  j["parts"] = std::move(parts);
  j["answers"] = std::move(answers);
  std::vector<const Part*> leaves;
  for (const Part& q : rubric.questions) collect_leaves(q, leaves);
  ojson missing = ojson::array();
  for (const Part* p : leaves)
    if (!j["parts"].contains(p->id)) missing.push_back(p->id);
  j["missing"] = std::move(missing);
  ojson voided = ojson::array();
  for (const Voided& v : s.voided)
    voided.push_back({{"part", v.part},
                      {"start", v.span.start},
                      {"end", v.span.end},
                      {"reason", v.reason},
                      {"text", slice(s.text, v.span.start, v.span.end)}});
  j["voided"] = std::move(voided);
  j["preamble"] = {{"start", s.preamble.start},
                   {"end", s.preamble.end},
                   {"text", slice(s.text, s.preamble.start, s.preamble.end)}};
  ojson un = ojson::array();
  for (const Span& u : s.unassigned)
    un.push_back({{"start", u.start}, {"end", u.end}, {"text", slice(s.text, u.start, u.end)}});
  j["unassigned"] = std::move(un);
  ojson flags = ojson::array();
  for (const Flag& f : s.flags) flags.push_back({{"part", f.part}, {"code", f.code}, {"reason", f.reason}});
  j["flags"] = std::move(flags);
  return j;
}

}  // namespace

void setup_segment(CLI::App& sub, int& rc) {
  struct Opts {
    std::string rubric;
    std::vector<std::string> scripts;
    bool json = false;
  };
  auto opts = std::make_shared<Opts>();
  sub.add_option("--rubric", opts->rubric, "Rubric file (YAML, see docs/rubric-format.md)")->required();
  sub.add_option("SCRIPT", opts->scripts,
                 "Script files: .txt, .md, .html, .tex, .ipynb, .docx, .odt, .rtf, .pdf, or structured "
                 ".json/.yaml/.csv/.xlsx/.ods "
                 "(one file may hold many scripts)")
      ->required();
  sub.add_flag("--json", opts->json, "Print one JSON array on stdout, one object per script (docs/cli-segment.md)");
  sub.footer(
      "Shows how each script splits into the rubric's leaf parts: text, character span,\n"
      "words/limit and cut point per part; voided attempts; preamble; unassigned text;\n"
      "student id and where it came from; flags.\n"
      "Exit status: 0 every script read; 1 or 2 the rubric is invalid or unreadable\n"
      "(its diagnostics on stderr); 2 some script could not be read (its error on stderr,\n"
      "the others still shown).");
  sub.callback([opts, &rc] {
    rc = guarded([&] {
      LoadResult r = load_rubric_file(opts->rubric);
      for (const auto& d : r.diagnostics) std::cerr << d.str() << "\n";
      if (!r.ok() || !r.rubric) return r.exit_code != kExitOk ? r.exit_code : static_cast<int>(kExitInvalid);
      const Rubric& rubric = *r.rubric;
      int status = kExitOk;
      ojson all = ojson::array();
      bool first = true;
      for (const std::string& path : opts->scripts) {
        std::vector<Script> scripts;
        try {
          scripts = read_scripts(path, rubric);
        } catch (const Error& e) {
          std::cerr << "automark: " << e.what() << "\n";
          status = std::max(status, static_cast<int>(kExitUnreadable));
          continue;
        } catch (const std::exception& e) {  // a bug: report it, still show the other files
          std::cerr << "automark: " << path << ": internal error: " << e.what() << "\n";
          status = 70;
          continue;
        }
        for (const Script& s : scripts) {
          if (opts->json) {
            all.push_back(to_json(s, rubric));
          } else {
            if (!first) std::cout << "\n";
            first = false;
            print_plain(s, rubric, std::cout);
          }
        }
      }
      if (opts->json) std::cout << all.dump(2) << "\n";
      return status;
    });
  });
}

}  // namespace automark::cli
