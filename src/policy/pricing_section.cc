// pricing: a price file, per-model prices and a default price.
#include <unordered_set>

#include "budget/model_name.h"
#include "policy/sections.h"

namespace ag::policy {
namespace {

constexpr NumberSpec kPrice = {9, 0, kMaxPricePerMtok,
                               "a non-negative number (USD per million tokens)",
                               "at most 1000000 (USD per million tokens)"};
constexpr NumberSpec kTierTokens = {0, 1, 1'000'000'000, "a positive integer (tokens)",
                                    "between 1 and 1000000000 (tokens)"};
constexpr size_t kMaxModelName = 256;
constexpr size_t kMaxPath = 4096;

// One model's prices; nullopt when invalid (errors recorded).
std::optional<ModelPrice> read_model_price(Reader &r, od::value v, const std::string &path) {
  ModelPrice p;
  bool valid = true;
  auto price = [&](od::value val, const std::string &at, int64_t *out) {
    if (auto n = r.number(val, at, kPrice)) {
      *out = *n;
    } else {
      valid = false;
    }
  };
  bool is_object = r.members(v, path, [&](std::string_view key, od::value val, const std::string &at) {
    if (key == "input_mtok") {
      price(val, at, &p.input);
    } else if (key == "output_mtok") {
      price(val, at, &p.output);
    } else if (key == "cache_read_mtok") {
      price(val, at, &p.cache_read);
    } else if (key == "cache_write_mtok") {
      price(val, at, &p.cache_write_5m);
    } else if (key == "cache_write_1h_mtok") {
      price(val, at, &p.cache_write_1h);
    } else if (key == "reasoning_mtok") {
      price(val, at, &p.reasoning);
    } else if (key == "input_above_mtok") {
      price(val, at, &p.input_above);
    } else if (key == "output_above_mtok") {
      price(val, at, &p.output_above);
    } else if (key == "cache_read_above_mtok") {
      price(val, at, &p.cache_read_above);
    } else if (key == "cache_write_above_mtok") {
      price(val, at, &p.cache_write_above);
    } else if (key == "tier_threshold_tokens") {
      if (auto n = r.number(val, at, kTierTokens)) {
        p.tier_threshold = static_cast<uint64_t>(*n);
      } else {
        valid = false;
      }
    } else {
      return false;
    }
    return true;
  });
  if (!is_object) return std::nullopt;
  if (p.input < 0 && valid) r.error(json::path_join(path, "input_mtok"), "required");
  if (p.output < 0 && valid) r.error(json::path_join(path, "output_mtok"), "required");
  bool has_above = p.input_above >= 0 || p.output_above >= 0 || p.cache_read_above >= 0 ||
                   p.cache_write_above >= 0;
  if (has_above && p.tier_threshold == 0 && valid)
    r.error(json::path_join(path, "tier_threshold_tokens"),
            "required when an *_above_mtok price is given");
  if (!has_above && p.tier_threshold > 0 && valid)
    r.error(json::path_join(path, "tier_threshold_tokens"),
            "needs at least one *_above_mtok price");
  if (!valid || p.input < 0 || p.output < 0 || has_above != (p.tier_threshold > 0))
    return std::nullopt;
  p.provider = "policy";
  return p;
}

void read_models(Reader &r, od::value v, const std::string &path, Pricing *out) {
  std::unordered_set<std::string> names;  // lowercased: lookups ignore case
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &at) {
    std::optional<ModelPrice> p = read_model_price(r, val, at);
    if (key.empty() || key.size() > kMaxModelName) {
      r.error(at, "model names must be 1 to 256 bytes");
    } else if (!names.insert(lower_trimmed(key)).second) {
      r.error(at, "names another model already given (model names ignore case)");
    } else if (p) {
      out->models.emplace_back(std::string(key), std::move(*p));
    }
    return true;
  });
}

}  // namespace

void read_pricing(Reader &r, od::value v, const std::string &path, Pricing *out) {
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &at) {
    if (key == "file") {
      if (auto s = r.string(val, at, kMaxPath)) out->file = *s;
    } else if (key == "models") {
      read_models(r, val, at, out);
    } else if (key == "default") {
      out->default_price = read_model_price(r, val, at);
    } else {
      return false;
    }
    return true;
  });
}

}  // namespace ag::policy
