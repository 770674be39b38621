#include "providers/retry_after.h"

#include <cmath>

namespace ag::providers {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// A non-negative decimal number ("12", "1.5") scaled by `scale`; -1 when malformed.
int64_t parse_decimal(std::string_view s, double scale) {
  if (s.empty() || s.size() > 32) return -1;
  double v = 0, frac = 0;
  bool dot = false, digits = false;
  for (char c : s) {
    if (c == '.' && !dot) {
      dot = true;
      frac = 1;
    } else if (c >= '0' && c <= '9') {
      digits = true;
      if (dot) v += (c - '0') * (frac /= 10);
      else v = v * 10 + (c - '0');
    } else {
      return -1;
    }
  }
  if (!digits) return -1;
  const double ms = std::ceil(v * scale);
  return ms > 9.0e15 ? static_cast<int64_t>(9.0e15) : static_cast<int64_t>(ms);
}

int parse_2(std::string_view s, size_t at) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
    return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::optional<std::string_view> find_header(std::string_view headers, std::string_view name) {
  while (!headers.empty()) {
    size_t end = headers.find('\n');
    std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view() : headers.substr(end + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (iequals(trim(line.substr(0, colon)), name)) return trim(line.substr(colon + 1));
  }
  return std::nullopt;
}

int64_t parse_duration_ms(std::string_view s) {
  if (s.empty() || s.back() != 's') return -1;
  return parse_decimal(s.substr(0, s.size() - 1), 1000.0);
}

int64_t parse_http_date_ms(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions after the day name and comma.
  static const char kMonths[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  size_t comma = s.find(", ");
  if (comma == std::string_view::npos) return -1;
  s = s.substr(comma + 2);
  if (s.size() != 24 || s.substr(20) != " GMT") return -1;
  const int day = parse_2(s, 0);
  int month = 0;
  for (int i = 0; i < 12 && month == 0; ++i)
    if (s.substr(3, 3) == std::string_view(kMonths + 3 * i, 3)) month = i + 1;
  const int y_hi = parse_2(s, 7), y_lo = parse_2(s, 9);
  const int hh = parse_2(s, 12), mm = parse_2(s, 15), ss = parse_2(s, 18);
  if (day < 1 || day > 31 || month == 0 || y_hi < 0 || y_lo < 0 ||
      hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
    return -1;
  const int64_t days = days_from_civil(y_hi * 100 + y_lo, month, day);
  return ((days * 24 + hh) * 60 + mm) * 60000 + ss * 1000;
}

int64_t retry_after_from_headers(std::string_view headers, int64_t now_ms) {
  if (auto ms = find_header(headers, "retry-after-ms")) {
    int64_t v = parse_decimal(*ms, 1.0);
    if (v >= 0) return v;
  }
  auto after = find_header(headers, "retry-after");
  if (!after) return -1;
  int64_t v = parse_decimal(*after, 1000.0);
  if (v >= 0) return v;
  const int64_t at = parse_http_date_ms(*after);
  if (at < 0) return -1;
  if (auto date = find_header(headers, "date")) {
    const int64_t sent = parse_http_date_ms(*date);
    if (sent >= 0) now_ms = sent;
  }
  return at > now_ms ? at - now_ms : 0;
}

}  // namespace ag::providers
