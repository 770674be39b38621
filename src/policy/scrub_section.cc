// scrub: the rule set, rules switched off or on, custom rules, redaction style.
// Patterns are compiled (and rule ids checked against the built-in set) by the scrub area.
#include <unordered_set>

#include "policy/sections.h"

namespace ag::policy {
namespace {

constexpr NumberSpec kMaxLen = {0, 1, 65536, "a positive integer (bytes)",
                                "between 1 and 65536 (bytes)"};
constexpr size_t kMaxRuleId = 64;
constexpr size_t kMaxPattern = 8192;
constexpr size_t kMaxHashKey = 1024;

constexpr const char *kRuleSets[] = {"default", "none", nullptr};
constexpr const char *kStyles[] = {"label", "mask", "hash", "detect", nullptr};
constexpr const char *kFamilies[] = {"cloud",      "ai",     "vcs", "payments", "messaging",
                                     "database", "crypto-key", "pii", "generic",  nullptr};
constexpr const char *kConfidences[] = {"high", "medium", "low", nullptr};
constexpr const char *kValidators[] = {"", "luhn", "iban", "jwt", "entropy", "ssn", "ipv4", "ipv6", nullptr};

// kebab-case: lowercase letters and digits in words joined by single dashes.
bool kebab_case(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && prev != '-');
    if (!ok) return false;
    prev = c;
  }
  return true;
}

std::optional<std::string> read_rule_id(Reader &r, od::value v, const std::string &path) {
  std::optional<std::string> id = r.string(v, path, kMaxRuleId);
  if (id && !kebab_case(*id)) {
    r.error(path, "must be kebab-case (lowercase letters and digits joined by '-')");
    return std::nullopt;
  }
  return id;
}

void read_rule_ids(Reader &r, od::value v, const std::string &path, std::vector<std::string> *out) {
  r.elements(v, path, [&](od::value e, const std::string &at) {
    if (auto id = read_rule_id(r, e, at)) out->push_back(*id);
  });
}

// One custom rule; nullopt when invalid (errors recorded).
std::optional<CustomRule> read_custom_rule(Reader &r, od::value v, const std::string &path) {
  CustomRule rule;
  bool valid = true;
  auto take = [&valid](std::optional<std::string> s, std::string *out) {
    if (s) *out = std::move(*s);
    valid = valid && s.has_value();
  };
  bool is_object = r.members(v, path, [&](std::string_view key, od::value val, const std::string &at) {
    if (key == "id") {
      take(read_rule_id(r, val, at), &rule.id);
    } else if (key == "pattern") {
      take(r.string(val, at, kMaxPattern), &rule.pattern);
    } else if (key == "max_len") {
      auto n = r.number(val, at, kMaxLen);
      if (n) rule.max_len = static_cast<uint32_t>(*n);
      valid = valid && n.has_value();
    } else if (key == "family") {
      take(r.one_of(val, at, kFamilies), &rule.family);
    } else if (key == "confidence") {
      take(r.one_of(val, at, kConfidences), &rule.confidence);
    } else if (key == "validator") {
      take(r.one_of(val, at, kValidators), &rule.validator);
    } else {
      return false;
    }
    return true;
  });
  if (!is_object) return std::nullopt;
  if (valid && rule.id.empty()) r.error(json::path_join(path, "id"), "required");
  if (valid && rule.pattern.empty()) r.error(json::path_join(path, "pattern"), "required");
  if (valid && rule.max_len == 0) r.error(json::path_join(path, "max_len"), "required");
  if (!valid || rule.id.empty() || rule.pattern.empty() || rule.max_len == 0) return std::nullopt;
  return rule;
}

void read_custom_rules(Reader &r, od::value v, const std::string &path, std::vector<CustomRule> *out) {
  std::unordered_set<std::string> ids;
  r.elements(v, path, [&](od::value e, const std::string &at) {
    std::optional<CustomRule> rule = read_custom_rule(r, e, at);
    if (!rule) return;
    if (!ids.insert(rule->id).second) {
      r.error(json::path_join(at, "id"), "\"" + rule->id + "\" is used by another custom rule");
      return;
    }
    out->push_back(std::move(*rule));
  });
}

}  // namespace

void read_scrub(Reader &r, od::value v, const std::string &path, ScrubPolicy *out) {
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &at) {
    if (key == "rules") {
      if (auto s = r.one_of(val, at, kRuleSets)) out->rules = *s;
    } else if (key == "disable") {
      read_rule_ids(r, val, at, &out->disable);
    } else if (key == "enable") {
      read_rule_ids(r, val, at, &out->enable);
    } else if (key == "custom") {
      read_custom_rules(r, val, at, &out->custom);
    } else if (key == "style") {
      if (auto s = r.one_of(val, at, kStyles)) out->style = *s;
    } else if (key == "pii") {
      if (auto b = r.boolean(val, at)) out->pii = *b;
    } else if (key == "identifiers") {
      if (auto b = r.boolean(val, at)) out->identifiers = *b;
    } else if (key == "hash_key") {
      if (auto s = r.string(val, at, kMaxHashKey)) out->hash_key = *s;
    } else {
      return false;
    }
    return true;
  });
}

}  // namespace ag::policy
