// A fixed, small rubric + script + MarkSheet for report tests. Built in C++
// from hand-made matches (no loader, no intake, no matcher), so the golden
// reports change only when the scorer or the report writers do.
#pragma once

#include <string>

#include "automark/report.h"
#include "automark/score.h"

namespace automark::test {

struct Sample {
  Rubric rubric;
  Script script;
  MarkSheet sheet;
};

inline Concept sample_concept(const std::string& id, double marks, const std::string& hint,
                              bool reveal = false) {
  Concept c;
  c.id = id;
  c.marks = marks;
  c.feedback.missed = hint;
  c.feedback.reveal = reveal;
  return c;
}

inline Answer sample_answer(const Script& s, const std::string& part, const std::string& text,
                            std::optional<int> limit = {}) {
  Answer a;
  a.part = part;
  a.start = s.text.find(text);
  a.end = a.start + text.size();
  a.text = text;
  a.word_limit = limit;
  std::size_t words = 0;
  bool in = false;
  for (char c : text) {
    bool sp = c == ' ' || c == '\n';
    if (!sp && !in) ++words;
    in = !sp;
  }
  a.words = words;
  return a;
}

inline ConceptMatch hit(const Script& s, const std::string& id, const std::string& text) {
  ConceptMatch m;
  m.id = id;
  m.credited = true;
  std::size_t at = s.text.find(text);
  m.evidence.push_back(Evidence{at, at + text.size(), text});
  return m;
}

inline Sample make_sample() {
  Sample x;
  Rubric& r = x.rubric;
  r.path = "demo.yaml";
  r.sha256 = std::string(64, 'a');
  r.exam.code = "DEMO101";
  r.exam.answer = 1;
  r.exam.count = Exam::Count::Best;
  r.exam.total = 6;

  // Question 1: (a) a choice [2]; (b) a text part [4], limit 12 words.
  Part q1;
  q1.id = "1";
  q1.label = "1";
  q1.marks = 6;
  Part a;
  a.id = "1.a";
  a.label = "a";
  a.marks = 2;
  a.kind = "choice";
  Choice ch;
  const char* ids[] = {"relu", "tanh", "none"};
  const char* labels[] = {"ReLU", "Tanh", "None of the above"};
  for (int i = 0; i < 3; ++i) {
    ChoiceOption o;
    o.id = ids[i];
    o.label = labels[i];
    o.letter = std::string(1, static_cast<char>('a' + i));
    ch.options.push_back(o);
  }
  ChoiceRule exact;
  exact.exactly = {"tanh"};
  exact.marks = 2;
  ch.rules.push_back(exact);
  a.choice = ch;
  Part b;
  b.id = "1.b";
  b.label = "b";
  b.marks = 4;
  b.word_limit = 12;
  b.kind = "text";
  b.concepts = {sample_concept("learning-rate", 2, "Which setting controls the size of each update?"),
                sample_concept("overshoot", 1.5, "What happens when the steps are too large?"),
                sample_concept("diverge", 0.5, "The loss rises: the model diverges.", true)};
  Misconception mc;
  mc.id = "batch-size";
  mc.penalty = 0.5;
  mc.feedback = "The batch size does not change the step length.";
  b.misconceptions.push_back(mc);
  q1.parts = {a, b};

  // Question 2: a single leaf [6], no limit.
  Part q2;
  q2.id = "2";
  q2.label = "2";
  q2.marks = 6;
  q2.kind = "text";
  q2.concepts = {sample_concept("softmax", 3, "Name the output activation."),
                 sample_concept("sums-to-one", 3, "What do the outputs add up to?")};
  r.questions = {q1, q2};

  Script& s = x.script;
  s.student = "S0001";
  s.student_source = "id-line";
  s.source = "scripts/s0001.txt";
  s.format = "text";
  s.sha256 = std::string(64, 'b');
  s.text =
      "Student ID: S0001\n"
      "1(a) Tanh\n"
      "1(b) The step size, i.e. the learning rate, grew; \"batch size\" too, so steps overshoot "
      "and the loss goes up\n"
      "2 Softmax\n";
  Answer aa = sample_answer(s, "1.a", "Tanh");
  Answer ab = sample_answer(s, "1.b",
                            "The step size, i.e. the learning rate, grew; \"batch size\" too, so "
                            "steps overshoot and the loss goes up",
                            12);
  // Cut at the word limit: the kept text is the first 12 words.
  ab.truncated = true;
  ab.cut_word = 12;
  std::string kept = "The step size, i.e. the learning rate, grew; \"batch size\" too, so";
  ab.cut_offset = ab.start + kept.size() + 1;
  ab.tail = s.text.substr(ab.cut_offset, ab.end - ab.cut_offset);
  ab.text = kept;
  Answer a2 = sample_answer(s, "2", "Softmax");
  s.answers = {aa, ab, a2};
  s.flags.push_back(Flag{"", "unplaced-text", "text before the first label could not be placed"});

  PartMatch ma;
  ma.part = "1.a";
  ma.selected = {"tanh"};
  PartMatch mb;
  mb.part = "1.b";
  mb.concepts = {hit(s, "learning-rate", "learning rate"), ConceptMatch{}, ConceptMatch{}};
  mb.concepts[1].id = "overshoot";
  mb.concepts[2].id = "diverge";
  mb.concepts[0].uncertain = true;
  MisconceptionMatch mm;
  mm.id = "batch-size";
  mm.found = true;
  std::size_t at = s.text.find("batch size");
  mm.evidence.push_back(Evidence{at, at + 10, "batch size"});
  mb.misconceptions = {mm};
  PartMatch tail;
  tail.part = "1.b";
  tail.concepts = {ConceptMatch{}, hit(s, "overshoot", "overshoot"), ConceptMatch{}};
  tail.concepts[0].id = "learning-rate";
  tail.concepts[2].id = "diverge";
  PartMatch m2;
  m2.part = "2";
  m2.concepts = {hit(s, "softmax", "Softmax"), ConceptMatch{}};
  m2.concepts[1].id = "sums-to-one";

  MarkSheet& sh = x.sheet;
  sh.student = s.student;
  sh.student_source = s.student_source;
  sh.source = s.source;
  sh.script_sha256 = s.sha256;
  sh.rubric_code = r.exam.code;
  sh.rubric_sha256 = r.sha256;
  sh.flags = s.flags;
  QuestionResult r1, r2;
  r1.id = "1";
  r1.parts = {score_part(r.questions[0].parts[0], ma, &aa),
              score_part(r.questions[0].parts[1], mb, &ab, &tail)};
  r2.id = "2";
  r2.parts = {score_part(r.questions[1], m2, &a2)};
  for (const auto* q : {&r1, &r2})
    for (const auto& p : q->parts) sh.flags.insert(sh.flags.end(), p.flags.begin(), p.flags.end());
  sh.questions = {r1, r2};
  count_questions(r.exam, sh.questions, {"1", "2"}, sh.awarded, sh.max);
  return x;
}

}  // namespace automark::test
