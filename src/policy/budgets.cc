// budgets: run limits, and per-window limits of the user, tenant and global scopes.
#include "policy/sections.h"

namespace ag::policy {
namespace {

constexpr NumberSpec kUsd = {9, 0, 1'000'000'000'000'000'000, "a non-negative number",
                             "at most 1000000000 (USD)"};
constexpr NumberSpec kTokens = {0, 0, 1'000'000'000'000'000, "a non-negative integer",
                                "at most 1000000000000000 (tokens)"};
constexpr NumberSpec kCount = {0, 0, 1'000'000'000, "a non-negative integer",
                               "at most 1000000000"};
constexpr NumberSpec kMillis = {0, 1, kMaxMillis, "a positive integer (milliseconds)",
                                "between 1 and 2592000000 (30 days, in milliseconds)"};

// Reads a limit value into *out; null means no limit (-1). Leaves *out on error.
void read_limit(Reader &r, od::value v, const std::string &path, const NumberSpec &spec,
                int64_t *out) {
  if (r.is_null(v)) {
    *out = -1;
    return;
  }
  if (auto n = r.number(v, path, spec)) *out = *n;
}

// {"usd", "tokens"}: one window of an outer scope.
void read_window(Reader &r, od::value v, const std::string &path, Limit *out) {
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &p) {
    if (key == "usd") {
      read_limit(r, val, p, kUsd, &out->usd_nusd);
    } else if (key == "tokens") {
      read_limit(r, val, p, kTokens, &out->tokens);
    } else {
      return false;
    }
    return true;
  });
}

// {"total"|"hour"|"day"|"month": window, "usd", "tokens"}: usd and tokens directly on the
// scope are its total window.
void read_scope(Reader &r, od::value v, const std::string &path, ScopeLimits *out) {
  Limit direct;
  bool total_given = false;
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &p) {
    if (key == "total") {
      read_window(r, val, p, &out->window[AG_WINDOW_TOTAL]);
      total_given = true;
    } else if (key == "hour") {
      read_window(r, val, p, &out->window[AG_WINDOW_HOUR]);
    } else if (key == "day") {
      read_window(r, val, p, &out->window[AG_WINDOW_DAY]);
    } else if (key == "month") {
      read_window(r, val, p, &out->window[AG_WINDOW_MONTH]);
    } else if (key == "usd") {
      read_limit(r, val, p, kUsd, &direct.usd_nusd);
    } else if (key == "tokens") {
      read_limit(r, val, p, kTokens, &direct.tokens);
    } else {
      return false;
    }
    return true;
  });
  Limit &total = out->window[AG_WINDOW_TOTAL];
  if (direct.any() && total_given)
    r.error(path, "usd/tokens on the scope are its total window; give them there or in "
                  "\"total\", not both");
  if (direct.usd_nusd >= 0) total.usd_nusd = direct.usd_nusd;
  if (direct.tokens >= 0) total.tokens = direct.tokens;
}

}  // namespace

void read_run_limits(Reader &r, od::value v, const std::string &path, RunLimits *limits) {
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &p) {
    if (key == "usd") {
      read_limit(r, val, p, kUsd, &limits->usd_nusd);
    } else if (key == "tokens") {
      read_limit(r, val, p, kTokens, &limits->tokens);
    } else if (key == "turns") {
      read_limit(r, val, p, kCount, &limits->turns);
    } else if (key == "tool_calls") {
      read_limit(r, val, p, kCount, &limits->tool_calls);
    } else if (key == "deadline_ms") {
      read_limit(r, val, p, kMillis, &limits->deadline_ms);
    } else if (key == "step_timeout_ms") {
      read_limit(r, val, p, kMillis, &limits->step_timeout_ms);
    } else {
      return false;
    }
    return true;
  });
}

void read_budgets(Reader &r, od::value v, const std::string &path, Budgets *out) {
  r.members(v, path, [&](std::string_view key, od::value val, const std::string &p) {
    if (key == "run") {
      read_run_limits(r, val, p, &out->run);
    } else if (key == "user") {
      read_scope(r, val, p, &out->user);
    } else if (key == "tenant") {
      read_scope(r, val, p, &out->tenant);
    } else if (key == "global") {
      read_scope(r, val, p, &out->global);
    } else if (key == "reservation_ttl_ms") {
      if (auto n = r.number(val, p, kMillis)) out->reservation_ttl_ms = *n;
    } else {
      return false;
    }
    return true;
  });
}

}  // namespace ag::policy
