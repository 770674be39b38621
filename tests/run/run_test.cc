// Runs through the C API: reservations, limits, deadlines, expiry, kill switches.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../budget/budget_env.h"

namespace {

using namespace ag_test;

ag_run_stats stats(ag_run *run) {
  ag_run_stats st{};
  st.struct_size = sizeof st;
  EXPECT_EQ(ag_run_stats_get(run, &st), AG_OK);
  return st;
}

TEST(Run, ReserveCommitRelease) {
  BudgetEnv env;
  RunPtr run(env.begin("{\"user\":\"alice\",\"limits\":{\"usd\":1}}"));
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 2000, &a), AG_OK) << run_error(run);
  ASSERT_EQ(reserve(run, 10, 10, &b), AG_OK);
  EXPECT_NE(a, b);
  ag_run_stats st = stats(run);
  EXPECT_EQ(st.reserved_nusd, cost(1000, 2000) + cost(10, 10));
  EXPECT_EQ(st.reserved_tokens, 3020);
  EXPECT_EQ(st.open_reservations, 2);
  EXPECT_EQ(st.limit_nusd, kUsd);
  EXPECT_EQ(st.remaining_nusd, kUsd - st.reserved_nusd);
  int64_t c = 0;
  ASSERT_EQ(commit(run, a, 900, 1500, &c), AG_OK);
  EXPECT_EQ(c, cost(900, 1500));
  ASSERT_EQ(ag_run_release(run, b), AG_OK);
  st = stats(run);
  EXPECT_EQ(st.spent_nusd, cost(900, 1500));
  EXPECT_EQ(st.spent_tokens, 2400);
  EXPECT_EQ(st.reserved_nusd, 0);
  EXPECT_EQ(st.open_reservations, 0);
  EXPECT_EQ(st.state, AG_OK);
  // Settled reservations are gone.
  EXPECT_EQ(commit(run, a, 1, 1), AG_E_NOT_FOUND);
  EXPECT_EQ(ag_run_release(run, b), AG_E_NOT_FOUND);
  EXPECT_EQ(run_error(run), "reservation " + std::to_string(b) +
                                " is not open (never made, or already committed or released)");
  EXPECT_EQ(ag_run_release(run, 999), AG_E_NOT_FOUND);
}

TEST(Run, RunLimitRefusesAndNamesTheRun) {
  BudgetEnv env;
  RunPtr run(env.begin("{\"run_id\":\"r1\",\"limits\":{\"usd\":0.008,\"tokens\":3000}}"));
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  EXPECT_EQ(reserve(run, 1000, 1000, &b), AG_E_BUDGET_EXCEEDED);
  EXPECT_EQ(run_error(run),
            "budget exceeded: run 'r1' total limit $0.008000000, spent $0.000000000, reserved "
            "$0.005000000, requested $0.005000000");
  EXPECT_EQ(reserve(run, 1100, 0, &b), AG_E_BUDGET_EXCEEDED);
  EXPECT_EQ(run_error(run),
            "budget exceeded: run 'r1' total token limit 3000, spent 0, reserved 2000, "
            "requested 1100");
  EXPECT_EQ(ag_status_is_retryable(AG_E_BUDGET_EXCEEDED), 0);
}

