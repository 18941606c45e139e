// LaTeX source uploads (.tex: Overleaf projects, a script typed in LaTeX and
// uploaded as source): the text the typeset document shows, one block per
// line, so that the segmenter reads it like any typed script. A linear scanner
// with an explicit environment stack and bounded recursion, no regular
// expressions:
//   - comments (% to the end of the line, not \%) are dropped; a line holding
//     only a comment disappears;
//   - everything before \begin{document} and after \end{document} is dropped,
//     except the title block (\title, \author, \date: what \maketitle shows)
//     and preamble comments naming a student or candidate id, so that the id
//     is still found;
//   - \section{X} ... \paragraph{X} (starred or not, optional [..]) become
//     Markdown heading lines "# X" ... "#### X" (heading labels);
//   - \item[X] rest becomes "X rest"; a bare \item is "- " in itemize and
//     description, and its number in enumerate (rendered from enumitem's
//     label=..., the enumerate package's [(a)] or LaTeX's default 1. (a) i. A.);
//   - \begin/\end of environments end the line and vanish; verbatim,
//     lstlisting and minted become fenced code (``` lines);
//   - \textbf{X}, \emph{X} and other commands keep their text; \sout{X},
//     \st{X}, \xout{X} become ~~X~~ (voided, as in Markdown); arguments of
//     \label, \ref, \cite, \vspace, \includegraphics... are dropped;
//   - \\ and \newline end a line, \par a paragraph; ~ is a space, & a tab;
//   - maths ($...$, $$...$$, \(...\), \[...\] and math environments) is kept
//     exactly as written: the matcher reads LaTeX maths.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "automark/diag.h"
#include "automark/script.h"
#include "intake/read_internal.h"

