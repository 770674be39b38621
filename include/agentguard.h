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
 * A counter never used reads 0/0. A window of an outer scope counts once a limit names it
 * (policy or ag_ledger_set_limit for any id); untracked windows read 0/0. AG_SCOPE_RUN
 * reads a live run of this ledger by run id (window AG_WINDOW_TOTAL; AG_E_NOT_FOUND when no
 * live run has that id). spent_nusd and reserved_nusd may be NULL. */
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
 * policy's value returns with ag_ledger_clear_limit (AG_E_NOT_FOUND when no override was
 * set). The run scope is set per run instead. Applies to later reservations; the window
 * becomes tracked for every id. */
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
/* Undoes one kill; AG_E_NOT_FOUND when that kill was not set. */
AG_API ag_status ag_ledger_revive(ag_ledger *ledger, int32_t scope, const char *id,
                                  size_t id_len);

/* Clock: now_ms >= 0 switches the ledger (and its runs) to a manual clock at that time,
 * in ms since the Unix epoch; later calls move it. now_ms < 0 returns to the system clock. */
AG_API ag_status ag_ledger_set_time(ag_ledger *ledger, int64_t now_ms);
/* The ledger's current time; -1 when ledger is NULL. */
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
 * run is closed to further reservations (AG_E_RUN_CLOSED later). cost_nusd may be NULL.
 * An expired reservation returns AG_E_EXPIRED, yet its cost is recorded and *cost_nusd set;
 * if that passes a limit the run is closed. Unknown or settled id: AG_E_NOT_FOUND. Works on
 * killed, closed and late runs: spend already made is always recorded. */
AG_API ag_status ag_run_commit(ag_run *run, uint64_t reservation, const ag_usage *usage,
                               int64_t *cost_nusd);
/* Returns a reservation untouched (the call failed or was not made). AG_OK as well for an
 * expired reservation (expiry already returned it); AG_E_NOT_FOUND for an unknown id. */
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
/* Scrubbing removes secrets and personal data from text: API keys, tokens, private keys,
 * connection strings, card numbers, e-mail addresses... Rules come from the policy
 * ("scrub": default rules, disable, enable, custom, style, pii, hash_key). Input is any
 * bytes: invalid UTF-8 and NULs pass through untouched except where a rule matched, and
 * JSON-escaped text (\n, \/, \u002F, \") is matched like raw text.
 *
 * The rule database is compiled on the first scrub call of an engine (once, thread-safe);
 * engine creation only checks custom patterns. All calls below are thread-safe on a shared
 * engine; a stream is used by one thread at a time. */

#define AG_SCRUB_STYLE_DEFAULT 0 /* the policy's scrub.style (label unless set) */
#define AG_SCRUB_STYLE_LABEL 1   /* "[REDACTED:<rule-id>]" */
#define AG_SCRUB_STYLE_MASK 2    /* the rule's safe literal prefix if any (e.g. "sk-ant-"), then "****" */
#define AG_SCRUB_STYLE_HASH 3    /* "[REDACTED:<rule-id>:<12 hex>]", a keyed hash: the same secret
                                    gives the same token within one engine (key: scrub.hash_key,
                                    or random per engine) */
#define AG_SCRUB_STYLE_DETECT 4  /* output = input; findings only */

#define AG_CONFIDENCE_LOW 0
#define AG_CONFIDENCE_MEDIUM 1
#define AG_CONFIDENCE_HIGH 2

/* Per-call options. NULL means all defaults. */
typedef struct ag_scrub_opts {
  uint32_t struct_size;
  int32_t style; /* AG_SCRUB_STYLE_* */
  /* ag_scrub only (streams ignore it): the most threads one call may use. 0 and 1 scrub on
   * the calling thread; N > 1 splits an input into up to N parts of at least
   * AG_SCRUB_PART_MIN bytes, scanned by threads started and joined within the call (at most
   * AG_SCRUB_THREADS_MAX, else AG_E_INVALID_ARGUMENT). Output and findings are the same for
   * every N. Callers built before it pass struct_size 8: 0. */
  uint32_t threads;
} ag_scrub_opts;

