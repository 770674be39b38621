// One budget counter: one scope id in one window, shared by every run that takes from it.
//
// Representation: `used` = spent + reserved is the quantity checked against the limit, so a
// reservation is one compare-and-swap per quantity. Invariant at every instant, per
// quantity: used <= limit, except after settle() of an actual amount above its reservation
// or force_add() (an overrun: money already spent is recorded anyway).
// Thread-safe and lock-free; readers may run concurrently with writers.
#pragma once

#include <atomic>
#include <cstdint>

#include "policy/policy.h"

namespace ag {

// An amount taken from or recorded in a counter.
struct Amount {
  int64_t usd = 0;  // nano-USD
  int64_t tokens = 0;
};

class alignas(64) Counter {
 public:
  Counter(int64_t window_start, Limit limit);

  Counter(const Counter &) = delete;
  Counter &operator=(const Counter &) = delete;

  int64_t window_start() const { return window_start_; }

  enum class Refusal { kNone, kUsd, kTokens };
  // Takes a (non-negative) from both quantities if each stays within its limit; all or
  // nothing. Counters without a limit always accept (they count for reporting).
  Refusal try_take(Amount a);
  // Returns a reservation: used -= a.
  void give_back(Amount a);
  // Replaces a reservation by what was really spent: used += actual - reserved,
  // spent += actual. Returns true when a limit is now exceeded (actual > reserved).
  bool settle(Amount reserved, Amount actual);
  // Records spend unconditionally (late commits, restored spend).
  bool force_add(Amount a) { return settle(Amount{}, a); }

  void set_limit(Limit limit);

  struct View {
    Amount spent;
    Amount reserved;
    Limit limit;
    int64_t window_start = 0;
  };
  // A consistent-enough view: reserved never reads negative; spent + reserved <= limit
  // holds in the view whenever it holds in the counter.
  View read() const;

 private:
  static bool take(std::atomic<int64_t> &used, const std::atomic<int64_t> &limit, int64_t n);

  const int64_t window_start_;
  std::atomic<int64_t> used_usd_{0};
  std::atomic<int64_t> used_tokens_{0};
  std::atomic<int64_t> spent_usd_{0};
  std::atomic<int64_t> spent_tokens_{0};
  std::atomic<int64_t> limit_usd_;
  std::atomic<int64_t> limit_tokens_;
};

}  // namespace ag
