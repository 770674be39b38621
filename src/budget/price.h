// One model's prices, in nano-USD per million tokens (-1 = not priced / same as base).
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "core/json.h"

namespace ag {

// REQUIRES: every price is -1 or in [0, kMaxPricePerMtok].
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
  int64_t cache_write_1h_above = -1;
  int64_t output_above = -1;
  std::string provider;  // "openai", "anthropic", "google", ...; informative
};

// A USD-per-million-tokens literal as nano-USD, converted exactly at compile time:
// usd("0.075") == 75'000'000. A malformed literal does not compile.
consteval int64_t usd(std::string_view text) {
  int64_t v = 0;
  if (json::parse_decimal(text, 9, &v) != json::Decimal::kOk) throw "invalid USD literal";
  return v;
}

// Largest price any table accepts (1 million USD per million tokens); with it, every cost
// sum fits in 128 bits.
inline constexpr int64_t kMaxPricePerMtok = usd("1000000");

// One row of a built-in price table (src/budget/price_table_*.cc): plain data.
struct PriceRow {
  std::string_view name;  // canonical, lowercase
  int64_t input = -1;
  int64_t output = -1;
  int64_t cache_read = -1;
  int64_t cache_write_5m = -1;
  int64_t cache_write_1h = -1;
  uint64_t tier_threshold = 0;
  int64_t input_above = -1;
  int64_t output_above = -1;
  int64_t cache_read_above = -1;
  int64_t cache_write_above = -1;
  int64_t cache_write_1h_above = -1;
};

// Another name for a canonical row (a dated snapshot priced differently from the family
// is a row of its own, not an alias).
struct PriceAlias {
  std::string_view alias;
  std::string_view canonical;
};

struct PriceTableData {
  std::string_view provider;
  const PriceRow *rows;
  size_t row_count;
  const PriceAlias *aliases;
  size_t alias_count;
};

// The providers' tables, one file each.
PriceTableData openai_price_table();
PriceTableData anthropic_price_table();
PriceTableData google_price_table();
PriceTableData open_models_price_table();

}  // namespace ag
