// A fast hash for short byte strings (BPE tokens are rarely longer than 16 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ag::tokenize {

inline uint64_t hash_mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

inline uint64_t hash_bytes(const unsigned char *p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = hash_mix(h, v);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = hash_mix(h, tail);
  return hash_mix(h, h >> 29);
}

}  // namespace ag::tokenize
