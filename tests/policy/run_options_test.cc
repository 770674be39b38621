// ag_run_begin options: limits override the policy's run limits key by key.
#include <gtest/gtest.h>

#include "core/status.h"
#include "policy/policy.h"

namespace {

ag::RunLimits defaults() {
  ag::RunLimits d;
  d.usd_nusd = 2'000'000'000;
  d.tokens = 50000;
  d.turns = 20;
  d.tool_calls = 100;
  d.deadline_ms = 120000;
  d.step_timeout_ms = 30000;
  return d;
}

TEST(RunOptions, EmptyKeepsDefaults) {
  ag::RunOptions o = ag::parse_run_options("", defaults());
  EXPECT_TRUE(o.run_id.empty());
  EXPECT_EQ(o.limits.usd_nusd, 2'000'000'000);
  EXPECT_EQ(o.limits.step_timeout_ms, 30000);
  o = ag::parse_run_options("{}", defaults());
  EXPECT_EQ(o.limits.turns, 20);
}

TEST(RunOptions, OverridesKeyByKey) {
  ag::RunOptions o = ag::parse_run_options(
      R"({"run_id": "r-1", "user": "alice", "tenant": "acme",
          "limits": {"usd": 0.5, "turns": 3, "deadline_ms": null}})",
      defaults());
  EXPECT_EQ(o.run_id, "r-1");
  EXPECT_EQ(o.user, "alice");
  EXPECT_EQ(o.tenant, "acme");
  EXPECT_EQ(o.limits.usd_nusd, 500'000'000);
  EXPECT_EQ(o.limits.turns, 3);
  EXPECT_EQ(o.limits.deadline_ms, -1);  // null clears the policy's value
  EXPECT_EQ(o.limits.tokens, 50000);
  EXPECT_EQ(o.limits.tool_calls, 100);
  EXPECT_EQ(o.limits.step_timeout_ms, 30000);
}

TEST(RunOptions, UnicodeIdsAndEmptyUser) {
  ag::RunOptions o = ag::parse_run_options(R"({"run_id": "caf\u00e9", "user": ""})", defaults());
  EXPECT_EQ(o.run_id, "caf\xc3\xa9");
  EXPECT_EQ(o.user, "");
}

std::string error_of(std::string_view doc, ag_status status = AG_E_POLICY) {
  try {
    ag::parse_run_options(doc, defaults());
  } catch (const ag::Error &e) {
    EXPECT_EQ(e.status(), status) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << doc;
  return "";
}

TEST(RunOptions, ErrorsCarryTheOptsPrefix) {
  EXPECT_EQ(error_of(R"({"run": 1})"), "opts.run: unknown key");
  EXPECT_EQ(error_of(R"({"limits": {"usd": -2}})"), "opts.limits.usd: must be a non-negative number");
  EXPECT_EQ(error_of(R"({"limits": {"budget": 1}})"), "opts.limits.budget: unknown key");
  EXPECT_EQ(error_of(R"({"run_id": ""})"), "opts.run_id: must not be empty");
  EXPECT_EQ(error_of(R"({"run_id": 7})"), "opts.run_id: must be a string");
  EXPECT_EQ(error_of("{\"user\": \"" + std::string(257, 'u') + "\"}"),
            "opts.user: must be at most 256 bytes");
  EXPECT_EQ(error_of(R"({"tenant": "a", "tenant": "b"})"), "opts.tenant: duplicate key");
  EXPECT_EQ(error_of("[]"), "opts: the top level must be a JSON object");
  EXPECT_EQ(error_of("{\"user\": \"a\"", AG_E_PARSE).rfind("opts: malformed JSON", 0), 0u);
  EXPECT_EQ(error_of("{\"user\": \"\xc3\"}", AG_E_PARSE), "opts: invalid UTF-8 at byte 10");
  EXPECT_EQ(error_of("  ", AG_E_PARSE), "opts: empty document");
}

}  // namespace
