// Word-level helpers of the matcher: case folding, Greek letter names,
// British/American spelling, Snowball stemming, bounded edit distance and the
// built-in lists of protected terms and spelling variants.
#include <libstemmer.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <memory>

#include "automark/text.h"
#include "match/internal.h"

namespace automark::match {
namespace {

char32_t decode(std::string_view s, std::size_t& i) { return next_code_point(s, i); }

void encode(std::string& out, char32_t c) { append_utf8(out, c); }

const char* greek_name(char32_t c) {
  switch (c) {
    case U'α': return "alpha";
    case U'β': return "beta";
    case U'γ': return "gamma";
    case U'δ': return "delta";
    case U'ε': case U'ϵ': return "epsilon";
    case U'ζ': return "zeta";
    case U'η': return "eta";
    case U'θ': case U'ϑ': return "theta";
    case U'ι': return "iota";
    case U'κ': return "kappa";
    case U'λ': return "lambda";
    case U'μ': case U'µ': return "mu";
    case U'ν': return "nu";
    case U'ξ': return "xi";
    case U'π': return "pi";
    case U'ρ': return "rho";
    case U'σ': case U'ς': return "sigma";
    case U'τ': return "tau";
    case U'υ': return "upsilon";
    case U'φ': case U'ϕ': return "phi";
    case U'χ': return "chi";
    case U'ψ': return "psi";
    case U'ω': return "omega";
    default: return nullptr;
  }
}

bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}
bool starts_with(std::string_view s, std::string_view pre) {
  return s.size() >= pre.size() && s.substr(0, pre.size()) == pre;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

std::size_t cp_length(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

std::string fold(std::string_view utf8) {
  // Plain ASCII (most words): lower case, nothing else to do. A lone ASCII
  // letter is no Greek letter, so the name lookup below cannot apply.
  bool ascii = true;
  for (char ch : utf8) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    std::string low(utf8);
    for (char& ch : low)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return low;
  }
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  std::size_t count = 0;
  char32_t last = 0;
  while (i < utf8.size()) {
    char32_t c = decode(utf8, i);
    c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    if (c == 0x2019) c = '\'';
    encode(out, c);
    last = c;
    ++count;
  }
  if (count == 1) {
    if (const char* g = greek_name(last)) return g;
  }
  return out;
}

std::string unify_spelling(const std::string& w) {
  // Only plain ASCII words are respelled.
  for (char c : w)
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return w;
  std::string s = w;
  const std::size_t n = s.size();
  // -isation(s), -isational -> -ization
  if (auto p = s.find("isation"); p != std::string::npos && p >= 2) {
    s[p + 1] = 'z';
    return s;
  }
  // -ise, -ises, -ised, -ising, -iser(s), -isable; -yse, -ysed, -yses, -ysing
  // Only after a root of three letters or more, the same for every form of a
  // word: "raise", "raised" and "raising" all keep their s ("raised" became
  // "raized", stem raiz, while "raise" kept stem rais), as do "noise"/"noises"
  // and "rise"/"rising".
  static const std::array<std::string_view, 7> ise = {"ise", "ises", "ised", "ising", "iser", "isers", "isable"};
  for (auto suf : ise) {
    if (n >= suf.size() + 3 && ends_with(s, suf)) {
      s[n - suf.size() + 1] = 'z';
      return s;
    }
  }
  static const std::array<std::string_view, 4> yse = {"yse", "ysed", "yses", "ysing"};
  for (auto suf : yse) {
    if (n >= suf.size() + 3 && ends_with(s, suf)) {
      s[n - suf.size() + 1] = 'z';
      return s;
    }
  }
  // -our -> -or for the known roots (colour, behaviour, neighbour...).
  static const std::array<std::string_view, 21> our_roots = {
      "col", "behavi", "neighb", "fav", "hon", "lab", "flav", "rum", "hum", "vap", "harb",
      "tum", "od", "vig", "rig", "ferv", "arm", "clam", "endeav", "sav", "parl"};
  for (auto root : our_roots) {
    if (starts_with(s, root) && s.compare(root.size(), 3, "our") == 0) {
      std::string rest = s.substr(root.size() + 3);
      // "hour", "armour"... only when the root is followed by a plausible suffix.
      static const std::array<std::string_view, 12> sufs = {"", "s", "ed", "ing", "ite", "ites", "able", "al", "ally", "less", "ful", "ist"};
      if (std::find(sufs.begin(), sufs.end(), rest) != sufs.end()) {
        return std::string(root) + "or" + rest;
      }
    }
  }
  // -tre, -bre -> -ter, -ber (centre, metre, fibre); centred -> centered.
  if (n >= 5 && (ends_with(s, "tre") || ends_with(s, "bre"))) {
    s[n - 2] = 'e';
    s[n - 1] = 'r';
    return s;
  }
  if (n >= 6 && (ends_with(s, "tres") || ends_with(s, "bres"))) {
    s[n - 3] = 'e';
    s[n - 2] = 'r';
    return s;
  }
  if (n >= 6 && ends_with(s, "tred") && s != "bored") return s.substr(0, n - 3) + "ered";
  if (s == "centring") return "centering";
  // -ogue -> -og (catalogue, analogue, dialogue)
  if (n >= 7 && ends_with(s, "ogue")) return s.substr(0, n - 2);
  if (n >= 8 && ends_with(s, "ogues")) return s.substr(0, n - 3) + "s";
  // -ence -> -ense for the four common ones.
  if (s == "defence" || s == "offence" || s == "licence" || s == "pretence") {
    s[n - 2] = 's';
    return s;
  }
  return s;
}

std::string WordForms::norm(const std::string& folded) const {
  std::string u = unify_spelling(folded);
  if (!variant_of.empty()) {
    auto it = variant_of.find(u);
    if (it != variant_of.end()) return it->second;
  }
  return u;
}

namespace {

// Irregular past forms and participles that Snowball leaves apart from their
// verb ("brought" / "bring"), read as the verb before stemming. Forms that are
// also common nouns or other words in technical answers are left out: saw,
// left, bound, ground, wound, bore, rose, lay, thought, meant, shot, was/were.
const std::unordered_map<std::string_view, std::string_view>& irregular_forms() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      {"brought", "bring"},   {"gave", "give"},         {"given", "give"},        {"took", "take"},
      {"taken", "take"},      {"made", "make"},         {"went", "go"},           {"gone", "go"},
      {"came", "come"},       {"seen", "see"},          {"did", "do"},            {"done", "do"},
      {"got", "get"},         {"gotten", "get"},        {"wrote", "write"},       {"written", "write"},
      {"chose", "choose"},    {"chosen", "choose"},     {"drove", "drive"},       {"driven", "drive"},
      {"began", "begin"},     {"begun", "begin"},       {"broke", "break"},       {"broken", "break"},
      {"spoke", "speak"},     {"spoken", "speak"},      {"knew", "know"},         {"known", "know"},
      {"grew", "grow"},       {"grown", "grow"},        {"threw", "throw"},       {"thrown", "throw"},
      {"shown", "show"},      {"drew", "draw"},         {"drawn", "draw"},        {"fell", "fall"},
      {"fallen", "fall"},     {"risen", "rise"},        {"arose", "arise"},       {"arisen", "arise"},
      {"found", "find"},      {"lost", "lose"},         {"held", "hold"},         {"kept", "keep"},
      {"sent", "send"},       {"spent", "spend"},       {"built", "build"},       {"bought", "buy"},
      {"caught", "catch"},    {"taught", "teach"},      {"sought", "seek"},       {"fought", "fight"},
      {"felt", "feel"},       {"met", "meet"},          {"paid", "pay"},          {"said", "say"},
      {"told", "tell"},       {"sold", "sell"},         {"stood", "stand"},       {"understood", "understand"},
      {"won", "win"},         {"ran", "run"},           {"ate", "eat"},           {"eaten", "eat"},
      {"flew", "fly"},        {"flown", "fly"},         {"forgot", "forget"},     {"forgotten", "forget"},
      {"froze", "freeze"},    {"frozen", "freeze"},     {"hid", "hide"},          {"hidden", "hide"},
      {"shook", "shake"},     {"shaken", "shake"},      {"stole", "steal"},       {"stolen", "steal"},
      {"woke", "wake"},       {"woken", "wake"},        {"wore", "wear"},         {"worn", "wear"},
      {"tore", "tear"},       {"torn", "tear"},         {"led", "lead"},          {"fed", "feed"},
      {"sat", "sit"},         {"slid", "slide"},        {"struck", "strike"},     {"stuck", "stick"},
      {"sank", "sink"},       {"sunk", "sink"},         {"spun", "spin"},         {"hung", "hang"},
      {"dug", "dig"},         {"beaten", "beat"},       {"bitten", "bite"},       {"blew", "blow"},
      {"blown", "blow"},      {"became", "become"},     {"underwent", "undergo"}, {"undergone", "undergo"},
      {"overcame", "overcome"}, {"withdrew", "withdraw"}, {"withdrawn", "withdraw"}, {"undertook", "undertake"},
      {"undertaken", "undertake"}, {"shrank", "shrink"}, {"shrunk", "shrink"},    {"dealt", "deal"},
      {"learnt", "learn"},    {"spelt", "spell"},       {"burnt", "burn"},        {"dreamt", "dream"},
      {"spilt", "spill"},     {"leapt", "leap"},        {"spoilt", "spoil"},      {"sprang", "spring"},
      {"sprung", "spring"},   {"swam", "swim"},         {"drank", "drink"},       {"sang", "sing"},
      {"rang", "ring"},       {"rode", "ride"},         {"ridden", "ride"},       {"forbade", "forbid"},
      {"forbidden", "forbid"}, {"overtook", "overtake"}, {"overtaken", "overtake"}, {"mistook", "mistake"},
  };
  return m;
}

}  // namespace