namespace automark::intake {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hspace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool at_word(std::string_view s, std::size_t i, std::string_view w) {
  return i + w.size() <= s.size() && s.compare(i, w.size(), w) == 0;
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> l) {
  return std::find(l.begin(), l.end(), w) != l.end();
}

bool verbatim_env(std::string_view e) {
  return one_of(e, {"verbatim", "verbatim*", "Verbatim", "BVerbatim", "lstlisting", "minted", "alltt"});
}
bool comment_env(std::string_view e) { return e == "comment"; }
bool math_env(std::string_view e) {
  return one_of(e, {"equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
                    "eqnarray", "eqnarray*", "displaymath", "math", "flalign", "flalign*", "alignat", "alignat*",
                    "dmath", "dmath*"});
}

/// The environment name at s[i] == '{' ("{enumerate}"), or "" (i is moved past it).
std::string env_name(std::string_view s, std::size_t& i) {
  if (i >= s.size() || s[i] != '{') return "";
  std::size_t e = i + 1;
  while (e < s.size() && e - i <= 40 && (is_letter(s[e]) || s[e] == '*')) ++e;
  if (e >= s.size() || s[e] != '}' || e == i + 1) return "";
  std::string n(s.substr(i + 1, e - i - 1));
  i = e + 1;
  return n;
}

/// Pass 1: comments out. Verbatim environments and \verb keep their % signs.
/// Comments before \begin{document} that name an id ("% Student ID: 123")
/// are collected in `id_comments`.
std::string strip_comments(std::string_view s, std::vector<std::string>& id_comments) {
  std::string out;
  out.reserve(s.size());
  bool body = false;
  std::size_t i = 0;
  auto line_blank_so_far = [&] {
    std::size_t k = out.size();
    while (k > 0 && is_hspace(out[k - 1])) --k;
    return k == 0 || out[k - 1] == '\n';
  };
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      if (at_word(s, i, "\\begin{")) {
        std::size_t j = i + 6;
        const std::string env = env_name(s, j);
        if (env == "document") body = true;
        if (verbatim_env(env) || comment_env(env)) {
          const std::string close = "\\end{" + env + "}";
          std::size_t e = s.find(close, j);
          e = e == std::string_view::npos ? s.size() : e + close.size();
          out.append(s.substr(i, e - i));
          i = e;
          continue;
        }
        out.append(s.substr(i, j - i));
        i = j;
        continue;
      }
      if (at_word(s, i, "\\verb") && i + 5 < s.size() && !is_letter(s[i + 5]) && s[i + 5] != '\n' &&
          !is_hspace(s[i + 5])) {
        const char d = s[i + 5] == '*' && i + 6 < s.size() ? s[i + 6] : s[i + 5];
        const std::size_t from = s[i + 5] == '*' ? i + 7 : i + 6;
        std::size_t e = from;
        while (e < s.size() && s[e] != d && s[e] != '\n') ++e;
        if (e < s.size() && s[e] == d) {
          out.append(s.substr(i, e + 1 - i));
          i = e + 1;
          continue;
        }
      }
      out.append(s.substr(i, 2));  // an escaped character (\% stays \%)
      i += 2;
      continue;
    }
    if (c == '%') {
      std::size_t e = s.find('\n', i);
      if (e == std::string_view::npos) e = s.size();
      if (!body) {
        std::string_view note = trim(s.substr(i, e - i));
        while (!note.empty() && note.front() == '%') note.remove_prefix(1);
        note = trim(note);
        const std::string low = lower_ascii(note.substr(0, 20));
        for (std::string_view w : {"student", "candidate", "exam number", "examination number", "id:"})
          if (low.rfind(w, 0) == 0 && id_comments.size() < 4) {
            id_comments.emplace_back(note.substr(0, 200));
            break;
          }
      }
      if (line_blank_so_far()) {  // the whole line is a comment: it vanishes
        while (!out.empty() && is_hspace(out.back())) out.pop_back();
        i = e < s.size() ? e + 1 : e;
      } else {
        i = e;  // the line break stays
      }
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

/// A counter value rendered by an enumerate label template (enumitem's
/// "(\alph*)", "\roman*.", "\arabic*)"): other commands and braces dropped.
std::string render_label(std::string_view tmpl, int n) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size();) {
    auto counter = [&](std::string_view w) { return at_word(tmpl, i, w); };
    if (counter("\\alph*") || counter("\\Alph*")) {
      const bool up = tmpl[i + 1] == 'A';
      if (n >= 1 && n <= 26) out += static_cast<char>((up ? 'A' : 'a') + n - 1);
      else out += std::to_string(n);
      i += 6;
    } else if (counter("\\roman*") || counter("\\Roman*")) {
      out += roman(n, tmpl[i + 1] == 'R');
      i += 7;
    } else if (counter("\\arabic*")) {
      out += std::to_string(n);
      i += 8;
    } else if (tmpl[i] == '\\') {
      ++i;
      while (i < tmpl.size() && is_letter(tmpl[i])) ++i;
    } else if (tmpl[i] == '{' || tmpl[i] == '}') {
      ++i;
    } else {
      out += tmpl[i++];
    }
  }
  std::string t(trim(out));
  return t.size() <= 20 ? t : std::string();
}

/// The label template of an enumerate from its options: enumitem "label=...",
/// or the enumerate package's short form "(a)", "i.", "A)" (the first of
/// a A i I 1 outside braces is the counter). `start` from "start=N".
std::string enum_template(std::string_view opts, int& start) {
  auto value = [&](std::string_view key) -> std::string {
    for (std::size_t k = opts.find(key); k != std::string_view::npos; k = opts.find(key, k + 1)) {
      if (k > 0 && (is_letter(opts[k - 1]) || opts[k - 1] == '*')) continue;
      std::size_t j = k + key.size();
      while (j < opts.size() && is_hspace(opts[j])) ++j;
      if (j >= opts.size() || opts[j] != '=') continue;
      ++j;
      int depth = 0;
      std::size_t e = j;
      for (; e < opts.size(); ++e) {
        if (opts[e] == '{') ++depth;
        else if (opts[e] == '}') --depth;
        else if (opts[e] == ',' && depth <= 0) break;
      }
      std::string v(trim(opts.substr(j, e - j)));
      if (v.size() >= 2 && v.front() == '{' && v.back() == '}') v = v.substr(1, v.size() - 2);
      return v;
    }
    return "";
  };
  const std::string st = value("start");
  if (!st.empty() && st.size() <= 3 && std::all_of(st.begin(), st.end(), [](char c) { return c >= '0' && c <= '9'; }))
    start = std::stoi(st) - 1;
  std::string lab = value("label");
  if (!lab.empty()) return lab;
  std::string_view o = trim(opts);
  if (o.empty() || o.size() > 12 || o.find('=') != std::string_view::npos) return "";
  std::string out;
  bool done = false;
  int depth = 0;
  for (char c : o) {
    if (c == '{') ++depth;
    else if (c == '}') --depth;
    if (!done && depth == 0) {
      if (c == 'a') out += "\\alph*", done = true;
      else if (c == 'A') out += "\\Alph*", done = true;
      else if (c == 'i') out += "\\roman*", done = true;
      else if (c == 'I') out += "\\Roman*", done = true;
      else if (c == '1') out += "\\arabic*", done = true;
      else out += c;
    } else {
      out += c;
    }
  }
  return done ? out : "";
}

