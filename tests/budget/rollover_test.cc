// Window rollover with the manual clock: new windows start empty, and reservations settle
// against the window they took from.
#include <gtest/gtest.h>

#include "budget_env.h"

namespace {

using namespace ag_test;

void limit_all_windows(ag::Policy &p) {
  for (int w = AG_WINDOW_TOTAL; w <= AG_WINDOW_MONTH; ++w)
    p.budgets.user.window[w].usd_nusd = cost(1000, 1000) * 3 / 2;
}

TEST(Rollover, HourBoundaryStartsAnEmptyHour) {
  BudgetEnv env([](ag::Policy &p) {
    p.budgets.user.window[AG_WINDOW_HOUR].usd_nusd = cost(1000, 1000) * 3 / 2;
    p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = 10 * cost(1000, 1000);
  });
  RunPtr run(env.begin());
  uint64_t a = 0, b = 0;
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kNextHour - 1), AG_OK);
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  EXPECT_EQ(reserve(run, 1000, 1000, &b), AG_E_BUDGET_EXCEEDED);
  EXPECT_NE(run_error(run).find("user 'alice' hour"), std::string::npos) << run_error(run);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kNextHour), AG_OK);
  ag_counter h = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_HOUR);
  EXPECT_EQ(h.reserved_nusd, 0);
  EXPECT_EQ(h.window_start_ms, kNextHour);
  ASSERT_EQ(reserve(run, 1000, 1000, &b), AG_OK) << run_error(run);
  // Committing the 10:59 reservation settles in the 10:00 hour, not in the new one.
  ASSERT_EQ(commit(run, a, 1000, 500), AG_OK);
  h = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_HOUR);
  EXPECT_EQ(h.spent_nusd, 0);
  EXPECT_EQ(h.reserved_nusd, cost(1000, 1000));
  // The day spans both hours and saw both.
  ag_counter d = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY);
  EXPECT_EQ(d.spent_nusd, cost(1000, 500));
  EXPECT_EQ(d.reserved_nusd, cost(1000, 1000));
  ASSERT_EQ(ag_run_release(run, b), AG_OK);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).reserved_nusd, 0);
}

TEST(Rollover, DayAndMonthBoundaries) {
  BudgetEnv env(limit_all_windows);
  RunPtr run(env.begin());
  uint64_t a = 0;
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kNextDay - 1), AG_OK);
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(commit(run, a, 1000, 1000), AG_OK);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kNextDay), AG_OK);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).spent_nusd, 0);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_MONTH).spent_nusd, cost(1000, 1000));
  // The month and total windows still hold the first spend, so they refuse first.
  EXPECT_EQ(reserve(run, 1000, 1000, &a), AG_E_BUDGET_EXCEEDED);
  EXPECT_NE(run_error(run).find("user 'alice' total"), std::string::npos) << run_error(run);
  ASSERT_EQ(ag_ledger_set_limit(env.ledger, AG_SCOPE_USER, "alice", 5, AG_WINDOW_TOTAL, -1, -1), AG_OK);
  EXPECT_EQ(reserve(run, 1000, 1000, &a), AG_E_BUDGET_EXCEEDED);
  EXPECT_NE(run_error(run).find("user 'alice' month"), std::string::npos) << run_error(run);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kNextMonth), AG_OK);
  ag_counter m = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_MONTH);
  EXPECT_EQ(m.spent_nusd, 0);
  EXPECT_EQ(m.window_start_ms, kNextMonth);
  EXPECT_EQ(reserve(run, 1000, 1000, &a), AG_OK) << run_error(run);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_TOTAL).spent_nusd, cost(1000, 1000));
}

}  // namespace
