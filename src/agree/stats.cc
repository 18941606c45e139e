#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "automark/agree.h"
#include "automark/script.h"

using ojson = nlohmann::ordered_json;

namespace automark {

// ------------------------------------------------------------ human marks CSV
namespace {

/// Split CSV text into records (RFC 4180: quotes, doubled quotes, CRLF,
/// newlines inside quotes). Each record keeps the 1-based line it starts on.
std::vector<std::pair<int, std::vector<std::string>>> parse_csv(const std::string& text, const std::string& name) {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, row_line = 1;
  std::size_t i = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  auto end_row = [&] {
    row.push_back(field);
    field.clear();
    field_started = false;
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) rows.emplace_back(row_line, row);
    row.clear();
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\r') {
      // CRLF or a lone CR both end the record.
      end_row();
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row_line = ++line;
    } else if (c == '\n') {
      end_row();
      row_line = ++line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted) throw Error(name + ":" + std::to_string(row_line) + ": unterminated quoted field", kExitInvalid);
  if (!field.empty() || !row.empty()) end_row();
  return rows;
}

std::string trim(std::string s) {
  auto sp = [](unsigned char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && sp(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t k = 0;
  while (k < s.size() && sp(static_cast<unsigned char>(s[k]))) ++k;
  return s.substr(k);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

namespace {

/// Human marks from rows (the header first), each with its line (a spreadsheet: its row number).
HumanMarks human_marks_from_rows(const std::vector<std::pair<int, std::vector<std::string>>>& rows,
                                 const std::string& name) {
  if (rows.empty()) throw Error(name + ": empty file: expected a header 'student,part,mark'", kExitInvalid);
  const auto& header = rows.front().second;
  int cs = -1, cp = -1, cm = -1;
  for (std::size_t k = 0; k < header.size(); ++k) {
    std::string h = lower(trim(header[k]));
    if (h == "student") cs = static_cast<int>(k);
    if (h == "part") cp = static_cast<int>(k);
    if (h == "mark") cm = static_cast<int>(k);
  }
  if (cs < 0 || cp < 0 || cm < 0)
    throw Error(name + ":1: the header must name the columns student, part and mark", kExitInvalid);
  HumanMarks out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& [line, f] = rows[r];
    std::string where = name + ":" + std::to_string(line);
    int need = std::max({cs, cp, cm});
    if (static_cast<int>(f.size()) <= need)
      throw Error(where + ": expected " + std::to_string(header.size()) + " fields, found " + std::to_string(f.size()),
                  kExitInvalid);
    std::string student = trim(f[static_cast<std::size_t>(cs)]);
    std::string part = trim(f[static_cast<std::size_t>(cp)]);
    std::string mark = trim(f[static_cast<std::size_t>(cm)]);
    if (student.empty() || part.empty()) throw Error(where + ": empty student or part", kExitInvalid);
    if (mark.empty()) continue;  // not marked by the human
    char* end = nullptr;
    double v = std::strtod(mark.c_str(), &end);
    if (end == mark.c_str() || *end != '\0' || !std::isfinite(v) || v < 0)
      throw Error(where + ": mark '" + mark + "' is not a non-negative number", kExitInvalid);
    if (lower(part) == "total") part = "total";
    auto& m = out[student];
    if (m.count(part)) throw Error(where + ": a second mark for " + student + " " + part, kExitInvalid);
    m[part] = v;
  }
  return out;
}

}  // namespace

HumanMarks parse_human_marks(const std::string& csv_text, const std::string& name) {
  return human_marks_from_rows(parse_csv(csv_text, name), name);
}

HumanMarks read_human_marks(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read", kExitUnreadable);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  // Marks kept in a spreadsheet (.xlsx, .ods): its worksheet's rows, as intake reads them.
  std::vector<std::pair<std::size_t, std::vector<std::string>>> sheet;
  if (bytes.size() <= ScriptLimits::kMaxFileBytes && read_sheet_rows(bytes, path, sheet)) {
    std::vector<std::pair<int, std::vector<std::string>>> rows;
    for (auto& [row, cells] : sheet) rows.emplace_back(static_cast<int>(row), std::move(cells));
    return human_marks_from_rows(rows, path);
  }
  return parse_human_marks(bytes, path);
}

// ------------------------------------------------------------ statistics
double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int k) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n == 0 || k <= 1) return 1.0;
  std::vector<std::vector<double>> obs(static_cast<std::size_t>(k), std::vector<double>(static_cast<std::size_t>(k), 0));
  std::vector<double> ha(static_cast<std::size_t>(k), 0), hb(static_cast<std::size_t>(k), 0);
  for (std::size_t i = 0; i < n; ++i) {
    auto x = static_cast<std::size_t>(std::clamp(a[i], 0, k - 1));
    auto y = static_cast<std::size_t>(std::clamp(b[i], 0, k - 1));
    obs[x][y] += 1;
    ha[x] += 1;
    hb[y] += 1;
  }
  double num = 0, den = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(k); ++i) {
    for (std::size_t j = 0; j < static_cast<std::size_t>(k); ++j) {
      double w = static_cast<double>((static_cast<long>(i) - static_cast<long>(j)) * (static_cast<long>(i) - static_cast<long>(j))) /
                 static_cast<double>((k - 1) * (k - 1));
      num += w * obs[i][j];
      den += w * ha[i] * hb[j] / static_cast<double>(n);
    }
  }
  if (den == 0) return num == 0 ? 1.0 : 0.0;
  return 1.0 - num / den;
}