/* The smallest part of an input one thread of ag_scrub scans (see ag_scrub_opts.threads). */
#define AG_SCRUB_PART_MIN (1u << 20)
#define AG_SCRUB_THREADS_MAX 256u

/* One redaction: input bytes [start, end) were replaced. Overlapping matches of several
 * rules are merged into one finding, attributed to the most confident rule. */
typedef struct ag_finding {
  uint32_t struct_size;
  uint32_t rule_index; /* see ag_scrub_rule_info */
  uint64_t start;
  uint64_t end;
  int32_t confidence; /* AG_CONFIDENCE_* */
  char rule[64];      /* rule id, NUL-terminated */
  char family[16];    /* "cloud", "ai", "vcs", "payments", "messaging", "database",
                         "crypto-key", "pii", "generic"; NUL-terminated */
} ag_finding;

/* The most output ag_scrub can write for len input bytes with these options. Redaction
 * labels can be longer than what they replace, so this exceeds len (except for detect).
 * Compiles the rules if needed. AG_E_TOO_LARGE if the bound overflows size_t. */
AG_API ag_status ag_scrub_bound(const ag_engine *engine, const ag_scrub_opts *opts, size_t len,
                                size_t *bound);

/* Scrubs in[0..len) into out and stores the output size in *out_len. out == NULL or a
 * too small cap gives AG_E_BUFFER_TOO_SMALL with the exact size in *out_len (out's
 * contents are then unspecified); cap >= ag_scrub_bound(len) always suffices, and so does
 * the usual len plus a little, since secrets are rare. findings_count (may be NULL)
 * receives the number of redactions. Same output as a stream fed any chunking. */
AG_API ag_status ag_scrub(const ag_engine *engine, const ag_scrub_opts *opts, const char *in,
                          size_t len, char *out, size_t cap, size_t *out_len,
                          size_t *findings_count);

/* Receives ag_scrub_to's output in order, in pieces of any size (len > 0); the bytes are
 * valid only during the call (runs without a finding point into the input). Return 0 to
 * go on; anything else stops the scrub, which then returns AG_E_IO. Called on the thread
 * that called ag_scrub_to. */
typedef int (*ag_write_fn)(void *ctx, const char *data, size_t len);

/* Like ag_scrub, but hands the output to write(ctx, ...) instead of a buffer, so no
 * output buffer is needed whatever the input's size (a file or a socket can take it as it
 * comes). Same output and findings_count as ag_scrub, for every opts->threads; with
 * threads > 1 the output is written once all parts are scanned. write must not be NULL. */
AG_API ag_status ag_scrub_to(const ag_engine *engine, const ag_scrub_opts *opts, const char *in,
                             size_t len, ag_write_fn write, void *ctx, size_t *findings_count);

/* Findings only (the detect style): fills out[0..cap) in input order and stores the total
 * in *count. Set out[0].struct_size = sizeof(ag_finding); every element is written whole.
 * out == NULL or cap < total gives AG_E_BUFFER_TOO_SMALL (the first cap are still filled). */
AG_API ag_status ag_scan(const ag_engine *engine, const char *in, size_t len, ag_finding *out,
                         size_t cap, size_t *count);

/* ag_scan with per-call options: opts->threads as for ag_scrub (the findings are the same
 * for every value); opts->style is not read. opts NULL is ag_scan. */
AG_API ag_status ag_scan_with(const ag_engine *engine, const ag_scrub_opts *opts, const char *in,
                              size_t len, ag_finding *out, size_t cap, size_t *count);

/* Introspection of the engine's active rules (built-in after policy filters, then custom). */
typedef struct ag_rule_info {
  uint32_t struct_size;
  int32_t confidence; /* AG_CONFIDENCE_* */
  uint32_t max_len;   /* longest match in bytes */
  char id[64];
  char family[16];
} ag_rule_info;

AG_API ag_status ag_scrub_rule_count(const ag_engine *engine, size_t *count);
/* AG_E_NOT_FOUND when index >= the rule count. */
AG_API ag_status ag_scrub_rule_info(const ag_engine *engine, size_t index,
                                    ag_rule_info *out);

