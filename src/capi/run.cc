// ag_run_* : run lifecycle, reservations, limits, snapshots.
#include <cstring>
#include <memory>
#include <string>

#include "agentguard.h"
#include "capi/guard.h"
#include "core/engine.h"
#include "policy/policy.h"
#include "run/run.h"
#include "run/snapshot.h"

namespace {

std::string_view text(const char *p, size_t len, const char *what) {
  if (p == nullptr && len != 0)
    ag::fail(AG_E_INVALID_ARGUMENT, std::string(what) + ": NULL with a non-zero length");
  return std::string_view(p ? p : "", len);
}

}  // namespace

extern "C" {

AG_API ag_status ag_run_begin(const ag_engine *engine, ag_ledger *ledger, const char *opts_json,
                              size_t opts_len, ag_run **out) {
  if (out == nullptr || engine == nullptr || ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  *out = nullptr;
  return ag::guarded(&ledger->last_error, [&] {
    ag::RunOptions opts;
    opts.limits = engine->policy.budgets.run;
    if (opts_json != nullptr)
      opts = ag::parse_run_options(text(opts_json, opts_len, "opts_json"), opts.limits);
    else if (opts_len != 0)
      ag::fail(AG_E_INVALID_ARGUMENT, "opts_json: NULL with a non-zero length");
    ag::RunProgress progress;
    progress.started_ms = ledger->now();
    *out = new ag_run(*engine, *ledger, std::move(opts), progress);
    return AG_OK;
  });
}

AG_API void ag_run_free(ag_run *run) { delete run; }

AG_API size_t ag_run_last_error(const ag_run *run, char *buf, size_t cap) {
  return ag::last_error_of(run, "run is NULL", buf, cap);
}

AG_API ag_status ag_run_reserve(ag_run *run, const char *model, size_t model_len,
                                uint64_t input_tokens, uint64_t max_output_tokens,
                                uint64_t *reservation) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] {
    if (reservation == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "reservation: must not be NULL");
    return run->reserve(text(model, model_len, "model"), input_tokens, max_output_tokens,
                        reservation);
  });
}

AG_API ag_status ag_run_commit(ag_run *run, uint64_t reservation, const ag_usage *usage,
                               int64_t *cost_nusd) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] {
    if (usage == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "usage: must not be NULL");
    if (!ag::struct_size_ok(usage->struct_size, offsetof(ag_usage, cache_write_1h_tokens),
                            sizeof(ag_usage)))
      ag::fail(AG_E_STRUCT_SIZE, "usage.struct_size: " + std::to_string(usage->struct_size) +
                                     " is not a known size of ag_usage");
    ag_usage u{};
    std::memcpy(&u, usage, usage->struct_size);
    return run->commit(reservation, u, cost_nusd);
  });
}

AG_API ag_status ag_run_release(ag_run *run, uint64_t reservation) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] { return run->release(reservation); });
}

AG_API ag_status ag_run_check(ag_run *run) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] { return run->check(); });
}

AG_API ag_status ag_run_turn(ag_run *run) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] { return run->turn(); });
}

AG_API ag_status ag_run_tool_call(ag_run *run, const char *tool, size_t tool_len) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error,
                     [&] { return run->tool_call(text(tool, tool_len, "tool")); });
}

AG_API ag_status ag_run_step_timeout(ag_run *run, int64_t *timeout_ms) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] {
    if (timeout_ms == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "timeout_ms: must not be NULL");
    return run->step_timeout(timeout_ms);
  });
}

AG_API ag_status ag_run_stats_get(ag_run *run, ag_run_stats *out) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] {
    if (out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out: must not be NULL");
    if (out->struct_size != sizeof(ag_run_stats))
      ag::fail(AG_E_STRUCT_SIZE, "out.struct_size: " + std::to_string(out->struct_size) +
                                     " is not sizeof(ag_run_stats)");
    run->stats(out);
    return AG_OK;
  });
}

AG_API ag_status ag_run_id(ag_run *run, char *buf, size_t cap, size_t *len_out) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] {
    if (len_out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "len_out: must not be NULL");
    const std::string &id = run->id();
    return ag::copy_out(id.data(), id.size(), buf, cap, len_out);
  });
}

AG_API ag_status ag_run_snapshot(ag_run *run, char *buf, size_t cap, size_t *len_out) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&] {
    if (len_out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "len_out: must not be NULL");
    std::string json = ag::write_snapshot(ag::RunSnapshot{run->options(), run->progress()});
    return ag::copy_out(json.data(), json.size(), buf, cap, len_out);
  });
}

AG_API ag_status ag_run_restore(const ag_engine *engine, ag_ledger *ledger,
                                const char *snapshot_json, size_t snapshot_len, uint32_t flags,
                                ag_run **out) {
  if (out == nullptr || engine == nullptr || ledger == nullptr) return AG_E_INVALID_ARGUMENT;
  *out = nullptr;
  return ag::guarded(&ledger->last_error, [&] {
    if (snapshot_json == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "snapshot_json: must not be NULL");
    if (flags & ~AG_RESTORE_REAPPLY)
      ag::fail(AG_E_INVALID_ARGUMENT, "flags: unknown bits " + std::to_string(flags & ~AG_RESTORE_REAPPLY));
    ag::RunSnapshot s = ag::parse_snapshot(std::string_view(snapshot_json, snapshot_len));
    auto run = std::make_unique<ag_run>(*engine, *ledger, std::move(s.options), s.progress);
    if (flags & AG_RESTORE_REAPPLY) run->reapply_spend();
    *out = run.release();
    return AG_OK;
  });
}

}  // extern "C"