TEST(Run, UnknownModelAndBadUsage) {
  BudgetEnv env;
  RunPtr run(env.begin());
  uint64_t a = 0;
  EXPECT_EQ(reserve(run, 1, 1, &a, "nobody-knows"), AG_E_UNKNOWN_MODEL);
  EXPECT_EQ(run_error(run), "model 'nobody-knows' has no price (set pricing.models or a default price)");
  ASSERT_EQ(reserve(run, 100, 100, &a), AG_OK);
  ag_usage u = usage(10, 10);
  u.cached_input_tokens = 11;
  EXPECT_EQ(ag_run_commit(run, a, &u, nullptr), AG_E_INVALID_ARGUMENT);
  u.struct_size = 3;
  EXPECT_EQ(ag_run_commit(run, a, &u, nullptr), AG_E_STRUCT_SIZE);
  EXPECT_EQ(ag_run_commit(run, a, nullptr, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(reserve(run, 1ull << 60, 1, &a), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_reserve(run, "acme", 4, 1, 1, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_reserve(run, nullptr, 4, 1, 1, &a), AG_E_INVALID_ARGUMENT);
  // The reservation survived every rejected commit.
  EXPECT_EQ(commit(run, 1, 10, 10), AG_OK);
}

TEST(Run, OverrunIsRecordedAndClosesTheRun) {
  BudgetEnv env([](ag::Policy &p) { p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = cost(100, 100); });
  RunPtr run(env.begin());
  uint64_t a = 0;
  ASSERT_EQ(reserve(run, 100, 100, &a), AG_OK);
  ASSERT_EQ(commit(run, a, 100, 300), AG_OK);  // the provider wrote more than asked
  ag_counter k = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY);
  EXPECT_EQ(k.spent_nusd, cost(100, 300));  // money spent is recorded past the limit
  EXPECT_EQ(reserve(run, 1, 1, &a), AG_E_RUN_CLOSED);
  EXPECT_NE(run_error(run).find("but used $0.001300000 and 400 tokens"), std::string::npos)
      << run_error(run);
  EXPECT_EQ(ag_run_check(run), AG_E_RUN_CLOSED);
  EXPECT_EQ(stats(run).state, AG_E_RUN_CLOSED);
}

TEST(Run, TurnsAndToolCalls) {
  BudgetEnv env;
  RunPtr run(env.begin("{\"run_id\":\"r\",\"limits\":{\"turns\":2,\"tool_calls\":1}}"));
  EXPECT_EQ(ag_run_turn(run), AG_OK);
  EXPECT_EQ(ag_run_turn(run), AG_OK);
  EXPECT_EQ(ag_run_turn(run), AG_E_TURN_LIMIT);
  EXPECT_EQ(run_error(run), "turn limit reached: run 'r' used all 2 turns");
  EXPECT_EQ(ag_run_tool_call(run, "search", 6), AG_OK);
  EXPECT_EQ(ag_run_tool_call(run, "fetch", 5), AG_E_TOOL_CALL_LIMIT);
  EXPECT_EQ(run_error(run), "tool call limit reached: run 'r' used all 1 tool calls (refused 'fetch')");
  EXPECT_EQ(ag_run_tool_call(run, nullptr, 1), AG_E_INVALID_ARGUMENT);
  ag_run_stats st = stats(run);
  EXPECT_EQ(st.turns, 2);
  EXPECT_EQ(st.max_turns, 2);
  EXPECT_EQ(st.tool_calls, 1);
  EXPECT_EQ(st.max_tool_calls, 1);
  RunPtr free_run(env.begin());
  for (int i = 0; i < 50; ++i) ASSERT_EQ(ag_run_turn(free_run), AG_OK);
  EXPECT_EQ(stats(free_run).max_turns, -1);
}

TEST(Run, DeadlineAndStepTimeout) {
  BudgetEnv env;
  RunPtr run(env.begin("{\"run_id\":\"r\",\"limits\":{\"deadline_ms\":10000,\"step_timeout_ms\":3000}}"));
  int64_t t = 0;
  ASSERT_EQ(ag_run_step_timeout(run, &t), AG_OK);
  EXPECT_EQ(t, 3000);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 8000), AG_OK);
  ASSERT_EQ(ag_run_step_timeout(run, &t), AG_OK);
  EXPECT_EQ(t, 2000);  // the deadline is nearer than the step cap
  EXPECT_EQ(stats(run).remaining_ms, 2000);
  EXPECT_EQ(stats(run).elapsed_ms, 8000);
  EXPECT_EQ(ag_run_check(run), AG_OK);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 10000), AG_OK);
  EXPECT_EQ(ag_run_step_timeout(run, &t), AG_E_DEADLINE_EXCEEDED);
  EXPECT_EQ(ag_run_check(run), AG_E_DEADLINE_EXCEEDED);
  EXPECT_EQ(run_error(run), "deadline exceeded: run 'r' had 10000 ms from its start and 10000 ms have passed");
  uint64_t a = 0;
  EXPECT_EQ(reserve(run, 1, 1, &a), AG_E_DEADLINE_EXCEEDED);
  EXPECT_EQ(ag_run_turn(run), AG_E_DEADLINE_EXCEEDED);
  EXPECT_EQ(ag_run_tool_call(run, "x", 1), AG_E_DEADLINE_EXCEEDED);
  EXPECT_EQ(stats(run).remaining_ms, 0);
  EXPECT_EQ(stats(run).state, AG_E_DEADLINE_EXCEEDED);

  RunPtr step_only(env.begin("{\"limits\":{\"step_timeout_ms\":3000}}"));
  ASSERT_EQ(ag_run_step_timeout(step_only, &t), AG_OK);
  EXPECT_EQ(t, 3000);
  RunPtr neither(env.begin());
  ASSERT_EQ(ag_run_step_timeout(neither, &t), AG_OK);
  EXPECT_EQ(t, -1);
  EXPECT_EQ(stats(neither).remaining_ms, -1);
  EXPECT_EQ(ag_run_step_timeout(neither, nullptr), AG_E_INVALID_ARGUMENT);
}