namespace {

// splitmix64: a small generator whose sequence is fixed by its seed on every
// platform (std::uniform_int_distribution is not), so intervals are reproducible.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

// Percentile p of sorted values, interpolated between neighbours.
double percentile(const std::vector<double>& sorted, double p) {
  const double h = p * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(h);
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (h - static_cast<double>(i)) * (sorted[i + 1] - sorted[i]);
}

}  // namespace

BootstrapIntervals bootstrap_intervals(const std::vector<int>& a, const std::vector<int>& b, int k, double step) {
  BootstrapIntervals out;
  const std::size_t n = std::min(a.size(), b.size());
  if (n < kMinBootstrapPairs || k <= 1) return out;
  const std::size_t resamples = std::max<std::size_t>(200, std::min<std::size_t>(2000, 10'000'000 / n));
  // Kappa from five sums, the same value as quadratic_weighted_kappa's
  // matrices: the expected weighted disagreement of two raters with these
  // margins is n (var a + var b + (mean a - mean b)^2).
  SplitMix64 rng{0x61676565ULL};  // "agee": any fixed seed
  std::vector<double> kappas, maes;
  kappas.reserve(resamples);
  maes.reserve(resamples);
  for (std::size_t r = 0; r < resamples; ++r) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sd2 = 0, sad = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t j = static_cast<std::size_t>(rng.next() % n);
      const double x = std::clamp(a[j], 0, k - 1), y = std::clamp(b[j], 0, k - 1);
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sd2 += (x - y) * (x - y);
      sad += std::fabs(x - y);
    }
    const double nn = static_cast<double>(n);
    const double ma = sa / nn, mb = sb / nn;
    const double expected = nn * ((saa / nn - ma * ma) + (sbb / nn - mb * mb) + (ma - mb) * (ma - mb));
    kappas.push_back(expected <= 1e-12 ? (sd2 == 0 ? 1.0 : 0.0) : 1.0 - sd2 / expected);
    maes.push_back(sad / nn * step);
  }
  std::sort(kappas.begin(), kappas.end());
  std::sort(maes.begin(), maes.end());
  out.qwk = Interval{percentile(kappas, 0.025), percentile(kappas, 0.975)};
  out.mae = Interval{percentile(maes, 0.025), percentile(maes, 0.975)};
  return out;
}

