// ag_run_snapshot / ag_run_restore: round trip, no double counting, REAPPLY, bad input.
#include <gtest/gtest.h>

#include <string>

#include "../budget/budget_env.h"
#include "run/snapshot.h"

namespace {

using namespace ag_test;

std::string snapshot(ag_run *run) {
  size_t n = 0;
  EXPECT_EQ(ag_run_snapshot(run, nullptr, 0, &n), AG_E_BUFFER_TOO_SMALL);
  std::string s(n, '\0');
  EXPECT_EQ(ag_run_snapshot(run, s.data(), s.size(), &n), AG_OK);
  return s;
}

void limit_user_day(ag::Policy &p) { p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = kUsd; }

TEST(Snapshot, WritesEveryField) {
  BudgetEnv env;
  RunPtr run(env.begin(
      "{\"run_id\":\"r\\\"1\",\"user\":\"alice\",\"tenant\":\"t\",\"limits\":{\"usd\":2,\"turns\":5}}"));
  uint64_t a = 0;
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  ASSERT_EQ(commit(run, a, 100, 100), AG_OK);
  ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);  // open: not carried
  ASSERT_EQ(ag_run_turn(run), AG_OK);
  ASSERT_EQ(ag_run_tool_call(run, "x", 1), AG_OK);
  EXPECT_EQ(snapshot(run),
            "{\"version\":1,\"run_id\":\"r\\\"1\",\"user\":\"alice\",\"tenant\":\"t\","
            "\"started_ms\":1773570600000,\"turns\":1,\"tool_calls\":1,\"spent_nusd\":500000,"
            "\"spent_tokens\":200,\"overrun\":false,\"limits\":{\"usd_nusd\":2000000000,"
            "\"tokens\":-1,\"turns\":5,\"tool_calls\":-1,\"deadline_ms\":-1,\"step_timeout_ms\":-1}}");
}

TEST(Snapshot, RestoreContinuesWithoutDoubleCounting) {
  BudgetEnv env(limit_user_day);
  std::string snap;
  {
    RunPtr run(env.begin("{\"run_id\":\"r\",\"user\":\"alice\",\"limits\":{\"usd\":0.01,\"turns\":3,\"deadline_ms\":60000}}"));
    uint64_t a = 0;
    ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
    ASSERT_EQ(commit(run, a, 1000, 1000), AG_OK);
    ASSERT_EQ(ag_run_turn(run), AG_OK);
    ASSERT_EQ(ag_run_turn(run), AG_OK);
    snap = snapshot(run);
  }
  ASSERT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).spent_nusd, cost(1000, 1000));
  ASSERT_EQ(ag_ledger_set_time(env.ledger, kT0 + 30'000), AG_OK);
  ag_run *raw = nullptr;
  ASSERT_EQ(ag_run_restore(env.engine.get(), env.ledger, snap.data(), snap.size(), AG_RESTORE_DEFAULT, &raw),
            AG_OK) << env.ledger_error();
  RunPtr run(raw);
  // The outer scope kept its own record: nothing added twice.
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).spent_nusd, cost(1000, 1000));
  ag_run_stats st{};
  st.struct_size = sizeof st;
  ASSERT_EQ(ag_run_stats_get(run, &st), AG_OK);
  EXPECT_EQ(st.spent_nusd, cost(1000, 1000));
  EXPECT_EQ(st.turns, 2);
  EXPECT_EQ(st.started_ms, kT0);
  EXPECT_EQ(st.remaining_ms, 30'000);  // the deadline counts from the original start
  EXPECT_EQ(ag_run_turn(run), AG_OK);
  EXPECT_EQ(ag_run_turn(run), AG_E_TURN_LIMIT);
  uint64_t a = 0;
  // The run's own counter came from the snapshot: $0.005 of its $0.01 is left.
  EXPECT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
  EXPECT_EQ(reserve(run, 1, 0, &a), AG_E_BUDGET_EXCEEDED);
  EXPECT_EQ(snapshot(run), snap.substr(0, snap.find("\"turns\"")) + "\"turns\":3" +
                               snap.substr(snap.find(",\"tool_calls\"")));
}

TEST(Snapshot, ReapplyRestoresSpendIntoAFreshLedger) {
  BudgetEnv first(limit_user_day);
  std::string snap;
  {
    RunPtr run(first.begin("{\"run_id\":\"r\",\"user\":\"alice\",\"tenant\":\"t\"}"));
    uint64_t a = 0;
    ASSERT_EQ(reserve(run, 1000, 1000, &a), AG_OK);
    ASSERT_EQ(commit(run, a, 1000, 500), AG_OK);
    snap = snapshot(run);
  }
  BudgetEnv fresh(limit_user_day);  // a new process: the in-memory ledger is empty
  ag_run *raw = nullptr;
  ASSERT_EQ(ag_run_restore(fresh.engine.get(), fresh.ledger, snap.data(), snap.size(), AG_RESTORE_REAPPLY, &raw),
            AG_OK);
  RunPtr run(raw);
  ag_counter k = fresh.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY);
  EXPECT_EQ(k.spent_nusd, cost(1000, 500));
  EXPECT_EQ(k.spent_tokens, 1500);
  EXPECT_EQ(k.reserved_nusd, 0);
}

