// A small rule set of the test suite's own, independent of the built-in tables, and helpers
// to scrub whole or in chunks.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scrub/engine_scrub.h"

namespace ag::scrub::testing {

Rule make_rule(std::string id, std::string prefix, std::string secret, std::string suffix,
               uint32_t max_len, Validator validator = Validator::kNone,
               Confidence confidence = Confidence::kHigh);

// test-aws-key, test-sk (mask "sk-"), test-pem, test-card (Luhn), test-password (prefix
// "password="), test-jwt (JWT check), test-email (pii).
std::vector<Rule> sample_rules();

// The default policy's engine, made once per test program: compiling the default rules
// takes seconds.
std::shared_ptr<EngineScrub> default_engine();

// Scrubs `in` as one block.
std::string scrub_block(const EngineScrub &e, Style style, std::string_view in,
                        std::vector<Finding> *findings = nullptr);
// Scrubs `in` through a Redactor, cutting it into chunks of the given sizes (cycled).
std::string scrub_chunked(const EngineScrub &e, Style style, std::string_view in,
                          const std::vector<size_t> &sizes, std::vector<Finding> *findings = nullptr);

}  // namespace ag::scrub::testing
