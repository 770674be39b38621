#include "tokenize/unicode_class.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>

namespace ag::tokenize {
namespace {

struct Range {
  uint32_t first;
  uint32_t last;
  CharClass cls;
};

constexpr Range kRanges[] = {
#include "tokenize/unicode_table.inc"
};

CharClass search_ranges(uint32_t cp) {
  const Range *it = std::upper_bound(std::begin(kRanges), std::end(kRanges), cp,
                                     [](uint32_t v, const Range &r) { return v < r.first; });
  if (it == std::begin(kRanges)) return CharClass::kOther;
  --it;
  return cp <= it->last ? it->cls : CharClass::kOther;
}

// The Basic Multilingual Plane as a direct table (64 KiB), built once on first use.
const CharClass *bmp_table() {
  static const std::unique_ptr<CharClass[]> table = [] {
    auto t = std::make_unique<CharClass[]>(0x10000);
    for (const Range &r : kRanges) {
      if (r.first > 0xFFFF) break;
      for (uint32_t cp = r.first; cp <= std::min<uint32_t>(r.last, 0xFFFF); ++cp) t[cp] = r.cls;
    }
    return t;
  }();
  return table.get();
}

// Length of the valid UTF-8 sequence at p (1..4), or 0 when it is ill-formed; *subpart is
// then the length of its maximal subpart (the bytes one U+FFFD replaces), at least 1.
size_t sequence_length(const unsigned char *p, const unsigned char *end, size_t *subpart) {
  unsigned char b = p[0];
  *subpart = 1;
  if (b < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    need = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 3;
    if (b == 0xE0) lo = 0xA0;  // no overlong forms
    if (b == 0xED) hi = 0x9F;  // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 4;
    if (b == 0xF0) lo = 0x90;  // no overlong forms
    if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (size_t i = 1; i < need; ++i) {
    if (p + i >= end) return 0;
    unsigned char c = p[i];
    bool ok = i == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok) return 0;
    *subpart = i + 1;
  }
  return need;
}

}  // namespace

CharClass char_class(uint32_t cp) {
  return cp <= 0xFFFF ? bmp_table()[cp] : search_ranges(cp);
}

size_t utf8_sequence_length(const unsigned char *p, const unsigned char *end) {
  size_t subpart;
  return sequence_length(p, end, &subpart);
}

size_t valid_utf8_prefix(std::string_view text) {
  const auto *begin = reinterpret_cast<const unsigned char *>(text.data());
  const unsigned char *p = begin, *end = begin + text.size();
  while (p < end) {
    if (end - p >= 8) {  // skip ASCII eight bytes at a time
      uint64_t w;
      std::memcpy(&w, p, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        p += 8;
        continue;
      }
    }
    size_t subpart;
    size_t n = sequence_length(p, end, &subpart);
    if (n == 0) break;
    p += n;
  }
  return static_cast<size_t>(p - begin);
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const unsigned char *end = p + text.size();
  while (p < end) {
    size_t subpart;
    size_t n = sequence_length(p, end, &subpart);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      p += subpart;
    } else {
      out.append(reinterpret_cast<const char *>(p), n);
      p += n;
    }
  }
  return out;
}

}  // namespace ag::tokenize
