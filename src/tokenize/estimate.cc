#include "tokenize/estimate.h"

#include <cstddef>

#include "tokenize/unicode_class.h"

namespace ag::tokenize {
namespace {

// Costs in thousandths of a token, fitted so the estimate stays at or above the larger of
// the o200k_base and cl100k_base counts on prose, code, JSON, CJK and other scripts (see
// docs/tokenize.md for the corpus and the measured error).
constexpr uint64_t kWord = 1000;         // an ASCII word (letters, maybe with digits)
constexpr uint64_t kWordChar = 125;      // each further char of the word
constexpr uint64_t kWordShift = 1300;    // a change inside it: lower->upper, letter<->digit
constexpr uint64_t kDigits = 1000;       // per three digits of a number
constexpr uint64_t kPunct = 620;         // ASCII punctuation, per char
constexpr uint64_t kSpaceRun = 500;      // a run of 2+ spaces or tabs (one alone is free)
constexpr uint64_t kSpaceRunChar = 60;   // per char of that run
constexpr uint64_t kNewline = 600;       // CR or LF
constexpr uint64_t kGreek = 1400;        // U+0370..U+03FF
constexpr uint64_t kCyrillic = 700;      // U+0400..U+052F
constexpr uint64_t kTwoByte = 1000;      // other U+0080..U+07FF (Latin accents, Hebrew, Arabic)
constexpr uint64_t kCjk = 1400;          // Han, kana, Hangul, full-width forms
constexpr uint64_t kThreeByte = 1400;    // other BMP (Indic, Thai, symbols)
constexpr uint64_t kFourByte = 3000;     // emoji and other astral chars
constexpr uint64_t kInvalid = 1000;      // a byte of ill-formed UTF-8

enum class Kind { kLower, kUpper, kDigit };

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
Kind kind_of(unsigned char c) {
  return c <= '9' ? Kind::kDigit : c <= 'Z' ? Kind::kUpper : Kind::kLower;
}

bool is_cjk(uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// Cost of the run of ASCII letters and digits at p; *len receives its length.
uint64_t alnum_run_cost(const unsigned char *p, const unsigned char *end, size_t *len) {
  size_t n = 0, digits = 0, shifts = 0;
  Kind prev = kind_of(p[0]);
  for (; p + n < end && ascii_alnum(p[n]); ++n) {
    Kind k = kind_of(p[n]);
    if (k == Kind::kDigit) ++digits;
    if (n > 0 && k != prev && !(prev == Kind::kUpper && k == Kind::kLower)) ++shifts;
    prev = k;
  }
  *len = n;
  if (digits == n) return kDigits * ((n + 2) / 3);
  return kWord + kWordChar * (n - 1) + kWordShift * shifts;
}

uint64_t code_point_cost(uint32_t cp) {
  if (cp < 0x800) {
    if (cp >= 0x370 && cp <= 0x3FF) return kGreek;
    if (cp >= 0x400 && cp <= 0x52F) return kCyrillic;
    return kTwoByte;
  }
  if (cp < 0x10000) return is_cjk(cp) ? kCjk : kThreeByte;
  return kFourByte;
}

}  // namespace

uint64_t estimate_tokens(std::string_view text) {
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const unsigned char *end = p + text.size();
  uint64_t milli = 0;
  while (p < end) {
    unsigned char c = *p;
    size_t n = 1;
    if (ascii_alnum(c)) {
      milli += alnum_run_cost(p, end, &n);
    } else if (c == ' ' || c == '\t') {
      while (p + n < end && (p[n] == ' ' || p[n] == '\t')) ++n;
      if (n >= 2) milli += kSpaceRun + kSpaceRunChar * n;
    } else if (c == '\r' || c == '\n') {
      milli += kNewline;
    } else if (c < 0x80) {
      milli += kPunct;
    } else {
      n = utf8_sequence_length(p, end);
      if (n == 0) {
        n = 1;
        milli += kInvalid;
      } else {
        milli += code_point_cost(decode_valid(p, end).cp);
      }
    }
    p += n;
  }
  return (milli + 999) / 1000;
}

}  // namespace ag::tokenize
