// The built-in rule set: every family table, concatenated once.
#include "scrub/rules/tables.h"

namespace ag::scrub {

const char *family_name(Family f) {
  switch (f) {
    case Family::kCloud: return "cloud";
    case Family::kAi: return "ai";
    case Family::kVcs: return "vcs";
    case Family::kPayments: return "payments";
    case Family::kMessaging: return "messaging";
    case Family::kDatabase: return "database";
    case Family::kCryptoKey: return "crypto-key";
    case Family::kPii: return "pii";
    case Family::kGeneric: return "generic";
  }
  return "unknown";
}

const char *confidence_name(Confidence c) {
  switch (c) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "unknown";
}

const std::vector<Rule> &builtin_rules() {
  // Built once, on first use; thread-safe by the static-local guarantee. Order is stable:
  // specific families first, generic assignments last.
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> out;
    add_cloud_rules(out);
    add_saas_rules(out);
    add_ai_rules(out);
    add_vcs_rules(out);
    add_payments_rules(out);
    add_messaging_rules(out);
    add_database_rules(out);
    add_crypto_key_rules(out);
    add_pii_rules(out);
    add_generic_rules(out);
    return out;
  }();
  return rules;
}

}  // namespace ag::scrub
