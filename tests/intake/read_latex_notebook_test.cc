// LaTeX source (.tex) and Jupyter notebooks (.ipynb): read into the text the
// document shows, then segmented like any typed script.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "automark/script.h"
#include "automark/text.h"
#include "intake/read_helpers.h"

using automark::Error;
using automark::Script;
using automark::read_scripts;
using automark::read_scripts_from_bytes;
using namespace intake_test;

namespace {


const automark::Answer* answer(const Script& s, const std::string& part, int attempt = 1) {
  for (const auto& a : s.answers)
    if (a.part == part && a.attempt == attempt) return &a;
  return nullptr;
}

std::string text_of(const Script& s, const std::string& part) {
  const automark::Answer* a = answer(s, part);
  return a ? a->text : "(none)";
}



// Every answer's text is Script::text at its span (voided stretches blanked).
void check_spans(const Script& s) {
  for (const auto& a : s.answers) {
    REQUIRE(a.end <= s.text.size());
    REQUIRE(a.start + a.text.size() <= s.text.size());
    for (std::size_t i = 0; i < a.text.size(); ++i)
      if (a.text[i] != ' ') CHECK(a.text[i] == s.text[a.start + i]);
  }
}

}  // namespace

// ------------------------------------------------------------------ LaTeX

TEST_CASE("LaTeX: the document's text is the script text, its labels read", "[read][latex]") {
  Script s = read_scripts(fixture("latex.tex"), rubric()).at(0);
  CHECK(s.format == "latex");
  // The id is in a preamble comment; the title block (\maketitle) is kept as preamble.
  CHECK(s.student == "2400777");
  CHECK(s.student_source == "id-line");
  INFO(s.text);
  CHECK(s.text.rfind("Deep Learning exam\nanswers\nSam Doe\n\nStudent ID: 2400777\n\n# Question 1\n", 0) == 0);
  // Nothing of the preamble's commands, no comments, nothing after \end{document}.
  for (const char* gone : {"documentclass", "usepackage", "newcommand", "Overleaf", "not 100%", "never", "\\begin",
                           "\\end", "\\item", "\\textbf", "\\emph", "\\section", "\\paragraph", "enumerate"})
    CHECK(s.text.find(gone) == std::string::npos);
  // enumerate numbering (label=(\alph*), label=(\roman*)) is rendered; \item[(iii)] keeps its label.
  CHECK(text_of(s, "1.a") == "The learning rate $\\eta$, 50% of the time.");
  CHECK(text_of(s, "1.b.i").find("Curve A.") != std::string::npos);
  CHECK(text_of(s, "1.b.iii") == "Two reasons:\nfaster, and\nless overfitting.");
  // \sout{Curve B} is struck: voided, not part of the answer.
  REQUIRE(s.voided.size() == 1);
  CHECK(s.voided[0].part == "1.b.i");
  CHECK(s.text.substr(s.voided[0].span.start, s.voided[0].span.end - s.voided[0].span.start) == "~~Curve B~~");
  // verbatim is fenced code: "(c) this is code" is not a second label of 1.c.
  CHECK(text_of(s, "1.c") == "See the code:\n```\n(c) this is code, not a label\n```");
  CHECK_FALSE(has_flag(s, "two-attempts"));
  // \paragraph{2(a)}: a heading label; display maths kept as written.
  CHECK(text_of(s, "2.a") == "Softmax:\n\\[ \\hat{y}_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}} \\]");
  REQUIRE(answer(s, "2.b") != nullptr);
  CHECK(answer(s, "2.b")->text == "$J = \\frac{1}{64}\\sum_{i=1}^{64} L_i$ over");  // cut at 5 words
  CHECK(answer(s, "2.b")->truncated);
  CHECK(s.text.find("#### 2(a)\nSoftmax:") != std::string::npos);
  check_spans(s);
}

TEST_CASE("LaTeX: detected by content, by extension, and as a body without a preamble", "[read][latex]") {
  const std::string doc = "\\documentclass{article}\n\\begin{document}\n\\section*{Question 2}\n\\item[(a)] Softmax\n\\end{document}\n";
  for (const char* name : {"s.tex", "s.txt", "s.md", "s.latex", "s.ltx"}) {
    Script s = one(doc, name);
    INFO(name);
    CHECK(s.format == "latex");
    CHECK(s.text == "# Question 2\n(a) Softmax\n");
    CHECK(text_of(s, "2.a") == "Softmax");
    CHECK(s.student == "s");
  }
  // \begin{document} at a line start near the top is enough (a class line elsewhere).
  CHECK(one("% my exam\n\\begin{document}\nQuestion 1\n(a) Tanh\n\\end{document}", "x.txt").format == "latex");
  // A fragment (.tex, no \begin{document}): all of it is the body.
  Script f = one("\\section*{Question 1}\n\\subsection*{(a)} Tanh\n\\subsection*{(c)} $x^2$\n", "frag.tex");
  CHECK(f.text == "# Question 1\n## (a)\nTanh\n## (c)\n$x^2$\n");
  CHECK(text_of(f, "1.a") == "Tanh");
  CHECK(text_of(f, "1.c") == "$x^2$");
  // A Markdown script quoting LaTeX later on is not LaTeX.
  CHECK(one("Q1 (a) Tanh\n\n(c) I would write \\begin{document} in the middle of a line\n", "m.md").format == "markdown");
}

