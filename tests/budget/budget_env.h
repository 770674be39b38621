// A test engine with one known model price and a ledger on a manual clock.
// Shared by tests/budget, tests/run and tests/concurrency.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "agentguard.h"
#include "budget/ledger.h"
#include "core/engine.h"

namespace ag_test {

// 2026-03-15T10:30:00Z and some boundaries after it.
inline constexpr int64_t kT0 = 1773570600000;
inline constexpr int64_t kNextHour = 1773572400000;   // 2026-03-15T11:00:00Z
inline constexpr int64_t kNextDay = 1773619200000;    // 2026-03-16T00:00:00Z
inline constexpr int64_t kMonthStart = 1772323200000; // 2026-03-01T00:00:00Z
inline constexpr int64_t kNextMonth = 1775001600000;  // 2026-04-01T00:00:00Z

// "acme": $1 per million input tokens, $4 per million output tokens.
inline constexpr int64_t kInNusd = 1000;   // per token
inline constexpr int64_t kOutNusd = 4000;  // per token
inline int64_t cost(int64_t in, int64_t out) { return in * kInNusd + out * kOutNusd; }
inline constexpr int64_t kUsd = 1'000'000'000;

inline ag_usage usage(uint64_t in, uint64_t out) {
  ag_usage u{};
  u.struct_size = sizeof u;
  u.input_tokens = in;
  u.output_tokens = out;
  return u;
}

class BudgetEnv {
 public:
  explicit BudgetEnv(const std::function<void(ag::Policy &)> &tweak = {}) {
    engine = ag::build_engine("", false);
    ag::ModelPrice p;
    p.input = kInNusd * 1'000'000;
    p.output = kOutNusd * 1'000'000;
    engine->prices.set("acme", p);
    if (tweak) tweak(engine->policy);
    EXPECT_EQ(ag_ledger_new(engine.get(), nullptr, &ledger), AG_OK);
    EXPECT_EQ(ag_ledger_set_time(ledger, kT0), AG_OK);
  }
  ~BudgetEnv() { ag_ledger_free(ledger); }

  BudgetEnv(const BudgetEnv &) = delete;
  BudgetEnv &operator=(const BudgetEnv &) = delete;

  ag_run *begin(const std::string &opts = "{\"user\":\"alice\",\"tenant\":\"acme-corp\"}") {
    ag_run *run = nullptr;
    EXPECT_EQ(ag_run_begin(engine.get(), ledger, opts.data(), opts.size(), &run), AG_OK)
        << ledger_error();
    return run;
  }

  std::string ledger_error() const {
    char buf[1024];
    ag_ledger_last_error(ledger, buf, sizeof buf);
    return buf;
  }

  ag_counter counter(int32_t scope, const std::string &id, int32_t window) {
    ag_counter c{};
    c.struct_size = sizeof c;
    EXPECT_EQ(ag_ledger_counter(ledger, scope, id.data(), id.size(), window, &c), AG_OK)
        << ledger_error();
    return c;
  }

  std::unique_ptr<ag_engine> engine;
  ag_ledger *ledger = nullptr;
};

inline std::string run_error(const ag_run *run) {
  char buf[1024];
  ag_run_last_error(run, buf, sizeof buf);
  return buf;
}

inline ag_status reserve(ag_run *run, uint64_t in, uint64_t out, uint64_t *id,
                         const std::string &model = "acme") {
  return ag_run_reserve(run, model.data(), model.size(), in, out, id);
}

inline ag_status commit(ag_run *run, uint64_t id, uint64_t in, uint64_t out,
                        int64_t *cost_nusd = nullptr) {
  ag_usage u = usage(in, out);
  return ag_run_commit(run, id, &u, cost_nusd);
}

// RAII for runs in tests.
struct RunPtr {
  explicit RunPtr(ag_run *r) : run(r) {}
  ~RunPtr() { ag_run_free(run); }
  RunPtr(const RunPtr &) = delete;
  RunPtr &operator=(const RunPtr &) = delete;
  operator ag_run *() const { return run; }
  ag_run *run;
};

}  // namespace ag_test
