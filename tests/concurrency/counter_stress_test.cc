// One shared counter and one run lock under many threads, below the C API: the 16-byte
// compare-and-swap keeps USD and tokens exact together, private spent cells and the shared
// one add up exactly, and the run lock excludes.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include "budget/counter.h"
#include "run/spin_lock.h"

namespace {

#if defined(__SANITIZE_THREAD__)
constexpr int kOps = 5000;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr int kOps = 5000;
#else
constexpr int kOps = 50000;
#endif
#else
constexpr int kOps = 50000;
#endif

TEST(CounterStress, TakeSettleGiveBackStayExact) {
  // Amounts above 2^32 in both quantities: the halves of a pair must never mix.
  constexpr int64_t kUsdUnit = 5'000'000'000;
  constexpr int64_t kTokUnit = 7'000'000'000;
  const ag::Limit limit{10 * kUsdUnit, 11 * kTokUnit};
  ag::Counter c(0, limit);
  std::atomic<bool> done{false};
  std::atomic<int64_t> violations{0};
  std::thread watcher([&] {
    while (!done.load(std::memory_order_acquire)) {
      ag::Counter::View v = c.read();
      if (v.reserved.usd < 0 || v.reserved.tokens < 0 ||
          v.spent.usd + v.reserved.usd > limit.usd_nusd ||
          v.spent.tokens + v.reserved.tokens > limit.tokens)
        violations.fetch_add(1);
    }
  });
  constexpr int kThreads = 6;
  std::vector<ag::Amount> committed(kThreads);
  std::vector<int64_t> refusals(kThreads);
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng(static_cast<uint64_t>(t) + 1);
      // Four threads get a private spent cell, the others share the common one.
      const int slot = c.claim_slot();
      std::vector<ag::Amount> held;  // up to 3 open: one thread alone can reach the limits
      auto finish = [&](ag::Amount a) {
        if (rng() % 3 == 0) {
          c.give_back(a);
          return;
        }
        // Small real costs, so spend grows slowly and the limits stay contended.
        ag::Amount actual{static_cast<int64_t>(rng() % 1000), static_cast<int64_t>(rng() % 1000)};
        EXPECT_FALSE(c.settle(a, actual, slot));
        committed[t].usd += actual.usd;
        committed[t].tokens += actual.tokens;
      };
      for (int i = 0; i < kOps; ++i) {
        if (held.size() >= 3 || (!held.empty() && rng() % 2 == 0)) {
          finish(held.back());
          held.pop_back();
          continue;
        }
        ag::Amount a{kUsdUnit * static_cast<int64_t>(1 + rng() % 4),
                     kTokUnit * static_cast<int64_t>(1 + rng() % 4)};
        if (c.try_take(a) == ag::Counter::Refusal::kNone)
          held.push_back(a);
        else
          ++refusals[t];
      }
      for (const ag::Amount &a : held) finish(a);
      c.release_slot(slot);
    });
  }
  for (auto &w : workers) w.join();
  done.store(true, std::memory_order_release);
  watcher.join();
  ag::Amount sum;
  int64_t refused = 0;
  for (int t = 0; t < kThreads; ++t) {
    sum.usd += committed[t].usd;
    sum.tokens += committed[t].tokens;
    refused += refusals[t];
  }
  EXPECT_EQ(violations.load(), 0);
  ag::Counter::View v = c.read();
  EXPECT_EQ(v.spent.usd, sum.usd);
  EXPECT_EQ(v.spent.tokens, sum.tokens);
  EXPECT_EQ(v.reserved.usd, 0);
  EXPECT_EQ(v.reserved.tokens, 0);
  EXPECT_GT(refused, 0);
}

TEST(SpinLockStress, Excludes) {
  ag::SpinLock lock;
  int64_t plain = 0;  // guarded by lock only: a race here is what TSan would report
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kOps; ++i) {
        std::lock_guard<ag::SpinLock> g(lock);
        ++plain;
      }
    });
  for (auto &t : threads) t.join();
  EXPECT_EQ(plain, 4 * kOps);
  EXPECT_TRUE(lock.try_lock());
  EXPECT_FALSE(lock.try_lock());
  lock.unlock();
}

}  // namespace
