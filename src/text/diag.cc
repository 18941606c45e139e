#include "automark/diag.h"

namespace automark {

std::string Diagnostic::str() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (col > 0) out += ":" + std::to_string(col);
  }
  out += ": " + severity + ": " + message;
  return out;
}

}  // namespace automark
