#include "scrub/redact.h"

#include <algorithm>

namespace ag::scrub {
namespace {

constexpr std::string_view kOpen = "[REDACTED:";
constexpr std::string_view kMask = "****";
constexpr size_t kHashHex = 12;  // 48 bits of the keyed hash

}  // namespace

void put_replacement(Style style, const Rule &rule, std::string_view secret, const SipKey &key,
                     Sink *out) {
  switch (style) {
    case Style::kDetect:
      out->put(secret);
      return;
    case Style::kLabel:
      out->put(kOpen);
      out->put(rule.id);
      out->put("]", 1);
      return;
    case Style::kMask:
      if (!rule.mask_prefix.empty() && secret.substr(0, rule.mask_prefix.size()) == rule.mask_prefix)
        out->put(rule.mask_prefix);
      out->put(kMask);
      return;
    case Style::kHash: {
      static const char kDigits[] = "0123456789abcdef";
      uint64_t h = siphash24(key, secret.data(), secret.size());
      char hex[kHashHex + 2];
      hex[0] = ':';
      for (size_t i = 0; i < kHashHex; ++i) hex[1 + i] = kDigits[(h >> (60 - 4 * i)) & 0xf];
      hex[kHashHex + 1] = ']';
      out->put(kOpen);
      out->put(rule.id);
      out->put(hex, sizeof hex);
      return;
    }
  }
}

size_t max_replacement(Style style, const std::vector<Rule> &rules) {
  size_t longest_id = 0, longest_mask = 0;
  for (const Rule &r : rules) {
    longest_id = std::max(longest_id, r.id.size());
    longest_mask = std::max(longest_mask, r.mask_prefix.size());
  }
  switch (style) {
    case Style::kDetect: return 0;
    case Style::kLabel: return kOpen.size() + longest_id + 1;
    case Style::kMask: return longest_mask + kMask.size();
    case Style::kHash: return kOpen.size() + longest_id + kHashHex + 2;
  }
  return 0;
}

}  // namespace ag::scrub
