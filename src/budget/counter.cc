#include "budget/counter.h"

#include <cstdint>
#include <thread>

namespace ag {
namespace {

using Pair = Counter::Pair;

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(AG_COUNTER_LOCKED_PAIRS)

// Lock-free: cmpxchg16b, present on every x86-64 CPU except the first AMD64 generation
// (2003-2006), and required by current Windows and by the x86-64-v2 distributions.
// The target attribute enables it without a build flag; noinline keeps the instruction in
// a function compiled for it (compilers otherwise fall back to a library call after
// inlining into code built without cx16). Values travel as one 128-bit integer in a
// register pair: building them in memory from two 8-byte halves and reading them back as
// 16 bytes defeats store-to-load forwarding, which costs more than the atomic itself.
typedef unsigned __int128 __attribute__((may_alias)) U128;

U128 pack(int64_t usd, int64_t tokens) {
  return static_cast<U128>(static_cast<uint64_t>(usd)) |
         (static_cast<U128>(static_cast<uint64_t>(tokens)) << 64);
}
Pair unpack(U128 v) {
  return Pair{static_cast<int64_t>(static_cast<uint64_t>(v)),
              static_cast<int64_t>(static_cast<uint64_t>(v >> 64))};
}

__attribute__((target("cx16"), noinline)) U128 cas_value(U128 *p, U128 expected, U128 desired) {
  return __sync_val_compare_and_swap(p, expected, desired);  // sequentially consistent
}

// Strong compare-and-swap of the whole pair. On failure, *expected receives the current
// value, read atomically.
inline bool pair_cas(Pair *p, Pair *expected, Pair desired) {
  U128 e = pack(expected->usd, expected->tokens);
  U128 old = cas_value(reinterpret_cast<U128 *>(p), e, pack(desired.usd, desired.tokens));
  if (old == e) return true;
  *expected = unpack(old);
  return false;
}

// Each half read atomically (acquire); the two halves may come from different instants.
// Callers use it as a guess that a CAS validates, or where each quantity stands alone.
inline Pair pair_load_halves(const Pair *p) {
  return Pair{__atomic_load_n(&p->usd, __ATOMIC_ACQUIRE),
              __atomic_load_n(&p->tokens, __ATOMIC_ACQUIRE)};
}

// Keeps a value in a general register, so the compiler does not pair the USD and token
// arithmetic into SIMD through the stack (the forwarding stall described above).
inline int64_t scalar(int64_t v) {
  asm("" : "+r"(v));
  return v;
}

#else

// Portable fallback: a 16-byte word is read and written under one of a few spin locks
// picked by its address (the counters' logic is unchanged; only lock-freedom is lost).
struct alignas(64) Stripe {
  std::atomic<bool> locked{false};
};
Stripe g_stripes[32];

class StripeGuard {
 public:
  explicit StripeGuard(const void *p)
      : s_(g_stripes[(reinterpret_cast<uintptr_t>(p) / 64) % (sizeof g_stripes / sizeof *g_stripes)]) {
    while (s_.locked.exchange(true, std::memory_order_acquire))
      while (s_.locked.load(std::memory_order_relaxed)) std::this_thread::yield();
  }
  ~StripeGuard() { s_.locked.store(false, std::memory_order_release); }

