/*
 * agentguard.h - production guardrails for LLM agents, as one C ABI.
 *
 * Conventions (they hold for every function below):
 *   - Every fallible call returns ag_status: AG_OK (0) or a negative code. Codes are
 *     append-only and never renumbered. ag_status_str() names a code.
 *   - Strings cross as UTF-8 (pointer, length); embedded NULs are data. A NULL pointer with
 *     length 0 is the empty string.
 *   - Outputs go to caller buffers. Passing buf == NULL (or a capacity that is too small)
 *     returns AG_E_BUFFER_TOO_SMALL and stores the size needed in *len_out.
 *   - Error text: every handle keeps the message of its last failed call, read with
 *     ag_<handle>_last_error(h, buf, cap), which copies a NUL-terminated, possibly truncated
 *     message and returns the full length (snprintf style). Constructors that parse input
 *     write their message to an errbuf out-parameter.
 *   - Structs carry their own size in a first field struct_size; set it to sizeof(struct).
 *   - Money is int64_t nano-USD (1 USD = 1e9). Time is int64_t milliseconds.
 *   - Anything the library allocates is freed by its own ag_*_free; every free accepts NULL.
 *   - No function throws, aborts on bad input, or calls back into the host.
 */
#ifndef AGENTGUARD_H
#define AGENTGUARD_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  define AG_API __declspec(dllimport)
#elif defined(__GNUC__)
#  define AG_API __attribute__((visibility("default")))
#else
#  define AG_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================================
 * Version
 * ==================================================================================== */

#define AG_VERSION_MAJOR 0
#define AG_VERSION_MINOR 1
#define AG_VERSION_PATCH 0
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define AG_VERSION_NUMBER (AG_VERSION_MAJOR * 10000 + AG_VERSION_MINOR * 100 + AG_VERSION_PATCH)
#define AG_VERSION_STRING "0.1.0"

/* The version of the library actually loaded (compare with AG_VERSION_NUMBER). */
AG_API uint32_t ag_version_number(void);
/* Static string, e.g. "0.1.0". */
AG_API const char *ag_version_string(void);

/* ======================================================================================
 * Status codes (append-only; never renumbered)
 * ==================================================================================== */

typedef int32_t ag_status;

#define AG_OK 0
#define AG_E_INVALID_ARGUMENT -1  /* NULL handle or pointer, bad enum value, bad length */
#define AG_E_NOMEM -2             /* allocation failed */
#define AG_E_INTERNAL -3          /* a bug: an unexpected exception was caught */
#define AG_E_BUFFER_TOO_SMALL -4  /* *len_out holds the size needed */
#define AG_E_STRUCT_SIZE -5       /* struct_size is not one this library knows */
#define AG_E_PARSE -6             /* malformed JSON or invalid UTF-8; message says where */
#define AG_E_POLICY -7            /* policy or options are invalid; message names the path */
#define AG_E_UNKNOWN_MODEL -8     /* no price for the model and no default price */
#define AG_E_BUDGET_EXCEEDED -9   /* a budget refused; message names scope and window */
#define AG_E_DEADLINE_EXCEEDED -10 /* the run's deadline has passed */
#define AG_E_TURN_LIMIT -11       /* the run used all its turns */
#define AG_E_TOOL_CALL_LIMIT -12  /* the run used all its tool calls */
#define AG_E_KILLED -13           /* a kill switch covers this run */
#define AG_E_NOT_FOUND -14        /* unknown reservation (never made, already settled) */
#define AG_E_EXPIRED -15          /* the reservation expired and was released */
#define AG_E_RUN_CLOSED -16       /* a usage overran its reservation: no more reservations */
#define AG_E_IO -17               /* a file could not be read */
#define AG_E_UNSUPPORTED -18      /* valid request this build or store cannot serve */
#define AG_E_STATE -19            /* call not valid in the object's current state */
#define AG_E_TRUNCATED -20        /* a stream ended without its terminal event */
#define AG_E_PROVIDER_ERROR -21   /* the body is a provider error; see its class */
#define AG_E_TOO_LARGE -22        /* input larger than the library accepts */
#define AG_E_SCRUB_COMPILE -23    /* a scrub rule could not be compiled */
#define AG_E_TOKENIZER -24        /* tokenizer rank files missing or invalid */
#define AG_E_VERSION -25          /* snapshot or data from an incompatible version */