class LatexText {
 public:
  LatexText(std::string_view s, const std::string& name) : s_(s), name_(name) { match_braces(); }

  /// The whole document: title block, then the body's text.
  std::string run(const std::vector<std::string>& id_comments) {
    std::size_t body_b = 0, body_e = s_.size();
    const std::size_t begin = s_.find("\\begin{document}");
    if (begin != std::string_view::npos) {
      body_b = begin + 16;
      const std::size_t end = s_.find("\\end{document}", body_b);
      if (end != std::string_view::npos) body_e = end;
      title_block(0, begin);
    }
    for (const std::string& c : id_comments) {
      out_ += c;
      out_ += '\n';
    }
    out_ += '\n';
    convert(body_b, body_e, 0);
    return tidy(out_);
  }

 private:
  struct Frame {
    std::string env;
    int kind = 0;  // 0 other, 1 enumerate, 2 itemize / description
    int counter = 0;
    std::string tmpl;
  };

  std::string_view s_;
  const std::string& name_;
  std::string out_;
  std::vector<std::pair<std::size_t, std::size_t>> braces_;  // (open, close), sorted by open
  std::vector<Frame> envs_;
  // Searches that failed: needle -> (from, end) with no needle in [from, end).
  std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> absent_;
  std::size_t pe_from_ = std::string_view::npos, pe_ = 0;  // the last paragraph end found

  static constexpr int kMaxDepth = 8;
  static constexpr std::size_t kMaxEnvs = 64;
  static constexpr std::size_t kMaxOptArg = 500;

  void emit(char c) {
    out_ += c;
    if (out_.size() > ScriptLimits::kMaxTextBytes)
      throw Error(name_ + ": LaTeX text is over the " + std::to_string(ScriptLimits::kMaxTextBytes >> 20) +
                      " MiB limit for one script", kExitUnreadable);
  }
  void emit(std::string_view t) {
    out_.append(t);
    if (out_.size() > ScriptLimits::kMaxTextBytes)
      throw Error(name_ + ": LaTeX text is over the " + std::to_string(ScriptLimits::kMaxTextBytes >> 20) +
                      " MiB limit for one script", kExitUnreadable);
  }

