#include <gtest/gtest.h>

#include <chrono>

#include "budget/counter.h"
#include "budget/money.h"
#include "budget/window.h"
#include "budget_env.h"
#include "core/clock.h"

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

namespace {

TEST(Counter, QuantitiesKeepTheFullRangeSideBySide) {
  // USD and tokens share one 16-byte word: values beyond 32 bits, near the int64 range,
  // and subtraction back to zero must not carry from one into the other.
  constexpr int64_t kBig = int64_t{1} << 61;
  Counter c(0, ag::Limit{-1, -1});
  ASSERT_EQ(c.try_take({kBig, 3}), Counter::Refusal::kNone);
  ASSERT_EQ(c.try_take({1, kBig}), Counter::Refusal::kNone);
  Counter::View v = c.read();
  EXPECT_EQ(v.reserved.usd, kBig + 1);
  EXPECT_EQ(v.reserved.tokens, kBig + 3);
  c.give_back({kBig, 3});
  EXPECT_FALSE(c.settle({1, kBig}, {0, kBig - 1}));
  v = c.read();
  EXPECT_EQ(v.spent.usd, 0);
  EXPECT_EQ(v.spent.tokens, kBig - 1);
  EXPECT_EQ(v.reserved.usd, 0);
  EXPECT_EQ(v.reserved.tokens, 0);
}

TEST(Counter, UsdIsNamedWhenBothRefuse) {
  Counter c(0, ag::Limit{10, 10});
  EXPECT_EQ(c.try_take({11, 11}), Counter::Refusal::kUsd);
  EXPECT_EQ(c.try_take({10, 11}), Counter::Refusal::kTokens);
  EXPECT_EQ(c.read().reserved.usd, 0);  // a refusal takes nothing
}

TEST(Clock, SystemTimeFollowsTheWallClock) {
  ag::Clock clock;
  auto wall = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  int64_t before = wall();
  int64_t now = clock.now_ms();
  int64_t after = wall();
  // A coarse reading lags by at most one kernel tick; allow a generous margin.
  EXPECT_GE(now, before - 1000);
  EXPECT_LE(now, after + 1000);
  clock.set_manual(42);
  EXPECT_EQ(clock.now_ms(), 42);
  clock.set_manual(-1);
  EXPECT_GE(clock.now_ms(), before - 1000);
}

}  // namespace

namespace {

TEST(Counter, PrivateSpentCellsAddUp) {
  Counter c(0, ag::Limit{1000, -1});
  int slots[Counter::kSlots];
  for (int &s : slots) {
    s = c.claim_slot();
    EXPECT_NE(s, Counter::kNoSlot);
  }
  EXPECT_EQ(c.claim_slot(), Counter::kNoSlot);  // all taken: writers use the shared cell
  ASSERT_EQ(c.try_take({100, 10}), Counter::Refusal::kNone);
  ASSERT_EQ(c.try_take({100, 10}), Counter::Refusal::kNone);
  EXPECT_FALSE(c.settle({100, 10}, {40, 4}, slots[2]));
  EXPECT_FALSE(c.settle({100, 10}, {30, 3}, Counter::kNoSlot));
  Counter::View v = c.read();
  EXPECT_EQ(v.spent.usd, 70);
  EXPECT_EQ(v.spent.tokens, 7);
  EXPECT_EQ(v.reserved.usd, 0);
  // A released cell keeps its spend; its next owner adds to it.
  c.release_slot(slots[2]);
  int again = c.claim_slot();
  EXPECT_EQ(again, slots[2]);
  EXPECT_FALSE(c.force_add({5, 1}, again));
  v = c.read();
  EXPECT_EQ(v.spent.usd, 75);
  EXPECT_EQ(v.spent.tokens, 8);
  // The limit still counts every cell: 925 more fits, 926 does not.
  EXPECT_EQ(c.try_take({926, 0}), Counter::Refusal::kUsd);
  EXPECT_EQ(c.try_take({925, 0}), Counter::Refusal::kNone);
  c.release_slot(Counter::kNoSlot);  // ignored
}

}  // namespace
