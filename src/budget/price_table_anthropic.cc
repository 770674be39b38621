// Anthropic list prices (USD per million tokens), from anthropic.com/pricing. Cache reads
// cost 0.1x input, 5-minute cache writes 1.25x, 1-hour cache writes 2x. Anthropic's
// input_tokens exclude cache reads and writes; the usage parsers add them back.
#include "budget/price.h"

namespace ag {
namespace {

// A Claude model priced with the standard cache multipliers.
constexpr PriceRow claude(std::string_view name, int64_t in, int64_t out) {
  return {.name = name,
          .input = in,
          .output = out,
          .cache_read = in / 10,
          .cache_write_5m = in * 5 / 4,
          .cache_write_1h = in * 2};
}

// A Claude model whose long-context prices (prompt above 200k tokens) are 2x input and
// 1.5x output, cache prices following input.
constexpr PriceRow claude_long(std::string_view name, int64_t in, int64_t out) {
  PriceRow r = claude(name, in, out);
  r.tier_threshold = 200000;
  r.input_above = in * 2;
  r.output_above = out * 3 / 2;
  r.cache_read_above = in * 2 / 10;
  r.cache_write_above = in * 2 * 5 / 4;
  r.cache_write_1h_above = in * 2 * 2;
  return r;
}

constexpr PriceRow kRows[] = {
    claude("claude-opus-4-5", usd("5"), usd("25")),
    claude("claude-opus-4-1", usd("15"), usd("75")),
    claude("claude-opus-4", usd("15"), usd("75")),
    claude_long("claude-sonnet-4-5", usd("3"), usd("15")),
    claude_long("claude-sonnet-4", usd("3"), usd("15")),
    claude("claude-haiku-4-5", usd("1"), usd("5")),
    claude("claude-3-7-sonnet", usd("3"), usd("15")),
    claude("claude-3-5-sonnet", usd("3"), usd("15")),
    claude("claude-3-5-haiku", usd("0.8"), usd("4")),
    claude("claude-3-opus", usd("15"), usd("75")),
    claude("claude-3-sonnet", usd("3"), usd("15")),
    // Claude 3 Haiku's cache prices are rounded up from the multipliers.
    {.name = "claude-3-haiku", .input = usd("0.25"), .output = usd("1.25"),
     .cache_read = usd("0.03"), .cache_write_5m = usd("0.3"), .cache_write_1h = usd("0.5")},
};

constexpr PriceAlias kAliases[] = {
    {"claude-opus-4-0", "claude-opus-4"},
    {"claude-4-opus", "claude-opus-4"},
    {"claude-sonnet-4-0", "claude-sonnet-4"},
    {"claude-4-sonnet", "claude-sonnet-4"},
    {"claude-4-5-sonnet", "claude-sonnet-4-5"},
    {"claude-4-5-haiku", "claude-haiku-4-5"},
    {"claude-4-5-opus", "claude-opus-4-5"},
    {"claude-4-1-opus", "claude-opus-4-1"},
};

}  // namespace

PriceTableData anthropic_price_table() {
  return {"anthropic", kRows, std::size(kRows), kAliases, std::size(kAliases)};
}

}  // namespace ag
