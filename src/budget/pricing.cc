// Placeholder: replaced by the price table and cost arithmetic.
#include "budget/pricing.h"

#include "core/status.h"

namespace ag {
PriceTable PriceTable::builtin() { return PriceTable{}; }
void PriceTable::load_genai_prices_file(const std::string &) {}
void PriceTable::load_genai_prices_json(std::string_view) {}
void PriceTable::set(std::string name, ModelPrice price) { models_[std::move(name)] = price; }
const ModelPrice *PriceTable::find(std::string_view model, std::string *) const {
  auto it = models_.find(std::string(model));
  if (it != models_.end()) return &it->second;
  return default_ ? &*default_ : nullptr;
}
ag_status price_usage(const ModelPrice &, const ag_usage &, int64_t *cost) {
  *cost = 0;
  return AG_OK;
}
int64_t price_worst_case(const ModelPrice &, uint64_t, uint64_t) { return 0; }
}  // namespace ag
