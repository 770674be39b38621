// Readers for each section of the policy document; each records its errors on the Reader.
#pragma once

#include <string>

#include "policy/policy.h"
#include "policy/reader.h"

namespace ag::policy {

inline constexpr int64_t kMaxMillis = 30LL * 24 * 3600 * 1000;  // 30 days

// budgets.run and opts.limits: keys present override *limits one by one; null clears one.
void read_run_limits(Reader &r, od::value v, const std::string &path, RunLimits *limits);
void read_budgets(Reader &r, od::value v, const std::string &path, Budgets *out);
void read_pricing(Reader &r, od::value v, const std::string &path, Pricing *out);
void read_scrub(Reader &r, od::value v, const std::string &path, ScrubPolicy *out);

}  // namespace ag::policy
