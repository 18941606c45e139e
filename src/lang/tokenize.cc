// The tokenizer shared by patterns and answers (see Token in pattern.h).
#include <algorithm>
#include "lang/tokenize_local.h"

#include "automark/text.h"
#include "lang/utf8_local.h"

namespace automark {
namespace lang {
namespace {

char32_t lower_cp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;       // Latin-1
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;     // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;                   // Cyrillic
  return c;
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// The normalised text of a one-character symbol token.
std::string symbol_text(char32_t c) {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return "-";
    case 0xF7: return "/";
    case 0x2018: case 0x2019: return "'";
    case 0x201C: case 0x201D: return "\"";
    default: break;
  }
  std::string s;
  encode_one(s, c);
  return s;
}

}  // namespace

std::vector<Token> tokenize_cps(const std::vector<CodePoint>& cps) {
  std::vector<Token> out;
  const std::size_t n = cps.size();
  std::size_t i = 0;
  while (i < n) {
    const char32_t c = cps[i].c;
    if (is_space_cp(c)) {
      ++i;
      continue;
    }
    Token t;
    t.begin = cps[i].begin;
    if (c == 0xD7) {  // the multiplication sign reads as the word "x"
      t.kind = Token::Kind::Word;
      t.text.push_back('x');
      t.end = cps[i].end;
      ++i;
    } else if (is_digit_cp(c)) {
      t.kind = Token::Kind::Number;
      std::size_t j = i;
      while (j < n) {
        if (is_digit_cp(cps[j].c)) {
          t.text.push_back(static_cast<char>(cps[j].c));
          ++j;
        } else if ((cps[j].c == '.' || cps[j].c == ',') && j + 1 < n && is_digit_cp(cps[j + 1].c)) {
          t.text.push_back(static_cast<char>(cps[j].c));
          ++j;
        } else {
          break;
        }
      }
      t.end = cps[j - 1].end;
      i = j;
    } else if (is_letter_cp(c)) {
      t.kind = Token::Kind::Word;
      std::string raw;
      std::size_t j = i;
      while (j < n) {
        const char32_t d = cps[j].c;
        if (is_letter_cp(d)) {
          encode_one(raw, lower_cp(d));
          ++j;
        } else if (is_apostrophe(d) && j + 1 < n && is_letter_cp(cps[j + 1].c) && cps[j + 1].c != 0xD7) {
          raw.push_back('\'');
          ++j;
        } else {
          break;
        }
      }
      t.text = fold_word(raw);
      t.end = cps[j - 1].end;
      i = j;
    } else {
      t.kind = Token::Kind::Symbol;
      t.text = symbol_text(c);
      t.end = cps[i].end;
      ++i;
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace lang

std::string fold_word(std::string_view utf8) {
  std::string out;
  // ASCII (most words): A-Z lowered byte by byte, as lower_cp does.
  if (std::all_of(utf8.begin(), utf8.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) {
    out.assign(utf8);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    return out;
  }
  out.reserve(utf8.size());
  bool ascii = true;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t c = lang::decode_one(utf8, i);
    if (c >= 0x80) ascii = false;
    lang::encode_one(out, lang::lower_cp(c));
  }
  if (ascii) return out;
  // Full Unicode folding when the text module provides it; keep our own
  // lowering if it returns something unusable.
  std::string folded = fold_case(out);
  return folded.empty() ? out : folded;
}

std::vector<Token> tokenize(std::string_view utf8) { return lang::tokenize_cps(lang::decode_bytes(utf8)); }

}  // namespace automark