TEST_CASE("LaTeX: comments, escapes, inline commands, lists and the id", "[read][latex]") {
  SECTION("% starts a comment, \\% is a percent sign; a comment-only line vanishes") {
    Script s = one("\\begin{document}\nQ1 (a) 50\\% % half\n% whole line\n(c) x\n\\end{document}", "c.tex");
    CHECK(s.text == "Q1 (a) 50%\n(c) x\n");
  }
  SECTION("text commands keep their text; struck commands become ~~X~~; line breaks") {
    Script s = one("\\begin{document}\n\\noindent\\textbf{Question 1}\\\\\n(a) \\emph{Tanh}, \\textit{not} "
                   "\\underline{ReLU}\\newline \\st{Sigmoid}~and \\xout{x}\\\\[2pt]end\n\\end{document}",
                   "c.tex");
    CHECK(s.text == "Question 1\n(a) Tanh, not ReLU\n~~Sigmoid~~ and ~~x~~\nend\n");
  }
  SECTION("bare \\item: '- ' in itemize, the number in enumerate (LaTeX's defaults, enumitem, enumerate package)") {
    Script s = one("\\begin{document}\n\\begin{enumerate}\n\\item Q one\n\\begin{enumerate}\n\\item A\n\\item B\n"
                   "\\begin{enumerate}\\item deep\\end{enumerate}\n\\end{enumerate}\n\\end{enumerate}\n"
                   "\\begin{itemize}\\item dot\\end{itemize}\n"
                   "\\begin{enumerate}[label=\\textbf{\\Alph*)}, start=3]\\item c\\end{enumerate}\n"
                   "\\begin{enumerate}[(i)]\\item r\\item s\\end{enumerate}\n"
                   "\\begin{description}\\item[Term] def\\end{description}\n\\end{document}",
                   "l.tex");
    CHECK(s.text == "1. Q one\n(a) A\n(b) B\ni. deep\n- dot\nC) c\n(i) r\n(ii) s\nTerm def\n");
  }
  SECTION("the id: \\author, or a Student ID line in the title") {
    CHECK(one("\\documentclass{article}\\author{Candidate number: 2700001}\\begin{document}\nQ1 (a) x\n\\end{document}",
              "a.tex").student == "2700001");
    CHECK(one("\\documentclass{article}\n\\title{Exam\\\\Student ID 2700002}\n\\begin{document}\nQ1 (a) x\n\\end{document}",
              "a.tex").student == "2700002");
  }
  SECTION("maths is kept as written, \\(..\\) and $$..$$ and math environments too") {
    Script s = one("\\begin{document}\nQ1 (a) $a_1 \\times b$ and \\(x\\%\\) and $$y~z$$\n"
                   "\\begin{align*}\nJ &= \\frac{1}{64} \\\\ L\n\\end{align*}\n\\end{document}",
                   "m.tex");
    CHECK(s.text == "Q1 (a) $a_1 \\times b$ and \\(x\\%\\) and $$y~z$$\n\\begin{align*}\nJ &= \\frac{1}{64} \\\\ L\n"
                    "\\end{align*}\n");
  }
  SECTION("arguments that are not text are dropped") {
    Script s = one("\\begin{document}\nQ1 (a) Tanh\\label{q1a}\\footnote{see \\cite{lecun}} \\vspace{2mm}"
                   "\\includegraphics[width=3cm]{fig.png} \\href{http://x}{link}\n\\end{document}",
                   "d.tex");
    CHECK(s.text == "Q1 (a) Tanh see link\n");  // a footnote's text after a space; runs of spaces made one
  }
}

