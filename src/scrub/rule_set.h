// The active rule set of a policy: the built-in rules (or none), minus disabled ones,
// minus default-off rules not enabled (by id, or identifier rules by scrub.identifiers),
// minus PII rules when scrub.pii is false, plus the policy's custom rules.
#pragma once

#include <vector>

#include "policy/policy.h"
#include "scrub/rule.h"

namespace ag::scrub {

// Throws ag::Error(AG_E_POLICY, "scrub.<path>: ...") for unknown ids, invalid custom rules
// (each pattern is compiled alone, which is cheap) and duplicate ids.
std::vector<Rule> select_rules(const ScrubPolicy &policy);

// The longest rule id the C API can report (ag_finding.rule holds it NUL-terminated).
inline constexpr size_t kMaxRuleId = 63;

}  // namespace ag::scrub
