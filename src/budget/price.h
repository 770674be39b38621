// One model's prices, in nano-USD per million tokens (-1 = not priced / same as base).
#pragma once

#include <cstdint>
#include <string>

namespace ag {

struct ModelPrice {
  int64_t input = -1;           // uncached input
  int64_t cache_read = -1;      // -1: same as input
  int64_t cache_write_5m = -1;  // -1: same as input
  int64_t cache_write_1h = -1;  // -1: same as cache_write_5m
  int64_t output = -1;
  int64_t reasoning = -1;       // -1: same as output
  // Tiered prices: when the prompt (input_tokens) exceeds tier_threshold, the *_above
  // prices apply to the whole request (-1: the base price).
  uint64_t tier_threshold = 0;  // 0 = no tier
  int64_t input_above = -1;
  int64_t cache_read_above = -1;
  int64_t cache_write_above = -1;
  int64_t output_above = -1;
  std::string provider;  // "openai", "anthropic", "google", ...; informative
};

}  // namespace ag