TEST(Run, ExpiredReservationsAreRememberedUpToABound) {
  BudgetEnv env([](ag::Policy &p) { p.budgets.reservation_ttl_ms = 1000; });
  RunPtr run(env.begin());
  constexpr int kMade = 1100;  // more than a run remembers (1024)
  std::vector<uint64_t> ids(kMade);
  for (auto &id : ids) ASSERT_EQ(reserve(run, 10, 10, &id), AG_OK);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 1000), AG_OK);
  uint64_t released = 0;
  ASSERT_EQ(ag_ledger_expire(env.ledger, &released), AG_OK);
  EXPECT_EQ(released, static_cast<uint64_t>(kMade));
  int late = 0, forgotten = 0;
  std::string why;
  for (uint64_t id : ids) {
    ag_status s = commit(run, id, 5, 5);
    late += s == AG_E_EXPIRED;
    forgotten += s == AG_E_NOT_FOUND;
    if (s == AG_E_NOT_FOUND && why.empty()) why = run_error(run);
  }
  EXPECT_EQ(late, 1024);
  EXPECT_EQ(forgotten, kMade - 1024);
  EXPECT_NE(why.find("expired and forgotten"), std::string::npos) << why;
  EXPECT_EQ(stats(run).spent_nusd, 1024 * cost(5, 5));
}

TEST(Run, ExpiredReservationsAreReleasedAndLateCommitsRecorded) {
  BudgetEnv env([](ag::Policy &p) {
    p.budgets.reservation_ttl_ms = 60'000;
    p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = cost(1000, 1000) * 3 / 2;
  });
  RunPtr run(env.begin());
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 59'999), AG_OK);
  uint64_t released = 9;
  ASSERT_EQ(ag_ledger_expire(env.ledger, &released), AG_OK);
  EXPECT_EQ(released, 0u);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 60'000), AG_OK);
  ASSERT_EQ(ag_ledger_expire(env.ledger, &released), AG_OK);
  EXPECT_EQ(released, 1u);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).reserved_nusd, 0);
  EXPECT_EQ(stats(run).open_reservations, 0);
  int64_t c = 0;
  EXPECT_EQ(commit(run, a, 500, 500, &c), AG_E_EXPIRED);
  EXPECT_EQ(c, cost(500, 500));
  EXPECT_NE(run_error(run).find("its cost $0.002500000 was recorded anyway"), std::string::npos);
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).spent_nusd, cost(500, 500));
  EXPECT_EQ(stats(run).spent_nusd, cost(500, 500));
  EXPECT_EQ(commit(run, a, 500, 500), AG_E_NOT_FOUND);  // settled once
  EXPECT_EQ(ag_run_check(run), AG_OK);                   // within the limit: still open

  // Lazily: another run's expired hold is swept when it blocks a reservation.
  RunPtr other(env.begin());
  ASSERT_EQ(reserve(run, 100, 100, &b), AG_OK);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 200'000), AG_OK);
  uint64_t d = 0;
  ASSERT_EQ(reserve(other, 1000, 1000, &d), AG_OK) << run_error(other);
  EXPECT_EQ(ag_run_release(run, b), AG_OK);  // already returned by expiry
  EXPECT_EQ(ag_run_release(run, b), AG_E_NOT_FOUND);
}