std::optional<double> pearson_r(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return std::nullopt;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0 || syy == 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

ItemAgreement agreement_for(const std::string& id, double max, const std::vector<std::pair<double, double>>& pairs) {
  ItemAgreement a;
  a.id = id;
  a.max = max;
  a.n = pairs.size();
  bool halves = std::fmod(max, 1.0) != 0;
  double top = max;
  for (const auto& [x, y] : pairs) {
    halves = halves || std::fmod(x, 1.0) != 0 || std::fmod(y, 1.0) != 0;
    top = std::max({top, x, y});
  }
  a.step = halves ? 0.5 : 1.0;
  int k = static_cast<int>(std::llround(top / a.step)) + 1;
  for (int i = 0; i < k; ++i) a.scale.push_back(i * a.step);
  a.confusion.assign(static_cast<std::size_t>(k), std::vector<std::size_t>(static_cast<std::size_t>(k), 0));
  if (pairs.empty()) return a;
  std::vector<int> ca, ch;
  std::vector<double> xa, xh;
  double exact = 0, adjacent = 0, abs_sum = 0, signed_sum = 0;
  for (const auto& [x, y] : pairs) {
    int ix = std::clamp(static_cast<int>(std::llround(x / a.step)), 0, k - 1);
    int iy = std::clamp(static_cast<int>(std::llround(y / a.step)), 0, k - 1);
    ca.push_back(ix);
    ch.push_back(iy);
    xa.push_back(x);
    xh.push_back(y);
    a.confusion[static_cast<std::size_t>(iy)][static_cast<std::size_t>(ix)]++;
    double d = x - y;
    if (std::fabs(d) < 1e-9) exact += 1;
    if (std::fabs(d) <= 1.0 + 1e-9) adjacent += 1;
    abs_sum += std::fabs(d);
    signed_sum += d;
  }
  double n = static_cast<double>(pairs.size());
  a.exact = exact / n;
  a.adjacent = adjacent / n;
  a.mae = abs_sum / n;
  a.bias = signed_sum / n;
  a.pearson = pearson_r(xa, xh);
  a.qwk = quadratic_weighted_kappa(ca, ch, k);
  const BootstrapIntervals ci = bootstrap_intervals(ca, ch, k, a.step);
  a.qwk_ci = ci.qwk;
  a.mae_ci = ci.mae;
  return a;
}

// ------------------------------------------------------------ cohort agreement
AgreementReport compute_agreement(const Rubric& rubric, const std::vector<MarkSheet>& sheets, const HumanMarks& human) {
  AgreementReport rep;
  rep.scripts = sheets.size();
  std::vector<const Part*> leaves = rubric.leaves();
  std::map<std::string, std::vector<std::pair<double, double>>> part_pairs, q_pairs;
  std::vector<std::pair<double, double>> total_pairs;
  std::vector<Disagreement> all;
  std::set<std::string> seen;

  for (const auto& sheet : sheets) {
    seen.insert(sheet.student);
    auto hit = human.find(sheet.student);
    if (hit == human.end()) {
      rep.no_human.push_back(sheet.student);
      continue;
    }
    const auto& hm = hit->second;
    std::vector<std::pair<std::string, double>> human_q;  // question -> human mark (for the total)
    for (const auto& q : sheet.questions) {
      double qsum = 0;
      bool any_leaf = false;
      for (const auto& p : q.parts) {
        auto h = hm.find(p.id);
        if (h != hm.end()) {
          any_leaf = true;
          qsum += h->second;
        }
      }
      // Leaf level: the human file has one row per leaf the human marked; a
      // leaf missing from a question the human marked at leaf level is a 0.
      for (const auto& p : q.parts) {
        if (!any_leaf) break;
        auto h = hm.find(p.id);
        double hv = h != hm.end() ? h->second : 0.0;
        part_pairs[p.id].push_back({p.awarded, hv});
        if (std::fabs(p.awarded - hv) > 1e-9) {
          Disagreement d{sheet.student, sheet.source, p.id, p.awarded, hv, {}};
          for (const auto& c : p.concepts)
            for (const auto& e : c.evidence) d.evidence.push_back(c.id + ": \"" + e.text + "\"");
          all.push_back(std::move(d));
        }
      }
      double hq;
      auto hqi = hm.find(q.id);
      if (hqi != hm.end()) hq = hqi->second;
      else if (any_leaf) hq = qsum;
      else if (q.attempted) hq = 0;
      else continue;
      q_pairs[q.id].push_back({q.awarded, hq});
      human_q.emplace_back(q.id, hq);
    }
    double ht;
    auto hti = hm.find("total");
    if (hti != hm.end()) {
      ht = hti->second;
    } else {
      // Apply the paper's counting rule to the human question marks.
      std::vector<double> marks;
      if (rubric.exam.answer > 0 && rubric.exam.count == Exam::Count::First) {
        for (const auto& q : sheet.questions)
          if (q.counted)
            for (const auto& [id, v] : human_q)
              if (id == q.id) marks.push_back(v);
      } else {
        for (const auto& [id, v] : human_q) marks.push_back(v);
        std::sort(marks.rbegin(), marks.rend());
        if (rubric.exam.answer > 0 && marks.size() > static_cast<std::size_t>(rubric.exam.answer))
          marks.resize(static_cast<std::size_t>(rubric.exam.answer));
      }
      ht = 0;
      for (double v : marks) ht += v;
    }
    total_pairs.push_back({sheet.awarded, ht});
    if (std::fabs(sheet.awarded - ht) > 1e-9)
      all.push_back(Disagreement{sheet.student, sheet.source, "total", sheet.awarded, ht, {}});
  }
  for (const auto& [student, _] : human)
    if (!seen.count(student)) rep.no_script.push_back(student);

  for (const Part* leaf : leaves)
    if (part_pairs.count(leaf->id)) rep.parts.push_back(agreement_for(leaf->id, leaf->marks, part_pairs[leaf->id]));
  for (const auto& q : rubric.questions)
    if (q_pairs.count(q.id)) rep.questions.push_back(agreement_for(q.id, q.marks, q_pairs[q.id]));
  rep.total = agreement_for("total", rubric.exam.total, total_pairs);

  std::stable_sort(all.begin(), all.end(), [](const Disagreement& a, const Disagreement& b) {
    double da = std::fabs(a.automark - a.human), db = std::fabs(b.automark - b.human);
    if (da != db) return da > db;
    if (a.student != b.student) return a.student < b.student;
    return a.item < b.item;
  });
  if (all.size() > 10) all.resize(10);
  rep.largest = std::move(all);
  return rep;
}

// ------------------------------------------------------------ output
namespace {

double r4(double v) { return std::round(v * 10000.0) / 10000.0; }

ojson item_json(const ItemAgreement& a) {
  ojson j;
  j["id"] = a.id;
  j["max"] = a.max;
  j["n"] = a.n;
  j["exact"] = r4(a.exact);
  j["adjacent"] = r4(a.adjacent);
  j["mae"] = r4(a.mae);
  j["bias"] = r4(a.bias);
  j["pearson"] = a.pearson ? ojson(r4(*a.pearson)) : ojson(nullptr);
  j["qwk"] = a.qwk && a.n ? ojson(r4(*a.qwk)) : ojson(nullptr);
  auto interval = [](const std::optional<Interval>& v) {
    return v ? ojson::array({r4(v->lo), r4(v->hi)}) : ojson(nullptr);
  };
  j["qwk_ci95"] = interval(a.qwk_ci);
  j["mae_ci95"] = interval(a.mae_ci);
  j["scale"] = a.scale;
  j["confusion"] = a.confusion;
  return j;
}

std::string fmt_opt(const std::optional<double>& v) {
  if (!v) return "   -  ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.3f", *v);
  return buf;
}

std::string fmt_mark(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::round(v * 1000.0) / 1000.0);
  return buf;
}

}  // namespace

