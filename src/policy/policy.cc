// Placeholder: replaced by the simdjson policy parser.
#include "policy/policy.h"

#include "core/status.h"

namespace ag {
Policy parse_policy(std::string_view, std::string_view) { return Policy{}; }
RunOptions parse_run_options(std::string_view, const RunLimits &defaults) {
  RunOptions o;
  o.limits = defaults;
  return o;
}
}  // namespace ag
