// SipHash-2-4: a keyed 64-bit hash. Used for the hash redaction style, so that the same
// secret maps to the same token within one engine and the token reveals nothing without
// the key.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ag::scrub {

struct SipKey {
  uint64_t k0 = 0;
  uint64_t k1 = 0;
};

uint64_t siphash24(const SipKey &key, const void *data, size_t len);

}  // namespace ag::scrub