  /// Matching braces, one pass with a stack; a blank line (a paragraph break,
  /// which no argument can cross) forgets the open ones.
  void match_braces() {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < s_.size(); ++i) {
      const char c = s_[i];
      if (c == '\\') {
        ++i;
      } else if (c == '{') {
        open.push_back(i);
      } else if (c == '}') {
        if (!open.empty()) {
          braces_.emplace_back(open.back(), i);
          open.pop_back();
        }
      } else if (c == '\n') {
        std::size_t j = i + 1;
        while (j < s_.size() && is_hspace(s_[j])) ++j;
        if (j < s_.size() && s_[j] == '\n') open.clear();
      }
    }
    std::sort(braces_.begin(), braces_.end());
  }

  /// The '}' matching the '{' at i, or npos.
  std::size_t close_of(std::size_t i) const {
    auto it = std::lower_bound(braces_.begin(), braces_.end(), std::make_pair(i, std::size_t{0}));
    if (it == braces_.end() || it->first != i) return std::string_view::npos;
    return it->second;
  }

  /// `needle` in [from, e), or npos; a failed search is remembered, so that
  /// many unclosed \( or \begin{equation} do not rescan the text.
  std::size_t find_in(std::string_view needle, std::size_t from, std::size_t e) {
    auto it = absent_.find(needle);
    if (it != absent_.end() && it->second.second == e && from >= it->second.first) return std::string_view::npos;
    const std::size_t k = s_.substr(0, e).find(needle, from);
    if (k == std::string_view::npos) absent_[std::string(needle)] = {from, e};
    return k;
  }

  std::size_t skip_hspace(std::size_t i, std::size_t e) const {
    while (i < e && is_hspace(s_[i])) ++i;
    return i;
  }
  /// Spaces and at most one line break (LaTeX: an argument may follow on the next line).
  std::size_t skip_space(std::size_t i, std::size_t e) const {
    i = skip_hspace(i, e);
    if (i < e && s_[i] == '\n') i = skip_hspace(i + 1, e);
    return i;
  }

  /// After a construct that ends a line (\\, a heading, \begin, \end): its
  /// own line break in the source is that same break, not a blank line.
  std::size_t eat_eol(std::size_t i, std::size_t e) const {
    const std::size_t j = skip_hspace(i, e);
    return j < e && s_[j] == '\n' ? j + 1 : i;
  }

  /// An optional argument "[...]" at i (after spaces): its content [b, c) and
  /// the position after it; false when there is none (bounded, braces nest).
  bool opt_arg(std::size_t i, std::size_t e, std::size_t& b, std::size_t& c, std::size_t& after) const {
    i = skip_hspace(i, e);
    if (i >= e || s_[i] != '[') return false;
    int depth = 0;
    for (std::size_t k = i + 1; k < e && k - i <= kMaxOptArg; ++k) {
      const char ch = s_[k];
      if (ch == '\\') {
        ++k;
      } else if (ch == '{') {
        ++depth;
      } else if (ch == '}') {
        --depth;
      } else if (ch == ']' && depth <= 0) {
        b = i + 1;
        c = k;
        after = k + 1;
        return true;
      } else if (ch == '\n' && skip_hspace(k + 1, e) < e && s_[skip_hspace(k + 1, e)] == '\n') {
        return false;  // a paragraph break
      }
    }
    return false;
  }

  /// A mandatory argument "{...}" at i (after spaces): content [b, c), after.
  bool arg(std::size_t i, std::size_t e, std::size_t& b, std::size_t& c, std::size_t& after) const {
    i = skip_space(i, e);
    if (i >= e || s_[i] != '{') return false;
    const std::size_t close = close_of(i);
    if (close == std::string_view::npos || close >= e) return false;
    b = i + 1;
    c = close;
    after = close + 1;
    return true;
  }

  /// Text of [b, e) converted on its own, line breaks as spaces, trimmed.
  std::string inline_text(std::size_t b, std::size_t e, int depth) {
    std::string saved;
    saved.swap(out_);
    convert(b, e, depth + 1);
    std::string t;
    t.swap(out_);
    out_.swap(saved);
    for (char& ch : t)
      if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
    std::string r;
    for (char ch : trim(t)) {
      if (ch == ' ' && !r.empty() && r.back() == ' ') continue;
      r += ch;
    }
    return r;
  }

  /// \title{...}, \author{...}, \date{...} in the preamble: what \maketitle shows.
  void title_block(std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      if (s_[i] != '\\') continue;
      std::size_t n = i + 1;
      while (n < e && is_letter(s_[n])) ++n;
      const std::string_view cmd = s_.substr(i + 1, n - i - 1);
      if (cmd != "title" && cmd != "author" && cmd != "date" && cmd != "subtitle") {
        i = n > i + 1 ? n - 1 : i + 1;
        continue;
      }
      std::size_t ob = 0, oc = 0, after = n;
      if (opt_arg(n, e, ob, oc, after)) n = after;
      std::size_t ab = 0, ac = 0;
      if (!arg(n, e, ab, ac, after)) continue;
      std::string saved;
      saved.swap(out_);
      convert(ab, ac, 1);
      std::string t;
      t.swap(out_);
      out_.swap(saved);
      emit(t);
      emit('\n');
      i = after - 1;
    }
  }

  /// Copy [i, close) as written (maths); returns the new position.
  std::size_t verbatim(std::size_t i, std::size_t close) {
    emit(s_.substr(i, close - i));
    return close;
  }

  /// End of the paragraph holding i (the first blank line after it), or e.
  /// The last answer is reused while i stays inside that paragraph.
  std::size_t para_end(std::size_t i, std::size_t e) {
    if (pe_from_ == std::string_view::npos || i < pe_from_ || i > pe_) {
      pe_from_ = i;
      pe_ = s_.size();
      for (std::size_t k = s_.find('\n', i); k != std::string_view::npos; k = s_.find('\n', k + 1)) {
        const std::size_t j = skip_hspace(k + 1, s_.size());
        if (j < s_.size() && s_[j] == '\n') {
          pe_ = k;
          break;
        }
      }
    }
    return std::min(pe_, e);
  }

  /// The closing $ or $$ of maths in the same paragraph, or npos.
  std::size_t math_close(std::size_t from, std::size_t e, std::string_view close) {
    const std::size_t pe = para_end(from, e);
    for (std::size_t k = from; k < pe; ++k) {
      if (s_[k] == '\\') {
        ++k;
        continue;
      }
      if (at_word(s_, k, close) && k + close.size() <= pe) return k;
    }
    return std::string_view::npos;
  }

  /// End the current line, unless it is still empty (so that \item after a
  /// line break, or \end after \\, leaves no blank line).
  void newline() {
    std::size_t k = out_.size();
    while (k > 0 && (out_[k - 1] == ' ' || out_[k - 1] == '\t')) --k;
    if (k == 0 || out_[k - 1] == '\n') return;
    emit('\n');
  }

  void convert(std::size_t b, std::size_t e, int depth) {
    std::size_t i = b;
    while (i < e) {
      const char c = s_[i];
      if (c == '\\') {
        i = command(i, e, depth);
      } else if (c == '$') {
        const bool display = i + 1 < e && s_[i + 1] == '$';
        const std::size_t close = math_close(i + (display ? 2 : 1), e, display ? "$$" : "$");
        if (close == std::string_view::npos) {
          emit(display ? "$$" : "$");
          i += display ? 2 : 1;
        } else {
          i = verbatim(i, close + (display ? 2 : 1));
        }
      } else if (c == '{' || c == '}') {
        ++i;
      } else if (c == '~') {
        emit(' ');
        ++i;
      } else if (c == '&') {
        emit('\t');
        ++i;
      } else if ((c == '`' || c == '\'') && i + 1 < e && s_[i + 1] == c) {
        emit('"');
        i += 2;
      } else {
        emit(c);
        ++i;
      }
    }
  }

  /// Skip a command's arguments: optional ones, then `n` mandatory ones.
  std::size_t skip_args(std::size_t i, std::size_t e, int n) const {
    std::size_t b = 0, c = 0, after = i;
    if (i < e && s_[i] == '*') ++i;
    while (opt_arg(i, e, b, c, after)) i = after;
    for (int k = 0; k < n; ++k) {
      if (!arg(i, e, b, c, after)) break;
      i = after;
      while (opt_arg(i, e, b, c, after)) i = after;  // \newcommand{\x}[1]{...}
    }
    return i;
  }

  std::size_t begin_env(std::size_t i, std::size_t e, int depth) {
    std::size_t j = i + 6;
    const std::string env = env_name(s_, j);
    if (env.empty()) return i + 6;
    const std::string close = "\\end{" + env + "}";
    if (math_env(env)) {
      const std::size_t k = find_in(close, j, e);
      if (k != std::string_view::npos) {
        newline();
        verbatim(i, k + close.size());
        newline();
        return eat_eol(k + close.size(), e);
      }
      return j;
    }
    if (comment_env(env)) {
      const std::size_t k = find_in(close, j, e);
      return k == std::string_view::npos ? e : k + close.size();
    }
    if (verbatim_env(env)) {
      // Options on the \begin line ([language=Python], {python}) are not code.
      std::size_t from = s_.find('\n', j);
      from = from == std::string_view::npos || from >= e ? e : from + 1;
      std::size_t k = find_in(close, from, e);
      if (k == std::string_view::npos) k = e;
      newline();
      emit("```\n");
      emit(s_.substr(from, k - from));
      if (k > from && s_[k - 1] != '\n') newline();
      emit("```\n");
      return k < e ? eat_eol(k + close.size(), e) : e;
    }
    if (env == "document") return j;
    Frame f;
    f.env = env;
    std::size_t b = 0, c = 0, after = j;
    const bool enumerate = env == "enumerate" || env == "enumerate*";
    if (enumerate || env == "itemize" || env == "itemize*" || env == "description" || env == "description*") {
      f.kind = enumerate ? 1 : 2;
      std::string opts;
      if (opt_arg(j, e, b, c, after)) {
        opts = std::string(s_.substr(b, c - b));
        j = after;
      }
      if (enumerate) {
        int level = 1;
        for (const Frame& o : envs_) level += o.kind == 1;
        int start = 0;
        f.tmpl = enum_template(opts, start);
        f.counter = start;
        if (f.tmpl.empty()) {
          static const char* const kDefault[] = {"\\arabic*.", "(\\alph*)", "\\roman*.", "\\Alph*."};
          f.tmpl = kDefault[std::min(level, 4) - 1];
        }
      }
    } else {
      // Placement, width and column arguments: tabular{lcr}, minipage{0.5\textwidth}, figure[h].
      int n = 0;
      if (one_of(env, {"tabular", "minipage", "multicols", "wrapfigure", "tabularx", "tabular*", "longtable"})) n = 1;
      if (one_of(env, {"tabularx", "tabular*", "wrapfigure"})) n = 2;
      j = skip_args(j, e, n);
    }
    if (envs_.size() < kMaxEnvs) envs_.push_back(std::move(f));
    newline();
    (void)depth;
    return eat_eol(j, e);
  }

  std::size_t end_env(std::size_t i, std::size_t e) {
    std::size_t j = i + 4;
    const std::string env = env_name(s_, j);
    if (env.empty()) return i + 4;
    for (std::size_t k = envs_.size(); k-- > 0;) {
      if (envs_[k].env == env) {
        envs_.resize(k);
        break;
      }
    }
    newline();
    return eat_eol(j, e);
  }

  std::size_t item(std::size_t n, std::size_t e, int depth) {
    std::size_t b = 0, c = 0, after = n;
    newline();
    if (opt_arg(n, e, b, c, after)) {
      const std::string lab = depth < kMaxDepth ? inline_text(b, c, depth) : std::string(s_.substr(b, c - b));
      emit(lab);
      emit(' ');
      return skip_hspace(after, e);
    }
    Frame* list = nullptr;
    for (std::size_t k = envs_.size(); k-- > 0;)
      if (envs_[k].kind != 0) {
        list = &envs_[k];
        break;
      }
    std::string lab;
    if (list && list->kind == 1) lab = render_label(list->tmpl, ++list->counter);
    emit(lab.empty() ? "- " : lab + " ");
    return skip_hspace(n, e);
  }

  /// A command at s_[i] == '\\'; returns the position after what it consumed.
  std::size_t command(std::size_t i, std::size_t e, int depth) {
    if (i + 1 >= e) {
      ++i;
      return i;
    }
    const char c = s_[i + 1];
    if (!is_letter(c)) {  // control symbol
      switch (c) {
        case '\\': {  // line break, \\[2pt], \\*
          std::size_t j = i + 2;
          if (j < e && s_[j] == '*') ++j;
          std::size_t b = 0, cc = 0, after = j;
          if (opt_arg(j, e, b, cc, after) && after - j < 20) j = after;
          newline();
          return eat_eol(j, e);
        }
        case '%': case '&': case '$': case '#': case '_': case '{': case '}':
          emit(c);
          return i + 2;
        case '(': case '[': {
          const std::size_t k = find_in(c == '(' ? "\\)" : "\\]", i + 2, e);
          if (k == std::string_view::npos) {
            emit(s_.substr(i, 2));
            return i + 2;
          }
          if (c == '[') newline();
          verbatim(i, k + 2);
          if (c == '[') newline();
          return k + 2;
        }
        case ' ': case ',': case ';': case ':':
          emit(' ');
          return i + 2;
        case '\n':
          emit('\n');
          return i + 2;
        default:  // \' \" \^ accents, \- hyphenation, \/ ...: the command goes, the letter stays
          return i + 2;
      }
    }
    std::size_t n = i + 1;
    while (n < e && is_letter(s_[n])) ++n;
    const std::string_view cmd = s_.substr(i + 1, n - i - 1);
    if (cmd == "begin") return begin_env(i, e, depth);
    if (cmd == "end") return end_env(i, e);
    if (cmd == "item") return item(n, e, depth);
    std::size_t after_space = skip_hspace(n, e);  // TeX eats the spaces after a control word

    static constexpr std::pair<std::string_view, const char*> kHeads[] = {
        {"part", "#"},           {"chapter", "#"},    {"section", "#"},     {"subsection", "##"},
        {"subsubsection", "###"}, {"paragraph", "####"}, {"subparagraph", "#####"}};
    for (const auto& [h, marks] : kHeads) {
      if (cmd != h) continue;
      std::size_t j = n;
      if (j < e && s_[j] == '*') ++j;
      std::size_t b = 0, cc = 0, after = j;
      if (opt_arg(j, e, b, cc, after)) j = after;
      if (!arg(j, e, b, cc, after) || depth >= kMaxDepth) return after_space;
      const std::string t = inline_text(b, cc, depth);
      newline();
      if (!t.empty()) {
        emit(marks);
        emit(' ');
        emit(t);
        newline();
      }
      return eat_eol(after, e);
    }
    if (one_of(cmd, {"sout", "st", "xout", "strike", "stkout"})) {
      std::size_t b = 0, cc = 0, after = n;
      if (!arg(n, e, b, cc, after) || depth >= kMaxDepth) return after_space;
      const std::string t = inline_text(b, cc, depth);
      if (!t.empty()) {
        emit("~~");
        emit(t);
        emit("~~");
      }
      return after;
    }
    if (cmd == "verb") {
      if (n < e && s_[n] == '*') ++n;
      if (n < e) {
        const char d = s_[n];
        std::size_t k = n + 1;
        while (k < e && s_[k] != d && s_[k] != '\n') ++k;
        if (k < e && s_[k] == d) {
          emit(s_.substr(n + 1, k - n - 1));
          return k + 1;
        }
      }
      return n;
    }
    if (one_of(cmd, {"title", "author", "date", "subtitle"})) {  // in the body: a line of its own
      std::size_t b = 0, cc = 0, after = n;
      if (!arg(n, e, b, cc, after) || depth >= kMaxDepth) return after_space;
      newline();
      emit(inline_text(b, cc, depth));
      newline();
      return eat_eol(after, e);
    }
    if (one_of(cmd, {"newline", "linebreak", "break"})) {
      newline();
      return eat_eol(skip_args(n, e, 0), e);
    }
    if (cmd == "footnote") {  // its text stays, after a space
      emit(' ');
      return after_space;
    }
    if (one_of(cmd, {"par", "bigskip", "medskip", "smallskip", "newpage", "clearpage", "pagebreak", "cleardoublepage"})) {
      emit("\n\n");
      return skip_args(n, e, 0);
    }
    // Commands whose arguments are not text (n mandatory arguments dropped).
    static constexpr std::pair<std::string_view, int> kDrop[] = {
        {"label", 1},        {"ref", 1},           {"eqref", 1},          {"pageref", 1},        {"cite", 1},
        {"citep", 1},        {"citet", 1},         {"vspace", 1},         {"hspace", 1},         {"includegraphics", 1},
        {"usepackage", 1},   {"documentclass", 1}, {"setlength", 2},      {"addtolength", 2},    {"setcounter", 2},
        {"addtocounter", 2}, {"newcommand", 2},    {"renewcommand", 2},   {"providecommand", 2}, {"newenvironment", 3},
        {"renewenvironment", 3}, {"bibliography", 1}, {"bibliographystyle", 1}, {"pagestyle", 1}, {"thispagestyle", 1},
        {"input", 1},        {"include", 1},       {"geometry", 1},       {"hypersetup", 1},     {"color", 1},
        {"textcolor", 1},    {"colorbox", 1},      {"definecolor", 3},    {"newtheorem", 2},     {"graphicspath", 1},
        {"DeclareMathOperator", 2}, {"setlist", 1}, {"cline", 1},         {"pagenumbering", 1},  {"numberwithin", 2},
        {"href", 1},         {"fontsize", 2},      {"selectfont", 0},     {"maketitle", 0},      {"noindent", 0},
        {"centering", 0},    {"hline", 0},         {"toprule", 0},        {"midrule", 0},        {"bottomrule", 0},
        {"tableofcontents", 0}, {"today", 0},      {"indent", 0},         {"hfill", 0},          {"vfill", 0},
        {"footnotesize", 0}, {"small", 0},         {"large", 0},          {"Large", 0},          {"normalsize", 0},
        {"raggedright", 0},  {"thanks", 1},        {"caption", 0}};
    for (const auto& [d, args] : kDrop)
      if (cmd == d) return skip_hspace(skip_args(n, e, args), e);
    static constexpr std::pair<std::string_view, std::string_view> kSymbols[] = {
        {"ldots", "..."},      {"dots", "..."},      {"textellipsis", "..."}, {"textendash", "\xE2\x80\x93"},
        {"textemdash", "\xE2\x80\x94"}, {"times", "\xC3\x97"}, {"textasciitilde", "~"}, {"textbackslash", "\\"},
        {"textbar", "|"},      {"textless", "<"},    {"textgreater", ">"},     {"textbullet", "\xE2\x80\xA2"},
        {"textdegree", "\xC2\xB0"}, {"LaTeX", "LaTeX"}, {"TeX", "TeX"},         {"and", "\n"},
        {"textunderscore", "_"}, {"textquotedbl", "\""}, {"S", "\xC2\xA7"},     {"checkmark", "\xE2\x9C\x93"}};
    for (const auto& [w, sym] : kSymbols)
      if (cmd == w) {
        emit(sym);
        return sym == "\n" ? after_space : n;
      }
    // Any other command (\textbf, \emph, \underline, \texttt, \footnote, \url,
    // \mbox, \text, ...): the name goes, its argument's text stays (the
    // braces are dropped by convert()).
    return after_space;
  }

  /// Lines trimmed (outside fenced code), runs of blank lines made one.
  static std::string tidy(const std::string& t) {
    std::string out;
    out.reserve(t.size());
    bool code = false;
    int blanks = 0;
    std::size_t pos = 0;
    while (pos <= t.size()) {
      std::size_t nl = t.find('\n', pos);
      if (nl == std::string::npos) nl = t.size();
      std::string_view line(t.data() + pos, nl - pos);
      const bool fence = trim(line).substr(0, 3) == "```";
      const bool in_code = code && !fence;
      if (!in_code) line = trim(line);
      if (fence) code = !code;
      if (line.empty() && !in_code) {
        ++blanks;
      } else {
        if (!out.empty()) out += blanks > 0 ? "\n\n" : "\n";
        blanks = 0;
        for (std::size_t k = 0; k < line.size(); ++k)  // runs of spaces (dropped commands) made one
          if (in_code || !(line[k] == ' ' && k > 0 && line[k - 1] == ' ')) out += line[k];
      }
      if (nl == t.size()) break;
      pos = nl + 1;
    }
    if (!out.empty()) out += '\n';
    return out;
  }
};

}  // namespace

bool looks_like_latex(std::string_view text) {
  // \documentclass at the start of a line in the first 4 KiB, or
  // \begin{document} at the start of a line in the first 16 KiB.
  auto at_line_start = [&](std::string_view needle, std::size_t window) {
    const std::string_view head = text.substr(0, window);
    for (std::size_t k = head.find(needle); k != std::string_view::npos; k = head.find(needle, k + 1)) {
      std::size_t b = k;
      while (b > 0 && is_hspace(head[b - 1])) --b;
      if (b == 0 || head[b - 1] == '\n') return true;
    }
    return false;
  };
  std::string_view t = text;
  if (t.rfind("\xEF\xBB\xBF", 0) == 0) t.remove_prefix(3);
  return at_line_start("\\documentclass", 4096) || at_line_start("\\begin{document}", 16384);
}

std::string latex_text(std::string_view utf8, const std::string& name) {
  std::vector<std::string> id_comments;
  const std::string stripped = strip_comments(utf8, id_comments);
  std::string t = LatexText(stripped, name).run(id_comments);
  if (trim(t).empty())
    throw Error(name + ": LaTeX source with no text (nothing between \\begin{document} and \\end{document})",
                kExitUnreadable);
  return t;
}

}  // namespace automark::intake
