// Per-family built-in rule tables. Each family file appends its rules; registry.cc
// concatenates them once into builtin_rules().
#pragma once

#include <vector>

#include "scrub/rule.h"

namespace ag::scrub {

void add_cloud_rules(std::vector<Rule> &out);
void add_saas_rules(std::vector<Rule> &out);
void add_ai_rules(std::vector<Rule> &out);
void add_vcs_rules(std::vector<Rule> &out);
void add_payments_rules(std::vector<Rule> &out);
void add_messaging_rules(std::vector<Rule> &out);
void add_database_rules(std::vector<Rule> &out);
void add_crypto_key_rules(std::vector<Rule> &out);
void add_pii_rules(std::vector<Rule> &out);
void add_generic_rules(std::vector<Rule> &out);

}  // namespace ag::scrub
