#include "scrub/validators.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>

namespace ag::scrub {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Digits of s with the separators in `skip` removed; empty if any other byte appears.
std::string digits_only(std::string_view s, std::string_view skip) {
  std::string d;
  for (char c : s) {
    if (is_digit(c)) {
      d.push_back(c);
    } else if (skip.find(c) == std::string_view::npos) {
      return {};
    }
  }
  return d;
}

int b64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (is_digit(c)) return c - '0' + 52;
  if (c == '-' || c == '+') return 62;
  if (c == '_' || c == '/') return 63;
  return -1;
}

// Decodes unpadded (or '='-padded) base64url; false on a bad byte or impossible length.
bool b64url_decode(std::string_view in, std::string *out) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = b64url_value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

// One group of an IPv6 address: 1-4 hex digits.
bool ipv6_group(std::string_view g) {
  if (g.empty() || g.size() > 4) return false;
  for (char c : g)
    if (hex_value(c) < 0) return false;
  return true;
}

}  // namespace

bool luhn_valid(std::string_view s) {
  std::string d = digits_only(s, " -");
  if (d.size() < 12 || d.size() > 19) return false;
  if (d.find_first_not_of(d[0]) == std::string::npos) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = d.size(); i-- > 0;) {
    int v = d[i] - '0';
    if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool iban_valid(std::string_view s) {
  std::string c;
  for (char ch : s) {
    if (ch == ' ') continue;
    if (!is_digit(ch) && !is_alpha(ch)) return false;
    c.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
  }
  if (c.size() < 15 || c.size() > 34) return false;
  if (!is_alpha(c[0]) || !is_alpha(c[1]) || !is_digit(c[2]) || !is_digit(c[3])) return false;
  std::string r = c.substr(4) + c.substr(0, 4);
  uint32_t mod = 0;
  for (char ch : r) {
    if (is_digit(ch)) {
      mod = (mod * 10 + static_cast<uint32_t>(ch - '0')) % 97;
    } else {
      mod = (mod * 100 + static_cast<uint32_t>(ch - 'A' + 10)) % 97;
    }
  }
  return mod == 1;
}

bool jwt_valid(std::string_view s) {
  size_t d1 = s.find('.');
  if (d1 == std::string_view::npos) return false;
  size_t d2 = s.find('.', d1 + 1);
  if (d2 == std::string_view::npos || s.find('.', d2 + 1) != std::string_view::npos)
    return false;
  std::string header, payload, sig;
  if (!b64url_decode(s.substr(0, d1), &header) ||
      !b64url_decode(s.substr(d1 + 1, d2 - d1 - 1), &payload) ||
      !b64url_decode(s.substr(d2 + 1), &sig))
    return false;
  size_t open = header.find_first_not_of(" \t\r\n");
  return open != std::string::npos && header[open] == '{' &&
         header.find("\"alg\"") != std::string::npos && !payload.empty();
}

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0.0;
  size_t counts[256] = {0};
  for (unsigned char c : s) ++counts[c];
  double h = 0.0;
  double n = static_cast<double>(s.size());
  for (size_t c : counts) {
    if (c == 0) continue;
    double p = static_cast<double>(c) / n;
    h -= p * std::log2(p);
  }
  return h;
}

namespace {

// The longest run of bytes each one above (or each one below) the one before, over the
// bytes `keep` accepts, skipping the others: "12345678", "ABCDEFGH", and with keep = letters
// the interleaved "a1b2c3d4e5f6g7h8".
template <typename Keep>
size_t longest_step_run(std::string_view s, Keep keep) {
  size_t best = 0, up = 0, down = 0;
  int prev = -2;
  for (unsigned char raw : s) {
    if (!keep(raw)) continue;
    int c = std::tolower(raw);
    up = c == prev + 1 ? up + 1 : 1;
    down = c == prev - 1 ? down + 1 : 1;
    best = std::max({best, up, down});
    prev = c;
  }
  return best;
}

size_t longest_repeat(std::string_view s) {
  size_t best = 0, run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
    best = std::max(best, run);
  }
  return best;
}

}  // namespace

bool looks_made_up(std::string_view s) {
  auto alnum = [](unsigned char c) { return std::isalnum(c) != 0; };
  auto alpha = [](unsigned char c) { return std::isalpha(c) != 0; };
  auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  return longest_step_run(s, alnum) >= kMadeUpRun || longest_step_run(s, alpha) >= kMadeUpSpread ||
         longest_step_run(s, digit) >= kMadeUpSpread || longest_repeat(s) >= kMadeUpRun;
}

bool entropy_valid(std::string_view s) {
  return shannon_entropy(s) >= kMinEntropyBits && !looks_made_up(s);
}

bool ssn_valid(std::string_view s) {
  std::string d = digits_only(s, " -");
  if (d.size() != 9) return false;
  int area = std::stoi(d.substr(0, 3));
  int group = std::stoi(d.substr(3, 2));
  int serial = std::stoi(d.substr(5, 4));
  return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

bool ipv4_valid(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t start = i;
    int value = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < 3) value = value * 10 + (s[i++] - '0');
    size_t len = i - start;
    if (len == 0 || value > 255 || (len > 1 && s[start] == '0')) return false;
    ++parts;
    if (i == s.size()) break;
    if (s[i] != '.' || parts == 4) return false;
    ++i;
  }
  return parts == 4;
}

bool ipv6_valid(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  size_t gap = s.find("::");
  if (gap != std::string_view::npos && s.find("::", gap + 1) != std::string_view::npos)
    return false;
  // Counts the 16-bit groups of one side of "::"; a dotted quad at the very end counts 2.
  auto count = [](std::string_view side, bool last, int *groups) {
    *groups = 0;
    if (side.empty()) return true;
    size_t pos = 0;
    while (true) {
      size_t colon = side.find(':', pos);
      std::string_view g = side.substr(pos, colon == std::string_view::npos ? side.npos : colon - pos);
      if (colon == std::string_view::npos && last && g.find('.') != std::string_view::npos) {
        if (!ipv4_valid(g)) return false;
        *groups += 2;
        return true;
      }
      if (!ipv6_group(g)) return false;
      ++*groups;
      if (colon == std::string_view::npos) return true;
      pos = colon + 1;
    }
  };
  int left = 0, right = 0;
  if (gap == std::string_view::npos) return count(s, true, &left) && left == 8;
  if (!count(s.substr(0, gap), false, &left) || !count(s.substr(gap + 2), true, &right))
    return false;
  return left + right <= 7;
}

bool validate(Validator v, std::string_view secret) {
  switch (v) {
    case Validator::kNone: return true;
    case Validator::kLuhn: return luhn_valid(secret);
    case Validator::kIbanMod97: return iban_valid(secret);
    case Validator::kJwt: return jwt_valid(secret);
    case Validator::kEntropy: return entropy_valid(secret);
    case Validator::kSsn: return ssn_valid(secret);
    case Validator::kIpv4: return ipv4_valid(secret);
    case Validator::kIpv6: return ipv6_valid(secret);
  }
  return false;
}

}  // namespace ag::scrub
