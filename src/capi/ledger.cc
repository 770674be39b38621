// ag_ledger_* : budget counters, limits, kill switch, clock, expiry.
#include <cstring>
#include <string>

#include "agentguard.h"
#include "budget/ledger.h"
#include "budget/window.h"
#include "capi/guard.h"
#include "core/engine.h"

namespace {

std::string_view id_view(int32_t scope, const char *id, size_t id_len) {
  if (id == nullptr && id_len != 0) ag::fail(AG_E_INVALID_ARGUMENT, "id: NULL with a non-zero length");
  std::string_view v(id ? id : "", id_len);
  if (scope != AG_SCOPE_GLOBAL && v.empty())
    ag::fail(AG_E_INVALID_ARGUMENT,
             std::string("id: must not be empty for the ") + ag::scope_name(scope) + " scope");
  return scope == AG_SCOPE_GLOBAL ? std::string_view() : v;
}

void check_scope(int32_t scope) {
  if (!ag::valid_scope(scope))
    ag::fail(AG_E_INVALID_ARGUMENT, "scope: " + std::to_string(scope) +
                                        " is not an AG_SCOPE_* value (0..3)");
}

void check_window(int32_t window) {
  if (!ag::valid_window(window))
    ag::fail(AG_E_INVALID_ARGUMENT, "window: " + std::to_string(window) +
                                        " is not an AG_WINDOW_* value (0..3)");
}

void check_outer_scope(int32_t scope) {
  check_scope(scope);
  if (scope == AG_SCOPE_RUN)
    ag::fail(AG_E_INVALID_ARGUMENT,
             "scope: the run scope's limits are set per run (ag_run_begin limits)");
}

// Reads one counter: an outer scope's current window, or a live run's total.
ag::Counter::View read_counter(ag_ledger *ledger, int32_t scope, const char *id, size_t id_len,
                               int32_t window) {
  check_scope(scope);
  check_window(window);
  std::string_view name = id_view(scope, id, id_len);
  int64_t now = ledger->now();
  if (scope != AG_SCOPE_RUN) {
    ledger->expire_if_due(now);
    return ledger->read(scope, name, window, now);
  }
  if (window != AG_WINDOW_TOTAL)
    ag::fail(AG_E_INVALID_ARGUMENT, "window: the run scope has only AG_WINDOW_TOTAL");
  ag::Counter::View v;
  if (!ledger->read_run(name, &v))
    ag::fail(AG_E_NOT_FOUND, "no live run has id '" + std::string(name) + "'");
  return v;
}

}  // namespace

extern "C" {

AG_API ag_status ag_ledger_new(const ag_engine *engine, const char *store_uri, ag_ledger **out) {
  if (out == nullptr || engine == nullptr) return AG_E_INVALID_ARGUMENT;
  *out = nullptr;
  return ag::guarded(&engine->last_error, [&] {
    if (store_uri != nullptr && std::strcmp(store_uri, "memory") != 0)
      ag::fail(AG_E_UNSUPPORTED, "store_uri '" + std::string(store_uri) +
                                     "': only \"memory\" is supported by this build");
    *out = new ag_ledger(*engine);
    return AG_OK;
  });
}

AG_API void ag_ledger_free(ag_ledger *ledger) { delete ledger; }

AG_API size_t ag_ledger_last_error(const ag_ledger *ledger, char *buf, size_t cap) {
  return ag::last_error_of(ledger, "ledger is NULL", buf, cap);
}

AG_API ag_status ag_ledger_get(ag_ledger *ledger, int32_t scope, const char *id, size_t id_len,
                               int32_t window, int64_t *spent_nusd, int64_t *reserved_nusd) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    ag::Counter::View v = read_counter(ledger, scope, id, id_len, window);
    if (spent_nusd) *spent_nusd = v.spent.usd;
    if (reserved_nusd) *reserved_nusd = v.reserved.usd;
    return AG_OK;
  });
}

AG_API ag_status ag_ledger_counter(ag_ledger *ledger, int32_t scope, const char *id,
                                   size_t id_len, int32_t window, ag_counter *out) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    if (out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out: must not be NULL");
    if (out->struct_size != sizeof(ag_counter))
      ag::fail(AG_E_STRUCT_SIZE, "out.struct_size: " + std::to_string(out->struct_size) +
                                     " is not sizeof(ag_counter)");
    ag::Counter::View v = read_counter(ledger, scope, id, id_len, window);
    out->spent_nusd = v.spent.usd;
    out->reserved_nusd = v.reserved.usd;
    out->limit_nusd = v.limit.usd_nusd;
    out->spent_tokens = v.spent.tokens;
    out->reserved_tokens = v.reserved.tokens;
    out->limit_tokens = v.limit.tokens;
    out->window_start_ms = v.window_start;
    return AG_OK;
  });
}

AG_API ag_status ag_ledger_set_limit(ag_ledger *ledger, int32_t scope, const char *id,
                                     size_t id_len, int32_t window, int64_t limit_nusd,
                                     int64_t limit_tokens) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    check_outer_scope(scope);
    check_window(window);
    if (limit_nusd < -1 || limit_tokens < -1)
      ag::fail(AG_E_INVALID_ARGUMENT, "limit: must be -1 (no limit) or non-negative");
    ledger->set_limit(scope, id_view(scope, id, id_len), window, ag::Limit{limit_nusd, limit_tokens});
    return AG_OK;
  });
}

AG_API ag_status ag_ledger_clear_limit(ag_ledger *ledger, int32_t scope, const char *id,
                                       size_t id_len, int32_t window) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    check_outer_scope(scope);
    check_window(window);
    std::string_view name = id_view(scope, id, id_len);
    if (!ledger->clear_limit(scope, name, window))
      ag::fail(AG_E_NOT_FOUND, std::string("no limit override for ") + ag::scope_name(scope) +
                                   " '" + std::string(name) + "' " + ag::window_name(window));
    return AG_OK;
  });
}

AG_API ag_status ag_ledger_kill(ag_ledger *ledger, int32_t scope, const char *id, size_t id_len,
                                const char *reason, size_t reason_len) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    check_scope(scope);
    if (reason == nullptr && reason_len != 0)
      ag::fail(AG_E_INVALID_ARGUMENT, "reason: NULL with a non-zero length");
    ledger->kill(scope, id_view(scope, id, id_len), std::string_view(reason ? reason : "", reason_len));
    return AG_OK;
  });
}

AG_API ag_status ag_ledger_revive(ag_ledger *ledger, int32_t scope, const char *id,
                                  size_t id_len) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    check_scope(scope);
    std::string_view name = id_view(scope, id, id_len);
    if (!ledger->revive(scope, name))
      ag::fail(AG_E_NOT_FOUND, std::string("no kill switch set for ") + ag::scope_name(scope) +
                                   (scope == AG_SCOPE_GLOBAL ? "" : " '" + std::string(name) + "'"));
    return AG_OK;
  });
}

AG_API ag_status ag_ledger_set_time(ag_ledger *ledger, int64_t now_ms) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  ledger->set_time(now_ms);
  return AG_OK;
}

AG_API int64_t ag_ledger_now(const ag_ledger *ledger) {
  return ledger == nullptr ? -1 : ledger->now();
}

AG_API ag_status ag_ledger_expire(ag_ledger *ledger, uint64_t *released) {
  if (ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&ledger->last_error, [&] {
    uint64_t n = ledger->expire(ledger->now());
    if (released) *released = n;
    return AG_OK;
  });
}

}  // extern "C"
