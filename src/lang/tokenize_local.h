#pragma once

#include <vector>

#include "automark/pattern.h"
#include "lang/utf8_local.h"

namespace automark::lang {
/// Tokenize decoded code points; token begin/end come from the code points'
/// positions (byte offsets or columns).
std::vector<Token> tokenize_cps(const std::vector<CodePoint>& cps);
}  // namespace automark::lang