/* Streaming: one redactor per stream (e.g. one SSE stream). It holds back only a bounded
 * tail (the longest rule's window, a few KB) and emits the rest as soon as no secret can
 * still cover it. The concatenated output of all writes and the finish is byte-identical
 * to ag_scrub of the concatenated input, for every chunking (1-byte chunks included);
 * finding offsets count from the start of the stream. The stream keeps the engine's rules
 * alive, so the engine may be freed first. */
typedef struct ag_scrub_stream ag_scrub_stream;

AG_API ag_status ag_scrub_stream_new(const ag_engine *engine, const ag_scrub_opts *opts,
                                     ag_scrub_stream **out);
AG_API void ag_scrub_stream_free(ag_scrub_stream *stream);
AG_API size_t ag_scrub_stream_last_error(const ag_scrub_stream *stream, char *buf, size_t cap);

/* The most output the next write of len bytes (or, with len 0, the finish) can produce:
 * the held tail plus len, with room for labels. SIZE_MAX on overflow or a NULL stream. */
AG_API size_t ag_scrub_stream_bound(const ag_scrub_stream *stream, size_t len);

/* Consumes in[0..len) and writes the output that became final to out (*out_len bytes,
 * possibly 0). REQUIRES cap >= ag_scrub_stream_bound(stream, len): otherwise nothing is
 * consumed and AG_E_BUFFER_TOO_SMALL returns that bound in *out_len.
 * AG_E_STATE after ag_scrub_stream_finish. */
AG_API ag_status ag_scrub_stream_write(ag_scrub_stream *stream, const char *in, size_t len,
                                       char *out, size_t cap, size_t *out_len);

/* Ends the input and writes everything still held (same room rule, with len 0). A secret
 * at the very end of the input is found here. Later writes fail with AG_E_STATE. */
AG_API ag_status ag_scrub_stream_finish(ag_scrub_stream *stream, char *out, size_t cap,
                                        size_t *out_len);

/* The findings emitted so far, as ag_scan returns them. */
AG_API ag_status ag_scrub_stream_findings(const ag_scrub_stream *stream, ag_finding *out,
                                          size_t cap, size_t *count);

/* ======================================================================================
 * Provider responses
 * ==================================================================================== */
/* Provider ids. AUTO detects the API from the body (or from the first stream event). */
#define AG_PROVIDER_AUTO 0
#define AG_PROVIDER_OPENAI_CHAT 1      /* OpenAI Chat Completions (and compatible APIs) */
#define AG_PROVIDER_OPENAI_RESPONSES 2 /* OpenAI Responses */
#define AG_PROVIDER_ANTHROPIC 3        /* Anthropic Messages */
#define AG_PROVIDER_GEMINI 4           /* Gemini generateContent (AI Studio and Vertex) */

/* Normalised finish reasons. The provider's own word is kept as the raw reason. A response
 * that asks for tool results reports TOOL_CALLS even where the provider says "STOP". */
#define AG_FINISH_NONE 0           /* not reported (a stream still running or truncated) */
#define AG_FINISH_STOP 1           /* natural end or a stop sequence */
#define AG_FINISH_LENGTH 2         /* output token limit or context window reached */
#define AG_FINISH_TOOL_CALLS 3     /* the model wants tool results */
#define AG_FINISH_CONTENT_FILTER 4 /* safety, recitation or refusal */
#define AG_FINISH_OTHER 5          /* anything else (pause_turn, MALFORMED_FUNCTION_CALL, ...) */

/* Static name of a provider id ("openai-chat", ...) or finish reason ("tool_calls", ...);
 * "unknown" for values out of range. */
AG_API const char *ag_provider_str(int32_t provider);
AG_API const char *ag_finish_reason_str(int32_t finish);

typedef struct ag_response ag_response;

/* Largest body or stream event accepted: larger input gives AG_E_TOO_LARGE. */
#define AG_MAX_RESPONSE_BYTES ((size_t)64 << 20)

