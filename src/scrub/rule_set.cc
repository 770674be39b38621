#include "scrub/rule_set.h"

#include <string>
#include <unordered_set>

#include "core/status.h"
#include "scrub/database.h"

namespace ag::scrub {
namespace {

Family parse_family(const std::string &name, const std::string &path) {
  for (int f = 0; f <= static_cast<int>(Family::kGeneric); ++f)
    if (name == family_name(static_cast<Family>(f))) return static_cast<Family>(f);
  fail(AG_E_POLICY, path + ": unknown family '" + name + "'");
}

Confidence parse_confidence(const std::string &name, const std::string &path) {
  for (Confidence c : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh})
    if (name == confidence_name(c)) return c;
  fail(AG_E_POLICY, path + ": must be high, medium or low");
}

Validator parse_validator(const std::string &name, const std::string &path) {
  static const struct {
    const char *name;
    Validator v;
  } kNames[] = {{"", Validator::kNone},        {"none", Validator::kNone},
                {"luhn", Validator::kLuhn},    {"iban", Validator::kIbanMod97},
                {"jwt", Validator::kJwt},      {"entropy", Validator::kEntropy},
                {"ssn", Validator::kSsn},      {"ipv4", Validator::kIpv4},
                {"ipv6", Validator::kIpv6}};
  for (const auto &n : kNames)
    if (name == n.name) return n.v;
  fail(AG_E_POLICY, path + ": unknown validator '" + name +
                        "' (luhn, iban, jwt, entropy, ssn, ipv4, ipv6)");
}

Rule custom_rule(const CustomRule &c, const std::string &path) {
  if (c.id.empty() || c.id.size() > kMaxRuleId)
    fail(AG_E_POLICY, path + ".id: must be 1 to " + std::to_string(kMaxRuleId) + " bytes");
  if (c.pattern.empty()) fail(AG_E_POLICY, path + ".pattern: must not be empty");
  if (c.max_len == 0) fail(AG_E_POLICY, path + ".max_len: required, the longest match in bytes (> 0)");
  Rule r;
  r.id = c.id;
  r.secret = c.pattern;
  r.max_len = c.max_len;
  r.family = parse_family(c.family, path + ".family");
  r.confidence = parse_confidence(c.confidence, path + ".confidence");
  r.validator = parse_validator(c.validator, path + ".validator");
  std::string err = check_pattern(r.secret, rule_hs_flags(r));
  if (!err.empty()) fail(AG_E_POLICY, path + ".pattern: " + err);
  return r;
}

// Checks that every id of `ids` names a built-in rule.
void check_known(const std::vector<std::string> &ids, const std::string &path) {
  std::unordered_set<std::string> known;
  for (const Rule &r : builtin_rules()) known.insert(r.id);
  for (size_t i = 0; i < ids.size(); ++i)
    if (!known.count(ids[i]))
      fail(AG_E_POLICY, path + "[" + std::to_string(i) + "]: unknown rule '" + ids[i] + "'");
}

}  // namespace

std::vector<Rule> select_rules(const ScrubPolicy &policy) {
  if (policy.rules != "default" && policy.rules != "none")
    fail(AG_E_POLICY, "scrub.rules: must be \"default\" or \"none\"");
  check_known(policy.disable, "scrub.disable");
  check_known(policy.enable, "scrub.enable");
  std::unordered_set<std::string> disabled(policy.disable.begin(), policy.disable.end());
  std::unordered_set<std::string> enabled(policy.enable.begin(), policy.enable.end());
  std::vector<Rule> rules;
  if (policy.rules == "default") {
    for (const Rule &r : builtin_rules()) {
      if (disabled.count(r.id)) continue;
      bool on = enabled.count(r.id) || (policy.identifiers && (r.flags & kIdentifier));
      if ((r.flags & kDefaultOff) && !on) continue;
      if ((r.flags & kPii) && !policy.pii) continue;
      rules.push_back(r);
      rules.back().positives.clear();
      rules.back().negatives.clear();
    }
  }
  std::unordered_set<std::string> ids;
  for (const Rule &r : rules) ids.insert(r.id);
  for (size_t i = 0; i < policy.custom.size(); ++i) {
    std::string path = "scrub.custom[" + std::to_string(i) + "]";
    Rule r = custom_rule(policy.custom[i], path);
    if (!ids.insert(r.id).second) fail(AG_E_POLICY, path + ".id: '" + r.id + "' is already a rule");
    rules.push_back(std::move(r));
  }
  return rules;
}

}  // namespace ag::scrub