int number_name_value(std::string_view w) {
  static constexpr std::string_view names[] = {"one", "two", "three", "four", "five", "six", "seven",
                                               "eight", "nine", "ten", "eleven", "twelve"};
  for (std::size_t k = 0; k < std::size(names); ++k)
    if (w == names[k]) return static_cast<int>(k) + 1;
  return 0;
}

int superlative_role(std::string_view w) {
  static const std::set<std::string, std::less<>> low = {"smallest", "lowest",  "least",   "minimum",
                                                         "min",      "tiniest", "smaller", "lower"};
  static const std::set<std::string, std::less<>> high = {"largest", "biggest", "highest", "greatest", "most",
                                                          "maximum", "max",     "larger",  "bigger",   "higher"};
  return low.count(w) ? 1 : high.count(w) ? 2 : 0;
}

std::string_view irregular_base(std::string_view word) {
  const auto& irr = irregular_forms();
  const auto it = irr.find(word);
  return it == irr.end() ? std::string_view() : it->second;
}

std::string stem(const std::string& word_in) {
  if (word_in.empty()) return word_in;
  const auto& irr = irregular_forms();
  const auto found = irr.find(word_in);
  const std::string word = found == irr.end() ? word_in : std::string(found->second);
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || c == '\'')) return word;
  }
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> st(sb_stemmer_new("english", nullptr));
  if (!st) return word;
  const sb_symbol* r =
      sb_stemmer_stem(st.get(), reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (r == nullptr) return word;
  return std::string(reinterpret_cast<const char*>(r), static_cast<std::size_t>(sb_stemmer_length(st.get())));
}

