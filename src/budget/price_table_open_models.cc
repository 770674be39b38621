// Open-weight models. Prices depend on the host; these are the models' first-party API
// (DeepSeek, Mistral) or a typical serverless host (Together AI) list prices, USD per
// million tokens. Policies that use another host should set pricing.models.
#include "budget/price.h"

namespace ag {
namespace {

constexpr PriceRow kRows[] = {
    // DeepSeek API (both names serve the current V3.x model).
    {.name = "deepseek-chat", .input = usd("0.28"), .output = usd("0.42"), .cache_read = usd("0.028")},
    {.name = "deepseek-reasoner", .input = usd("0.28"), .output = usd("0.42"), .cache_read = usd("0.028")},
    // Hosted open weights.
    {.name = "deepseek-v3", .input = usd("1.25"), .output = usd("1.25")},
    {.name = "deepseek-r1", .input = usd("3"), .output = usd("7")},
    {.name = "llama-3.3-70b", .input = usd("0.88"), .output = usd("0.88")},
    {.name = "llama-3.1-405b", .input = usd("3.5"), .output = usd("3.5")},
    {.name = "llama-3.1-70b", .input = usd("0.88"), .output = usd("0.88")},
    {.name = "llama-3.1-8b", .input = usd("0.18"), .output = usd("0.18")},
    {.name = "llama-3-70b", .input = usd("0.88"), .output = usd("0.88")},
    {.name = "llama-3-8b", .input = usd("0.18"), .output = usd("0.18")},
    {.name = "llama-4-maverick", .input = usd("0.27"), .output = usd("0.85")},
    {.name = "llama-4-scout", .input = usd("0.18"), .output = usd("0.59")},
    {.name = "qwen-2.5-72b", .input = usd("1.2"), .output = usd("1.2")},
    {.name = "qwen-2.5-coder-32b", .input = usd("0.8"), .output = usd("0.8")},
    {.name = "qwen3-235b-a22b", .input = usd("0.2"), .output = usd("0.6")},
    {.name = "gpt-oss-120b", .input = usd("0.15"), .output = usd("0.6")},
    {.name = "gpt-oss-20b", .input = usd("0.05"), .output = usd("0.2")},
    // Mistral API.
    {.name = "mistral-large", .input = usd("2"), .output = usd("6")},
    {.name = "mistral-medium", .input = usd("0.4"), .output = usd("2")},
    {.name = "mistral-small", .input = usd("0.1"), .output = usd("0.3")},
    {.name = "codestral", .input = usd("0.3"), .output = usd("0.9")},
    {.name = "mistral-nemo", .input = usd("0.15"), .output = usd("0.15")},
    {.name = "mistral-7b", .input = usd("0.25"), .output = usd("0.25")},
    {.name = "mixtral-8x7b", .input = usd("0.7"), .output = usd("0.7")},
    {.name = "mixtral-8x22b", .input = usd("2"), .output = usd("6")},
};

constexpr PriceAlias kAliases[] = {
    {"deepseek-v3-0324", "deepseek-v3"},
    {"deepseek-r1-0528", "deepseek-r1"},
    {"llama-3.3-70b-versatile", "llama-3.3-70b"},
    {"llama-3.3-70b-instruct-turbo", "llama-3.3-70b"},
    {"meta-llama-3.3-70b-instruct-turbo", "llama-3.3-70b"},
    {"llama3.3-70b", "llama-3.3-70b"},
    {"llama-3.1-8b-instant", "llama-3.1-8b"},
    {"llama-3.1-8b-instruct-turbo", "llama-3.1-8b"},
    {"meta-llama-3.1-8b-instruct-turbo", "llama-3.1-8b"},
    {"llama3.1-8b", "llama-3.1-8b"},
    {"llama-3.1-70b-instruct-turbo", "llama-3.1-70b"},
    {"meta-llama-3.1-70b-instruct-turbo", "llama-3.1-70b"},
    {"meta-llama-3.1-405b-instruct-turbo", "llama-3.1-405b"},
    {"llama-3-70b-chat", "llama-3-70b"},
    {"llama-3-8b-chat", "llama-3-8b"},
    {"llama-4-maverick-17b-128e", "llama-4-maverick"},
    {"llama-4-scout-17b-16e", "llama-4-scout"},
    {"qwen2.5-72b", "qwen-2.5-72b"},
    {"qwen2.5-coder-32b", "qwen-2.5-coder-32b"},
    {"mistral-large-2", "mistral-large"},
    {"mistral-medium-3", "mistral-medium"},
    {"mixtral-8x7b-32768", "mixtral-8x7b"},
};

}  // namespace

PriceTableData open_models_price_table() {
  return {"open", kRows, std::size(kRows), kAliases, std::size(kAliases)};
}

}  // namespace ag
