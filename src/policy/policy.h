// The policy document, typed and validated. Parsing errors name the JSON path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "budget/price.h"

namespace ag {

inline constexpr int kWindowCount = 4;  // AG_WINDOW_TOTAL .. AG_WINDOW_MONTH
inline constexpr int kScopeCount = 4;   // AG_SCOPE_RUN .. AG_SCOPE_GLOBAL

// -1 everywhere means "no limit".
struct Limit {
  int64_t usd_nusd = -1;
  int64_t tokens = -1;
  bool any() const { return usd_nusd >= 0 || tokens >= 0; }
};

struct RunLimits {
  int64_t usd_nusd = -1;
  int64_t tokens = -1;
  int64_t turns = -1;
  int64_t tool_calls = -1;
  int64_t deadline_ms = -1;
  int64_t step_timeout_ms = -1;
};

// Limits of one outer scope (user, tenant, global), indexed by AG_WINDOW_*.
struct ScopeLimits {
  Limit window[kWindowCount];
};

struct Budgets {
  RunLimits run;
  ScopeLimits user, tenant, global;
  int64_t reservation_ttl_ms = 10 * 60 * 1000;  // a crashed host's hold ends after this
};

struct Pricing {
  std::string file;  // genai-prices v2 file, resolved against the policy's directory
  std::vector<std::pair<std::string, ModelPrice>> models;  // policy overrides, in order
  std::optional<ModelPrice> default_price;                  // for models not in the table
};

struct CustomRule {
  std::string id;
  std::string pattern;           // Hyperscan syntax
  std::string family = "generic";
  std::string confidence = "medium";  // high | medium | low
  std::string validator;              // "", luhn, iban, jwt, entropy
  uint32_t max_len = 0;               // required, > 0
};

struct ScrubPolicy {
  std::string rules = "default";  // "default" | "none"
  std::vector<std::string> disable;
  std::vector<std::string> enable;  // rules off by default (e.g. ipv4, ipv6)
  std::vector<CustomRule> custom;
  std::string style = "label";  // label | mask | hash | detect
  bool pii = true;
  // Also redact identifiers: buckets, hosts, tenants, ARNs, user names (rules flagged
  // kIdentifier, off by default).
  bool identifiers = false;
  std::string hash_key;  // for style hash; empty = a random key per engine
};

struct Policy {
  int version = 1;
  Budgets budgets;
  Pricing pricing;
  ScrubPolicy scrub;
  std::string tokenizers_dir;  // "" = $AGENTGUARD_TOKENIZER_DIR
  std::string store = "memory";
};

// Parses and validates a policy. base_dir resolves relative file paths ("" = cwd).
// Throws ag::Error(AG_E_PARSE) for malformed JSON or UTF-8, ag::Error(AG_E_POLICY) for
// anything invalid; messages start with the JSON path ("budgets.run.usd: ...").
Policy parse_policy(std::string_view json, std::string_view base_dir = {});

// Parses the run options of ag_run_begin over the policy's run limits.
struct RunOptions {
  std::string run_id;  // "" = generate
  std::string user;
  std::string tenant;
  RunLimits limits;
};
RunOptions parse_run_options(std::string_view json, const RunLimits &defaults);

}  // namespace ag
