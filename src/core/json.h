// Small JSON helpers shared by the parsers: exact decimal numbers, UTF-8 checks, path text.
// Nothing here includes simdjson, so the header stays cheap to include everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace ag::json {

// Largest document any parser accepts (policy files, price files, run options).
inline constexpr size_t kMaxDocumentBytes = 16u << 20;

enum class Decimal : uint8_t {
  kOk,
  kSyntax,     // not a JSON number
  kNegative,   // below zero (-0 is zero)
  kPrecision,  // more decimal places than the scale keeps (non-zero digits would be lost)
  kRange,      // does not fit in int64_t
};

// Converts the text of a JSON number to fixed point: *out = value * 10^scale, exactly, with
// no binary floating point ("0.075", 9 -> 75000000). Accepts exponents ("1.5e-3").
// REQUIRES: 0 <= scale <= 18. Only non-negative values are accepted.
constexpr Decimal parse_decimal(std::string_view text, int scale, int64_t *out) {
  size_t i = 0;
  const size_t n = text.size();
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  bool negative = false;
  if (i < n && text[i] == '-') {
    negative = true;
    ++i;
  }
  // Integer part: 0 or [1-9][0-9]*.
  const size_t int_begin = i;
  if (i >= n || !is_digit(text[i])) return Decimal::kSyntax;
  if (text[i] == '0') {
    ++i;
  } else {
    while (i < n && is_digit(text[i])) ++i;
  }
  const size_t int_end = i;
  size_t frac_begin = i, frac_end = i;
  if (i < n && text[i] == '.') {
    frac_begin = ++i;
    while (i < n && is_digit(text[i])) ++i;
    frac_end = i;
    if (frac_end == frac_begin) return Decimal::kSyntax;
  }
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= n || !is_digit(text[i])) return Decimal::kSyntax;
    while (i < n && is_digit(text[i])) {
      if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != n) return Decimal::kSyntax;

  // The digits int||frac with the decimal point after `point` of them (point may be outside).
  auto digit_at = [&](size_t k) {
    size_t int_len = int_end - int_begin;
    return k < int_len ? text[int_begin + k] : text[frac_begin + (k - int_len)];
  };
  const size_t total = (int_end - int_begin) + (frac_end - frac_begin);
  const int64_t point = static_cast<int64_t>(int_end - int_begin) + exponent + scale;
  bool nonzero = false;
  for (size_t k = 0; k < total; ++k) nonzero = nonzero || digit_at(k) != '0';
  if (!nonzero) {
    *out = 0;
    return Decimal::kOk;
  }
  if (negative) return Decimal::kNegative;
  // Digits at or after `point` are below the kept precision and must all be zero.
  for (int64_t k = point < 0 ? 0 : point; k < static_cast<int64_t>(total); ++k)
    if (digit_at(static_cast<size_t>(k)) != '0') return Decimal::kPrecision;
  int64_t value = 0;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (int64_t k = 0; k < point; ++k) {
    int d = k < static_cast<int64_t>(total) ? digit_at(static_cast<size_t>(k)) - '0' : 0;
    if (value > (kMax - d) / 10) return Decimal::kRange;
    value = value * 10 + d;
  }
  *out = value;
  return Decimal::kOk;
}

// Offset of the first byte that is not part of valid UTF-8 (overlongs, surrogates and code
// points above U+10FFFF are invalid), or std::string_view::npos when all of s is valid.
size_t utf8_error_offset(std::string_view s);

// The error path of an object member: "parent.key" when key is a plain identifier
// ([A-Za-z0-9_-], 1 to 64 bytes), otherwise parent["key"] with the key JSON-escaped and
// shortened, so a path is always one printable line. An empty parent gives the key alone.
std::string path_join(std::string_view parent, std::string_view key);

// Formats "<what> at byte <offset>" for parse errors.
std::string at_byte(std::string_view what, size_t offset);

// Checks a document before parsing: not empty, at most kMaxDocumentBytes, valid UTF-8.
// Throws ag::Error(AG_E_PARSE or AG_E_TOO_LARGE) with a message starting with `what`.
void check_document(std::string_view text, std::string_view what);

// Reads a whole document file. Throws ag::Error(AG_E_IO, AG_E_TOO_LARGE).
std::string read_document_file(const std::string &path);

}  // namespace ag::json
