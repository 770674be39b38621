#include "core/engine.h"

#include <cstdlib>
#include <string>

#include "core/status.h"

namespace ag {

std::unique_ptr<ag_engine> build_engine(std::string_view policy_json, bool has_policy) {
  auto e = std::make_unique<ag_engine>();
  if (has_policy) e->policy = parse_policy(policy_json);
  e->prices = PriceTable::builtin();
  if (!e->policy.pricing.file.empty()) {
    try {
      e->prices.load_genai_prices_file(e->policy.pricing.file);
    } catch (const Error &err) {
      fail(AG_E_POLICY, "pricing.file: " + std::string(err.what()));
    }
  }
  for (const auto &[name, price] : e->policy.pricing.models) e->prices.set(name, price);
  if (e->policy.pricing.default_price) e->prices.set_default(*e->policy.pricing.default_price);
  e->scrub = make_engine_scrub(e->policy);
  e->tokenizers = make_engine_tokenizers(e->policy);
  return e;
}

}  // namespace ag
