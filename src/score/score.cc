// The scorer: concept matches -> part marks -> question totals -> the sheet.
//
// Marks are doubles but only ever hold multiples of 1/4, 1/2 or whole numbers
// written in the rubric; sums, differences, min and max of such values are
// exact in binary floating point, so totals never drift. round_marks() is
// applied once at each level to absorb any odd rubric value (0.1, 1/3...).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "automark/score.h"

namespace automark {

double round_marks(double m) {
  double r = std::round(m * 1000.0) / 1000.0;
  return r == 0 ? 0.0 : r;  // no "-0"
}

namespace {

std::string fmt_marks(double m) {
  m = round_marks(m);
  if (m == std::floor(m)) return std::to_string(static_cast<long long>(m));
  std::string s = std::to_string(m);  // 6 decimals
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

/// The match for concept `i` of `part`: by id, else by position, else none.
const ConceptMatch* find_concept(const PartMatch& m, const Concept& c, std::size_t i) {
  for (const auto& cm : m.concepts)
    if (cm.id == c.id) return &cm;
  if (i < m.concepts.size() && m.concepts[i].id.empty()) return &m.concepts[i];
  return nullptr;
}

const MisconceptionMatch* find_misconception(const PartMatch& m, const Misconception& mc,
                                             std::size_t i) {
  for (const auto& mm : m.misconceptions)
    if (mm.id == mc.id) return &mm;
  if (i < m.misconceptions.size() && m.misconceptions[i].id.empty()) return &m.misconceptions[i];
  return nullptr;
}

/// What a credited concept earns before rules: the matched wording's partial
/// marks, else what the matcher says, else the concept's marks; never more
/// than the concept's marks.
double raw_marks(const Concept& c, const ConceptMatch& cm) {
  double v = c.marks;
  if (cm.wording >= 0 && static_cast<std::size_t>(cm.wording) < c.match.size() &&
      c.match[static_cast<std::size_t>(cm.wording)].marks) {
    v = *c.match[static_cast<std::size_t>(cm.wording)].marks;
  } else if (cm.marks > 0) {
    v = cm.marks;
  }
  return std::clamp(v, 0.0, c.marks);
}

/// The part's mark for a given set of credited concepts (raw marks per
/// concept, 0 = not credited) and found misconceptions. Fills per-concept
/// awarded values and per-misconception deductions when asked.
struct Outcome {
  double mark = 0;
  std::vector<double> concept_awarded;
  std::vector<bool> credited;              ///< after cancels and requires
  std::vector<double> deducted;            ///< per misconception
  std::vector<std::vector<std::string>> cancelled;
};

Outcome evaluate(const Part& part, std::vector<double> raw, const std::vector<bool>& credited,
                 const std::vector<bool>& found) {
  const std::size_t n = part.concepts.size();
  Outcome o;
  o.credited = credited;
  o.concept_awarded.assign(n, 0.0);
  o.deducted.assign(part.misconceptions.size(), 0.0);
  o.cancelled.assign(part.misconceptions.size(), {});

  // Cancels.
  for (std::size_t k = 0; k < part.misconceptions.size(); ++k) {
    if (!found[k]) continue;
    const auto& mc = part.misconceptions[k];
    for (std::size_t i = 0; i < n; ++i) {
      bool hit = false;
      for (const auto& id : mc.cancels)
        if (id == "*" || id == "all" || id == part.concepts[i].id) hit = true;
      if (hit && o.credited[i]) {
        o.credited[i] = false;
        o.cancelled[k].push_back(part.concepts[i].id);
      }
    }
  }
  // Requires, to a fixed point (chains of requirements).
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!o.credited[i]) continue;
      for (const auto& req : part.concepts[i].requires_) {
        bool ok = false;
        for (std::size_t j = 0; j < n; ++j)
          if (part.concepts[j].id == req && o.credited[j]) ok = true;
        if (!ok) {
          o.credited[i] = false;
          changed = true;
          break;
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!o.credited[i]) raw[i] = 0;

  double mark = 0;
  switch (part.rule.kind) {
    case Rule::Kind::Sum:
    case Rule::Kind::Any: {
      // Group caps, members in rubric order.
      std::map<std::string, double> left;
      for (const auto& g : part.groups) left[g.id] = g.max;
      std::vector<double> v(n, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        v[i] = raw[i];
        const auto& gid = part.concepts[i].group;
        if (!gid.empty()) {
          auto it = left.find(gid);
          if (it != left.end()) {
            v[i] = std::min(v[i], it->second);
            it->second -= v[i];
          }
        }
      }
      if (part.rule.kind == Rule::Kind::Any) {
        // The best k credited concepts count; ties go to rubric order.
        std::vector<std::size_t> idx;
        for (std::size_t i = 0; i < n; ++i)
          if (o.credited[i]) idx.push_back(i);
        std::stable_sort(idx.begin(), idx.end(),
                         [&](std::size_t a, std::size_t b) { return v[a] > v[b]; });
        std::size_t k = part.rule.any > 0 ? static_cast<std::size_t>(part.rule.any) : idx.size();
        for (std::size_t j = k; j < idx.size(); ++j) v[idx[j]] = 0;
      }
      // Part cap, in rubric order.
      double cap = part.marks;
      for (std::size_t i = 0; i < n; ++i) {
        double a = std::min(v[i], cap);
        cap -= a;
        o.concept_awarded[i] = a;
        mark += a;
      }
      break;
    }
    case Rule::Kind::Levels: {
      int count = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (o.credited[i]) ++count;
      auto levels = part.rule.levels;
      std::stable_sort(levels.begin(), levels.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (const auto& [at_least, m] : levels) {
        if (count >= at_least) {
          mark = m;
          break;
        }
      }
      // Each credited concept is one point counted by the level table.
      for (std::size_t i = 0; i < n; ++i) o.concept_awarded[i] = raw[i];
      break;
    }
    case Rule::Kind::AllOrNothing: {
      bool all = n > 0;
      for (std::size_t i = 0; i < n; ++i)
        if (!o.credited[i]) all = false;
      if (all) {
        mark = part.marks;
        for (std::size_t i = 0; i < n; ++i) o.concept_awarded[i] = part.concepts[i].marks;
      }
      break;
    }
  }
  mark = std::clamp(mark, 0.0, part.marks);

  // Penalties after the rule, in rubric order, never below 0.
  for (std::size_t k = 0; k < part.misconceptions.size(); ++k) {
    if (!found[k]) continue;
    double d = std::min(std::max(part.misconceptions[k].penalty, 0.0), mark);
    o.deducted[k] = d;
    mark -= d;
  }
  o.mark = round_marks(std::clamp(mark, 0.0, part.marks));
  return o;
}

bool choice_rule_fits(const ChoiceRule& r, const std::vector<std::string>& sel) {
  std::set<std::string> s(sel.begin(), sel.end());
  if (s.empty()) return false;
  if (!r.exactly.empty() && s != std::set<std::string>(r.exactly.begin(), r.exactly.end()))
    return false;
  for (const auto& id : r.includes)
    if (!s.count(id)) return false;
  for (const auto& id : r.excludes)
    if (s.count(id)) return false;
  return true;
}

void add_flag(PartResult& r, const std::string& code, const std::string& reason) {
  r.flags.push_back(Flag{r.id, code, reason});
}

}  // namespace

PartResult score_part(const Part& part, const PartMatch& match, const Answer* answer,
                      const PartMatch* tail) {
  PartResult r;
  r.id = part.id;
  r.max = part.marks;
  r.word_limit = part.word_limit;
  if (answer) {
    r.attempted = true;
    r.attempts = 1;
    r.attempt = answer->attempt;
    r.words = answer->words;
    if (answer->word_limit) r.word_limit = answer->word_limit;
    r.truncated = answer->truncated;
    if (answer->truncated) {
      r.cut_offset = answer->cut_offset;
      r.cut_word = answer->cut_word;
    }
    r.start = answer->start;
    r.end = answer->end;
  }

  // ---- choice parts
  if (part.choice) {
    r.selected = match.selected;
    for (const auto& rule : part.choice->rules) {
      if (choice_rule_fits(rule, r.selected)) {
        r.awarded = round_marks(std::clamp(rule.marks, 0.0, part.marks));
        break;
      }
    }
    return r;
  }

  // ---- concept parts
  const std::size_t n = part.concepts.size();
  std::vector<double> raw(n, 0.0);
  std::vector<bool> credited(n, false);
  std::vector<const ConceptMatch*> cms(n, nullptr);
  for (std::size_t i = 0; i < n; ++i) {
    cms[i] = find_concept(match, part.concepts[i], i);
    if (answer && cms[i] && cms[i]->credited) {
      credited[i] = true;
      raw[i] = raw_marks(part.concepts[i], *cms[i]);
    }
  }
  std::vector<bool> found(part.misconceptions.size(), false);
  std::vector<const MisconceptionMatch*> mms(part.misconceptions.size(), nullptr);
  for (std::size_t k = 0; k < part.misconceptions.size(); ++k) {
    mms[k] = find_misconception(match, part.misconceptions[k], k);
    found[k] = answer && mms[k] && mms[k]->found;
  }

  Outcome o = evaluate(part, raw, credited, found);
  r.awarded = o.mark;

  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = part.concepts[i];
    ConceptResult cr;
    cr.id = c.id;
    cr.max = c.marks;
    cr.credited = o.credited[i];
    cr.hint_reveals = c.feedback.reveal;
    cr.awarded = round_marks(o.concept_awarded[i]);
    if (cms[i] && cms[i]->credited && answer) {
      cr.evidence = cms[i]->evidence;
      cr.note = cms[i]->note;
    }
    if (cr.credited) {
      cr.feedback = c.feedback.credited;
    } else {
      cr.feedback = c.feedback.missed;
      if (!c.feedback.missed.empty()) r.feedback.push_back(c.feedback.missed);
    }
    r.concepts.push_back(std::move(cr));
  }
  for (std::size_t k = 0; k < part.misconceptions.size(); ++k) {
    if (!found[k]) continue;
    MisconceptionResult mr;
    mr.id = part.misconceptions[k].id;
    mr.penalty = round_marks(o.deducted[k]);
    mr.cancelled = o.cancelled[k];
    mr.evidence = mms[k]->evidence;
    mr.feedback = part.misconceptions[k].feedback;
    r.misconceptions.push_back(std::move(mr));
  }

  if (!answer) return r;

  // ---- flags
  for (std::size_t i = 0; i < n; ++i) {
    if (o.credited[i] && cms[i] && cms[i]->uncertain) {
      add_flag(r, "uncertain-negation",
               "credited evidence for '" + part.concepts[i].id +
                   "' is near a negation or contrast the matcher could not resolve");
    }
  }
  if (r.awarded == 0 && r.max > 0) {
    bool long_answer = r.word_limit && *r.word_limit > 0
                           ? r.words * 10 >= static_cast<std::size_t>(*r.word_limit) * 4
                           : r.words >= 30;
    if (long_answer) {
      std::string lim = r.word_limit ? " of " + std::to_string(*r.word_limit) : "";
      add_flag(r, "long-no-credit",
               "a long answer (" + std::to_string(r.words) + lim + " words) earns nothing");
    }
  }
  if (tail && answer->truncated) {
    std::vector<double> both = raw;
    std::vector<bool> credited_both = credited;
    for (std::size_t i = 0; i < n; ++i) {
      const ConceptMatch* t = find_concept(*tail, part.concepts[i], i);
      if (!t || !t->credited || (cms[i] && cms[i]->credited)) continue;
      r.lost_to_limit.push_back(part.concepts[i].id);
      both[i] = raw_marks(part.concepts[i], *t);
      credited_both[i] = true;
    }
    if (!r.lost_to_limit.empty()) {
      std::vector<bool> found_both = found;
      for (std::size_t k = 0; k < part.misconceptions.size(); ++k) {
        const MisconceptionMatch* t = find_misconception(*tail, part.misconceptions[k], k);
        if (t && t->found) found_both[k] = true;
      }
      Outcome w = evaluate(part, both, credited_both, found_both);
      if (w.mark > r.awarded) {
        std::string ids;
        for (const auto& id : r.lost_to_limit) ids += (ids.empty() ? "'" : ", '") + id + "'";
        add_flag(r, "lost-to-limit",
                 "this point appears after the word limit: " + ids + " (would have earned " +
                     fmt_marks(w.mark - r.awarded) + " more)");
      }
    }
  }
  return r;
}

PartResult score_answer(const CompiledRubric& compiled, const Part& part, const Answer& answer) {
  PartMatch m = compiled.match(part.id, answer.text, answer.start);
  if (answer.truncated && !answer.tail.empty()) {
    PartMatch t = compiled.match(part.id, answer.tail, answer.cut_offset);
    return score_part(part, m, &answer, &t);
  }
  return score_part(part, m, &answer, nullptr);
}

void count_questions(const Exam& exam, std::vector<QuestionResult>& questions,
                     const std::vector<std::string>& order, double& awarded, double& max) {
  std::vector<std::size_t> attempted;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    auto& qr = questions[q];
    qr.attempted = false;
    qr.counted = false;
    qr.awarded = 0;
    qr.max = 0;
    for (const auto& p : qr.parts) {
      qr.attempted = qr.attempted || p.attempted;
      qr.awarded += p.awarded;
      qr.max += p.max;
    }
    qr.awarded = round_marks(qr.awarded);
    qr.max = round_marks(qr.max);
    if (qr.attempted) attempted.push_back(q);
  }
  const std::size_t want = exam.answer > 0 ? static_cast<std::size_t>(exam.answer) : questions.size();
  if (want >= questions.size()) {
    for (auto& qr : questions) qr.counted = true;
  } else {
    std::vector<std::size_t> ranked;
    if (exam.count == Exam::Count::First) {
      // Script order of first answer; attempted questions missing from `order` go last.
      for (const auto& id : order)
        for (std::size_t q : attempted)
          if (questions[q].id == id && std::find(ranked.begin(), ranked.end(), q) == ranked.end())
            ranked.push_back(q);
      for (std::size_t q : attempted)
        if (std::find(ranked.begin(), ranked.end(), q) == ranked.end()) ranked.push_back(q);
    } else {
      ranked = attempted;  // paper order breaks ties
      std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
        return questions[a].awarded > questions[b].awarded;
      });
    }
    std::size_t taken = 0;
    for (std::size_t q : ranked) {
      if (taken == want) break;
      questions[q].counted = true;
      ++taken;
    }
    // Fewer attempted than required: unattempted questions fill the count at 0, in paper order.
    for (auto& qr : questions) {
      if (taken == want) break;
      if (!qr.attempted && !qr.counted) {
        qr.counted = true;
        ++taken;
      }
    }
  }
  awarded = 0;
  max = 0;
  for (const auto& qr : questions) {
    if (!qr.counted) continue;
    awarded += qr.awarded;
    max += qr.max;
  }
  awarded = round_marks(awarded);
  max = round_marks(max);
}

