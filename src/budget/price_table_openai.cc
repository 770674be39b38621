// OpenAI list prices (standard tier, USD per million tokens), from openai.com/api/pricing.
// OpenAI counts cached tokens inside prompt tokens; reasoning is billed as output.
#include "budget/price.h"

namespace ag {
namespace {

constexpr PriceRow kRows[] = {
    {.name = "gpt-5", .input = usd("1.25"), .output = usd("10"), .cache_read = usd("0.125")},
    {.name = "gpt-5-mini", .input = usd("0.25"), .output = usd("2"), .cache_read = usd("0.025")},
    {.name = "gpt-5-nano", .input = usd("0.05"), .output = usd("0.4"), .cache_read = usd("0.005")},
    {.name = "gpt-5-pro", .input = usd("15"), .output = usd("120")},
    {.name = "gpt-5.1", .input = usd("1.25"), .output = usd("10"), .cache_read = usd("0.125")},
    {.name = "gpt-5.2", .input = usd("1.75"), .output = usd("14"), .cache_read = usd("0.175")},
    {.name = "gpt-4.1", .input = usd("2"), .output = usd("8"), .cache_read = usd("0.5")},
    {.name = "gpt-4.1-mini", .input = usd("0.4"), .output = usd("1.6"), .cache_read = usd("0.1")},
    {.name = "gpt-4.1-nano", .input = usd("0.1"), .output = usd("0.4"), .cache_read = usd("0.025")},
    {.name = "gpt-4o", .input = usd("2.5"), .output = usd("10"), .cache_read = usd("1.25")},
    {.name = "gpt-4o-2024-05-13", .input = usd("5"), .output = usd("15")},
    {.name = "chatgpt-4o-latest", .input = usd("5"), .output = usd("15")},
    {.name = "gpt-4o-mini", .input = usd("0.15"), .output = usd("0.6"), .cache_read = usd("0.075")},
    {.name = "gpt-4.5-preview", .input = usd("75"), .output = usd("150"), .cache_read = usd("37.5")},
    {.name = "gpt-4-turbo", .input = usd("10"), .output = usd("30")},
    {.name = "gpt-4", .input = usd("30"), .output = usd("60")},
    {.name = "gpt-4-32k", .input = usd("60"), .output = usd("120")},
    {.name = "gpt-3.5-turbo", .input = usd("0.5"), .output = usd("1.5")},
    {.name = "gpt-3.5-turbo-instruct", .input = usd("1.5"), .output = usd("2")},
    {.name = "o1", .input = usd("15"), .output = usd("60"), .cache_read = usd("7.5")},
    {.name = "o1-mini", .input = usd("1.1"), .output = usd("4.4"), .cache_read = usd("0.55")},
    {.name = "o1-pro", .input = usd("150"), .output = usd("600")},
    {.name = "o3", .input = usd("2"), .output = usd("8"), .cache_read = usd("0.5")},
    {.name = "o3-mini", .input = usd("1.1"), .output = usd("4.4"), .cache_read = usd("0.55")},
    {.name = "o3-pro", .input = usd("20"), .output = usd("80")},
    {.name = "o4-mini", .input = usd("1.1"), .output = usd("4.4"), .cache_read = usd("0.275")},
    {.name = "text-embedding-3-small", .input = usd("0.02"), .output = usd("0")},
    {.name = "text-embedding-3-large", .input = usd("0.13"), .output = usd("0")},
    {.name = "text-embedding-ada-002", .input = usd("0.1"), .output = usd("0")},
};

constexpr PriceAlias kAliases[] = {
    {"gpt-5-chat", "gpt-5"},
    {"gpt-5-codex", "gpt-5"},
    {"gpt-5.1-chat", "gpt-5.1"},
    {"gpt-5.1-codex", "gpt-5.1"},
    {"gpt-4-turbo-preview", "gpt-4-turbo"},
    {"gpt-4-1106-preview", "gpt-4-turbo"},
    {"gpt-4-0125-preview", "gpt-4-turbo"},
    {"gpt-4-1106-vision-preview", "gpt-4-turbo"},
    {"gpt-4-vision-preview", "gpt-4-turbo"},
};

}  // namespace

PriceTableData openai_price_table() {
  return {"openai", kRows, std::size(kRows), kAliases, std::size(kAliases)};
}

}  // namespace ag