TEST(Run, LateCommitPastALimitClosesTheRun) {
  BudgetEnv env([](ag::Policy &p) {
    p.budgets.reservation_ttl_ms = 1000;
    p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = cost(1000, 1000);
  });
  RunPtr run(env.begin());
  RunPtr other(env.begin());
  uint64_t a = 0, b = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 1000), AG_OK);
  ASSERT_EQ(reserve(other, 1000, 1000, &b), AG_OK) << run_error(other);  // took the freed budget
  EXPECT_EQ(commit(run, a, 1000, 1000), AG_E_EXPIRED);
  EXPECT_EQ(ag_run_check(run), AG_E_RUN_CLOSED);
  ag_counter k = env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY);
  EXPECT_EQ(k.spent_nusd + k.reserved_nusd, 2 * cost(1000, 1000));
}

struct KillCase {
  int32_t scope;
  const char *id;
  const char *message;
};

class KillSwitch : public ::testing::TestWithParam<KillCase> {};

TEST_P(KillSwitch, StopsAffectedRunsAtOnceAndReviveUndoes) {
  const KillCase k = GetParam();
  BudgetEnv env;
  RunPtr run(env.begin("{\"run_id\":\"r1\",\"user\":\"alice\",\"tenant\":\"acme-corp\"}"));
  RunPtr bystander(env.begin("{\"run_id\":\"r2\",\"user\":\"bob\",\"tenant\":\"other\"}"));
  uint64_t a = 0;
  ASSERT_EQ(reserve(run, 10, 10, &a), AG_OK);
  std::string id = k.id;
  ASSERT_EQ(ag_ledger_kill(env.ledger, k.scope, id.data(), id.size(), "fraud review", 12), AG_OK);
  uint64_t b = 0;
  EXPECT_EQ(ag_run_check(run), AG_E_KILLED);
  EXPECT_EQ(run_error(run), k.message);
  EXPECT_EQ(reserve(run, 1, 1, &b), AG_E_KILLED);
  EXPECT_EQ(ag_run_turn(run), AG_E_KILLED);
  EXPECT_EQ(ag_run_tool_call(run, "t", 1), AG_E_KILLED);
  EXPECT_EQ(stats(run).state, AG_E_KILLED);
  EXPECT_EQ(commit(run, a, 5, 5), AG_OK);  // spend already made is still recorded
  bool global = k.scope == AG_SCOPE_GLOBAL;
  EXPECT_EQ(ag_run_check(bystander), global ? AG_E_KILLED : AG_OK);
  ASSERT_EQ(ag_ledger_revive(env.ledger, k.scope, id.data(), id.size()), AG_OK);
  EXPECT_EQ(ag_run_check(run), AG_OK);
  EXPECT_EQ(reserve(run, 1, 1, &b), AG_OK);
}

INSTANTIATE_TEST_SUITE_P(
    AllScopes, KillSwitch,
    ::testing::Values(KillCase{AG_SCOPE_GLOBAL, "", "killed (global): fraud review"},
                      KillCase{AG_SCOPE_USER, "alice", "killed (user 'alice'): fraud review"},
                      KillCase{AG_SCOPE_TENANT, "acme-corp", "killed (tenant 'acme-corp'): fraud review"},
                      KillCase{AG_SCOPE_RUN, "r1", "killed (run 'r1'): fraud review"}));

TEST(Run, KillReachesRunsStartedLater) {
  BudgetEnv env;
  ASSERT_EQ(ag_ledger_kill(env.ledger, AG_SCOPE_USER, "alice", 5, nullptr, 0), AG_OK);
  RunPtr run(env.begin());
  EXPECT_EQ(ag_run_turn(run), AG_E_KILLED);
  EXPECT_EQ(run_error(run), "killed (user 'alice'): no reason given");
}

