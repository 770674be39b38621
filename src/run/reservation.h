// What a run holds between reserve and commit/release.
#pragma once

#include <cstdint>
#include <memory>

#include "budget/counter.h"
#include "budget/price.h"
#include "core/alloc.h"

namespace ag {

// The outer-scope counters a run takes from, for one set of windows. A reservation points at
// the set it took from, so commit and release settle against those windows even after a
// rollover has given the run a newer set.
struct CounterSet {
  struct Entry {
    std::shared_ptr<Counter> counter;
    int scope;
    int window;
    int slot = Counter::kNoSlot;  // the run's private spent cell in the counter, if any
  };
  CounterSet() = default;
  CounterSet(const CounterSet &) = delete;
  CounterSet &operator=(const CounterSet &) = delete;
  ~CounterSet() {
    for (const Entry &e : entries) e.counter->release_slot(e.slot);
  }

  mi_vector<Entry> entries;
  int64_t valid_until_ms = 0;  // the earliest end among the entries' windows
  uint64_t generation = 0;     // the ledger generation it was built at
  int64_t holders = 0;         // reservations (open or expired) pointing here
};

struct Reservation {
  uint64_t id = 0;
  const ModelPrice *price = nullptr;  // owned by the run's engine
  Amount amount;                      // the worst case taken
  CounterSet *set = nullptr;
  int64_t expires_ms = 0;
};

}  // namespace ag
