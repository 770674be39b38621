// Eight threads hammer shared budgets with reserve/commit/release while a watcher checks,
// continuously, that no counter ever holds more than its limit. At the end every counter's
// spend equals the sum of the commits made against it, exactly, and nothing stays reserved.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../budget/budget_env.h"

#if defined(__SANITIZE_THREAD__)
#define AG_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AG_UNDER_TSAN 1
#endif
#endif

namespace {

using namespace ag_test;

#ifdef AG_UNDER_TSAN
constexpr int kOpsPerThread = 2500;
#else
constexpr int kOpsPerThread = 10000;
#endif
constexpr int kThreads = 8;

struct Watched {
  int32_t scope;
  const char *id;
  int32_t window;
};
constexpr Watched kWatched[] = {
    {AG_SCOPE_USER, "alice", AG_WINDOW_TOTAL}, {AG_SCOPE_USER, "alice", AG_WINDOW_DAY},
    {AG_SCOPE_USER, "bob", AG_WINDOW_TOTAL},   {AG_SCOPE_USER, "bob", AG_WINDOW_DAY},
    {AG_SCOPE_TENANT, "acme-corp", AG_WINDOW_TOTAL}, {AG_SCOPE_GLOBAL, "", AG_WINDOW_TOTAL}};

void limits(ag::Policy &p) {
  p.budgets.user.window[AG_WINDOW_TOTAL].usd_nusd = 200'000'000;
  p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = 180'000'000;
  p.budgets.tenant.window[AG_WINDOW_TOTAL] = ag::Limit{300'000'000, 400'000};
  p.budgets.global.window[AG_WINDOW_TOTAL].usd_nusd = 350'000'000;
}

struct Outcome {
  int64_t committed_usd = 0;
  int64_t committed_tokens = 0;
  int64_t refusals = 0;
  int64_t failures = 0;  // any status other than OK / BUDGET_EXCEEDED
};

void worker(BudgetEnv &env, int index, Outcome *out) {
  const char *user = index % 2 == 0 ? "alice" : "bob";
  RunPtr run(env.begin(std::string("{\"user\":\"") + user + "\",\"tenant\":\"acme-corp\"}"));
  std::mt19937_64 rng(static_cast<uint64_t>(index) * 7919 + 1);
  auto below = [&](uint64_t n) { return n == 0 ? 0 : rng() % (n + 1); };
  struct Held {
    uint64_t id, in, out;
  };
  std::vector<Held> held;
  auto settle = [&](const Held &h) {
    if (rng() % 3 == 0) {
      if (ag_run_release(run, h.id) != AG_OK) ++out->failures;
      return;
    }
    uint64_t in = below(h.in), outp = below(h.out);  // actual <= reserved
    int64_t c = 0;
    if (commit(run, h.id, in, outp, &c) != AG_OK) ++out->failures;
    out->committed_usd += c;
    out->committed_tokens += static_cast<int64_t>(in + outp);
  };
  for (int i = 0; i < kOpsPerThread; ++i) {
    if (held.size() >= 3 || (!held.empty() && rng() % 2 == 0)) {
      settle(held.back());
      held.pop_back();
      continue;
    }
    uint64_t in = 1 + rng() % 2000, outp = rng() % 2000, id = 0;
    ag_status s = reserve(run, in, outp, &id);
    if (s == AG_OK) {
      held.push_back({id, in, outp});
    } else if (s == AG_E_BUDGET_EXCEEDED) {
      ++out->refusals;
    } else {
      ++out->failures;
    }
  }
  for (const Held &h : held) settle(h);
}

TEST(BudgetStress, NeverOverspendsAndLosesNoUpdate) {
  BudgetEnv env(limits);
  std::atomic<bool> done{false};
  std::atomic<int64_t> checks{0}, violations{0};
  std::thread watcher([&] {
    while (!done.load(std::memory_order_acquire)) {
      for (const Watched &w : kWatched) {
        ag_counter c{};
        c.struct_size = sizeof c;
        std::string id = w.id;
        if (ag_ledger_counter(env.ledger, w.scope, id.data(), id.size(), w.window, &c) != AG_OK ||
            c.reserved_nusd < 0 || c.reserved_tokens < 0 ||
            (c.limit_nusd >= 0 && c.spent_nusd + c.reserved_nusd > c.limit_nusd) ||
            (c.limit_tokens >= 0 && c.spent_tokens + c.reserved_tokens > c.limit_tokens))
          violations.fetch_add(1);
        checks.fetch_add(1);
      }
    }
  });
  std::vector<Outcome> outcomes(kThreads);
  std::vector<std::thread> workers;
  for (int i = 0; i < kThreads; ++i) workers.emplace_back(worker, std::ref(env), i, &outcomes[i]);
  for (auto &t : workers) t.join();
  done.store(true, std::memory_order_release);
  watcher.join();

  EXPECT_EQ(violations.load(), 0);
  EXPECT_GT(checks.load(), 0);
  Outcome per_user[2], all;
  int64_t refusals = 0;
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(outcomes[i].failures, 0) << "thread " << i;
    per_user[i % 2].committed_usd += outcomes[i].committed_usd;
    per_user[i % 2].committed_tokens += outcomes[i].committed_tokens;
    all.committed_usd += outcomes[i].committed_usd;
    all.committed_tokens += outcomes[i].committed_tokens;
    refusals += outcomes[i].refusals;
  }
  EXPECT_GT(refusals, 0);  // the limits were reached, so the refusal path ran under load
  const char *users[] = {"alice", "bob"};
  for (int u = 0; u < 2; ++u) {
    for (int32_t w : {AG_WINDOW_TOTAL, AG_WINDOW_DAY}) {
      ag_counter c = env.counter(AG_SCOPE_USER, users[u], w);
      EXPECT_EQ(c.spent_nusd, per_user[u].committed_usd) << users[u];
      EXPECT_EQ(c.spent_tokens, per_user[u].committed_tokens) << users[u];
      EXPECT_EQ(c.reserved_nusd, 0);
      EXPECT_EQ(c.reserved_tokens, 0);
    }
  }
  ag_counter t = env.counter(AG_SCOPE_TENANT, "acme-corp", AG_WINDOW_TOTAL);
  ag_counter g = env.counter(AG_SCOPE_GLOBAL, "", AG_WINDOW_TOTAL);
  for (const ag_counter &c : {t, g}) {
    EXPECT_EQ(c.spent_nusd, all.committed_usd);
    EXPECT_EQ(c.spent_tokens, all.committed_tokens);
    EXPECT_EQ(c.reserved_nusd, 0);
    EXPECT_EQ(c.reserved_tokens, 0);
  }
}

// Many threads share one run (parallel tool calls): the run's own counter stays exact.
TEST(BudgetStress, OneRunSharedByThreads) {
  BudgetEnv env;
  RunPtr run(env.begin("{\"user\":\"alice\",\"limits\":{\"usd\":0.05,\"turns\":1000000}}"));
  std::atomic<int64_t> committed{0}, failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      std::mt19937_64 rng(static_cast<uint64_t>(i) + 11);
      for (int k = 0; k < kOpsPerThread / 4; ++k) {
        uint64_t id = 0, in = 1 + rng() % 500;
        ag_status s = reserve(run, in, 100, &id);
        if (s == AG_E_BUDGET_EXCEEDED) continue;
        if (s != AG_OK || ag_run_turn(run) != AG_OK) {
          failures.fetch_add(1);
          continue;
        }
        int64_t c = 0;
        if (commit(run, id, in / 2, 10, &c) != AG_OK) failures.fetch_add(1);
        committed.fetch_add(c);
      }
    });
  }
  for (auto &t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ag_run_stats st{};
  st.struct_size = sizeof st;
  ASSERT_EQ(ag_run_stats_get(run, &st), AG_OK);
  EXPECT_EQ(st.spent_nusd, committed.load());
  EXPECT_EQ(st.reserved_nusd, 0);
  EXPECT_LE(st.spent_nusd, 50'000'000);
}

}  // namespace