TEST_CASE("LaTeX: bad or hostile input gives a clear error or a bounded read, never a crash", "[read][latex][bad]") {
  CHECK(bytes_error("\\documentclass{article}\n\\begin{document}\n% nothing\n\\end{document}\n", "empty.tex") ==
        "empty.tex: LaTeX source with no text (nothing between \\begin{document} and \\end{document})");
  CHECK_THAT(bytes_error(std::string("\\section{Q1}\0", 13), "bin.tex"), Catch::StartsWith("bin.tex: binary file"));
  CHECK(bytes_error("\\begin{document}\n" + std::string(automark::ScriptLimits::kMaxTextBytes + 10, 'a'), "big.tex") ==
        "big.tex: LaTeX text is over the 4 MiB limit for one script");
  // Unclosed groups, maths, environments and options: read, not refused, and no hang.
  for (const std::string& t :
       {std::string("\\begin{document}\nQ1 (a) \\section*{unclosed\n\nmore $x and \\( y \\[ z\n"),
        std::string("\\begin{document}\n\\begin{verbatim}\nQ1 (a) never closed"),
        std::string("\\begin{document}\nQ1 (a) \\item[never closed \\begin{enumerate}[label=(\\alph*)\n\\item x"),
        std::string("Q1 (a) ") + std::string(20000, '{') + "x" + std::string(20000, '}'),
        [] {
          std::string d = "\\begin{document}\nQ1 (a) ";
          for (int k = 0; k < 3000; ++k) d += "\\sout{\\textbf{";
          d += "x";
          for (int k = 0; k < 3000; ++k) d += "}}";
          return d;
        }(),
        [] {
          std::string d = "\\begin{document}\nQ1 (a) ";
          for (int k = 0; k < 20000; ++k) d += "\\begin{equation} \\( $$ \\begin{itemize}";
          return d;
        }()}) {
    std::vector<Script> v;
    REQUIRE_NOTHROW(v = read_scripts_from_bytes(t, "h.tex", rubric()));
    REQUIRE(v.size() == 1);
    CHECK(automark::is_valid_utf8(v[0].text));
    check_spans(v[0]);
  }
}

// ------------------------------------------------------------------ notebooks

namespace {

nlohmann::json md_cell(const std::string& s) { return {{"cell_type", "markdown"}, {"metadata", nlohmann::json::object()}, {"source", s}}; }
nlohmann::json code_cell(const std::string& s, nlohmann::json outputs = nlohmann::json::array()) {
  return {{"cell_type", "code"}, {"metadata", nlohmann::json::object()}, {"source", s}, {"outputs", outputs},
          {"execution_count", 1}};
}
std::string notebook(const std::vector<nlohmann::json>& cells) {
  nlohmann::json nb = nlohmann::json::object();
  nb["nbformat"] = 4;
  nb["nbformat_minor"] = 5;
  nb["metadata"]["kernelspec"]["language"] = "python";
  nb["cells"] = nlohmann::json::array();
  for (const auto& c : cells) nb["cells"].push_back(c);
  return nb.dump(1);
}

}  // namespace

TEST_CASE("notebook: cells in order, code fenced with its text outputs, labels only outside code", "[read][ipynb]") {
  Script s = read_scripts(fixture("notebook.ipynb"), rubric()).at(0);
  CHECK(s.format == "ipynb");
  CHECK(s.student == "2400888");
  CHECK(s.student_source == "id-line");
  INFO(s.text);
  CHECK(s.text ==
        "# Exam answers\nStudent ID: 2400888\n\n## Question 1\n\n**(a)** Tanh\n\n**(b)(i)** the learning rate\n\n"
        "```python\n# (c): receptive field\nrf = 1 + sum(2**l for l in range(10))\nprint(rf, 'samples')\n"
        "rf / 16000 * 1000\n```\n1024 samples\n64.0\n\n**(b)(ii)** Curve A, see the plot above.\n\n"
        "## Question 2\n\n(a) Softmax\n\n(b) mean of the 64 losses\n\n");
  // The comment "# (c): receptive field" is code, not a label: no answer to 1.c.
  CHECK(answer(s, "1.c") == nullptr);
  // The code and its printed results belong to the answer before it.
  CHECK(text_of(s, "1.b.i").find("1024 samples\n64.0") != std::string::npos);
  CHECK(text_of(s, "1.a") == "Tanh");
  CHECK(text_of(s, "1.b.ii") == "Curve A, see the plot above.");
  CHECK(text_of(s, "2.a") == "Softmax");
  CHECK(text_of(s, "2.b") == "mean of the 64 losses");
  // Images and HTML outputs are left out.
  CHECK(s.text.find("iVBOR") == std::string::npos);
  CHECK(s.text.find("<b>") == std::string::npos);
  check_spans(s);
}

