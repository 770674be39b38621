// Pre-tokenisation: the split patterns of o200k_base and cl100k_base as hand-written
// scanners. Each reproduces, piece for piece, what the pattern yields when run as a global,
// Unicode-aware JavaScript regular expression (the form gpt-tokenizer uses):
//
// o200k_base:
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:C)?
//   |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:C)?
//   |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
// cl100k_base:
//   C|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s+$|\s*[\r\n]|\s+(?!\S)|\s
// where C = '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]) (ASCII apostrophe only).
#pragma once

#include <cstddef>
#include <string_view>

namespace ag::tokenize {

enum class SplitPattern { kO200k, kCl100k };

// Walks the pieces of a text in order; together they cover it exactly.
class Splitter {
 public:
  // REQUIRES: text is valid UTF-8 and outlives the splitter.
  Splitter(SplitPattern pattern, std::string_view text) : pattern_(pattern), text_(text) {}

  // Stores the next piece (never empty) and returns true; false at the end of the text.
  bool next(std::string_view *piece);

 private:
  SplitPattern pattern_;
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace ag::tokenize