/* Parses a non-streaming response body of `provider` (or AUTO). The body is not kept.
 * AG_E_PARSE: invalid JSON, invalid UTF-8 or a field of the wrong type; errbuf names the field
 * and byte offset. AG_E_PROVIDER_ERROR: the body is an error object (classify it with
 * ag_error_classify). AG_E_TOO_LARGE: len > AG_MAX_RESPONSE_BYTES. On failure *out is NULL. */
AG_API ag_status ag_response_parse(int32_t provider, const char *body, size_t len,
                                   ag_response **out, char *errbuf, size_t errbuf_cap);
AG_API void ag_response_free(ag_response *response);
AG_API size_t ag_response_last_error(const ag_response *response, char *buf, size_t cap);

/* The provider that produced the response (never AUTO). -1 when response is NULL. */
AG_API int32_t ag_response_provider(const ag_response *response);
/* Normalised usage (see ag_usage): input includes cache reads and writes, output includes
 * reasoning, whatever the provider's own counting. usage->struct_size must be set. */
AG_API ag_status ag_response_usage(const ag_response *response, ag_usage *usage);
/* One of AG_FINISH_*. -1 when response is NULL. */
AG_API int32_t ag_response_finish(const ag_response *response);
/* 1 when the response came from a stream that ended without its terminal event. */
AG_API int ag_response_truncated(const ag_response *response);

#define AG_FIELD_MODEL 0         /* model name as reported */
#define AG_FIELD_ID 1            /* response id ("" when the provider gives none) */
#define AG_FIELD_FINISH_RAW 2    /* the provider's own finish/stop reason or status */
#define AG_FIELD_TEXT 3          /* output text, concatenated; reasoning/thinking excluded */

/* Copies one string field (AG_FIELD_*) to buf, size query as usual. Not NUL-terminated. */
AG_API ag_status ag_response_field(const ag_response *response, int32_t field, char *buf,
                                   size_t cap, size_t *len_out);

/* Number of tool calls the host should execute (provider-run server tools are not listed). */
AG_API size_t ag_response_tool_call_count(const ag_response *response);

#define AG_TOOL_CALL_ID 0        /* call id; Gemini gives none: a stable one is derived */
#define AG_TOOL_CALL_NAME 1      /* function name */
#define AG_TOOL_CALL_ARGUMENTS 2 /* arguments as JSON text ("{}" when none) */

/* Copies one part (AG_TOOL_CALL_*) of tool call `index` to buf, size query as usual.
 * AG_E_INVALID_ARGUMENT when index >= ag_response_tool_call_count. */
AG_API ag_status ag_response_tool_call(const ag_response *response, size_t index, int32_t part,
                                       char *buf, size_t cap, size_t *len_out);

/* The whole response as one JSON object, for bindings:
 *   {"provider","model","id","finish_reason","finish_reason_raw","text","truncated",
 *    "usage":{"input_tokens","cached_input_tokens","cache_write_tokens",
 *             "cache_write_1h_tokens","output_tokens","reasoning_tokens"},
 *    "tool_calls":[{"id","name","arguments"}]}
 * Size query as usual. */
AG_API ag_status ag_response_to_json(const ag_response *response, char *buf, size_t cap,
                                     size_t *len_out);

/* ---- Streaming (server-sent events) ------------------------------------------------------
 * One parser per stream, fed chunks of any size and split anywhere. SSE framing follows the
 * HTML spec: lines end with "\n", "\r\n" or "\r"; "event:" names, multi-line "data:" joined
 * with "\n", ":" comments and pings ignored. One thread at a time. */
typedef struct ag_stream_parser ag_stream_parser;

/* provider may be AUTO (detected from the first event). */
AG_API ag_status ag_stream_parser_new(int32_t provider, ag_stream_parser **out);
AG_API void ag_stream_parser_free(ag_stream_parser *parser);
AG_API size_t ag_stream_parser_last_error(const ag_stream_parser *parser, char *buf, size_t cap);

/* Feeds bytes. AG_E_PARSE (an event's JSON is invalid; message has the event number and byte
 * offset), AG_E_PROVIDER_ERROR (the stream carried an error event), AG_E_TOO_LARGE (one event
 * exceeds AG_MAX_RESPONSE_BYTES). A failure is sticky: later writes return it again.
 * AG_E_STATE after ag_stream_parser_finish. */
