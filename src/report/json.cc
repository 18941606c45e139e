// The JSON report: the stable contract (docs/report.md, docs/report.schema.json).
// Keys in a fixed order (ordered_json), no timestamps, marks as short numbers.
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "automark/report.h"
#include "report/report_local.h"

namespace automark {

namespace {

using ojson = nlohmann::ordered_json;

/// 2 -> 2, 1.5 -> 1.5, 0.1 + 0.2 -> 0.3 (rounded to 1/1000).
ojson num(double m) {
  m = round_marks(m);
  if (m == std::floor(m) && std::fabs(m) < 1e15) return static_cast<std::int64_t>(m);
  return m;
}

ojson evidence_json(const std::vector<Evidence>& ev) {
  ojson a = ojson::array();
  for (const auto& e : ev) {
    ojson o;
    o["start"] = e.start;
    o["end"] = e.end;
    o["text"] = e.text;
    a.push_back(std::move(o));
  }
  return a;
}

ojson strings(const std::vector<std::string>& v) {
  ojson a = ojson::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

ojson part_json(const PartResult& p) {
  ojson o;
  o["id"] = p.id;
  o["attempted"] = p.attempted;
  o["awarded"] = num(p.awarded);
  o["max"] = num(p.max);
  o["words"] = p.words;
  o["word_limit"] = p.word_limit ? ojson(*p.word_limit) : ojson(nullptr);
  o["truncated"] = p.truncated;
  o["cut_offset"] = p.cut_offset ? ojson(*p.cut_offset) : ojson(nullptr);
  o["cut_word"] = p.truncated ? ojson(p.cut_word) : ojson(nullptr);
  o["attempts"] = p.attempts;
  o["span"] = p.attempted ? ojson{{"start", p.start}, {"end", p.end}} : ojson(nullptr);
  o["selected"] = strings(p.selected);
  ojson cs = ojson::array();
  for (const auto& c : p.concepts) {
    ojson co;
    co["id"] = c.id;
    co["credited"] = c.credited;
    co["awarded"] = num(c.awarded);
    co["max"] = num(c.max);
    co["evidence"] = evidence_json(c.evidence);
    if (!c.note.empty()) co["note"] = c.note;
    cs.push_back(std::move(co));
  }
  o["concepts"] = std::move(cs);
  ojson ms = ojson::array();
  for (const auto& m : p.misconceptions) {
    ojson mo;
    mo["id"] = m.id;
    mo["penalty"] = num(m.penalty);
    mo["cancelled"] = strings(m.cancelled);
    mo["evidence"] = evidence_json(m.evidence);
    mo["feedback"] = m.feedback;
    ms.push_back(std::move(mo));
  }
  o["misconceptions"] = std::move(ms);
  o["feedback"] = strings(p.feedback);
  o["lost_to_limit"] = strings(p.lost_to_limit);
  return o;
}

}  // namespace

const char* engine_version() { return AUTOMARK_VERSION; }

std::string report_json(const MarkSheet& sheet, const Script& script) {
  ojson r;
  r["schema"] = kReportSchemaVersion;
  r["engine"] = engine_version();
  r["rubric"] = ojson{{"code", sheet.rubric_code}, {"sha256", sheet.rubric_sha256}};
  r["student"] = sheet.student;
  r["student_source"] = sheet.student_source;
  r["source"] = sheet.source;
  r["format"] = script.format;
  r["script_sha256"] = sheet.script_sha256;
  r["total"] = ojson{{"awarded", num(sheet.awarded)}, {"max", num(sheet.max)}};
  ojson qs = ojson::array();
  for (const auto& q : sheet.questions) {
    ojson qo;
    qo["id"] = q.id;
    qo["attempted"] = q.attempted;
    qo["counted"] = q.counted;
    qo["awarded"] = num(q.awarded);
    qo["max"] = num(q.max);
    ojson ps = ojson::array();
    for (const auto& p : q.parts) ps.push_back(part_json(p));
    qo["parts"] = std::move(ps);
    qs.push_back(std::move(qo));
  }
  r["questions"] = std::move(qs);
  ojson fs = ojson::array();
  for (const auto& f : sheet.flags)
    fs.push_back(ojson{{"part", f.part}, {"code", f.code}, {"reason", f.reason}});
  r["flags"] = std::move(fs);
  ojson vs = ojson::array();
  for (const auto& v : sheet.voided)
    vs.push_back(ojson{{"part", v.part}, {"start", v.span.start}, {"end", v.span.end},
                       {"reason", v.reason}});
  r["voided"] = std::move(vs);
  // Invalid UTF-8 cannot reach here (intake repairs it), but never throw on it.
  return r.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace automark