int edit_distance(std::string_view a8, std::string_view b8, int max_d) {
  std::u32string a, b;
  for (std::size_t i = 0; i < a8.size();) a.push_back(decode(a8, i));
  for (std::size_t i = 0; i < b8.size();) b.push_back(decode(b8, i));
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_d) return max_d + 1;
  if (n > 64 || m > 64) return max_d + 1;
  // Optimal string alignment with three rows.
  std::vector<int> prev2(static_cast<std::size_t>(m) + 1), prev(static_cast<std::size_t>(m) + 1),
      cur(static_cast<std::size_t>(m) + 1);
  for (int j = 0; j <= m; ++j) prev[static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      const int cost = a[static_cast<std::size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      int v = std::min({prev[uj] + 1, cur[uj - 1] + 1, prev[uj - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<std::size_t>(i - 1)] == b[uj - 2] &&
          a[static_cast<std::size_t>(i - 2)] == b[uj - 1])
        v = std::min(v, prev2[uj - 2] + 1);
      cur[uj] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_d) return max_d + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[static_cast<std::size_t>(m)], max_d + 1);
}

bool prefix_opposition(std::string_view a, std::string_view b) {
  static const std::array<std::string_view, 12> prefixes = {"un", "in", "im", "ir", "il", "non", "dis", "de",
                                                            "anti", "mis", "counter", "a"};
  for (auto p : prefixes) {
    const bool pa = starts_with(a, p), pb = starts_with(b, p);
    if (pa == pb) continue;
    std::string_view longer = pa ? a : b, shorter = pa ? b : a;
    std::string_view rest = longer.substr(p.size());
    if (rest.size() >= 3 && shorter.size() >= 3 && rest.substr(0, 3) == shorter.substr(0, 3)) return true;
  }
  return false;
}

