// Normalisation for analysis with an exact offset map back to the source.
//
// The source is cut into NFKC-independent chunks (a chunk starts at every code
// point with an NFKC boundary before it: a starter and its combining marks).
// Each chunk is normalised on its own with ICU (an inert single code point is
// copied as is), then our own folds are applied to the result (quotes, dashes,
// x, /, spaces). Every output byte of a chunk maps to the source offset where
// the chunk starts, so a span [i, j) of the output maps to the whole source
// characters [orig(i), orig(j)) and never splits a UTF-8 sequence.
// Characters removed (BOM, zero-width, soft hyphen, the LF of a CRLF) produce
// no output byte. ASCII text without CR takes a fast path (identity map).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "automark/text.h"

namespace automark {
namespace {

const icu::Normalizer2* nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(st);
    return U_SUCCESS(st) ? p : nullptr;
  }();
  return n;
}

// Characters dropped before anything else.
inline bool removed(char32_t c) {
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x180E:  // Mongolian vowel separator
    case 0x200B:  // zero width space
    case 0x200C:  // zero width non-joiner
    case 0x200D:  // zero width joiner
    case 0x2060:  // word joiner
    case 0x2061: case 0x2062: case 0x2063: case 0x2064:  // invisible operators
    case 0xFEFF:  // BOM / zero width no-break space
      return true;
    default:
      return false;
  }
}

// Our folds, applied after NFKC. Returns 0 when the code point is kept as is.
inline char32_t fold(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: case 0xFE31: case 0xFE32:
      return '-';
    case 0x00D7:
      return 'x';
    case 0x00F7: case 0x2044:
      return '/';
    case 0x00A0: case 0x1680: case 0x2007: case 0x202F: case 0x205F: case 0x3000:
      return ' ';
    case 0x0085: case 0x2028: case 0x2029:
      return '\n';
    default:
      if (c >= 0x2000 && c <= 0x200A) return ' ';
      return 0;
  }
}

// Superscript digits and minus (x², 10⁻³): NFKC would make "x2"; they are
// read as a power instead ("x^2", "10^-3"). -1 for any other character.
inline int superscript(char32_t c) {
  switch (c) {
    case 0x2070: return '0';
    case 0x00B9: return '1';
    case 0x00B2: return '2';
    case 0x00B3: return '3';
    case 0x207B: return '-';
    default:
      if (c >= 0x2074 && c <= 0x2079) return static_cast<int>('4' + (c - 0x2074));
      return -1;
  }
}

// The value of a vulgar fraction character: a decimal where it is exact, else
// "n/d"; empty for any other character.
inline std::string_view vulgar_fraction(char32_t c) {
  switch (c) {
    case 0x00BD: return "0.5";
    case 0x00BC: return "0.25";
    case 0x00BE: return "0.75";
    case 0x2155: return "0.2";
    case 0x2156: return "0.4";
    case 0x2157: return "0.6";
    case 0x2158: return "0.8";
    case 0x215B: return "0.125";
    case 0x215C: return "0.375";
    case 0x215D: return "0.625";
    case 0x215E: return "0.875";
    case 0x2150: return "1/7";
    case 0x2151: return "1/9";
    case 0x2152: return "0.1";
    case 0x2153: return "1/3";
    case 0x2154: return "2/3";
    case 0x2159: return "1/6";
    case 0x215A: return "5/6";
    default: return {};
  }
}

// Subscript digits and letters (y_k written yₖ, x₁): NFKC would glue them to
// their base ("yk"); they are read as an index instead ("y_k"). -1 otherwise.
inline int subscript(char32_t c) {
  if (c >= 0x2080 && c <= 0x2089) return static_cast<int>('0' + (c - 0x2080));
  switch (c) {
    case 0x2090: return 'a';
    case 0x2091: return 'e';
    case 0x2092: return 'o';
    case 0x2093: return 'x';
    case 0x2095: return 'h';
    case 0x2096: return 'k';
    case 0x2097: return 'l';
    case 0x2098: return 'm';
    case 0x2099: return 'n';
    case 0x209A: return 'p';
    case 0x209B: return 's';
    case 0x209C: return 't';
    case 0x1D62: return 'i';
    case 0x2C7C: return 'j';
    default: return -1;
  }
}

inline bool fast_ascii(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (p[i] >= 0x80u || p[i] == '\r') return false;
  return true;
}

struct Out {
  Normalised& n;
  void put(char32_t c, std::size_t src) {
    const std::size_t before = n.text.size();
    if (const char32_t f = fold(c)) c = f;
    append_utf8(n.text, c);
    n.to_orig.insert(n.to_orig.end(), n.text.size() - before, static_cast<std::uint32_t>(src));
  }
};

}  // namespace