/* Static, never NULL. Unknown codes give "unknown status". */
AG_API const char *ag_status_str(ag_status s);
/* 1 when retrying the same call later can succeed (e.g. AG_E_TRUNCATED, AG_E_NOMEM);
 * 0 for budget, deadline, limits, kill switch, invalid input. */
AG_API int ag_status_is_retryable(ag_status s);

/* ======================================================================================
 * Engine: a compiled policy. Immutable after creation; share it freely across threads.
 * ==================================================================================== */

typedef struct ag_engine ag_engine;
typedef struct ag_ledger ag_ledger;
typedef struct ag_run ag_run;

/* Builds an engine from a policy JSON document (see docs). policy_json == NULL gives the
 * default engine (built-in prices, default scrub rules, no budget limits). On failure *out
 * is NULL and errbuf (if not NULL) receives a NUL-terminated message naming the JSON path,
 * e.g. "budgets.run.usd: must be a non-negative number". */
AG_API ag_status ag_engine_new(const char *policy_json, size_t policy_len, ag_engine **out,
                               char *errbuf, size_t errbuf_cap);
AG_API void ag_engine_free(ag_engine *engine);
/* Message of the last failed call that used this engine (snprintf style). */
AG_API size_t ag_engine_last_error(const ag_engine *engine, char *buf, size_t cap);

/* Prices a usage of `model` with the engine's table. Integer nano-USD, rounded up. */
typedef struct ag_usage {
  uint32_t struct_size;
  uint64_t input_tokens;        /* includes cached_input_tokens and cache_write_tokens */
  uint64_t cached_input_tokens; /* cache reads */
  uint64_t cache_write_tokens;  /* cache writes (5 minute TTL unless noted below) */
  uint64_t output_tokens;       /* includes reasoning_tokens */
  uint64_t reasoning_tokens;
  /* Of cache_write_tokens, those written with a 1 hour TTL (priced higher). A struct_size
   * that ends before this field reads it as 0. */
  uint64_t cache_write_1h_tokens;
} ag_usage;

AG_API ag_status ag_engine_price(const ag_engine *engine, const char *model, size_t model_len,
                                 const ag_usage *usage, int64_t *cost_nusd);

/* Model price as known to the engine, after name normalisation. -1 = not priced. */
typedef struct ag_model_price {
  uint32_t struct_size;
  int64_t input_per_mtok_nusd;
  int64_t cached_input_per_mtok_nusd;
  int64_t cache_write_5m_per_mtok_nusd;
  int64_t cache_write_1h_per_mtok_nusd;
  int64_t output_per_mtok_nusd;
  int64_t reasoning_per_mtok_nusd;
  uint64_t tier_threshold_tokens; /* 0 = no tier; above it the *_above prices apply */
  int64_t input_above_per_mtok_nusd;
  int64_t output_above_per_mtok_nusd;
} ag_model_price;

/* Looks a model up; name_buf receives the canonical name (size query as usual). */
AG_API ag_status ag_engine_model_price(const ag_engine *engine, const char *model,
                                       size_t model_len, ag_model_price *out, char *name_buf,
                                       size_t name_cap, size_t *name_len);

/* ======================================================================================
 * Ledger: budget counters for every scope and window. Thread-safe.
 * ==================================================================================== */

#define AG_SCOPE_RUN 0
#define AG_SCOPE_USER 1
#define AG_SCOPE_TENANT 2
#define AG_SCOPE_GLOBAL 3

#define AG_WINDOW_TOTAL 0 /* for the run scope: the run's lifetime */
#define AG_WINDOW_HOUR 1  /* UTC calendar hour */
#define AG_WINDOW_DAY 2   /* UTC calendar day */
#define AG_WINDOW_MONTH 3 /* UTC calendar month */