const std::vector<std::string_view>& builtin_protected_terms() {
  static const std::vector<std::string_view> terms = {
      // activation functions and network vocabulary
      "sigmoid", "softmax", "softplus", "tanh", "relu", "elu", "gelu", "selu", "leaky", "linear", "nonlinear",
      "logistic", "logit", "logits", "perceptron", "neuron", "layer", "layers", "dense", "sparse", "dropout",
      "batch", "patch", "epoch", "label", "level", "kernel", "channel", "filter", "filters", "stride", "padding",
      "pooling", "polling", "cooling", "pool", "convolution", "correlation", "convolutional", "recurrent",
      "encoder", "decoder", "attention", "transformer", "embedding", "gradient", "gradients", "descent",
      "momentum", "moment", "adam", "adagrad", "rmsprop", "vanishing", "exploding", "saturate", "saturates",
      "saturation", "overfit", "underfit", "overfitting", "underfitting", "regularization", "normalization",
      "standardization", "generalization", "supervised", "unsupervised", "training", "testing", "validation",
      "accuracy", "precision", "recall", "variance", "variant", "bias", "basis", "weight", "weights", "height",
      "eight", "loss", "less", "lose", "loose", "cost", "most", "post", "lost", "mean", "median", "mode", "model",
      "modal", "norm", "normal", "scalar", "scaler", "vector", "sector", "tensor", "sensor", "matrix", "matrices",
      "convex", "concave", "convey", "input", "output", "inputs", "outputs", "sample", "simple", "samples",
      "signal", "single", "spectral", "spectrum", "spectra", "frequency", "frequencies", "phase", "phrase",
      "noise", "noisy", "window", "widow", "hamming", "hanning", "hann", "fourier", "discrete", "discreet",
      "continuous", "feature", "future", "nature", "causal", "casual", "affect", "effect", "accept", "except",
      "adapt", "adopt", "precede", "proceed", "maximum", "minimum", "maximize", "minimize", "maximization",
      "minimization", "maxima", "minima", "max", "min", "sum", "some", "mix", "increase", "decrease",
      "increases", "decreases", "increasing", "decreasing", "increased", "decreased", "higher", "lower",
      "larger", "smaller", "positive", "negative", "before", "after", "above", "below", "under", "over",
      "dependent", "independent", "correct", "incorrect", "possible", "impossible", "true", "false", "zero",
      "none", "than", "then", "that", "this", "these", "those", "there", "their", "where", "were", "whether",
      "weather", "form", "from", "which", "witch", "while", "whole", "hole", "wide", "width", "depth", "death",
      "deep", "shallow", "local", "global", "vocal", "small", "large", "stall", "faster", "slower", "later",
      "latter", "letter", "better", "bitter", "shape", "share", "state", "static", "stable", "unstable", "table",
      "cause", "causes", "because", "sign", "sine", "cosine", "signed", "design", "pitch", "patch", "match",
      "batch", "watch", "rate", "rates", "ratio", "radio", "range", "change", "charge", "chance", "lstm", "rnn",
      "cnn", "gan", "mlp", "mse", "mae", "sgd", "fft", "dft", "stft", "mfcc", "mel", "cepstral", "cepstrum",
      "analog", "digital", "aliasing", "alias", "nyquist", "sampling", "quantization", "quantisation",
      "compression", "expression", "depression", "impression", "regression", "progression", "classification",
      "clarification", "cluster", "clusters", "clustering", "parameter", "parameters", "perimeter", "diameter",
      "hyperparameter", "hyperparameters", "optimizer", "optimiser", "optimal", "optical", "initial",
      "initialization", "activation", "activations", "inactive", "active", "passive", "prior", "posterior",
      "exterior", "interior", "entropy", "energy", "memory", "storage", "forward", "backward", "reward",
      "propagation", "backpropagation", "derivative", "decision", "division", "addition", "edition",
      "multiplication", "precision", "permission", "width", "length", "strength", "kilo", "milli", "micro",
      "seconds", "second", "minute", "minutes", "hertz", "sample", "samples", "frame", "frames", "fame", "flame",
      "trained", "trainer", "strain", "stain", "drain", "grain", "brain", "rain", "loss", "losses", "lasso",
      "ridge", "bridge", "lambda", "alpha", "beta", "gamma", "delta", "eta", "theta", "sigma",
  };
  return terms;
}

const std::vector<std::vector<std::string_view>>& builtin_variants() {
  static const std::vector<std::vector<std::string_view>> v = {
      {"gray", "grey"},         {"judgment", "judgement"}, {"program", "programme"},  {"aluminum", "aluminium"},
      {"tire", "tyre"},         {"plow", "plough"},        {"mold", "mould"},         {"skeptical", "sceptical"},
      {"acknowledgment", "acknowledgement"},               {"fulfill", "fulfil"},     {"enroll", "enrol"},
      {"artifact", "artefact"}, {"artifacts", "artefacts"}, {"sulfur", "sulphur"},    {"mathematics", "maths", "math"},
      // Text-speak of answers typed in a hurry (one word for one word; "w/o", "b/c" are two tokens).
      {"average", "avg"},       {"level", "lvl"},          {"levels", "lvls"},        {"negative", "neg"},
      {"positive", "pos"},      {"different", "diff"},     {"including", "incl"},     {"about", "abt"},
      {"because", "bc", "bcoz", "bcos", "cuz", "coz", "becuase", "becasue"},          {"people", "ppl"},
      {"through", "thru"},      {"though", "tho"},         {"approximately", "approx"}, {"information", "info"},
      {"especially", "esp"},    {"features", "feats"},     {"parameters", "params"},  {"parameter", "param"},
  };
  return v;
}

}  // namespace automark::match
