#include "budget/counter.h"

namespace ag {

Counter::Counter(int64_t window_start, Limit limit)
    : window_start_(window_start), limit_usd_(limit.usd_nusd), limit_tokens_(limit.tokens) {}

bool Counter::take(std::atomic<int64_t> &used, const std::atomic<int64_t> &limit, int64_t n) {
  int64_t lim = limit.load(std::memory_order_relaxed);
  if (lim < 0) {
    used.fetch_add(n, std::memory_order_acq_rel);
    return true;
  }
  int64_t cur = used.load(std::memory_order_relaxed);
  do {
    if (n > lim - cur) return false;  // cur may exceed lim after an overrun
  } while (!used.compare_exchange_weak(cur, cur + n, std::memory_order_acq_rel,
                                       std::memory_order_relaxed));
  return true;
}

Counter::Refusal Counter::try_take(Amount a) {
  if (!take(used_usd_, limit_usd_, a.usd)) return Refusal::kUsd;
  if (!take(used_tokens_, limit_tokens_, a.tokens)) {
    used_usd_.fetch_sub(a.usd, std::memory_order_acq_rel);
    return Refusal::kTokens;
  }
  return Refusal::kNone;
}

void Counter::give_back(Amount a) {
  used_usd_.fetch_sub(a.usd, std::memory_order_acq_rel);
  used_tokens_.fetch_sub(a.tokens, std::memory_order_acq_rel);
}

bool Counter::settle(Amount reserved, Amount actual) {
  // used first, then spent (release): a reader that loads spent first never sees a
  // negative reserved.
  int64_t du = actual.usd - reserved.usd;
  int64_t dt = actual.tokens - reserved.tokens;
  int64_t uu = du != 0 ? used_usd_.fetch_add(du, std::memory_order_acq_rel) + du
                       : used_usd_.load(std::memory_order_relaxed);
  int64_t ut = dt != 0 ? used_tokens_.fetch_add(dt, std::memory_order_acq_rel) + dt
                       : used_tokens_.load(std::memory_order_relaxed);
  spent_usd_.fetch_add(actual.usd, std::memory_order_release);
  spent_tokens_.fetch_add(actual.tokens, std::memory_order_release);
  int64_t lu = limit_usd_.load(std::memory_order_relaxed);
  int64_t lt = limit_tokens_.load(std::memory_order_relaxed);
  return (lu >= 0 && uu > lu) || (lt >= 0 && ut > lt);
}

void Counter::set_limit(Limit limit) {
  limit_usd_.store(limit.usd_nusd, std::memory_order_relaxed);
  limit_tokens_.store(limit.tokens, std::memory_order_relaxed);
}

Counter::View Counter::read() const {
  View v;
  v.window_start = window_start_;
  v.spent.usd = spent_usd_.load(std::memory_order_acquire);
  v.spent.tokens = spent_tokens_.load(std::memory_order_acquire);
  v.reserved.usd = used_usd_.load(std::memory_order_acquire) - v.spent.usd;
  v.reserved.tokens = used_tokens_.load(std::memory_order_acquire) - v.spent.tokens;
  v.limit.usd_nusd = limit_usd_.load(std::memory_order_relaxed);
  v.limit.tokens = limit_tokens_.load(std::memory_order_relaxed);
  return v;
}

}  // namespace ag
