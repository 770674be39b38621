#include "budget/ledger.h"

#include <limits>

#include "agentguard.h"
#include "budget/window.h"
#include "core/engine.h"
#include "run/run.h"

namespace ag {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

uint32_t bit(int scope, int window) { return 1u << (scope * kWindowCount + window); }

const ScopeLimits &policy_limits(const Policy &p, int scope) {
  return scope == AG_SCOPE_USER ? p.budgets.user
         : scope == AG_SCOPE_TENANT ? p.budgets.tenant
                                    : p.budgets.global;
}

}  // namespace

Ledger::Ledger(const ag_engine &engine) : engine_(engine), next_expiry_ms_(kNever) {
  uint32_t mask = 0;
  for (int s = AG_SCOPE_USER; s <= AG_SCOPE_GLOBAL; ++s)
    for (int w = 0; w < kWindowCount; ++w)
      if (policy_limits(engine.policy, s).window[w].any()) mask |= bit(s, w);
  tracked_mask_.store(mask, std::memory_order_relaxed);
}

int64_t Ledger::reservation_ttl_ms() const { return engine_.policy.budgets.reservation_ttl_ms; }

mi_string Ledger::key(int scope, std::string_view id, int window) {
  mi_string k;
  k.reserve(id.size() + 2);
  k += static_cast<char>('0' + scope);
  k += static_cast<char>('0' + window);
  if (scope != AG_SCOPE_GLOBAL) k.append(id);
  return k;
}

bool Ledger::tracked(int scope, int window) const {
  return (tracked_mask_.load(std::memory_order_acquire) & bit(scope, window)) != 0;
}

Limit Ledger::limit_for_locked(int scope, std::string_view id, int window) const {
  auto it = overrides_.find(key(scope, id, window));
  if (it != overrides_.end()) return it->second;
  return policy_limits(engine_.policy, scope).window[window];
}

std::shared_ptr<Counter> Ledger::counter(int scope, std::string_view id, int window,
                                         int64_t now_ms) {
  int64_t start = window_span(window, now_ms).start;
  std::lock_guard<std::mutex> lock(counters_mu_);
  Slot &slot = counters_[key(scope, id, window)];
  // Rollover: the old window's counter lives on in the runs whose reservations took from it.
  if (!slot.current || slot.current->window_start() != start)
    slot.current = std::allocate_shared<Counter>(MiAllocator<Counter>(), start,
                                                 limit_for_locked(scope, id, window));
  return slot.current;
}

Counter::View Ledger::read(int scope, std::string_view id, int window, int64_t now_ms) {
  int64_t start = window_span(window, now_ms).start;
  std::lock_guard<std::mutex> lock(counters_mu_);
  auto it = counters_.find(key(scope, id, window));
  if (it != counters_.end() && it->second.current && it->second.current->window_start() == start)
    return it->second.current->read();
  Counter::View v;
  v.limit = limit_for_locked(scope, id, window);
  v.window_start = start;
  return v;
}

void Ledger::set_limit(int scope, std::string_view id, int window, Limit limit) {
  {
    std::lock_guard<std::mutex> lock(counters_mu_);
    mi_string k = key(scope, id, window);
    overrides_[k] = limit;
    auto it = counters_.find(k);
    if (it != counters_.end() && it->second.current) it->second.current->set_limit(limit);
    tracked_mask_.fetch_or(bit(scope, window), std::memory_order_acq_rel);
  }
  bump();
}

bool Ledger::clear_limit(int scope, std::string_view id, int window) {
  bool had;
  {
    std::lock_guard<std::mutex> lock(counters_mu_);
    mi_string k = key(scope, id, window);
    had = overrides_.erase(k) > 0;
    auto it = counters_.find(k);
    if (it != counters_.end() && it->second.current)
      it->second.current->set_limit(limit_for_locked(scope, id, window));
  }
  bump();
  return had;
}

void Ledger::kill(int scope, std::string_view id, std::string_view reason) {
  {
    std::lock_guard<std::mutex> lock(kill_mu_);
    kills_.kill(scope, id, reason);
  }
  bump();
}

bool Ledger::revive(int scope, std::string_view id) {
  bool had;
  {
    std::lock_guard<std::mutex> lock(kill_mu_);
    had = kills_.revive(scope, id);
  }
  bump();
  return had;
}

std::optional<std::string> Ledger::kill_message(std::string_view run_id, std::string_view user,
                                                std::string_view tenant) const {
  std::lock_guard<std::mutex> lock(kill_mu_);
  return kills_.find(run_id, user, tenant);
}

void Ledger::attach(Run *run) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  runs_.insert(run);
}

void Ledger::detach(Run *run) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  runs_.erase(run);
}

bool Ledger::read_run(std::string_view run_id, Counter::View *out) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  for (Run *r : runs_) {
    if (r->id() == run_id) {
      *out = r->read_counter();
      return true;
    }
  }
  return false;
}

void Ledger::note_expiry(int64_t at_ms) {
  int64_t cur = next_expiry_ms_.load(std::memory_order_acquire);
  while (at_ms < cur &&
         !next_expiry_ms_.compare_exchange_weak(cur, at_ms, std::memory_order_acq_rel)) {
  }
}

uint64_t Ledger::expire(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(runs_mu_);
  // Reset first: every run then notes its remaining earliest expiry, and reservations made
  // meanwhile note theirs, so no due time is lost.
  next_expiry_ms_.store(kNever, std::memory_order_release);
  uint64_t n = 0;
  for (Run *r : runs_) n += r->expire(now_ms);
  return n;
}

uint64_t Ledger::expire_if_due(int64_t now_ms) {
  if (now_ms < next_expiry_ms_.load(std::memory_order_acquire)) return 0;
  return expire(now_ms);
}

}  // namespace ag
