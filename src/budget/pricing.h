// The price table and cost arithmetic. All money is int64 nano-USD; costs round up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "agentguard.h"
#include "budget/price.h"

namespace ag {

class PriceTable {
 public:
  // The built-in table (written from providers' public price pages).
  static PriceTable builtin();

  // Adds or replaces models from a genai-prices v2 file (path) or its JSON text.
  // Throws ag::Error(AG_E_IO / AG_E_PARSE / AG_E_POLICY).
  void load_genai_prices_file(const std::string &path);
  void load_genai_prices_json(std::string_view json);

  void set(std::string name, ModelPrice price);
  void set_default(ModelPrice price) { default_ = std::move(price); }

  // Finds a model after normalisation: case, provider prefixes ("openai/", "anthropic.",
  // "models/"), dated or versioned suffixes ("-2024-08-06", "@20241022", "-latest", "-001").
  // canonical (may be null) receives the table name matched. nullptr when unknown and no
  // default price is set.
  const ModelPrice *find(std::string_view model, std::string *canonical = nullptr) const;

  size_t size() const { return models_.size(); }

 private:
  std::unordered_map<std::string, ModelPrice> models_;
  std::optional<ModelPrice> default_;
};

// Cost of a normalised usage (input includes cache reads and writes; output includes
// reasoning). Returns AG_E_INVALID_ARGUMENT when the parts exceed their totals.
ag_status price_usage(const ModelPrice &p, const ag_usage &u, int64_t *cost_nusd);

// Worst case for a reservation: input at the uncached input price, max_output at the
// highest output price, tier chosen by input_tokens.
int64_t price_worst_case(const ModelPrice &p, uint64_t input_tokens, uint64_t max_output);

}  // namespace ag
