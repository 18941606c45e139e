// Text primitives used by every later stage: UTF-8 repair, normalisation with
// an offset map back to the original, and the word count of the marking rules.
//
// A word is a maximal run of non-space characters, as `wc -w` counts it
// (so "M/2-2" is one word and "5 x 5" is three). Space means the ASCII
// whitespace characters, the Unicode separators that glibc's iswspace()
// accepts, and the no-break spaces U+00A0, U+2007, U+202F and U+2060, which
// GNU coreutils 9 `wc -w` also treats as separators in a UTF-8 locale.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace automark {

/// Result of making arbitrary bytes valid UTF-8.
struct Utf8Repair {
  std::string text;            ///< valid UTF-8; each invalid sequence became U+FFFD
  std::size_t replaced = 0;    ///< how many invalid sequences were replaced
  std::size_t first_bad = 0;   ///< byte offset (in the input) of the first one
};
Utf8Repair repair_utf8(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);

/// Normalised text with a map back to byte offsets in the text it came from.
struct Normalised {
  std::string text;
  /// to_orig[i] is the offset in the source of byte i of `text`;
  /// to_orig[text.size()] is the source's size. Monotonic non-decreasing.
  /// Every byte of what one source character (or one starter with its
  /// combining marks) became maps to where that character starts in the
  /// source, so a span [i, j) of `text` maps to the whole source characters
  /// [orig(i), orig(j)). Pure ASCII text without CR maps to itself. A CRLF
  /// becomes one LF mapped to the CR.
  std::vector<std::uint32_t> to_orig;
  std::size_t orig(std::size_t i) const { return to_orig[i < to_orig.size() ? i : to_orig.size() - 1]; }
};

/// Normalise for analysis: strip a BOM, CRLF/CR -> LF, NFKC (ligatures,
/// full-width forms), smart quotes -> ASCII quotes, the dashes and minus signs
/// -> '-', the multiplication sign -> 'x', the division sign -> '/', superscript
/// digits and minus -> a power ("x²" -> "x^2", "10⁻³" -> "10^-3"),
/// no-break and other spaces -> ' ', U+2028/U+2029/U+0085 -> LF; zero-width
/// characters (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+180E) and the soft
/// hyphen are removed. Case is kept. Input should be valid UTF-8 (invalid
/// bytes are read as U+FFFD).
Normalised normalise(std::string_view utf8);

/// Whether a text may hold LaTeX maths (a `$`, or a backslash command).
bool has_latex(std::string_view text);

/// LaTeX maths rewritten in the plain notation the matcher reads, with a map
/// back to the source (same contract as Normalised::to_orig): `$`, `\(` and
/// `\)` -> space; `\frac{a}{b}` -> `(a)/(b)`; `\times` -> U+00D7, `\cdot` ->
/// `*`; `\lfloor`/`\rfloor` -> U+230A/U+230B; `\le`, `\ge`, `\to`, `\sum`...
/// -> their symbols (`\uparrow`/`\downarrow` -> U+2191/U+2193); `\mathbb{R}`
/// -> U+211D, its `^{..}` exponent written out as it is (a tensor's shape);
/// `\left`, `\text`, `\mathrm`, `\hat`... dropped, their
/// group read as text; `^{..}`/`_{..}` -> `^(..)`/`_(..)`; other groups lose
/// their braces; `\,` and other spacing -> space; any other command (`\log`,
/// `\alpha`) -> its name as a word.
Normalised delatex(std::string_view text);

/// `wc -w` count of a UTF-8 text.
std::size_t count_words(std::string_view utf8);

/// Where an answer is cut at its word limit.
struct WordCut {
  std::size_t words = 0;        ///< words in the whole text
  bool truncated = false;       ///< words > limit
  std::size_t kept_end = 0;     ///< byte offset just after the last kept word
  std::size_t cut_offset = 0;   ///< byte offset of the first ignored word (== size when not truncated)
  std::size_t cut_word = 0;     ///< 0-based index of the first ignored word (== limit); == words when not truncated
};
/// Cut after `limit` words (limit 0 or negative would mean "no limit": pass SIZE_MAX).
/// kept_end is 0 when no word is kept; trailing spaces are never kept.
WordCut cut_at_word_limit(std::string_view utf8, std::size_t limit);

/// True for the bytes/code points that separate words (see file comment).
bool is_word_space(char32_t c);

/// Decode one code point at `i` (advancing i); returns U+FFFD on bad input.
char32_t next_code_point(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t c);

/// Lower-case (full Unicode case folding) a UTF-8 string.
std::string fold_case(std::string_view utf8);

/// Hex SHA-256 of bytes (for script and rubric hashes in reports).
std::string sha256_hex(std::string_view bytes);

}  // namespace automark
