// One agent run: its limits, deadline, turn and tool-call counts, reservations and the
// run-scope counter. Thread-safe: one small lock per run guards its state (contention is
// per run); the counters shared with other runs are lock-free atomics. Its containers
// allocate through the library allocator (core/alloc.h); in steady state a reserve/commit
// pair allocates nothing (the reservation tables keep their capacity).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "agentguard.h"
#include "budget/counter.h"
#include "budget/ledger.h"
#include "core/alloc.h"
#include "core/last_error.h"
#include "policy/policy.h"
#include "run/reservation.h"
#include "run/spin_lock.h"

struct ag_engine;

namespace ag {

// What a snapshot carries besides the options.
struct RunProgress {
  int64_t started_ms = 0;
  int64_t turns = 0;
  int64_t tool_calls = 0;
  Amount spent;
  bool overrun = false;
};

class Run {
 public:
  // REQUIRES: engine and ledger outlive the run. An empty opts.run_id is generated.
  Run(const ag_engine &engine, Ledger &ledger, RunOptions opts, RunProgress progress);
  // Releases every open reservation.
  ~Run();

  Run(const Run &) = delete;
  Run &operator=(const Run &) = delete;

  // Each returns a status; on failure the message is in last_error.
  ag_status reserve(std::string_view model, uint64_t input_tokens, uint64_t max_output_tokens,
                    uint64_t *reservation);
  ag_status commit(uint64_t reservation, const ag_usage &usage, int64_t *cost_nusd);
  ag_status release(uint64_t reservation);
  ag_status check();
  ag_status turn();
  ag_status tool_call(std::string_view tool);
  ag_status step_timeout(int64_t *timeout_ms);
  void stats(ag_run_stats *out);

  // Adds the committed spend to the outer scopes' current windows (restore with REAPPLY).
  void reapply_spend();
  // Releases expired reservations; returns how many. Called by the ledger's sweep.
  uint64_t expire(int64_t now_ms);

  const std::string &id() const { return opts_.run_id; }
  const RunOptions &options() const { return opts_; }
  Counter::View read_counter();
  RunProgress progress();

  mutable LastError last_error;

 private:
  ag_status refuse(ag_status s, std::string message);
  ag_status reserve_once(std::string_view model, uint64_t input_tokens,
                         uint64_t max_output_tokens, uint64_t *reservation, int64_t now);
  // The rest REQUIRE mu_ held.
  ag_status state_locked(int64_t now, std::string *message);
  const ModelPrice *price_locked(std::string_view model);
  void ensure_set_locked(int64_t now);
  ag_status take_locked(Amount a);
  uint64_t expire_locked(int64_t now);
  // expire_locked(now) when a reservation may have expired; reads the clock only then.
  void expire_due_locked();
  void drop_holder_locked(CounterSet *set);
  using Reservations = mi_vector<Reservation>;
  Reservations::iterator find_locked(Reservations &v, uint64_t id);
  Reservation take_open_locked(Reservations::iterator it);  // removes it from open_
  ag_status settle_late_locked(Reservations::iterator it, Amount actual);
  void close_locked(std::string why);

  const ag_engine &engine_;
  Ledger &ledger_;
  RunOptions opts_;

  SpinLock mu_;
  int64_t started_ms_;
  int64_t turns_;
  int64_t tool_calls_;
  Amount used_;   // spent + reserved in the run scope
  Amount spent_;
  bool closed_;
  std::string closed_why_;
  uint64_t seen_generation_ = UINT64_MAX;  // forces the first refresh
  std::string kill_message_;               // empty: not killed
  mi_vector<mi_unique_ptr<CounterSet>> sets_;  // back() is current
  bool set_stale_ = true;
  Reservations open_;
  Reservations expired_;  // released by expiry; a late commit still records (newest kept)
  // How many expired reservations a run remembers for a late commit; older ones are
  // forgotten (their late commit is refused as unknown), so a host that never settles its
  // reservations cannot grow a run without bound.
  static constexpr size_t kExpiredKept = 1024;
  uint64_t next_reservation_ = 1;
  int64_t earliest_expiry_ms_;
  const int64_t ttl_ms_;  // the engine's reservation TTL (the engine is immutable)
  // Prices of the last few models reserved, by the name the host passed (a table lookup
  // normalises the name and allocates; agents alternate between a handful of models).
  struct PriceCacheEntry {
    mi_string model;
    const ModelPrice *price = nullptr;
  };
  static constexpr size_t kPriceCacheSize = 4;
  PriceCacheEntry price_cache_[kPriceCacheSize];
  size_t price_cache_next_ = 0;  // the entry a miss replaces (round robin)
};

// A fresh run id: "run-" and 16 hex digits.
std::string generate_run_id();

}  // namespace ag

struct ag_run : ag::Run {
  using ag::Run::Run;
};
