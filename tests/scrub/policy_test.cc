// Rules from a policy: filters, custom rules, and the errors make_engine_scrub reports.
#include <gtest/gtest.h>

#include <set>

#include "core/engine.h"
#include "scrub/engine_scrub.h"
#include "scrub/rule_set.h"
#include "test_rules.h"

namespace ag::scrub {
namespace {

std::string policy_error(const Policy &p) {
  try {
    make_engine_scrub(p);
  } catch (const Error &e) {
    EXPECT_EQ(e.status(), AG_E_POLICY);
    return e.what();
  }
  return "";
}

CustomRule custom(std::string id, std::string pattern, uint32_t max_len) {
  CustomRule c;
  c.id = std::move(id);
  c.pattern = std::move(pattern);
  c.max_len = max_len;
  return c;
}

TEST(ScrubPolicy, CustomRulesScrub) {
  Policy p;
  p.scrub.rules = "none";
  p.scrub.custom.push_back(custom("acme-key", "ACME-[0-9]{6}", 11));
  p.scrub.custom.push_back(custom("acme-card", "[0-9]{16}", 16));
  p.scrub.custom.back().validator = "luhn";
  p.scrub.custom.back().family = "payments";
  p.scrub.custom.back().confidence = "high";
  auto e = make_engine_scrub(p);
  ASSERT_EQ(e->rules().size(), 2u);
  EXPECT_EQ(e->rules()[1].family, Family::kPayments);
  EXPECT_EQ(testing::scrub_block(*e, e->style(), "id ACME-123456 4111111111111111 4111111111111112"),
            "id [REDACTED:acme-key] [REDACTED:acme-card] 4111111111111112");
}

TEST(ScrubPolicy, ErrorsNameThePath) {
  Policy p;
  p.scrub.rules = "none";
  p.scrub.custom.push_back(custom("ok", "ok[0-9]", 3));
  p.scrub.custom.push_back(custom("fine", "x", 1));
  p.scrub.custom.push_back(custom("bad", "([a-z]", 10));
  EXPECT_EQ(policy_error(p).rfind("scrub.custom[2].pattern: ", 0), 0u) << policy_error(p);

  p.scrub.custom = {custom("nolen", "abc", 0)};
  EXPECT_EQ(policy_error(p).rfind("scrub.custom[0].max_len: ", 0), 0u);
  p.scrub.custom = {custom("dup", "abc", 3), custom("dup", "def", 3)};
  EXPECT_EQ(policy_error(p).rfind("scrub.custom[1].id: ", 0), 0u);
  p.scrub.custom = {custom("fam", "abc", 3)};
  p.scrub.custom[0].family = "weather";
  EXPECT_EQ(policy_error(p).rfind("scrub.custom[0].family: ", 0), 0u);
  p.scrub.custom[0].family = "generic";
  p.scrub.custom[0].validator = "crc";
  EXPECT_EQ(policy_error(p).rfind("scrub.custom[0].validator: ", 0), 0u);
  p.scrub.custom[0].validator = "";
  p.scrub.custom[0].confidence = "certain";
  EXPECT_EQ(policy_error(p).rfind("scrub.custom[0].confidence: ", 0), 0u);

  Policy q;
  q.scrub.disable = {"no-such-rule"};
  EXPECT_EQ(policy_error(q), "scrub.disable[0]: unknown rule 'no-such-rule'");
  q.scrub.disable = {};
  q.scrub.enable = {"nope"};
  EXPECT_EQ(policy_error(q), "scrub.enable[0]: unknown rule 'nope'");
  q.scrub.enable = {};
  q.scrub.style = "shout";
  EXPECT_EQ(policy_error(q).rfind("scrub.style: ", 0), 0u);
  q.scrub.style = "label";
  q.scrub.rules = "some";
  EXPECT_EQ(policy_error(q).rfind("scrub.rules: ", 0), 0u);
}

TEST(ScrubPolicy, FiltersBuiltinRules) {
  const auto &builtin = builtin_rules();
  if (builtin.empty()) GTEST_SKIP() << "no built-in rules in this build";
  Policy p;
  std::vector<Rule> all = select_rules(p.scrub);
  for (const Rule &r : all) EXPECT_FALSE(r.flags & kDefaultOff) << r.id;
  p.scrub.disable = {all[0].id};
  std::vector<Rule> fewer = select_rules(p.scrub);
  EXPECT_EQ(fewer.size() + 1, all.size());
  p.scrub.disable.clear();
  p.scrub.pii = false;
  for (const Rule &r : select_rules(p.scrub)) EXPECT_FALSE(r.flags & kPii) << r.id;
  for (const Rule &r : builtin) {
    if (!(r.flags & kDefaultOff)) continue;
    p.scrub.enable = {r.id};
    p.scrub.pii = true;
    EXPECT_EQ(select_rules(p.scrub).size(), all.size() + 1) << r.id;
    break;
  }
}

// scrub.identifiers adds exactly the identifier rules; scrub.disable still removes one.
TEST(ScrubPolicy, IdentifiersAddTheIdentifierRules) {
  Policy p;
  const size_t base = select_rules(p.scrub).size();
  std::set<std::string> identifiers;
  for (const Rule &r : builtin_rules())
    if (r.flags & kIdentifier) identifiers.insert(r.id);
  ASSERT_FALSE(identifiers.empty());
  p.scrub.identifiers = true;
  std::vector<Rule> with = select_rules(p.scrub);
  EXPECT_EQ(with.size(), base + identifiers.size());
  std::set<std::string> off_but_on;
  for (const Rule &r : with)
    if (r.flags & kDefaultOff) off_but_on.insert(r.id);
  EXPECT_EQ(off_but_on, identifiers);
  p.scrub.disable = {*identifiers.begin()};
  EXPECT_EQ(select_rules(p.scrub).size(), base + identifiers.size() - 1);
}

TEST(ScrubPolicy, EngineCreationDoesNotCompile) {
  Policy p;
  auto e = make_engine_scrub(p);
  EXPECT_FALSE(e->compiled());
  testing::scrub_block(*e, e->style(), "x");
  EXPECT_TRUE(e->compiled());
}

TEST(ScrubPolicy, HashKeyFromPolicyIsStable) {
  Policy p;
  p.scrub.rules = "none";
  p.scrub.custom = {custom("k", "KEY-[0-9]{4}", 8)};
  p.scrub.hash_key = "team-secret";
  auto a = make_engine_scrub(p), b = make_engine_scrub(p);
  EXPECT_EQ(testing::scrub_block(*a, Style::kHash, "KEY-1234"),
            testing::scrub_block(*b, Style::kHash, "KEY-1234"));
  p.scrub.hash_key = "";
  auto c = make_engine_scrub(p), d = make_engine_scrub(p);
  EXPECT_NE(testing::scrub_block(*c, Style::kHash, "KEY-1234"),
            testing::scrub_block(*d, Style::kHash, "KEY-1234"));
}

}  // namespace
}  // namespace ag::scrub