/* store_uri: NULL or "memory" = in-process lock-free store. */
AG_API ag_status ag_ledger_new(const ag_engine *engine, const char *store_uri, ag_ledger **out);
AG_API void ag_ledger_free(ag_ledger *ledger);
AG_API size_t ag_ledger_last_error(const ag_ledger *ledger, char *buf, size_t cap);

/* Spent and reserved USD of one counter in its current window. The global scope ignores id.
 * A counter never used reads 0/0. */
AG_API ag_status ag_ledger_get(ag_ledger *ledger, int32_t scope, const char *id, size_t id_len,
                               int32_t window, int64_t *spent_nusd, int64_t *reserved_nusd);

typedef struct ag_counter {
  uint32_t struct_size;
  int64_t spent_nusd;
  int64_t reserved_nusd;
  int64_t limit_nusd; /* -1 = no limit */
  int64_t spent_tokens;
  int64_t reserved_tokens;
  int64_t limit_tokens; /* -1 = no limit */
  int64_t window_start_ms; /* start of the current window (0 for total) */
} ag_counter;

/* The whole counter, with its limit. */
AG_API ag_status ag_ledger_counter(ag_ledger *ledger, int32_t scope, const char *id, size_t id_len,
                                   int32_t window, ag_counter *out);

/* Overrides the policy's limit for one id (e.g. a premium user). -1 = no limit; the
 * policy's value returns with ag_ledger_clear_limit. The run scope is set per run instead. */
AG_API ag_status ag_ledger_set_limit(ag_ledger *ledger, int32_t scope, const char *id,
                                     size_t id_len, int32_t window, int64_t limit_nusd,
                                     int64_t limit_tokens);
AG_API ag_status ag_ledger_clear_limit(ag_ledger *ledger, int32_t scope, const char *id,
                                       size_t id_len, int32_t window);

/* Kill switch: every later check, reserve, turn or tool call of an affected run fails with
 * AG_E_KILLED. scope AG_SCOPE_GLOBAL (id ignored), AG_SCOPE_USER, AG_SCOPE_TENANT or
 * AG_SCOPE_RUN (id = run_id). reason is kept for the error message. */
AG_API ag_status ag_ledger_kill(ag_ledger *ledger, int32_t scope, const char *id, size_t id_len,
                                const char *reason, size_t reason_len);
AG_API ag_status ag_ledger_revive(ag_ledger *ledger, int32_t scope, const char *id,
                                  size_t id_len);

/* Clock: now_ms >= 0 switches the ledger (and its runs) to a manual clock at that time,
 * in ms since the Unix epoch; later calls move it. now_ms < 0 returns to the system clock. */
AG_API ag_status ag_ledger_set_time(ag_ledger *ledger, int64_t now_ms);
/* The ledger's current time. */
AG_API int64_t ag_ledger_now(const ag_ledger *ledger);

/* Releases every reservation whose time to live has passed (also done lazily).
 * *released (may be NULL) receives how many were released. */
AG_API ag_status ag_ledger_expire(ag_ledger *ledger, uint64_t *released);

/* ======================================================================================
 * Run: one agent run. Thread-safe (parallel tool calls may share it).
 * ==================================================================================== */

/* opts_json (NULL = defaults): {"run_id": "...", "user": "...", "tenant": "...",
 *   "limits": {"usd", "tokens", "turns", "tool_calls", "deadline_ms", "step_timeout_ms"}}
 * limits override the policy's budgets.run keys one by one. A missing run_id is generated. */
AG_API ag_status ag_run_begin(const ag_engine *engine, ag_ledger *ledger, const char *opts_json,
                              size_t opts_len, ag_run **out);
/* Releases whatever the run still holds, then frees it. */
AG_API void ag_run_free(ag_run *run);
AG_API size_t ag_run_last_error(const ag_run *run, char *buf, size_t cap);

