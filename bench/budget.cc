// reserve + commit pairs: agentguard's lock-free ledger beside the usual hand-written
// approach (one mutex around a map of counters), doing the same work: a run limit plus
// user-day and global-day limits, the worst case reserved, the real cost committed.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "agentguard.h"
#include "budget/counter.h"
#include "core/engine.h"

namespace {

constexpr int64_t kLimit = INT64_MAX / 4;  // never reached: measures the accepting path

// ---- agentguard ----------------------------------------------------------------------

struct Shared {
  std::unique_ptr<ag_engine> engine;
  ag_ledger *ledger = nullptr;
  Shared() {
    engine = ag::build_engine("", false);
    ag::ModelPrice p;
    p.input = 1'000'000'000;
    p.output = 4'000'000'000;
    engine->prices.set("acme", p);
    engine->policy.budgets.user.window[AG_WINDOW_DAY].usd_nusd = kLimit;
    engine->policy.budgets.global.window[AG_WINDOW_DAY].usd_nusd = kLimit;
    engine->policy.budgets.run.usd_nusd = kLimit;
    ag_ledger_new(engine.get(), nullptr, &ledger);
  }
};

Shared &shared() {
  static Shared s;
  return s;
}

void BM_Agentguard_ReserveCommit(benchmark::State &state) {
  Shared &s = shared();
  std::string opts = "{\"user\":\"u" + std::to_string(state.thread_index()) + "\"}";
  ag_run *run = nullptr;
  ag_run_begin(s.engine.get(), s.ledger, opts.data(), opts.size(), &run);
  ag_usage usage{};
  usage.struct_size = sizeof usage;
  usage.input_tokens = 800;
  usage.output_tokens = 300;
  for (auto _ : state) {
    uint64_t id = 0;
    if (ag_run_reserve(run, "acme", 4, 1000, 500, &id) != AG_OK) state.SkipWithError("reserve");
    if (ag_run_commit(run, id, &usage, nullptr) != AG_OK) state.SkipWithError("commit");
  }
  ag_run_free(run);
}
BENCHMARK(BM_Agentguard_ReserveCommit)->Threads(1)->Threads(2)->UseRealTime();

// One shared counter alone (uncontended): the reserve (take) and commit (settle) steps a
// pair performs on each tracked counter. Useful to see what one more tracked window costs.
void BM_Counter_TakeSettle(benchmark::State &state) {
  ag::Counter c(0, ag::Limit{kLimit, -1});
  for (auto _ : state) {
    if (c.try_take({5000, 1500}) != ag::Counter::Refusal::kNone) state.SkipWithError("take");
    c.settle({5000, 1500}, {2000, 1100});
  }
}
BENCHMARK(BM_Counter_TakeSettle);

// ---- the usual hand-written approach: one mutex, a map of counters ---------------------

class MutexLedger {
 public:
  struct Counter {
    int64_t spent = 0, reserved = 0, limit = kLimit;
  };
  // The counters of one run, looked up once (as agentguard's runs do).
  struct Handle {
    Counter *counters[3];
  };
  struct Reservation {
    int64_t amount;
    Handle handle;
  };

  Handle handle(const std::string &run, const std::string &user) {
    std::lock_guard<std::mutex> lock(mu_);
    return Handle{{&counters_["run:" + run], &counters_["user:day:" + user],
                   &counters_["global:day"]}};
  }

  bool reserve(const Handle &h, int64_t amount, uint64_t *id) {
    std::lock_guard<std::mutex> lock(mu_);
    for (Counter *k : h.counters)
      if (k->spent + k->reserved + amount > k->limit) return false;
    for (Counter *k : h.counters) k->reserved += amount;
    *id = next_++;
    reservations_.emplace(*id, Reservation{amount, h});
    return true;
  }

  bool commit(uint64_t id, int64_t actual) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = reservations_.find(id);
    if (it == reservations_.end()) return false;
    for (Counter *k : it->second.handle.counters) {
      k->reserved -= it->second.amount;
      k->spent += actual;
    }
    reservations_.erase(it);
    return true;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, Counter> counters_;  // node-based: pointers stay valid
  std::unordered_map<uint64_t, Reservation> reservations_;
  uint64_t next_ = 1;
};

void BM_Mutex_ReserveCommit(benchmark::State &state) {
  static MutexLedger ledger;
  static const ag::ModelPrice *price = shared().engine->prices.find("acme");
  MutexLedger::Handle h = ledger.handle("r" + std::to_string(state.thread_index()),
                                        "u" + std::to_string(state.thread_index()));
  ag_usage usage{};
  usage.struct_size = sizeof usage;
  usage.input_tokens = 800;
  usage.output_tokens = 300;
  for (auto _ : state) {
    uint64_t id = 0;
    int64_t actual = 0;
    if (!ledger.reserve(h, ag::price_worst_case(*price, 1000, 500), &id))
      state.SkipWithError("reserve");
    ag::price_usage(*price, usage, &actual);
    if (!ledger.commit(id, actual)) state.SkipWithError("commit");
  }
}
BENCHMARK(BM_Mutex_ReserveCommit)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
