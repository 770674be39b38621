// The engine: a compiled policy. Immutable after ag_engine_new, shared across threads.
#pragma once

#include <memory>
#include <string_view>

#include "budget/pricing.h"
#include "core/last_error.h"
#include "policy/policy.h"

namespace ag {
namespace scrub {
class EngineScrub;  // scrub/engine_scrub.h: rules, lazily compiled database
}
namespace tokenize {
class EngineTokenizers;  // tokenize/engine_tokenizers.h: rank files, loaded on first use
}

// Built by each area from the policy at engine creation; they validate their part of the
// policy (throwing ag::Error(AG_E_POLICY, "path: ...")) and defer expensive work.
std::shared_ptr<scrub::EngineScrub> make_engine_scrub(const Policy &policy);
std::shared_ptr<tokenize::EngineTokenizers> make_engine_tokenizers(const Policy &policy);

}  // namespace ag

struct ag_engine {
  ag::Policy policy;
  ag::PriceTable prices;
  std::shared_ptr<ag::scrub::EngineScrub> scrub;
  std::shared_ptr<ag::tokenize::EngineTokenizers> tokenizers;
  mutable ag::LastError last_error;
};

namespace ag {
// Builds an engine from policy JSON (empty view = defaults). Throws ag::Error.
std::unique_ptr<ag_engine> build_engine(std::string_view policy_json, bool has_policy);
}  // namespace ag
