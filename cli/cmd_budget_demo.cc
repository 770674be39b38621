// agentguard budget-demo [--policy FILE]: users of one tenant run budgeted agent runs until
// a cap refuses them, on a manual clock so the report is the same on every machine.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

const char kDemoPolicy[] = R"({
  "version": 1,
  "budgets": {
    "run": {"usd": 0.5, "turns": 40},
    "user": {"day": {"usd": 1.2}},
    "tenant": {"day": {"usd": 3}},
    "global": {"month": {"usd": 1000}}
  },
  "pricing": {"models": {"demo-model": {"input_mtok": 3, "output_mtok": 15}}}
})";

const char *const kUsers[] = {"alice", "bob", "carol", "dave"};
constexpr int kUserCount = 4;
constexpr char kTenant[] = "acme";
constexpr int64_t kStartMs = 1773565200000;  // 2026-03-15T09:00:00Z
constexpr int kMaxCalls = 500;               // a policy without caps still ends

std::string clock_text(int64_t ms) {
  int64_t minutes = (ms / 60000) % (24 * 60);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buf;
}

// One user's state in the scenario.
struct User {
  const char *name;
  ag_run *run = nullptr;
  int runs = 0;
  bool stopped = false;
};

ag_run *begin_run(ag_engine *engine, ag_ledger *ledger, User &u) {
  std::string opts = std::string("{\"run_id\":\"") + u.name + "-" + std::to_string(++u.runs) +
                     "\",\"user\":\"" + u.name + "\",\"tenant\":\"" + kTenant + "\"}";
  ag_run *run = nullptr;
  if (ag_run_begin(engine, ledger, opts.data(), opts.size(), &run) != AG_OK) return nullptr;
  return run;
}

// One model call of u: reserve, "call", commit. Returns false when u stops.
bool step(ag_engine *engine, ag_ledger *ledger, User &u, const char *model, int64_t now) {
  if (u.run == nullptr && (u.run = begin_run(engine, ledger, u)) == nullptr) return false;
  uint64_t id = 0;
  ag_status s = ag_run_reserve(u.run, model, std::strlen(model), 12000, 4000, &id);
  if (s == AG_OK) {
    ag_usage usage{};
    usage.struct_size = sizeof usage;
    usage.input_tokens = 12000;
    usage.output_tokens = 1500;
    return ag_run_commit(u.run, id, &usage, nullptr) == AG_OK;
  }
  std::string why = run_error(u.run);
  std::printf("%s  %-6s refused: %s\n", clock_text(now).c_str(), u.name, why.c_str());
  ag_run_free(u.run);
  u.run = nullptr;
  // A run cap ends only the run; any other refusal ends the user's day.
  return s == AG_E_BUDGET_EXCEEDED && why.find("budget exceeded: run '") == 0;
}

void print_counter(ag_ledger *ledger, int32_t scope, const char *scope_name, const char *id,
                   int32_t window, const char *window_name) {
  ag_counter c{};
  c.struct_size = sizeof c;
  if (ag_ledger_counter(ledger, scope, id, std::strlen(id), window, &c) != AG_OK) return;
  std::printf("  %-7s %-7s %-6s %12s %12s %12s\n", scope_name, *id ? id : "-", window_name,
              usd_text(c.spent_nusd).c_str(), usd_text(c.reserved_nusd).c_str(),
              c.limit_nusd < 0 ? "none" : usd_text(c.limit_nusd).c_str());
}

int run_demo(ag_engine *engine, const char *policy_name) {
  ag_ledger *ledger = nullptr;
  if (ag_ledger_new(engine, nullptr, &ledger) != AG_OK) return 1;
  ag_ledger_set_time(ledger, kStartMs);
  const char *model = "demo-model";
  ag_model_price price{};
  price.struct_size = sizeof price;
  if (ag_engine_model_price(engine, model, std::strlen(model), &price, nullptr, 0, nullptr) != AG_OK)
    model = "gpt-4o";
  std::printf("budget demo: tenant '%s', %d users, model %s, policy %s\n", kTenant, kUserCount,
              model, policy_name);
  std::printf("each call reserves 12000 input + 4000 output tokens and uses 1500 output\n\n");
  User users[kUserCount];
  for (int i = 0; i < kUserCount; ++i) users[i].name = kUsers[i];
  int calls = 0, active = kUserCount;
  int64_t now = kStartMs;
  while (active > 0 && calls < kMaxCalls) {
    for (User &u : users) {
      if (u.stopped) continue;
      ++calls;
      if (!step(engine, ledger, u, model, now)) {
        u.stopped = true;
        --active;
      }
    }
    now += 60000;  // one round of calls a minute
    ag_ledger_set_time(ledger, now);
  }
  if (active > 0) std::printf("no cap refused within %d calls\n", kMaxCalls);
  std::printf("\nfinal counters at %s UTC (%d calls):\n", clock_text(now).c_str(), calls);
  std::printf("  %-7s %-7s %-6s %12s %12s %12s\n", "scope", "id", "window", "spent", "reserved",
              "limit");
  for (const User &u : users) print_counter(ledger, AG_SCOPE_USER, "user", u.name, AG_WINDOW_DAY, "day");
  print_counter(ledger, AG_SCOPE_TENANT, "tenant", kTenant, AG_WINDOW_DAY, "day");
  print_counter(ledger, AG_SCOPE_GLOBAL, "global", "", AG_WINDOW_MONTH, "month");
  for (User &u : users) ag_run_free(u.run);
  ag_ledger_free(ledger);
  return 0;
}

}  // namespace

int cmd_budget_demo(int argc, char **argv) {
  std::string policy = kDemoPolicy;
  const char *policy_name = "built-in";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--policy") && i + 1 < argc) {
      policy_name = argv[++i];
      if (!read_path(policy_name, &policy)) {
        std::fprintf(stderr, "agentguard budget-demo: cannot read '%s'\n", policy_name);
        return 1;
      }
    } else {
      std::fprintf(stderr, "usage: agentguard budget-demo [--policy FILE]\n");
      return 2;
    }
  }
  char err[512];
  ag_engine *engine = nullptr;
  if (ag_engine_new(policy.data(), policy.size(), &engine, err, sizeof err) != AG_OK) {
    std::fprintf(stderr, "agentguard budget-demo: %s\n", err);
    return 1;
  }
  int rc = run_demo(engine, policy_name);
  ag_engine_free(engine);
  return rc;
}