AG_API ag_status ag_stream_parser_write(ag_stream_parser *parser, const char *chunk, size_t len);
/* Ends the stream. AG_OK when the terminal event was seen ([DONE], message_stop,
 * response.completed/incomplete, or a Gemini finishReason); AG_E_TRUNCATED (retryable)
 * otherwise. The result stays readable either way. A second call returns the same status. */
AG_API ag_status ag_stream_parser_finish(ag_stream_parser *parser);
/* 1 once the terminal event has been seen. */
AG_API int ag_stream_parser_done(const ag_stream_parser *parser);

/* Redacts the output text with a scrub stream (see Scrubbing): text taken with
 * ag_stream_parser_take_text and the result's text are the scrub stream's output; the scrub
 * stream is finished by ag_stream_parser_finish. The parser borrows scrub (NULL detaches): it
 * must outlive the parser and not be used elsewhere meanwhile. AG_E_STATE after the first
 * write. */
AG_API ag_status ag_stream_parser_set_scrub(ag_stream_parser *parser, ag_scrub_stream *scrub);

/* Moves the output text received since the last call into buf (size query as usual; nothing
 * is consumed unless it all fits). Reasoning text is not included. */
AG_API ag_status ag_stream_parser_take_text(ag_stream_parser *parser, char *buf, size_t cap,
                                            size_t *len_out);
/* A snapshot of what the stream has said so far (usage, tool calls assembled, finish, text)
 * as a new ag_response, freed with ag_response_free. Valid at any time; after a truncated
 * finish the snapshot reports ag_response_truncated() == 1. */
AG_API ag_status ag_stream_parser_result(ag_stream_parser *parser, ag_response **out);

/* ---- Error bodies -------------------------------------------------------------------------- */
#define AG_ERROR_UNKNOWN 0
#define AG_ERROR_RATE_LIMIT 1      /* retryable */
#define AG_ERROR_OVERLOADED 2      /* retryable */
#define AG_ERROR_CONTEXT_LENGTH 3  /* prompt too long for the model */
#define AG_ERROR_CONTENT_POLICY 4
#define AG_ERROR_AUTH 5            /* missing or invalid key */
#define AG_ERROR_PERMISSION 6
#define AG_ERROR_NOT_FOUND 7       /* model or resource unknown */
#define AG_ERROR_BILLING 8         /* quota or credit exhausted */
#define AG_ERROR_INVALID_REQUEST 9
#define AG_ERROR_SERVER 10         /* retryable */

typedef struct ag_error_info {
  uint32_t struct_size;
  int32_t error_class;    /* AG_ERROR_* */
  int32_t retryable;      /* 1 when retrying later can succeed */
  int32_t http_status;    /* as passed in (0 = unknown) */
  int64_t retry_after_ms; /* -1 = not given */
} ag_error_info;

/* Static name of an AG_ERROR_* class ("rate_limit", ...); "unknown" out of range. */
AG_API const char *ag_error_class_str(int32_t error_class);

/* Classifies a provider error from its HTTP status (0 = unknown), raw response headers
 * ("Name: value" lines separated by "\n" or "\r\n"; NULL/0 = none) and body (any provider's
 * error JSON, or anything else: a body that is not JSON is classified by status alone).
 * retry_after_ms comes from retry-after-ms, then retry-after (seconds or an HTTP-date,
 * measured from the response's Date header when present), then Gemini's RetryInfo.
 * An x-should-retry header overrides the class's retryable flag. message_buf receives the
 * provider's message (size query as usual; may be NULL with message_len NULL).
 * AG_E_STRUCT_SIZE when info->struct_size is not sizeof(ag_error_info). */
AG_API ag_status ag_error_classify(int32_t provider, int32_t http_status, const char *headers,
                                   size_t headers_len, const char *body, size_t body_len,
                                   ag_error_info *info, char *message_buf, size_t message_cap,
                                   size_t *message_len);