Normalised normalise(std::string_view s) {
  Normalised n;
  if (fast_ascii(s)) {
    n.text.assign(s.data(), s.size());
    n.to_orig.resize(s.size() + 1);
    for (std::size_t i = 0; i <= s.size(); ++i) n.to_orig[i] = static_cast<std::uint32_t>(i);
    return n;
  }
  n.text.reserve(s.size());
  n.to_orig.reserve(s.size() + 1);
  Out out{n};
  const icu::Normalizer2* norm = nfkc();
  icu::UnicodeString chunk, result;
  std::size_t chunk_start = 0;
  bool chunk_open = false;

  auto flush = [&] {
    if (!chunk_open) return;
    chunk_open = false;
    UErrorCode st = U_ZERO_ERROR;
    if (norm) norm->normalize(chunk, result, st);
    const icu::UnicodeString& r = (norm && U_SUCCESS(st)) ? result : chunk;
    for (int32_t k = 0; k < r.length();) {
      const UChar32 c = r.char32At(k);
      k += U16_LENGTH(c);
      out.put(static_cast<char32_t>(c), chunk_start);
    }
    chunk.remove();
  };

  std::size_t i = 0;
  bool in_power = false;  // after a superscript: the next one continues the power
  bool in_index = false;  // after a subscript: the next one continues the index
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    const std::size_t at = i;
    if (p[i] < 0x80u) {
      in_power = false;
      in_index = false;
      // ASCII: a starter that never combines with what follows (NFKC-inert),
      // but it may take combining marks after it, so it opens a chunk only when
      // the next byte is not ASCII.
      flush();
      // A run of ASCII bytes other than CR, each followed by another ASCII
      // byte, is copied as it is, each byte mapped to itself (what the steps
      // below do one byte at a time); the run's last byte takes those steps.
      if (std::size_t j = i; j + 1 < s.size() && p[j] != '\r' && p[j + 1] < 0x80u) {
        while (j + 1 < s.size() && p[j] < 0x80u && p[j] != '\r' && p[j + 1] < 0x80u) ++j;
        n.text.append(s.data() + i, j - i);
        const std::size_t from = n.to_orig.size();
        n.to_orig.resize(from + (j - i));
        for (std::size_t k = 0; k < j - i; ++k) n.to_orig[from + k] = static_cast<std::uint32_t>(i + k);
        i = j;
      }
      const std::size_t here = i;  // the run's last byte, or this byte
      ++i;
      char32_t c = p[here];
      if (c == '\r') {
        c = '\n';  // CR and CRLF -> LF, mapped to the CR
        if (i < s.size() && p[i] == '\n') ++i;
      }
      if (i < s.size() && p[i] >= 0x80u) {
        chunk.append(static_cast<UChar32>(c));
        chunk_start = here;
        chunk_open = true;
      } else {
        n.text.push_back(static_cast<char>(c));
        n.to_orig.push_back(static_cast<std::uint32_t>(here));
      }
      continue;
    }
    const char32_t c = next_code_point(s, i);
    if (removed(c)) continue;
    // A superscript or subscript character: its marker ('^' or '_') once per
    // run, then the character, all mapped to the source character.
    auto raised = [&](int ch, char marker, bool& in_run) {
      if (ch < 0) {
        in_run = false;
        return false;
      }
      flush();
      if (!in_run) {
        n.text.push_back(marker);
        n.to_orig.push_back(static_cast<std::uint32_t>(at));
      }
      n.text.push_back(static_cast<char>(ch));
      n.to_orig.push_back(static_cast<std::uint32_t>(at));
      in_run = true;
      return true;
    };
    // A vulgar fraction ("½", "¼") is its value, as a decimal where it is exact
    // ("0.5"): NFKC would make "1⁄2", three tokens no number pattern reads.
    if (const std::string_view v = vulgar_fraction(c); !v.empty()) {
      flush();
      in_power = in_index = false;
      if (!n.text.empty() && n.text.back() >= '0' && n.text.back() <= '9') {
        n.text.push_back(' ');  // "1½": kept apart from the whole number
        n.to_orig.push_back(static_cast<std::uint32_t>(at));
      }
      for (char ch : v) {
        n.text.push_back(ch);
        n.to_orig.push_back(static_cast<std::uint32_t>(at));
      }
      continue;
    }
    if (raised(superscript(c), '^', in_power)) continue;
    if (raised(subscript(c), '_', in_index)) continue;
    const UChar32 uc = static_cast<UChar32>(c);
    if (!norm || norm->hasBoundaryBefore(uc)) {
      flush();
      chunk_start = at;
      chunk_open = true;
    } else if (!chunk_open) {
      chunk_start = at;
      chunk_open = true;
    }
    chunk.append(uc);
  }
  flush();
  n.to_orig.push_back(static_cast<std::uint32_t>(s.size()));
  return n;
}

std::string fold_case(std::string_view utf8) {
  bool ascii = true;
  for (unsigned char b : utf8)
    if (b >= 0x80u) {
      ascii = false;
      break;
    }
  std::string out;
  if (ascii) {
    out.assign(utf8.data(), utf8.size());
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.foldCase(U_FOLD_CASE_DEFAULT);
  u.toUTF8String(out);
  return out;
}

}  // namespace automark
