// The ledger: budget counters of the outer scopes (user, tenant, global) in every window,
// limit overrides, kill switches, the clock, and the registry of live runs (for expiry and
// run-scope reads). Thread-safe. Runs look counters up once and cache them, so the
// reservation path touches only the counters' atomics and the generation below.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "budget/counter.h"
#include "budget/kill_switch.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/last_error.h"

struct ag_engine;

namespace ag {

class Run;

class Ledger {
 public:
  // REQUIRES: engine outlives the ledger; every run of the ledger is freed before it.
  explicit Ledger(const ag_engine &engine);

  Ledger(const Ledger &) = delete;
  Ledger &operator=(const Ledger &) = delete;

  int64_t now() const { return clock_.now_ms(); }
  void set_time(int64_t now_ms) { clock_.set_manual(now_ms); }
  // 0 or less: reservations never expire.
  int64_t reservation_ttl_ms() const;

  // Bumped after every kill, revive and limit change: runs compare it on each call and
  // only then recheck kill switches and rebuild their cached counters.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // ---- Counters of the outer scopes. `id` is ignored for AG_SCOPE_GLOBAL.
  // A window of a scope is tracked once a limit names it (policy, or set_limit for any id);
  // every id then counts in it, limited or not. Untracked windows read 0.
  bool tracked(int scope, int window) const;
  // The counter of id in the window holding now_ms, created or rolled over as needed.
  // REQUIRES: scope is USER, TENANT or GLOBAL; valid window.
  std::shared_ptr<Counter> counter(int scope, std::string_view id, int window, int64_t now_ms);
  // The counter in its current window (zeros when nothing was counted there yet).
  Counter::View read(int scope, std::string_view id, int window, int64_t now_ms);
  // Overrides the policy limit of one id; tracks the window from now on.
  void set_limit(int scope, std::string_view id, int window, Limit limit);
  // Drops an override; returns false when there was none.
  bool clear_limit(int scope, std::string_view id, int window);

  // ---- Kill switch (see KillSwitch).
  void kill(int scope, std::string_view id, std::string_view reason);
  bool revive(int scope, std::string_view id);
  std::optional<std::string> kill_message(std::string_view run_id, std::string_view user,
                                          std::string_view tenant) const;

  // ---- Live runs.
  void attach(Run *run);
  void detach(Run *run);
  // The run-scope counter of a live run; false when no live run has that id.
  bool read_run(std::string_view run_id, Counter::View *out);
  // A reservation will expire at at_ms: lazy sweeps become due then.
  void note_expiry(int64_t at_ms);
  // Releases every expired reservation of every run; returns how many.
  uint64_t expire(int64_t now_ms);
  // expire(now_ms) when a reservation may have expired; a load otherwise.
  uint64_t expire_if_due(int64_t now_ms);

  mutable LastError last_error;

 private:
  struct Slot {
    std::shared_ptr<Counter> current;  // the latest window's counter
  };
  static mi_string key(int scope, std::string_view id, int window);
  Limit limit_for_locked(int scope, std::string_view id, int window) const;
  void bump() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  const ag_engine &engine_;
  Clock clock_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<uint32_t> tracked_mask_{0};  // bit scope * 4 + window
  std::atomic<int64_t> next_expiry_ms_;

  mutable std::mutex counters_mu_;  // guards counters_, overrides_
  struct KeyHash {
    size_t operator()(const mi_string &k) const noexcept {
      return std::hash<std::string_view>()(std::string_view(k));
    }
  };
  // Allocated through the library allocator, as are the counters themselves.
  mi_unordered_map<mi_string, Slot, KeyHash> counters_;
  mi_unordered_map<mi_string, Limit, KeyHash> overrides_;

  mutable std::mutex kill_mu_;
  KillSwitch kills_;

  std::mutex runs_mu_;  // lock order: runs_mu_ before any run's lock
  mi_unordered_set<Run *> runs_;
};

}  // namespace ag

struct ag_ledger : ag::Ledger {
  using ag::Ledger::Ledger;
};
