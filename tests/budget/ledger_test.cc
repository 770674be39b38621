// The ledger through the C API: counters, limits and their refusals, bad input.
#include <gtest/gtest.h>

#include <string>

#include "budget_env.h"

namespace {

using namespace ag_test;

struct ScopeCase {
  int32_t scope;
  int32_t window;
  const char *expected;  // the refusal names scope, id and window
};

class RefusalByScope : public ::testing::TestWithParam<ScopeCase> {};

TEST_P(RefusalByScope, NamesScopeIdWindowLimitAndAmounts) {
  const ScopeCase c = GetParam();
  BudgetEnv env([&](ag::Policy &p) {
    ag::ScopeLimits &s = c.scope == AG_SCOPE_USER     ? p.budgets.user
                         : c.scope == AG_SCOPE_TENANT ? p.budgets.tenant
                                                      : p.budgets.global;
    s.window[c.window].usd_nusd = cost(1000, 1000) * 3 / 2;  // one reservation fits, not two
  });
  RunPtr run(env.begin());
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK) << run_error(run);
  EXPECT_EQ(reserve(run, 1000, 1000, &b), AG_E_BUDGET_EXCEEDED);
  EXPECT_EQ(run_error(run), std::string("budget exceeded: ") + c.expected +
                                " limit $0.007500000, spent $0.000000000, reserved $0.005000000, "
                                "requested $0.005000000");
  // All or nothing: the refused reservation left no trace in any counter.
  ag_counter k = env.counter(c.scope, c.scope == AG_SCOPE_USER ? "alice" : "acme-corp", c.window);
  EXPECT_EQ(k.reserved_nusd, cost(1000, 1000));
  ag_run_stats st{};
  st.struct_size = sizeof st;
  ASSERT_EQ(ag_run_stats_get(run, &st), AG_OK);
  EXPECT_EQ(st.reserved_nusd, cost(1000, 1000));
  EXPECT_EQ(st.open_reservations, 1);
}

INSTANTIATE_TEST_SUITE_P(
    AllScopesAndWindows, RefusalByScope,
    ::testing::Values(ScopeCase{AG_SCOPE_USER, AG_WINDOW_TOTAL, "user 'alice' total"},
                      ScopeCase{AG_SCOPE_USER, AG_WINDOW_HOUR, "user 'alice' hour"},
                      ScopeCase{AG_SCOPE_USER, AG_WINDOW_DAY, "user 'alice' day"},
                      ScopeCase{AG_SCOPE_USER, AG_WINDOW_MONTH, "user 'alice' month"},
                      ScopeCase{AG_SCOPE_TENANT, AG_WINDOW_TOTAL, "tenant 'acme-corp' total"},
                      ScopeCase{AG_SCOPE_TENANT, AG_WINDOW_HOUR, "tenant 'acme-corp' hour"},
                      ScopeCase{AG_SCOPE_TENANT, AG_WINDOW_DAY, "tenant 'acme-corp' day"},
                      ScopeCase{AG_SCOPE_TENANT, AG_WINDOW_MONTH, "tenant 'acme-corp' month"},
                      ScopeCase{AG_SCOPE_GLOBAL, AG_WINDOW_TOTAL, "global total"},
                      ScopeCase{AG_SCOPE_GLOBAL, AG_WINDOW_HOUR, "global hour"},
                      ScopeCase{AG_SCOPE_GLOBAL, AG_WINDOW_DAY, "global day"},
                      ScopeCase{AG_SCOPE_GLOBAL, AG_WINDOW_MONTH, "global month"}));

TEST(Ledger, TokenLimitRefusalNamesTokens) {
  BudgetEnv env([](ag::Policy &p) { p.budgets.user.window[AG_WINDOW_DAY].tokens = 2500; });
  RunPtr run(env.begin());
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  EXPECT_EQ(reserve(run, 300, 300, &b), AG_E_BUDGET_EXCEEDED);
  EXPECT_EQ(run_error(run),
            "budget exceeded: user 'alice' day token limit 2500, spent 0, reserved 2000, "
            "requested 600");
  EXPECT_EQ(reserve(run, 250, 250, &b), AG_OK);  // exactly up to the limit
}

