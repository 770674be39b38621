#include "budget/pricing.h"

#include <limits>

#include "budget/model_name.h"

namespace ag {

// ---- table ------------------------------------------------------------------------------

namespace {

ModelPrice from_row(const PriceRow &r, std::string_view provider) {
  ModelPrice p;
  p.input = r.input;
  p.output = r.output;
  p.cache_read = r.cache_read;
  p.cache_write_5m = r.cache_write_5m;
  p.cache_write_1h = r.cache_write_1h;
  p.tier_threshold = r.tier_threshold;
  p.input_above = r.input_above;
  p.output_above = r.output_above;
  p.cache_read_above = r.cache_read_above;
  p.cache_write_above = r.cache_write_above;
  p.cache_write_1h_above = r.cache_write_1h_above;
  p.provider = std::string(provider);
  return p;
}

}  // namespace

PriceTable PriceTable::builtin() {
  PriceTable t;
  for (auto data : {openai_price_table(), anthropic_price_table(), google_price_table(),
                    open_models_price_table()}) {
    for (size_t i = 0; i < data.row_count; ++i)
      t.set(std::string(data.rows[i].name), from_row(data.rows[i], data.provider));
    for (size_t i = 0; i < data.alias_count; ++i)
      t.add_alias(std::string(data.aliases[i].alias), std::string(data.aliases[i].canonical));
  }
  return t;
}

void PriceTable::set(std::string name, ModelPrice price) {
  name = lower_trimmed(name);
  aliases_.erase(name);
  models_[std::move(name)] = std::move(price);
}

void PriceTable::add_alias(std::string alias, std::string canonical) {
  alias = lower_trimmed(alias);
  if (models_.count(alias) != 0) return;
  aliases_[std::move(alias)] = lower_trimmed(canonical);
}

void PriceTable::add_prefix_rule(std::string prefix, std::string canonical) {
  prefix = lower_trimmed(prefix);
  if (prefix.empty()) return;
  prefixes_.emplace_back(std::move(prefix), lower_trimmed(canonical));
}

const ModelPrice *PriceTable::lookup(const std::string &name, std::string *canonical) const {
  const std::string *key = &name;
  if (auto a = aliases_.find(name); a != aliases_.end() && models_.count(name) == 0)
    key = &a->second;
  auto it = models_.find(*key);
  if (it == models_.end()) return nullptr;
  if (canonical) *canonical = it->first;
  return &it->second;
}

const ModelPrice *PriceTable::find(std::string_view model, std::string *canonical) const {
  std::vector<std::string> candidates = model_name_candidates(model);
  for (const std::string &c : candidates)
    if (const ModelPrice *p = lookup(c, canonical)) return p;
  const std::pair<std::string, std::string> *best = nullptr;
  for (const auto &rule : prefixes_)
    for (const std::string &c : candidates)
      if (c.rfind(rule.first, 0) == 0 && (!best || rule.first.size() > best->first.size()))
        best = &rule;
  if (best)
    if (const ModelPrice *p = lookup(best->second, canonical)) return p;
  if (!default_) return nullptr;
  if (canonical) *canonical = "default";
  return &*default_;
}

// ---- arithmetic -------------------------------------------------------------------------

namespace {

using i128 = __int128;

// The per-Mtok prices that apply to one request, every fallback resolved.
struct Rates {
  int64_t input, cache_read, cache_write_5m, cache_write_1h, output, reasoning;
};

int64_t or_else(int64_t v, int64_t fallback) { return v >= 0 ? v : fallback; }

Rates rates_for(const ModelPrice &p, uint64_t input_tokens) {
  const bool above = p.tier_threshold > 0 && input_tokens > p.tier_threshold;
  Rates r;
  int64_t base_input = or_else(p.input, 0);
  r.input = above ? or_else(p.input_above, base_input) : base_input;
  int64_t cache_read = or_else(p.cache_read, r.input);
  r.cache_read = above ? or_else(p.cache_read_above, cache_read) : cache_read;
  int64_t write_5m = or_else(p.cache_write_5m, r.input);
  r.cache_write_5m = above ? or_else(p.cache_write_above, write_5m) : write_5m;
  int64_t write_1h = or_else(p.cache_write_1h, r.cache_write_5m);
  r.cache_write_1h = above ? or_else(p.cache_write_1h_above, write_1h) : write_1h;
  int64_t base_output = or_else(p.output, 0);
  r.output = above ? or_else(p.output_above, base_output) : base_output;
  r.reasoning = or_else(p.reasoning, r.output);
  return r;
}

// nano-USD per Mtok * tokens, summed, to nano-USD rounded up once.
// Sums that fit 64 bits (every realistic call) divide in 64 bits: a 128-bit division is a
// library call several times slower.
i128 round_up_mtok(i128 sum) {
  if (sum >= 0 && sum <= static_cast<i128>(UINT64_MAX - 999999))
    return static_cast<i128>((static_cast<uint64_t>(sum) + 999999) / 1000000);
  return (sum + 999999) / 1000000;
}

}  // namespace

ag_status price_usage(const ModelPrice &p, const ag_usage &u, int64_t *cost_nusd) {
  const i128 cached_parts = static_cast<i128>(u.cached_input_tokens) + u.cache_write_tokens;
  if (cached_parts > u.input_tokens || u.reasoning_tokens > u.output_tokens ||
      u.cache_write_1h_tokens > u.cache_write_tokens)
    return AG_E_INVALID_ARGUMENT;
  const Rates r = rates_for(p, u.input_tokens);
  const uint64_t uncached = u.input_tokens - u.cached_input_tokens - u.cache_write_tokens;
  const uint64_t write_5m = u.cache_write_tokens - u.cache_write_1h_tokens;
  const uint64_t plain_output = u.output_tokens - u.reasoning_tokens;
  i128 sum = static_cast<i128>(uncached) * r.input;
  sum += static_cast<i128>(u.cached_input_tokens) * r.cache_read;
  sum += static_cast<i128>(write_5m) * r.cache_write_5m;
  sum += static_cast<i128>(u.cache_write_1h_tokens) * r.cache_write_1h;
  sum += static_cast<i128>(plain_output) * r.output;
  sum += static_cast<i128>(u.reasoning_tokens) * r.reasoning;
  i128 cost = round_up_mtok(sum);
  if (cost > std::numeric_limits<int64_t>::max()) return AG_E_INVALID_ARGUMENT;
  *cost_nusd = static_cast<int64_t>(cost);
  return AG_OK;
}

int64_t price_worst_case(const ModelPrice &p, uint64_t input_tokens, uint64_t max_output) {
  const Rates r = rates_for(p, input_tokens);
  const int64_t out_rate = r.output > r.reasoning ? r.output : r.reasoning;
  i128 sum = static_cast<i128>(input_tokens) * r.input + static_cast<i128>(max_output) * out_rate;
  i128 cost = round_up_mtok(sum);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  return cost > kMax ? kMax : static_cast<int64_t>(cost);
}

}  // namespace ag