 private:
  Stripe &s_;
};

bool pair_cas(Pair *p, Pair *expected, Pair desired) {
  StripeGuard g(p);
  if (p->usd == expected->usd && p->tokens == expected->tokens) {
    *p = desired;
    return true;
  }
  *expected = *p;
  return false;
}

Pair pair_load_halves(const Pair *p) {
  StripeGuard g(p);
  return *p;
}

inline int64_t scalar(int64_t v) { return v; }

#endif

// used (or spent) += (usd, tokens), atomically for both quantities; returns the new value.
Pair pair_add(Pair *p, int64_t usd, int64_t tokens) {
  Pair cur = pair_load_halves(p);
  while (!pair_cas(p, &cur, Pair{cur.usd + usd, cur.tokens + tokens})) {
  }
  return Pair{cur.usd + usd, cur.tokens + tokens};
}

}  // namespace

Counter::Counter(int64_t window_start, Limit limit)
    : window_start_(window_start), limit_usd_(limit.usd_nusd), limit_tokens_(limit.tokens) {}

Counter::Refusal Counter::try_take(Amount a) {
  const int64_t lu = limit_usd_.load(std::memory_order_relaxed);
  const int64_t lt = limit_tokens_.load(std::memory_order_relaxed);
  const int64_t usd = scalar(a.usd), tokens = scalar(a.tokens);
  Pair cur = pair_load_halves(&used_);
  for (;;) {
    // cur may exceed a limit after an overrun; limit - cur cannot overflow (both >= 0).
    Refusal r = lu >= 0 && usd > lu - cur.usd           ? Refusal::kUsd
                : lt >= 0 && tokens > lt - cur.tokens ? Refusal::kTokens
                                                      : Refusal::kNone;
    if (r == Refusal::kNone) {
      if (pair_cas(&used_, &cur, Pair{cur.usd + usd, cur.tokens + tokens})) return r;
    } else if (pair_cas(&used_, &cur, cur)) {
      return r;  // the refusal was decided on a value `used` really held
    }
    // cur now holds the current value: decide again.
  }
}

void Counter::give_back(Amount a) { pair_add(&used_, -scalar(a.usd), -scalar(a.tokens)); }

int Counter::claim_slot() {
  uint32_t taken = slots_taken_.load(std::memory_order_relaxed);
  for (;;) {
    uint32_t free = ~taken & ((1u << kSlots) - 1);
    if (free == 0) return kNoSlot;
    uint32_t bit = free & (0u - free);
    // acquire: the previous owner's writes to the cell are visible before ours build on them.
    if (slots_taken_.compare_exchange_weak(taken, taken | bit, std::memory_order_acq_rel,
                                           std::memory_order_relaxed))
      return __builtin_ctz(bit);
  }
}

void Counter::release_slot(int slot) {
  if (slot < 0 || slot >= kSlots) return;
  slots_taken_.fetch_and(~(1u << slot), std::memory_order_release);
}

bool Counter::settle(Amount reserved, Amount actual, int slot) {
  // used first, then spent: a reader that loads spent first never sees a negative
  // reserved, and used >= spent holds at every instant.
  const int64_t usd = scalar(actual.usd), tokens = scalar(actual.tokens);
  const int64_t du = usd - scalar(reserved.usd), dt = tokens - scalar(reserved.tokens);
  Pair used = du != 0 || dt != 0 ? pair_add(&used_, du, dt) : pair_load_halves(&used_);
  if (usd != 0 || tokens != 0) {
    if (slot >= 0 && slot < kSlots) {
      // One writer per cell: load and store, no read-modify-write. Release: a reader that
      // sees the new spend also sees the used update above.
      Pair &cell = slots_[slot];
      __atomic_store_n(&cell.usd, __atomic_load_n(&cell.usd, __ATOMIC_RELAXED) + usd,
                       __ATOMIC_RELEASE);
      __atomic_store_n(&cell.tokens, __atomic_load_n(&cell.tokens, __ATOMIC_RELAXED) + tokens,
                       __ATOMIC_RELEASE);
    } else {
      pair_add(&spent_, usd, tokens);
    }
  }
  int64_t lu = limit_usd_.load(std::memory_order_relaxed);
  int64_t lt = limit_tokens_.load(std::memory_order_relaxed);
  return (lu >= 0 && used.usd > lu) || (lt >= 0 && used.tokens > lt);
}

void Counter::set_limit(Limit limit) {
  limit_usd_.store(limit.usd_nusd, std::memory_order_relaxed);
  limit_tokens_.store(limit.tokens, std::memory_order_relaxed);
}

Counter::View Counter::read() const {
  View v;
  v.window_start = window_start_;
  // spent before used, per quantity: see settle().
  Pair spent = pair_load_halves(&spent_);
  for (const Pair &cell : slots_) {
    spent.usd += __atomic_load_n(&cell.usd, __ATOMIC_ACQUIRE);
    spent.tokens += __atomic_load_n(&cell.tokens, __ATOMIC_ACQUIRE);
  }
  Pair used = pair_load_halves(&used_);
  v.spent = Amount{spent.usd, spent.tokens};
  v.reserved = Amount{used.usd - spent.usd, used.tokens - spent.tokens};
  v.limit.usd_nusd = limit_usd_.load(std::memory_order_relaxed);
  v.limit.tokens = limit_tokens_.load(std::memory_order_relaxed);
  return v;
}

}  // namespace ag
