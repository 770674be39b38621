// The price table and cost arithmetic. All money is int64 nano-USD; costs round up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "agentguard.h"
#include "budget/price.h"

namespace ag {

// What a price file contributed.
struct PriceLoadStats {
  size_t models = 0;   // models added or replaced
  size_t skipped = 0;  // models whose prices this table cannot represent (see genai_prices.cc)
};

class PriceTable {
 public:
  // The built-in table (written from providers' public price pages).
  static PriceTable builtin();

  // Adds or replaces models from a genai-prices v2 file (path) or its JSON text. today
  // ("YYYY-MM-DD", empty = the system clock's UTC date) picks among dated prices.
  // Throws ag::Error(AG_E_IO / AG_E_TOO_LARGE / AG_E_PARSE).
  PriceLoadStats load_genai_prices_file(const std::string &path, std::string_view today = {});
  PriceLoadStats load_genai_prices_json(std::string_view json, std::string_view today = {});

  // Adds or replaces one model under its lowercased name; it then wins over any alias or
  // prefix rule of the same name.
  void set(std::string name, ModelPrice price);
  void set_default(ModelPrice price) { default_ = std::move(price); }
  // Another name for an existing entry (lowercased); ignored when alias is itself a model.
  void add_alias(std::string alias, std::string canonical);
  // A "starts with" rule, tried only when no candidate name is known; longest prefix wins.
  void add_prefix_rule(std::string prefix, std::string canonical);

  // Finds a model after normalisation (see model_name.h): each candidate name is tried as a
  // model, then as an alias; then prefix rules; then the default price (canonical
  // "default"). canonical (may be null) receives the table name matched. nullptr when
  // unknown and no default price is set.
  const ModelPrice *find(std::string_view model, std::string *canonical = nullptr) const;

  size_t size() const { return models_.size(); }

 private:
  const ModelPrice *lookup(const std::string &name, std::string *canonical) const;

  std::unordered_map<std::string, ModelPrice> models_;
  std::unordered_map<std::string, std::string> aliases_;
  std::vector<std::pair<std::string, std::string>> prefixes_;
  std::optional<ModelPrice> default_;
};

// Cost of a normalised usage (input includes cache reads and writes; output includes
// reasoning). Returns AG_E_INVALID_ARGUMENT when the parts exceed their totals or the cost
// does not fit in int64_t.
ag_status price_usage(const ModelPrice &p, const ag_usage &u, int64_t *cost_nusd);

// Worst case for a reservation: input at the uncached input price, max_output at the
// highest output price, tier chosen by input_tokens. Saturates at INT64_MAX.
int64_t price_worst_case(const ModelPrice &p, uint64_t input_tokens, uint64_t max_output);

}  // namespace ag