/* ---- Recording into a run ------------------------------------------------------------------ */
/* Parses body, prices its usage for the reserved model and commits the reservation (as
 * ag_run_commit). usage_out and cost_out may be NULL. On a parse or provider error nothing is
 * committed and the reservation stays open (release it, or retry). */
AG_API ag_status ag_run_record_response(ag_run *run, uint64_t reservation, int32_t provider,
                                        const char *body, size_t len, ag_usage *usage_out,
                                        int64_t *cost_out);
/* The same for a stream: commits the usage the parser has seen (also after a truncated
 * finish: tokens were spent). AG_E_STATE when ag_stream_parser_finish was not called. */
AG_API ag_status ag_run_record_stream(ag_run *run, uint64_t reservation,
                                      const ag_stream_parser *parser, ag_usage *usage_out,
                                      int64_t *cost_out);

/* ======================================================================================
 * Token counting
 * ==================================================================================== */
/* Exact counts use the published BPE vocabularies (tiktoken rank files o200k_base.tiktoken
 * and cl100k_base.tiktoken, read from a directory: the policy's tokenizers.dir, else
 * $AGENTGUARD_TOKENIZER_DIR) and give the same tokens as tiktoken and gpt-tokenizer.
 * Special tokens such as <|endoftext|> are counted as the ordinary text they are spelled
 * with. Invalid UTF-8 is counted as if each ill-formed sequence were U+FFFD (the WHATWG
 * decoding rule). Files are loaded on first use, once per engine or tokenizer; a missing or
 * malformed file gives AG_E_TOKENIZER naming the file and line, on that call and every
 * later one. */
#define AG_ENCODING_ESTIMATE 0    /* no exact tokenizer: ag_tokens_estimate */
#define AG_ENCODING_O200K_BASE 1  /* GPT-4o, GPT-4.1, GPT-5, o-series, gpt-oss */
#define AG_ENCODING_CL100K_BASE 2 /* GPT-4, GPT-3.5, text-embedding-3 */

/* The encoding of a model's tokenizer: AG_ENCODING_O200K_BASE or AG_ENCODING_CL100K_BASE
 * for OpenAI models, AG_ENCODING_ESTIMATE for everything else (Anthropic and Google publish
 * no tokenizer). Case-insensitive; "openai/" and "ft:" prefixes are ignored. Never fails. */
AG_API int32_t ag_encoding_for_model(const char *model, size_t model_len);

/* Counts the tokens of text with the engine's tokenizers. encoding is an AG_ENCODING_*
 * value; AG_ENCODING_ESTIMATE gives ag_tokens_estimate. AG_E_TOKENIZER when the rank files
 * are missing or invalid (the message, from ag_engine_last_error, names the file). */
AG_API ag_status ag_tokens_count(const ag_engine *engine, int32_t encoding, const char *text,
                                 size_t text_len, uint64_t *count);

/* A deliberately high estimate of the token count, for models without a public tokenizer
 * or when rank files are absent: never below the exact o200k_base and cl100k_base counts on
 * typical prose, code, JSON and CJK text (measured error in docs/tokenize.md). Any bytes. */
AG_API ag_status ag_tokens_estimate(const char *text, size_t text_len, uint64_t *count);

/* A tokenizer without an engine. dir (UTF-8 path, not NUL-terminated) holds the rank
 * files; dir == NULL uses $AGENTGUARD_TOKENIZER_DIR. Creation reads nothing: files load on
 * first use. Thread-safe; free with ag_tokenizer_free. */
typedef struct ag_tokenizer ag_tokenizer;
AG_API ag_status ag_tokenizer_new(const char *dir, size_t dir_len, ag_tokenizer **out);
AG_API void ag_tokenizer_free(ag_tokenizer *tokenizer);
/* Message of the last failed call that used this tokenizer (snprintf style). */
AG_API size_t ag_tokenizer_last_error(const ag_tokenizer *tokenizer, char *buf, size_t cap);
/* As ag_tokens_count, with this tokenizer's directory. */
AG_API ag_status ag_tokenizer_count(const ag_tokenizer *tokenizer, int32_t encoding,
                                    const char *text, size_t text_len, uint64_t *count);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* AGENTGUARD_H */