TEST(Run, IdsAndBadInput) {
  BudgetEnv env;
  RunPtr named(env.begin("{\"run_id\":\"my-run\"}"));
  size_t n = 0;
  EXPECT_EQ(ag_run_id(named, nullptr, 0, &n), AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 6u);
  char buf[16];
  ASSERT_EQ(ag_run_id(named, buf, sizeof buf, &n), AG_OK);
  EXPECT_EQ(std::string(buf, n), "my-run");
  RunPtr a(env.begin("{}")), b(env.begin("{}"));
  std::string ida(32, '\0'), idb(32, '\0');
  ASSERT_EQ(ag_run_id(a, ida.data(), ida.size(), &n), AG_OK);
  ida.resize(n);
  ASSERT_EQ(ag_run_id(b, idb.data(), idb.size(), &n), AG_OK);
  idb.resize(n);
  EXPECT_EQ(ida.substr(0, 4), "run-");
  EXPECT_EQ(ida.size(), 20u);
  EXPECT_NE(ida, idb);

  ag_run *r = nullptr;
  EXPECT_EQ(ag_run_begin(nullptr, env.ledger, nullptr, 0, &r), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_begin(env.engine.get(), nullptr, nullptr, 0, &r), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_begin(env.engine.get(), env.ledger, nullptr, 0, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_begin(env.engine.get(), env.ledger, nullptr, 3, &r), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_begin(env.engine.get(), env.ledger, "{", 1, &r), AG_E_PARSE);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(ag_run_begin(env.engine.get(), env.ledger, "{\"limits\":{\"usd\":-1}}", 21, &r), AG_E_POLICY);
  EXPECT_NE(env.ledger_error().find("limits.usd"), std::string::npos) << env.ledger_error();
  ASSERT_EQ(ag_run_begin(env.engine.get(), env.ledger, nullptr, 0, &r), AG_OK);  // defaults
  ag_run_free(r);

  uint64_t id = 0;
  int64_t t = 0;
  ag_run_stats st{};
  EXPECT_EQ(ag_run_reserve(nullptr, "acme", 4, 1, 1, &id), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(commit(nullptr, 1, 1, 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_release(nullptr, 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_check(nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_turn(nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_tool_call(nullptr, "x", 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_step_timeout(nullptr, &t), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_stats_get(nullptr, &st), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_id(nullptr, buf, sizeof buf, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_snapshot(nullptr, buf, sizeof buf, &n), AG_E_INVALID_ARGUMENT);
  st.struct_size = 4;
  EXPECT_EQ(ag_run_stats_get(named, &st), AG_E_STRUCT_SIZE);
  EXPECT_EQ(ag_run_stats_get(named, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_id(named, buf, sizeof buf, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_last_error(nullptr, buf, sizeof buf), 11u);
  ag_run_free(nullptr);
}

TEST(Run, FreeReleasesWhatTheRunHolds) {
  BudgetEnv env([](ag::Policy &p) { p.budgets.global.window[AG_WINDOW_MONTH].usd_nusd = kUsd; });
  ag_run *run = env.begin();
  uint64_t a = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(commit(run, a, 10, 10), AG_OK);
  ag_run_free(run);
  ag_counter k = env.counter(AG_SCOPE_GLOBAL, "", AG_WINDOW_MONTH);
  EXPECT_EQ(k.reserved_nusd, 0);
  EXPECT_EQ(k.spent_nusd, cost(10, 10));
}

}  // namespace

namespace {

// The run remembers the prices of the last few models by name; cycling through more
// models than it remembers still prices every reservation by its own model.
TEST(Run, AlternatingModelsArePricedByTheirOwnPrice) {
  BudgetEnv env;
  for (int i = 1; i <= 6; ++i) {
    ag::ModelPrice p;
    p.input = i * 1'000'000'000LL;  // $i per million input tokens
    p.output = 0;
    env.engine->prices.set("model-" + std::to_string(i), p);
  }
  RunPtr run(env.begin());
  int64_t before = 0;
  for (int round = 0; round < 3; ++round) {
    for (int i : {1, 2, 1, 3, 4, 5, 6, 2, 6}) {
      uint64_t id = 0;
      ASSERT_EQ(reserve(run, 1000, 0, &id, "model-" + std::to_string(i)), AG_OK)
          << run_error(run);
      ag_run_stats st = stats(run);
      EXPECT_EQ(st.reserved_nusd - before, i * 1'000'000LL) << "model-" << i;
      before = st.reserved_nusd;
    }
  }
  uint64_t id = 0;
  EXPECT_EQ(reserve(run, 1, 0, &id, "model-7"), AG_E_UNKNOWN_MODEL);
}

}  // namespace