TEST_CASE("notebook: detected by content; code with backtick fences; nbformat 3", "[read][ipynb]") {
  const std::string nb = notebook({md_cell("Q1 (a) Tanh"), code_cell("x = 1\n```\n(c) not a label\n```", nlohmann::json::array({nlohmann::json{
      {"output_type", "stream"}, {"name", "stdout"}, {"text", "\x1b[31m(c) red\x1b[0m\n"}}}))});
  for (const char* name : {"a.ipynb", "a.json", "a.txt"}) {
    INFO(name);
    Script s = one(nb, name);
    CHECK(s.format == "ipynb");
    // A fence longer than the code's own ``` lines keeps them inside.
    CHECK(s.text == "Q1 (a) Tanh\n\n````python\nx = 1\n```\n(c) not a label\n```\n````\n(c) red\n\n");
  }
  // The printed "(c) red" after the fence is plain text: a label (outputs are the candidate's text).
  CHECK(text_of(one(nb, "a.ipynb"), "1.c") == "red");
  // nbformat 3: worksheets, code in "input", heading cells, pyout text.
  const std::string v3 = nlohmann::json{
      {"nbformat", 3},
      {"metadata", nlohmann::json::object()},
      {"worksheets",
       {{{"cells",
          {{{"cell_type", "heading"}, {"level", 2}, {"source", "Question 2"}},
           {{"cell_type", "markdown"}, {"source", {"(a) Softmax\n", "over 10 genres"}}},
           {{"cell_type", "code"}, {"input", "print(64)"}, {"outputs", {{{"output_type", "pyout"}, {"text", "64"}}}}},
           {{"cell_type", "markdown"}, {"source", "(b) mean"}}}}}}}}.dump();
  Script s3 = one(v3, "old.ipynb");
  CHECK(s3.text == "## Question 2\n\n(a) Softmax\nover 10 genres\n\n```\nprint(64)\n```\n64\n\n(b) mean\n\n");
  CHECK(text_of(s3, "2.b") == "mean");
  // A structured JSON answer file is still structured JSON.
  CHECK(one(R"({"student": "s1", "answers": {"1.a": "cells nbformat"}})", "f.json").format == "json");
}

TEST_CASE("notebook: bad input is refused with a message naming the file", "[read][ipynb][bad]") {
  CHECK_THAT(bytes_error("{\"nbformat\": 4, \"cells\": [", "bad.ipynb"),
             Catch::StartsWith("bad.ipynb: not a readable Jupyter notebook (invalid JSON: "));
  CHECK(bytes_error("{\"nbformat\": 4}", "nocells.ipynb") == "nocells.ipynb: not a Jupyter notebook (no \"cells\" list)");
  CHECK(bytes_error("[1, 2]", "list.ipynb") ==
        "list.ipynb: not a Jupyter notebook (the JSON is not an object with \"cells\")");
  CHECK(bytes_error("{\"nbformat\": 4, \"cells\": {}}", "c.ipynb") == "c.ipynb: not a Jupyter notebook (\"cells\" is not a list)");
  CHECK(bytes_error("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"markdown\", \"source\": 42}]}", "n.ipynb") ==
        "n.ipynb: cell 1's source must be text (a string or a list of strings)");
  CHECK(bytes_error("{\"nbformat\": 4, \"cells\": [7]}", "n.ipynb") == "n.ipynb: cell 1 is not an object");
  CHECK(bytes_error("{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}", "n.ipynb") ==
        "n.ipynb: cell 1 has no \"cell_type\"");
  CHECK(bytes_error(notebook({md_cell("  "), code_cell("")}), "blank.ipynb") ==
        "blank.ipynb: Jupyter notebook with no text (no markdown or code cell has any)");
  CHECK(bytes_error("{\"nbformat\": 4, \"cells\": " + std::string(100, '[') + std::string(100, ']') + "}", "deep.ipynb") ==
        "deep.ipynb: not a readable Jupyter notebook (JSON nested deeper than 64 levels)");
  // Over the text limit: refused, not cut.
  const std::string big(automark::ScriptLimits::kMaxTextBytes / 2 + 10, 'x');
  CHECK_THAT(bytes_error(notebook({md_cell(big), md_cell(big), md_cell(big)}), "big.ipynb"),
             Catch::StartsWith("big.ipynb: notebook text is over the 4 MiB limit"));
  // Invalid UTF-8 inside a notebook is repaired and flagged, not fatal.
  CHECK_FALSE(has_flag(one(notebook({md_cell("Q1 (a) Tanh")}), "u.ipynb"), "invalid-utf8"));
  std::string bad = notebook({md_cell("Q1 (a) Tanh, 5 \xC3\x97 5 \xE2\x80\x93 caf\xC3\xA9 XX")});
  bad.replace(bad.find("XX"), 2, "\xC3\x28");
  for (const char* name : {"u.ipynb", "u.txt"}) {  // by content too: the bad byte does not hide the notebook
    INFO(name);
    Script b = one(bad, name);
    CHECK(b.format == "ipynb");
    CHECK(has_flag(b, "invalid-utf8"));
    CHECK(text_of(b, "1.a").rfind("Tanh, 5", 0) == 0);
  }
}