std::string agreement_json(const AgreementReport& r) {
  ojson j;
  j["scripts"] = r.scripts;
  ojson parts = ojson::array(), qs = ojson::array();
  for (const auto& a : r.parts) parts.push_back(item_json(a));
  for (const auto& a : r.questions) qs.push_back(item_json(a));
  j["parts"] = parts;
  j["questions"] = qs;
  j["total"] = item_json(r.total);
  ojson big = ojson::array();
  for (const auto& d : r.largest)
    big.push_back({{"student", d.student}, {"source", d.source}, {"item", d.item}, {"automark", d.automark},
                   {"human", d.human}, {"evidence", d.evidence}});
  j["largest_disagreements"] = big;
  j["no_human_marks"] = r.no_human;
  j["no_script"] = r.no_script;
  return j.dump(2) + "\n";
}

std::string agreement_text(const AgreementReport& r) {
  std::string out;
  char buf[256];
  out += "Agreement with human marks (" + std::to_string(r.scripts) + " scripts)\n\n";
  out += "item        max     n  exact  within1    MAE    bias  pearson     QWK   QWK 95% CI\n";
  auto row = [&](const ItemAgreement& a) {
    std::snprintf(buf, sizeof buf, "%-10s %4s %5zu  %5.2f  %7.2f  %5.2f  %+6.2f   %s  %s", a.id.c_str(),
                  fmt_mark(a.max).c_str(), a.n, a.exact, a.adjacent, a.mae, a.bias, fmt_opt(a.pearson).c_str(),
                  fmt_opt(a.n ? a.qwk : std::nullopt).c_str());
    out += buf;
    if (a.qwk_ci) {
      std::snprintf(buf, sizeof buf, "  [%.3f, %.3f]", a.qwk_ci->lo, a.qwk_ci->hi);
      out += buf;
    }
    out += "\n";
  };
  for (const auto& a : r.parts) row(a);
  out += "\n";
  for (const auto& a : r.questions) row(a);
  out += "\n";
  row(r.total);
  out += "\nThe intervals: 95% bootstrap (the scripts resampled), shown from " + std::to_string(kMinBootstrapPairs) +
         " scripts on;\na wide one says the figure rests on too few scripts to compare with another.\n";
  out += "\nConfusion matrix of the total is in --json. Largest disagreements:\n";
  if (r.largest.empty()) out += "  none\n";
  for (const auto& d : r.largest) {
    out += "  " + d.student + " " + d.item + ": automark " + fmt_mark(d.automark) + ", human " + fmt_mark(d.human) +
           "  (" + d.source + ")\n";
    for (const auto& e : d.evidence) out += "      " + e + "\n";
  }
  if (!r.no_human.empty()) {
    out += "\nMarked but not in the human file:";
    for (const auto& s : r.no_human) out += " " + s;
    out += "\n";
  }
  if (!r.no_script.empty()) {
    out += "In the human file but no script:";
    for (const auto& s : r.no_script) out += " " + s;
    out += "\n";
  }
  return out;
}

}  // namespace automark