/* Prices the worst case (input_tokens in, max_output_tokens out, all output at the highest
 * output price) and takes it from every applicable counter at once, all or nothing.
 * AG_E_BUDGET_EXCEEDED names the scope and window that refused. */
AG_API ag_status ag_run_reserve(ag_run *run, const char *model, size_t model_len,
                                uint64_t input_tokens, uint64_t max_output_tokens,
                                uint64_t *reservation);
/* Replaces the reservation with the real cost of usage (priced for the reserved model).
 * If the real cost exceeds the reservation, it is still recorded (money was spent) and the
 * run is closed to further reservations (AG_E_RUN_CLOSED later). cost_nusd may be NULL. */
AG_API ag_status ag_run_commit(ag_run *run, uint64_t reservation, const ag_usage *usage,
                               int64_t *cost_nusd);
/* Returns a reservation untouched (the call failed or was not made). */
AG_API ag_status ag_run_release(ag_run *run, uint64_t reservation);

/* AG_OK while the run may continue; otherwise the reason: AG_E_DEADLINE_EXCEEDED,
 * AG_E_KILLED, AG_E_RUN_CLOSED. */
AG_API ag_status ag_run_check(ag_run *run);
/* Counts one model turn; AG_E_TURN_LIMIT once the limit is reached (the turn is not
 * counted). Also fails as ag_run_check does. */
AG_API ag_status ag_run_turn(ag_run *run);
/* Counts one tool call; AG_E_TOOL_CALL_LIMIT once the limit is reached. */
AG_API ag_status ag_run_tool_call(ag_run *run, const char *tool, size_t tool_len);
/* The time the host should give its next call: min(step timeout, time to the deadline).
 * -1 when neither is set. AG_E_DEADLINE_EXCEEDED when the deadline has passed. */
AG_API ag_status ag_run_step_timeout(ag_run *run, int64_t *timeout_ms);

typedef struct ag_run_stats {
  uint32_t struct_size;
  int64_t spent_nusd;
  int64_t reserved_nusd;
  int64_t limit_nusd;     /* -1 = none */
  int64_t remaining_nusd; /* -1 = no limit */
  int64_t spent_tokens;
  int64_t reserved_tokens;
  int64_t limit_tokens;   /* -1 = none */
  int64_t turns;
  int64_t max_turns;      /* -1 = none */
  int64_t tool_calls;
  int64_t max_tool_calls; /* -1 = none */
  int64_t started_ms;
  int64_t elapsed_ms;
  int64_t remaining_ms;   /* -1 = no deadline; 0 once passed */
  int64_t open_reservations;
  ag_status state;        /* what ag_run_check would return */
} ag_run_stats;

AG_API ag_status ag_run_stats_get(ag_run *run, ag_run_stats *out);

/* The run's id (size query as usual). */
AG_API ag_status ag_run_id(ag_run *run, char *buf, size_t cap, size_t *len_out);

/* Serialises the run (ids, limits, counts, committed spend, start time) to JSON. Open
 * reservations are not carried: they die with the process or expire. */
AG_API ag_status ag_run_snapshot(ag_run *run, char *buf, size_t cap, size_t *len_out);

#define AG_RESTORE_DEFAULT 0u
/* The ledger lost the run's spend (e.g. a new process with an in-memory store): add the
 * snapshot's committed spend back into the user, tenant and global counters. Without the
 * flag only the run's own counters come from the snapshot, so nothing is counted twice. */
#define AG_RESTORE_REAPPLY 1u

/* Recreates a run from ag_run_snapshot output. */
AG_API ag_status ag_run_restore(const ag_engine *engine, ag_ledger *ledger,
                                const char *snapshot_json, size_t snapshot_len, uint32_t flags,
                                ag_run **out);

/* ======================================================================================
 * Scrubbing (secrets and PII)
 * ==================================================================================== */
/* @@SCRUB@@ */

/* ======================================================================================
 * Provider responses
 * ==================================================================================== */
/* @@PROVIDERS@@ */

/* ======================================================================================
 * Token counting
 * ==================================================================================== */
/* @@TOKENIZE@@ */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* AGENTGUARD_H */