MarkSheet mark_script(const CompiledRubric& compiled, const Script& script) {
  const Rubric& rubric = compiled.rubric();
  MarkSheet sheet;
  sheet.student = script.student;
  sheet.student_source = script.student_source;
  sheet.source = script.source;
  sheet.script_sha256 = script.sha256;
  sheet.rubric_code = rubric.exam.code;
  sheet.rubric_sha256 = rubric.sha256;
  sheet.voided = script.voided;
  sheet.flags = script.flags;

  std::map<std::string, QuestionResult*> by_id;
  for (const auto& q : rubric.questions) {
    QuestionResult qr;
    qr.id = q.id;
    sheet.questions.push_back(std::move(qr));
  }
  for (auto& qr : sheet.questions) by_id[qr.id] = &qr;

  // A question answered twice as a whole: an examiner marks the better whole
  // answer, not the better of each part. The second answer starts at the
  // question's first second attempt; it is a whole answer when everything
  // the candidate wrote for the question from there on is a second attempt,
  // at two or more parts and at least half of the parts answered before
  // (corrections of single parts between first answers stay part by part).
  std::map<const Answer*, PartResult> scored;  // each answer scored once
  auto score_of = [&](const Part& leaf, const Answer& a) -> const PartResult& {
    auto it = scored.find(&a);
    if (it == scored.end()) it = scored.emplace(&a, score_answer(compiled, leaf, a)).first;
    return it->second;
  };
  std::map<std::string, std::pair<std::size_t, bool>> whole;  // question -> (where the 2nd starts, 2nd counts)
  {
    std::map<std::string, std::set<std::string>> redone;
    std::map<std::string, std::size_t> second_at;
    for (const auto& a : script.answers) {
      if (a.attempt < 2) continue;
      const std::string q = Rubric::question_of(a.part);
      redone[q].insert(a.part);
      auto [it, fresh] = second_at.emplace(q, a.start);
      if (!fresh) it->second = std::min(it->second, a.start);
    }
    for (const auto& [q, parts] : redone) {
      if (parts.size() < 2) continue;
      const std::size_t at = second_at[q];
      std::set<std::string> before;
      bool all_second = true;
      for (const auto& a : script.answers) {
        if (Rubric::question_of(a.part) != q) continue;
        if (a.start < at) before.insert(a.part);
        else if (a.attempt < 2) all_second = false;
      }
      if (!all_second || parts.size() * 2 < before.size()) continue;
      double side[2] = {0, 0};
      for (const Part* leaf : rubric.leaves()) {
        if (Rubric::question_of(leaf->id) != q) continue;
        double best[2] = {-1, -1};
        for (const auto& a : script.answers)
          if (a.part == leaf->id) {
            const int s = a.start >= at ? 1 : 0;
            best[s] = std::max(best[s], score_of(*leaf, a).awarded);
          }
        for (int s = 0; s < 2; ++s) side[s] += std::max(0.0, best[s]);
      }
      whole[q] = {at, side[1] > side[0]};
      sheet.flags.push_back(Flag{q, "question-twice",
                                 "question " + q + " is answered twice; the better whole answer (the " +
                                     (side[1] > side[0] ? "second" : "first") + ", " + fmt_marks(std::max(side[0], side[1])) +
                                     " marks against " + fmt_marks(std::min(side[0], side[1])) + ") counts"});
    }
  }

  std::vector<Flag> part_flags;
  for (const Part* leaf : rubric.leaves()) {
    std::vector<const Answer*> attempts;
    auto w = whole.find(Rubric::question_of(leaf->id));
    for (const auto& a : script.answers)
      if (a.part == leaf->id && (w == whole.end() || (a.start >= w->second.first) == w->second.second))
        attempts.push_back(&a);
    PartResult best;
    if (attempts.empty()) {
      best = score_part(*leaf, PartMatch{}, nullptr, nullptr);
    } else {
      bool first = true;
      for (const Answer* a : attempts) {
        const PartResult& r = score_of(*leaf, *a);
        if (first || r.awarded > best.awarded) best = r;
        first = false;
      }
      best.attempts = static_cast<int>(attempts.size());
      if (attempts.size() > 1) {
        best.flags.insert(best.flags.begin(),
                          Flag{leaf->id, "two-attempts",
                               std::to_string(attempts.size()) + " unvoided attempts at " +
                                   leaf->id + "; the better (attempt " +
                                   std::to_string(best.attempt) + ") counts"});
      }
    }
    part_flags.insert(part_flags.end(), best.flags.begin(), best.flags.end());
    auto it = by_id.find(Rubric::question_of(leaf->id));
    if (it != by_id.end()) it->second->parts.push_back(std::move(best));
  }
  for (auto& f : part_flags) {
    // The intake may already have flagged the same part for two attempts.
    bool dup = false;
    for (const auto& g : script.flags)
      if (g.part == f.part && g.code == f.code) dup = true;
    if (!dup) sheet.flags.push_back(std::move(f));
  }

  std::vector<std::string> order;
  for (const auto& a : script.answers) {
    std::string q = Rubric::question_of(a.part);
    if (std::find(order.begin(), order.end(), q) == order.end()) order.push_back(q);
  }
  count_questions(rubric.exam, sheet.questions, order, sheet.awarded, sheet.max);
  return sheet;
}

}  // namespace automark