TEST(Ledger, CountersAccumulateAcrossRunsAndReadThroughGet) {
  BudgetEnv env([](ag::Policy &p) { p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = 5 * kUsd; });
  RunPtr r1(env.begin());
  RunPtr r2(env.begin("{\"user\":\"alice\"}"));
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(r1, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(reserve(r2, 2000, 0, &b), AG_OK);
  int64_t spent = -1, reserved = -1;
  ASSERT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_USER, "alice", 5, AG_WINDOW_DAY, &spent, &reserved),
            AG_OK);
  EXPECT_EQ(spent, 0);
  EXPECT_EQ(reserved, cost(1000, 1000) + cost(2000, 0));
  int64_t c = 0;
  ASSERT_EQ(commit(r1, a, 800, 100, &c), AG_OK);
  EXPECT_EQ(c, cost(800, 100));
  ASSERT_EQ(ag_run_release(r2, b), AG_OK);
  ag_counter k = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY);
  EXPECT_EQ(k.spent_nusd, cost(800, 100));
  EXPECT_EQ(k.reserved_nusd, 0);
  EXPECT_EQ(k.spent_tokens, 900);
  EXPECT_EQ(k.reserved_tokens, 0);
  EXPECT_EQ(k.limit_nusd, 5 * kUsd);
  EXPECT_EQ(k.limit_tokens, -1);
  EXPECT_EQ(k.window_start_ms, kNextDay - 24 * 3'600'000);
  // The tenant has no limit in any window: untracked, it reads zero.
  k = env.counter(AG_SCOPE_TENANT, "acme-corp", AG_WINDOW_DAY);
  EXPECT_EQ(k.spent_nusd, 0);
  EXPECT_EQ(k.limit_nusd, -1);
  // The run scope reads a live run by id.
  char id[64];
  size_t n = 0;
  ASSERT_EQ(ag_run_id(r1, id, sizeof id, &n), AG_OK);
  ASSERT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_RUN, id, n, AG_WINDOW_TOTAL, &spent, &reserved),
            AG_OK);
  EXPECT_EQ(spent, cost(800, 100));
  EXPECT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_RUN, "nope", 4, AG_WINDOW_TOTAL, &spent, &reserved),
            AG_E_NOT_FOUND);
}

TEST(Ledger, SetLimitOverridesOneIdAndClearRestoresPolicy) {
  BudgetEnv env([](ag::Policy &p) { p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = cost(1000, 1000); });
  RunPtr run(env.begin());
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  EXPECT_EQ(reserve(run, 1000, 1000, &b), AG_E_BUDGET_EXCEEDED);
  ASSERT_EQ(ag_ledger_set_limit(env.ledger, AG_SCOPE_USER, "alice", 5, AG_WINDOW_DAY, -1, -1), AG_OK);
  EXPECT_EQ(reserve(run, 1000, 1000, &b), AG_OK) << run_error(run);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).limit_nusd, -1);
  ASSERT_EQ(ag_ledger_clear_limit(env.ledger, AG_SCOPE_USER, "alice", 5, AG_WINDOW_DAY), AG_OK);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).limit_nusd, cost(1000, 1000));
  uint64_t c = 0;
  EXPECT_EQ(reserve(run, 1, 0, &c), AG_E_BUDGET_EXCEEDED);
  EXPECT_EQ(ag_ledger_clear_limit(env.ledger, AG_SCOPE_USER, "alice", 5, AG_WINDOW_DAY), AG_E_NOT_FOUND);
}

TEST(Ledger, SetLimitStartsTrackingAWindowForEveryone) {
  BudgetEnv env;
  RunPtr run(env.begin("{\"user\":\"bob\"}"));
  ASSERT_EQ(ag_ledger_set_limit(env.ledger, AG_SCOPE_USER, "alice", 5, AG_WINDOW_HOUR, kUsd, -1), AG_OK);
  uint64_t a = 0;
  ASSERT_EQ(reserve(run, 1000, 0, &a), AG_OK);
  ag_counter k = env.counter(AG_SCOPE_USER, "bob", AG_WINDOW_HOUR);
  EXPECT_EQ(k.reserved_nusd, cost(1000, 0));  // bob has no limit but is counted
  EXPECT_EQ(k.limit_nusd, -1);
}

