// Google Gemini API list prices (paid tier, text, USD per million tokens), from
// ai.google.dev/gemini-api/docs/pricing. Tiered models switch every price once the prompt
// exceeds the threshold. Gemini counts cached tokens inside the prompt.
#include "budget/price.h"

namespace ag {
namespace {

constexpr PriceRow kRows[] = {
    {.name = "gemini-3-pro",
     .input = usd("2"), .output = usd("12"), .cache_read = usd("0.2"),
     .tier_threshold = 200000,
     .input_above = usd("4"), .output_above = usd("18"), .cache_read_above = usd("0.4")},
    {.name = "gemini-2.5-pro",
     .input = usd("1.25"), .output = usd("10"), .cache_read = usd("0.125"),
     .tier_threshold = 200000,
     .input_above = usd("2.5"), .output_above = usd("15"), .cache_read_above = usd("0.25")},
    {.name = "gemini-2.5-flash", .input = usd("0.3"), .output = usd("2.5"), .cache_read = usd("0.03")},
    {.name = "gemini-2.5-flash-lite", .input = usd("0.1"), .output = usd("0.4"), .cache_read = usd("0.01")},
    {.name = "gemini-2.0-flash", .input = usd("0.1"), .output = usd("0.4"), .cache_read = usd("0.025")},
    {.name = "gemini-2.0-flash-lite", .input = usd("0.075"), .output = usd("0.3")},
    {.name = "gemini-1.5-pro",
     .input = usd("1.25"), .output = usd("5"), .cache_read = usd("0.3125"),
     .tier_threshold = 128000,
     .input_above = usd("2.5"), .output_above = usd("10"), .cache_read_above = usd("0.625")},
    {.name = "gemini-1.5-flash",
     .input = usd("0.075"), .output = usd("0.3"), .cache_read = usd("0.01875"),
     .tier_threshold = 128000,
     .input_above = usd("0.15"), .output_above = usd("0.6"), .cache_read_above = usd("0.0375")},
    {.name = "gemini-1.5-flash-8b",
     .input = usd("0.0375"), .output = usd("0.15"), .cache_read = usd("0.01"),
     .tier_threshold = 128000,
     .input_above = usd("0.075"), .output_above = usd("0.3"), .cache_read_above = usd("0.02")},
    {.name = "gemini-embedding-001", .input = usd("0.15"), .output = usd("0")},
};

constexpr PriceAlias kAliases[] = {
    {"gemini-pro-latest", "gemini-2.5-pro"},
    {"gemini-flash-latest", "gemini-2.5-flash"},
    {"gemini-flash-lite-latest", "gemini-2.5-flash-lite"},
    {"gemini-1.5-pro-latest", "gemini-1.5-pro"},
};

}  // namespace

PriceTableData google_price_table() {
  return {"google", kRows, std::size(kRows), kAliases, std::size(kAliases)};
}

}  // namespace ag
