// One budget counter: one scope id in one window, shared by every run that takes from it.
//
// Representation: `used` = spent + reserved is the quantity checked against the limit.
// USD and tokens are kept side by side in one 16-byte word, so one compare-and-swap covers
// both quantities: a reservation is one CAS on `used`, a release one, a commit one on
// `used` plus the spend. `spent` is a sum of cells: a shared one (updated by CAS) and a few
// private ones, each claimed by one writer (a run, which writes under its own lock) and
// updated with plain atomic stores, so a commit by a run holding a cell costs one CAS.
// Readers add the cells up. Each quantity keeps the full int64 range (nano-USD up to about
// $9.2e9, tokens up to about 9.2e18 per counter); callers bound single amounts (a
// reservation is at most $1e9 and 2^54 tokens) so sums stay far from overflow.
//
// Invariant at every instant, per quantity: used <= limit, except after settle() of an
// actual amount above its reservation or force_add() (an overrun: money already spent is
// recorded anyway). Also used >= spent at every instant (used is raised before spent).
// Thread-safe and lock-free on x86-64 (cmpxchg16b); elsewhere the 16-byte words are
// guarded by a small striped lock table. Readers may run concurrently with writers.
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
  // nothing, in one atomic step. Counters without a limit always accept (they count for
  // reporting). A refusal is decided on a consistent snapshot of both quantities; USD is
  // named when both would pass their limits.
  Refusal try_take(Amount a);
  // Returns a reservation: used -= a.
  void give_back(Amount a);
  // Replaces a reservation by what was really spent: used += actual - reserved,
  // spent += actual. Returns true when a limit is now exceeded (actual > reserved).
  // slot: a cell from claim_slot() held by the caller, or kNoSlot (the shared cell).
  static constexpr int kNoSlot = -1;
  bool settle(Amount reserved, Amount actual, int slot = kNoSlot);
  // Records spend unconditionally (late commits, restored spend).
  bool force_add(Amount a, int slot = kNoSlot) { return settle(Amount{}, a, slot); }

  // A private spent cell for one writer: calls passing it must never run concurrently
  // (a run passes it only under its lock). kNoSlot when all are taken. The cell's value
  // stays part of the counter after release_slot; the next owner adds to it.
  static constexpr int kSlots = 4;
  int claim_slot();
  void release_slot(int slot);

  void set_limit(Limit limit);

  struct View {
    Amount spent;
    Amount reserved;
    Limit limit;
    int64_t window_start = 0;
  };
  // A consistent-enough view: per quantity, reserved never reads negative and
  // spent + reserved is a value `used` really held, so spent + reserved <= limit holds in
  // the view whenever it holds in the counter. USD and tokens may come from different
  // instants. Exact once writers are quiet: spent is then the sum of every settle.
  View read() const;

  // Two int64 quantities updated together (16-byte aligned for cmpxchg16b).
  struct alignas(16) Pair {
    int64_t usd;
    int64_t tokens;
  };

 private:
  const int64_t window_start_;
  std::atomic<int64_t> limit_usd_;
  std::atomic<int64_t> limit_tokens_;
  std::atomic<uint32_t> slots_taken_{0};  // bit i: slots_[i] has an owner
  // Accessed only through the pair operations in counter.cc. used_ and the shared spent
  // cell share the first cache line with the limits; the private cells fill the second.
  Pair used_{0, 0};
  Pair spent_{0, 0};
  alignas(64) Pair slots_[kSlots] = {};
};

static_assert(sizeof(Counter) == 128, "a counter fills two cache lines");

}  // namespace ag