TEST(Ledger, ManualClock) {
  BudgetEnv env;
  EXPECT_EQ(ag_ledger_now(env.ledger), kT0);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 5), AG_OK);
  EXPECT_EQ(ag_ledger_now(env.ledger), kT0 + 5);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, -1), AG_OK);
  EXPECT_GT(ag_ledger_now(env.ledger), kT0 - 400LL * 24 * 3'600'000);  // the system clock
  EXPECT_EQ(ag_ledger_now(nullptr), -1);
}

TEST(Ledger, BadInput) {
  BudgetEnv env;
  ag_counter k{};
  k.struct_size = sizeof k;
  int64_t s = 0;
  EXPECT_EQ(ag_ledger_get(nullptr, AG_SCOPE_USER, "a", 1, AG_WINDOW_DAY, &s, &s), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_get(env.ledger, 7, "a", 1, AG_WINDOW_DAY, &s, &s), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(env.ledger_error(), "scope: 7 is not an AG_SCOPE_* value (0..3)");
  EXPECT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_USER, "a", 1, -1, &s, &s), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(env.ledger_error(), "window: -1 is not an AG_WINDOW_* value (0..3)");
  EXPECT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_USER, nullptr, 3, AG_WINDOW_DAY, &s, &s), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_USER, "", 0, AG_WINDOW_DAY, &s, &s), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(env.ledger_error(), "id: must not be empty for the user scope");
  EXPECT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_GLOBAL, nullptr, 0, AG_WINDOW_DAY, &s, &s), AG_OK);
  EXPECT_EQ(ag_ledger_get(env.ledger, AG_SCOPE_RUN, "r", 1, AG_WINDOW_DAY, &s, &s), AG_E_INVALID_ARGUMENT);
  k.struct_size = 8;
  EXPECT_EQ(ag_ledger_counter(env.ledger, AG_SCOPE_GLOBAL, nullptr, 0, AG_WINDOW_DAY, &k), AG_E_STRUCT_SIZE);
  EXPECT_EQ(ag_ledger_counter(env.ledger, AG_SCOPE_GLOBAL, nullptr, 0, AG_WINDOW_DAY, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_set_limit(env.ledger, AG_SCOPE_RUN, "r", 1, AG_WINDOW_TOTAL, 1, 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_set_limit(env.ledger, AG_SCOPE_USER, "a", 1, AG_WINDOW_DAY, -2, 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_set_limit(env.ledger, AG_SCOPE_USER, "a", 1, 9, 1, 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_clear_limit(nullptr, AG_SCOPE_USER, "a", 1, AG_WINDOW_DAY), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_kill(env.ledger, 9, nullptr, 0, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_kill(env.ledger, AG_SCOPE_USER, nullptr, 0, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_kill(env.ledger, AG_SCOPE_GLOBAL, nullptr, 0, nullptr, 4), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_revive(env.ledger, AG_SCOPE_USER, "a", 1), AG_E_NOT_FOUND);
  EXPECT_EQ(ag_ledger_kill(nullptr, AG_SCOPE_GLOBAL, nullptr, 0, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_revive(nullptr, AG_SCOPE_GLOBAL, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_set_time(nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_expire(nullptr, nullptr), AG_E_INVALID_ARGUMENT);
  char buf[8];
  EXPECT_EQ(ag_ledger_last_error(nullptr, buf, sizeof buf), 14u);
  EXPECT_STREQ(buf, "ledger ");
  ag_ledger_free(nullptr);
}

TEST(Ledger, NewChecksArguments) {
  BudgetEnv env;
  ag_ledger *l = nullptr;
  EXPECT_EQ(ag_ledger_new(nullptr, nullptr, &l), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_new(env.engine.get(), nullptr, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_ledger_new(env.engine.get(), "redis://x", &l), AG_E_UNSUPPORTED);
  EXPECT_EQ(l, nullptr);
  char buf[256];
  ag_engine_last_error(env.engine.get(), buf, sizeof buf);
  EXPECT_STREQ(buf, "store_uri 'redis://x': only \"memory\" is supported by this build");
  ASSERT_EQ(ag_ledger_new(env.engine.get(), "memory", &l), AG_OK);
  ag_ledger_free(l);
}

}  // namespace