TEST(Snapshot, OverrunFlagSurvives) {
  BudgetEnv env;
  RunPtr run(env.begin());
  uint64_t a = 0;
  ASSERT_EQ(reserve(run, 10, 10, &a), AG_OK);
  ASSERT_EQ(commit(run, a, 10, 20), AG_OK);
  std::string snap = snapshot(run);
  EXPECT_NE(snap.find("\"overrun\":true"), std::string::npos);
  ag_run *raw = nullptr;
  ASSERT_EQ(ag_run_restore(env.engine.get(), env.ledger, snap.data(), snap.size(), 0, &raw), AG_OK);
  RunPtr restored(raw);
  EXPECT_EQ(ag_run_check(restored), AG_E_RUN_CLOSED);
}

struct BadCase {
  std::string json;
  ag_status status;
  const char *message;
};

void PrintTo(const BadCase &c, std::ostream *os) { *os << c.message; }

class SnapshotRejects : public ::testing::TestWithParam<BadCase> {};

std::string valid() {
  return ag::write_snapshot(ag::RunSnapshot{ag::RunOptions{"r", "u", "t", {}}, ag::RunProgress{}});
}

std::string replace(std::string s, const std::string &from, const std::string &to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

TEST_P(SnapshotRejects, WithAClearMessage) {
  const BadCase c = GetParam();
  BudgetEnv env;
  ag_run *raw = reinterpret_cast<ag_run *>(1);
  EXPECT_EQ(ag_run_restore(env.engine.get(), env.ledger, c.json.data(), c.json.size(), 0, &raw), c.status);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(env.ledger_error(), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, SnapshotRejects,
    ::testing::Values(
        BadCase{"", AG_E_PARSE, "snapshot: not a JSON object (Empty: no JSON found)"},
        // Found by the fuzzer: a failed lookup used to leave the document unusable.
        BadCase{"{N10__cxxabiv}", AG_E_PARSE,
                "snapshot: malformed JSON (The JSON document has an improper structure: missing "
                "or superfluous commas, braces, missing keys, etc.)"},
        BadCase{"[1]", AG_E_PARSE, "snapshot: not a JSON object (The JSON element does not have the requested type.)"},
        BadCase{"{\"run_id\":\"\xff\"}", AG_E_PARSE, "snapshot: invalid UTF-8"},
        BadCase{replace(valid(), "\"version\":1", "\"version\":2"), AG_E_VERSION,
                "snapshot.version: 2 is not supported (this library reads version 1)"},
        BadCase{replace(valid(), "\"version\":1,", "\"extra\":1,\"version\":7,"), AG_E_VERSION,
                "snapshot.version: 7 is not supported (this library reads version 1)"},
        BadCase{replace(valid(), "\"version\":1,", ""), AG_E_PARSE, "snapshot.version: missing"},
        BadCase{replace(valid(), "\"turns\":0", "\"turns\":\"0\""), AG_E_PARSE, "snapshot.turns: must be an integer"},
        BadCase{replace(valid(), "\"turns\":0", "\"turns\":-1"), AG_E_PARSE, "snapshot.turns: must be at least 0"},
        BadCase{replace(valid(), "\"overrun\":false", "\"overrun\":0"), AG_E_PARSE, "snapshot.overrun: must be a boolean"},
        BadCase{replace(valid(), "\"user\":\"u\"", "\"user\":1"), AG_E_PARSE, "snapshot.user: must be a string"},
        BadCase{replace(valid(), "\"turns\":0", "\"turns\":0,\"turns\":0"), AG_E_PARSE, "snapshot.turns: repeated key"},
        BadCase{replace(valid(), "\"turns\":0", "\"turnz\":0"), AG_E_PARSE, "snapshot.turnz: unknown key"},
        BadCase{replace(valid(), "\"tokens\":-1,", ""), AG_E_PARSE, "snapshot.limits.tokens: missing"},
        BadCase{replace(valid(), "\"tokens\":-1", "\"tokens\":-2"), AG_E_PARSE, "snapshot.limits.tokens: must be at least -1"},
        BadCase{replace(valid(), "\"limits\":{", "\"limits\":{\"x\":1,"), AG_E_PARSE, "snapshot.limits.x: unknown key"},
        BadCase{replace(valid(), "\"limits\":{\"usd_nusd\":-1,\"tokens\":-1,\"turns\":-1,\"tool_calls\":-1,\"deadline_ms\":-1,\"step_timeout_ms\":-1}", "\"limits\":[]"),
                AG_E_PARSE, "snapshot.limits: must be an object"},
        BadCase{valid() + " {}", AG_E_PARSE, "snapshot: unexpected content after the JSON object"},
        BadCase{std::string(ag::kSnapshotMaxBytes + 1, ' '), AG_E_TOO_LARGE, "snapshot: 1048577 bytes (at most 1048576)"}));

TEST(Snapshot, RestoreArgumentChecks) {
  BudgetEnv env;
  std::string s = valid();
  ag_run *raw = nullptr;
  EXPECT_EQ(ag_run_restore(nullptr, env.ledger, s.data(), s.size(), 0, &raw), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_restore(env.engine.get(), nullptr, s.data(), s.size(), 0, &raw), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_restore(env.engine.get(), env.ledger, s.data(), s.size(), 0, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_restore(env.engine.get(), env.ledger, nullptr, 0, 0, &raw), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_run_restore(env.engine.get(), env.ledger, s.data(), s.size(), 4, &raw), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(env.ledger_error(), "flags: unknown bits 4");
  ASSERT_EQ(ag_run_restore(env.engine.get(), env.ledger, s.data(), s.size(), 0, &raw), AG_OK);
  ag_run_free(raw);
}

}  // namespace
