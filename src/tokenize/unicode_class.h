// Character classes of the split patterns, and UTF-8 decoding for the pre-tokenizer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ag::tokenize {

// Disjoint classes; every code point has exactly one. kSpace is the \s of JavaScript regular
// expressions (Unicode White_Space minus U+0085, plus U+FEFF); the rest are general categories.
enum class CharClass : uint8_t {
  kOther,        // everything else: punctuation, symbols, controls, unassigned
  kSpace,        // \s
  kNumber,       // \p{N}
  kMark,         // \p{M}
  kUpper,        // \p{Lu}
  kLower,        // \p{Ll}
  kTitle,        // \p{Lt}
  kModifier,     // \p{Lm}
  kOtherLetter,  // \p{Lo}
};

CharClass char_class(uint32_t cp);

inline bool is_letter(CharClass c) { return c >= CharClass::kUpper; }

// One decoded code point of valid UTF-8.
struct CodePoint {
  uint32_t cp;
  uint32_t len;  // bytes, 1..4
};

// REQUIRES: p < end and [p, end) is valid UTF-8.
inline CodePoint decode_valid(const unsigned char *p, const unsigned char *end) {
  unsigned char b = p[0];
  if (b < 0x80) return {b, 1};
  if (b < 0xE0) return {(b & 0x1Fu) << 6 | (p[1] & 0x3Fu), 2};
  if (b < 0xF0) return {(b & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu), 3};
  return {(b & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu), 4};
}

// Length (1..4) of the well-formed UTF-8 sequence at p < end, or 0 when it is ill-formed.
size_t utf8_sequence_length(const unsigned char *p, const unsigned char *end);

// Length of the longest valid UTF-8 prefix of text.
size_t valid_utf8_prefix(std::string_view text);

// text with every ill-formed sequence replaced by U+FFFD, one per maximal subpart (the
// WHATWG decoder's rule, which is what TextDecoder and Node's Buffer#toString do).
std::string replace_invalid_utf8(std::string_view text);

}  // namespace ag::tokenize
