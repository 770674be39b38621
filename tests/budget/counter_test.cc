#include <gtest/gtest.h>

#include "budget/counter.h"
#include "budget/money.h"
#include "budget/window.h"
#include "budget_env.h"

namespace {

using ag::Amount;
using ag::Counter;

TEST(Counter, TakesWithinLimitAndRefusesBeyond) {
  Counter c(0, ag::Limit{100, 10});
  EXPECT_EQ(c.try_take({60, 5}), Counter::Refusal::kNone);
  EXPECT_EQ(c.try_take({41, 1}), Counter::Refusal::kUsd);
  EXPECT_EQ(c.try_take({40, 6}), Counter::Refusal::kTokens);
  // The token refusal returned the USD it had taken: exactly 40 more still fits.
  EXPECT_EQ(c.try_take({40, 5}), Counter::Refusal::kNone);
  Counter::View v = c.read();
  EXPECT_EQ(v.reserved.usd, 100);
  EXPECT_EQ(v.reserved.tokens, 10);
  EXPECT_EQ(v.spent.usd, 0);
}

TEST(Counter, SettleReplacesReservationAndReportsOverrun) {
  Counter c(0, ag::Limit{100, -1});
  ASSERT_EQ(c.try_take({80, 8}), Counter::Refusal::kNone);
  EXPECT_FALSE(c.settle({80, 8}, {30, 3}));
  Counter::View v = c.read();
  EXPECT_EQ(v.spent.usd, 30);
  EXPECT_EQ(v.reserved.usd, 0);
  EXPECT_EQ(v.spent.tokens, 3);
  ASSERT_EQ(c.try_take({70, 0}), Counter::Refusal::kNone);
  EXPECT_TRUE(c.settle({70, 0}, {90, 0}));  // actual above the reservation passes the limit
  EXPECT_EQ(c.read().spent.usd, 120);
  EXPECT_EQ(c.try_take({0, 0}), Counter::Refusal::kUsd);  // nothing fits past the limit
}

TEST(Counter, UnlimitedCountsForReporting) {
  Counter c(0, ag::Limit{});
  EXPECT_EQ(c.try_take({1'000'000, 1'000'000}), Counter::Refusal::kNone);
  c.give_back({1'000'000, 1'000'000});
  EXPECT_FALSE(c.force_add({5, 7}));
  Counter::View v = c.read();
  EXPECT_EQ(v.spent.usd, 5);
  EXPECT_EQ(v.spent.tokens, 7);
  EXPECT_EQ(v.reserved.usd, 0);
  EXPECT_EQ(v.limit.usd_nusd, -1);
}

TEST(Counter, LimitChangesApplyToLaterTakes) {
  Counter c(0, ag::Limit{10, -1});
  EXPECT_EQ(c.try_take({20, 0}), Counter::Refusal::kUsd);
  c.set_limit(ag::Limit{30, -1});
  EXPECT_EQ(c.try_take({20, 0}), Counter::Refusal::kNone);
}

TEST(Window, SpansFollowTheUtcCalendar) {
  using ag_test::kT0;
  EXPECT_EQ(ag::window_span(AG_WINDOW_HOUR, kT0).start, ag_test::kNextHour - 3'600'000);
  EXPECT_EQ(ag::window_span(AG_WINDOW_HOUR, kT0).end, ag_test::kNextHour);
  EXPECT_EQ(ag::window_span(AG_WINDOW_DAY, kT0).end, ag_test::kNextDay);
  EXPECT_EQ(ag::window_span(AG_WINDOW_MONTH, kT0).start, ag_test::kMonthStart);
  EXPECT_EQ(ag::window_span(AG_WINDOW_MONTH, kT0).end, ag_test::kNextMonth);
  EXPECT_EQ(ag::window_span(AG_WINDOW_TOTAL, kT0).start, 0);
  // 2024-02-29T23:00Z: leap day; its month ends 2024-03-01T00:00Z.
  EXPECT_EQ(ag::window_span(AG_WINDOW_MONTH, 1709247600000).end, 1709251200000);
  // 2026-12-31T23:59Z: the year turns with the month.
  EXPECT_EQ(ag::window_span(AG_WINDOW_MONTH, 1798761540000).end, 1798761600000);
  EXPECT_EQ(ag::window_span(AG_WINDOW_DAY, 1798761540000).end, 1798761600000);
}

TEST(Money, FormatsNineDecimals) {
  EXPECT_EQ(ag::format_usd(4'900'000'000), "$4.900000000");
  EXPECT_EQ(ag::format_usd(5), "$0.000000005");
  EXPECT_EQ(ag::format_usd(-1'500'000'000), "-$1.500000000");
  EXPECT_EQ(ag::format_usd(INT64_MIN), "-$9223372036.854775808");
}

}  // namespace
