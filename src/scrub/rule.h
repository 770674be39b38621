// A scrub rule as data. Built-in rules live in src/scrub/rules/<family>.cc, one table per
// family; policy custom rules are converted to the same type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ag::scrub {

enum class Family : uint8_t { kCloud, kAi, kVcs, kPayments, kMessaging, kDatabase, kCryptoKey, kPii, kGeneric };
enum class Confidence : uint8_t { kLow, kMedium, kHigh };
enum class Validator : uint8_t { kNone, kLuhn, kIbanMod97, kJwt, kEntropy, kSsn, kIpv4, kIpv6 };

enum RuleFlags : uint32_t {
  kCaseless = 1u << 0,    // the whole pattern matches case-insensitively
  kDefaultOff = 1u << 1,  // off unless the policy enables it (scrub.enable), e.g. ip addresses
  kPii = 1u << 2,         // personal data; off when the policy sets scrub.pii = false
  // Found by the shape scan (shape_scan.h) instead of the candidate database: kDigitRun by
  // its digit runs, kDotPair by its dot pairs. Only for built-in rules whose every match
  // has that shape (tests check it) and that have no JSON-escaped form.
  kDigitRun = 1u << 3,
  kDotPair = 1u << 4,
  // Names infrastructure or people rather than a credential (bucket, host, tenant, ARN,
  // user name). Always with kDefaultOff: on with scrub.identifiers, or one by one with
  // scrub.enable.
  kIdentifier = 1u << 5,
};

struct Example {
  std::string text;    // an input line as it appears in real output
  std::string secret;  // positives: the exact bytes that must be gone after scrubbing
};

// The match of a rule is  prefix . secret . suffix  (Hyperscan syntax, no lazy quantifiers,
// no backreferences). Only the `secret` part is redacted; prefix gives context (a key name,
// "Bearer ", "postgres://user:") and suffix a consumed or bounded terminator so each secret
// reports once. Either of prefix and suffix may be empty.
struct Rule {
  std::string id;  // stable, kebab-case: "aws-access-key-id"
  Family family = Family::kGeneric;
  Confidence confidence = Confidence::kMedium;
  std::string prefix;
  std::string secret;
  std::string suffix;
  uint32_t max_len = 0;  // longest possible prefix+secret+suffix match, in bytes (> 0)
  // What the candidate scan looks for; empty = prefix+secret+suffix. A cheaper pattern that
  // matches, ending at the same byte, wherever the whole does (typically the whole without
  // a prefix that only asserts a left boundary). Every candidate is confirmed against the
  // whole pattern, so a trigger changes speed, never output. When such a rule is confirmed,
  // the start of the data reads as if a newline preceded it, so a prefix that asserts a
  // left boundary consumes a byte instead of using ^ (which would also match at the start
  // of every confirmation window).
  std::string trigger;
  Validator validator = Validator::kNone;
  uint32_t flags = 0;
  std::string mask_prefix;  // for style mask: the safe literal to keep, e.g. "sk-ant-"
  std::vector<Example> positives;  // each must be detected and its secret removed
  std::vector<std::string> negatives;  // each must come out unchanged
};

const char *family_name(Family f);
const char *confidence_name(Confidence c);

// The built-in rule set: every family's table, concatenated (src/scrub/rules/*.cc).
const std::vector<Rule> &builtin_rules();

}  // namespace ag::scrub
