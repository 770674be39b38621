// A generator of realistic tool outputs (.env files, JSON API responses, logs, stack
// traces, prose) with planted secrets and PII, and look-alikes that must survive scrubbing
// (UUIDs, git SHAs, SHA-256 digests, versions, timestamps, numbers failing Luhn).
// Deterministic for a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ag::scrub::testing {

struct Corpus {
  std::string text;
  std::vector<std::string> secrets;     // planted: no 12-byte run of any may survive
  std::vector<std::string> lookalikes;  // planted: each must come out intact
};

// About `bytes` bytes of documents. secret_every: roughly one planted secret per this many
// documents (1 = every document).
Corpus generate_corpus(uint32_t seed, size_t bytes, int secret_every = 1);

}  // namespace ag::scrub::testing
