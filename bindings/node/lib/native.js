'use strict';
// Loads libagentguard with koffi, checks its version and declares every C function.
// Search order: $AGENTGUARD_LIB (path to the library), `pkg-config --variable=libdir
// agentguard`, then the system search path ("libagentguard.so.0").

const koffi = require('koffi');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Status, errorFor } = require('./errors');

/** The MAJOR version this binding speaks; a library of another MAJOR is refused. */
const EXPECTED_MAJOR = 0;
const SONAME = 'libagentguard.so.0';

function candidates() {
  if (process.env.AGENTGUARD_LIB) return [process.env.AGENTGUARD_LIB];
  const list = [];
  try {
    const libdir = execFileSync('pkg-config', ['--variable=libdir', 'agentguard'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (libdir) list.push(path.join(libdir, SONAME));
  } catch (_) { /* no pkg-config or no agentguard.pc: fall through */ }
  list.push(SONAME);
  return list;
}

function open() {
  const failures = [];
  for (const name of candidates()) {
    try {
      return koffi.load(name);
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }
  throw new Error(`libagentguard not found (set AGENTGUARD_LIB to its path): ${failures.join('; ')}`);
}

/** Throws VersionError unless the library's MAJOR equals expectedMajor. */
function checkVersion(number, expectedMajor = EXPECTED_MAJOR) {
  const major = Math.floor(number / 10000);
  if (major !== expectedMajor) {
    const v = `${major}.${Math.floor(number / 100) % 100}.${number % 100}`;
    throw errorFor(Status.VERSION,
      `libagentguard ${v} is loaded but this binding needs major version ${expectedMajor}`);
  }
}

koffi.alias('ag_status', 'int32_t');
for (const h of ['ag_engine', 'ag_ledger', 'ag_run', 'ag_scrub_stream', 'ag_response',
  'ag_stream_parser', 'ag_tokenizer']) koffi.opaque(h);

const structs = {
  ag_usage: koffi.struct('ag_usage', {
    struct_size: 'uint32_t', input_tokens: 'uint64_t', cached_input_tokens: 'uint64_t',
    cache_write_tokens: 'uint64_t', output_tokens: 'uint64_t', reasoning_tokens: 'uint64_t',
    cache_write_1h_tokens: 'uint64_t',
  }),
  ag_model_price: koffi.struct('ag_model_price', {
    struct_size: 'uint32_t', input_per_mtok_nusd: 'int64_t', cached_input_per_mtok_nusd: 'int64_t',
    cache_write_5m_per_mtok_nusd: 'int64_t', cache_write_1h_per_mtok_nusd: 'int64_t',
    output_per_mtok_nusd: 'int64_t', reasoning_per_mtok_nusd: 'int64_t',
    tier_threshold_tokens: 'uint64_t', input_above_per_mtok_nusd: 'int64_t',
    output_above_per_mtok_nusd: 'int64_t',
  }),
  ag_counter: koffi.struct('ag_counter', {
    struct_size: 'uint32_t', spent_nusd: 'int64_t', reserved_nusd: 'int64_t', limit_nusd: 'int64_t',
    spent_tokens: 'int64_t', reserved_tokens: 'int64_t', limit_tokens: 'int64_t',
    window_start_ms: 'int64_t',
  }),
  ag_run_stats: koffi.struct('ag_run_stats', {
    struct_size: 'uint32_t', spent_nusd: 'int64_t', reserved_nusd: 'int64_t', limit_nusd: 'int64_t',
    remaining_nusd: 'int64_t', spent_tokens: 'int64_t', reserved_tokens: 'int64_t',
    limit_tokens: 'int64_t', turns: 'int64_t', max_turns: 'int64_t', tool_calls: 'int64_t',
    max_tool_calls: 'int64_t', started_ms: 'int64_t', elapsed_ms: 'int64_t',
    remaining_ms: 'int64_t', open_reservations: 'int64_t', state: 'ag_status',
  }),
  ag_scrub_opts: koffi.struct('ag_scrub_opts', {
    struct_size: 'uint32_t', style: 'int32_t', threads: 'uint32_t',
  }),
  ag_finding: koffi.struct('ag_finding', {
    struct_size: 'uint32_t', rule_index: 'uint32_t', start: 'uint64_t', end: 'uint64_t',
    confidence: 'int32_t', rule: 'char[64]', family: 'char[16]',
  }),
  ag_rule_info: koffi.struct('ag_rule_info', {
    struct_size: 'uint32_t', confidence: 'int32_t', max_len: 'uint32_t', id: 'char[64]',
    family: 'char[16]',
  }),
  ag_error_info: koffi.struct('ag_error_info', {
    struct_size: 'uint32_t', error_class: 'int32_t', retryable: 'int32_t', http_status: 'int32_t',
    retry_after_ms: 'int64_t',
  }),
};

/** Callback types, for koffi.register(fn, koffi.pointer(callbacks.ag_write_fn)). */
const callbacks = {
  // Receives ag_scrub_to's output: data is an opaque pointer, valid only during the call.
  ag_write_fn: koffi.proto('int ag_write_fn(void *ctx, const void *data, size_t len)'),
};

// Byte strings cross as (const uint8_t *, size_t): Buffers with embedded NULs are data.
const PROTOTYPES = [
  'uint32_t ag_version_number(void)',
  'const char *ag_version_string(void)',
  'const char *ag_status_str(ag_status s)',
  'int ag_status_is_retryable(ag_status s)',
  'ag_status ag_engine_new(const uint8_t *policy, size_t len, _Out_ ag_engine **out, uint8_t *errbuf, size_t cap)',
  'void ag_engine_free(ag_engine *e)',
  'size_t ag_engine_last_error(const ag_engine *e, uint8_t *buf, size_t cap)',
  'ag_status ag_engine_price(const ag_engine *e, const uint8_t *model, size_t len, const ag_usage *u, _Out_ int64_t *cost)',
  'ag_status ag_engine_model_price(const ag_engine *e, const uint8_t *model, size_t len, _Inout_ ag_model_price *out, uint8_t *name, size_t cap, _Out_ size_t *name_len)',
  'ag_status ag_ledger_new(const ag_engine *e, const char *store, _Out_ ag_ledger **out)',
  'void ag_ledger_free(ag_ledger *l)',
  'size_t ag_ledger_last_error(const ag_ledger *l, uint8_t *buf, size_t cap)',
  'ag_status ag_ledger_get(ag_ledger *l, int32_t scope, const uint8_t *id, size_t len, int32_t window, _Out_ int64_t *spent, _Out_ int64_t *reserved)',
  'ag_status ag_ledger_counter(ag_ledger *l, int32_t scope, const uint8_t *id, size_t len, int32_t window, _Inout_ ag_counter *out)',
  'ag_status ag_ledger_set_limit(ag_ledger *l, int32_t scope, const uint8_t *id, size_t len, int32_t window, int64_t usd, int64_t tokens)',
  'ag_status ag_ledger_clear_limit(ag_ledger *l, int32_t scope, const uint8_t *id, size_t len, int32_t window)',
  'ag_status ag_ledger_kill(ag_ledger *l, int32_t scope, const uint8_t *id, size_t len, const uint8_t *reason, size_t rlen)',
  'ag_status ag_ledger_revive(ag_ledger *l, int32_t scope, const uint8_t *id, size_t len)',
  'ag_status ag_ledger_set_time(ag_ledger *l, int64_t now_ms)',
  'int64_t ag_ledger_now(const ag_ledger *l)',
  'ag_status ag_ledger_expire(ag_ledger *l, _Out_ uint64_t *released)',
  'ag_status ag_run_begin(const ag_engine *e, ag_ledger *l, const uint8_t *opts, size_t len, _Out_ ag_run **out)',
  'void ag_run_free(ag_run *r)',
  'size_t ag_run_last_error(const ag_run *r, uint8_t *buf, size_t cap)',
  'ag_status ag_run_reserve(ag_run *r, const uint8_t *model, size_t len, uint64_t input, uint64_t max_output, _Out_ uint64_t *reservation)',
  'ag_status ag_run_commit(ag_run *r, uint64_t reservation, const ag_usage *u, _Out_ int64_t *cost)',
  'ag_status ag_run_release(ag_run *r, uint64_t reservation)',
  'ag_status ag_run_check(ag_run *r)',
  'ag_status ag_run_turn(ag_run *r)',
  'ag_status ag_run_tool_call(ag_run *r, const uint8_t *tool, size_t len)',
  'ag_status ag_run_step_timeout(ag_run *r, _Out_ int64_t *timeout_ms)',
  'ag_status ag_run_stats_get(ag_run *r, _Inout_ ag_run_stats *out)',
  'ag_status ag_run_id(ag_run *r, uint8_t *buf, size_t cap, _Out_ size_t *len)',
  'ag_status ag_run_snapshot(ag_run *r, uint8_t *buf, size_t cap, _Out_ size_t *len)',
  'ag_status ag_run_restore(const ag_engine *e, ag_ledger *l, const uint8_t *snap, size_t len, uint32_t flags, _Out_ ag_run **out)',
  // scrubbing
  'ag_status ag_scrub_bound(const ag_engine *e, const ag_scrub_opts *o, size_t len, _Out_ size_t *bound)',
  'ag_status ag_scrub(const ag_engine *e, const ag_scrub_opts *o, const uint8_t *in, size_t len, uint8_t *out, size_t cap, _Out_ size_t *out_len, _Out_ size_t *findings)',
  'ag_status ag_scrub_to(const ag_engine *e, const ag_scrub_opts *o, const uint8_t *in, size_t len, ag_write_fn *write, void *ctx, _Out_ size_t *findings)',
  'ag_status ag_scan(const ag_engine *e, const uint8_t *in, size_t len, uint8_t *out, size_t cap, _Out_ size_t *count)',
  'ag_status ag_scan_with(const ag_engine *e, const ag_scrub_opts *o, const uint8_t *in, size_t len, uint8_t *out, size_t cap, _Out_ size_t *count)',
  'ag_status ag_scrub_rule_count(const ag_engine *e, _Out_ size_t *count)',
  'ag_status ag_scrub_rule_info(const ag_engine *e, size_t index, _Inout_ ag_rule_info *out)',
  'ag_status ag_scrub_stream_new(const ag_engine *e, const ag_scrub_opts *o, _Out_ ag_scrub_stream **out)',
  'void ag_scrub_stream_free(ag_scrub_stream *s)',
  'size_t ag_scrub_stream_last_error(const ag_scrub_stream *s, uint8_t *buf, size_t cap)',
  'size_t ag_scrub_stream_bound(const ag_scrub_stream *s, size_t len)',
  'ag_status ag_scrub_stream_write(ag_scrub_stream *s, const uint8_t *in, size_t len, uint8_t *out, size_t cap, _Out_ size_t *out_len)',
  'ag_status ag_scrub_stream_finish(ag_scrub_stream *s, uint8_t *out, size_t cap, _Out_ size_t *out_len)',
  'ag_status ag_scrub_stream_findings(const ag_scrub_stream *s, uint8_t *out, size_t cap, _Out_ size_t *count)',
  // provider responses
  'const char *ag_provider_str(int32_t provider)',
  'const char *ag_finish_reason_str(int32_t finish)',
  'ag_status ag_response_parse(int32_t provider, const uint8_t *body, size_t len, _Out_ ag_response **out, uint8_t *errbuf, size_t cap)',
  'void ag_response_free(ag_response *r)',
  'size_t ag_response_last_error(const ag_response *r, uint8_t *buf, size_t cap)',
  'int32_t ag_response_provider(const ag_response *r)',
  'ag_status ag_response_usage(const ag_response *r, _Inout_ ag_usage *u)',
  'int32_t ag_response_finish(const ag_response *r)',
  'int ag_response_truncated(const ag_response *r)',
  'ag_status ag_response_field(const ag_response *r, int32_t field, uint8_t *buf, size_t cap, _Out_ size_t *len)',
  'size_t ag_response_tool_call_count(const ag_response *r)',
  'ag_status ag_response_tool_call(const ag_response *r, size_t index, int32_t part, uint8_t *buf, size_t cap, _Out_ size_t *len)',
  'ag_status ag_response_to_json(const ag_response *r, uint8_t *buf, size_t cap, _Out_ size_t *len)',
  'ag_status ag_stream_parser_new(int32_t provider, _Out_ ag_stream_parser **out)',
  'void ag_stream_parser_free(ag_stream_parser *p)',
  'size_t ag_stream_parser_last_error(const ag_stream_parser *p, uint8_t *buf, size_t cap)',
  'ag_status ag_stream_parser_write(ag_stream_parser *p, const uint8_t *chunk, size_t len)',
  'ag_status ag_stream_parser_finish(ag_stream_parser *p)',
  'int ag_stream_parser_done(const ag_stream_parser *p)',
  'ag_status ag_stream_parser_take_text(ag_stream_parser *p, uint8_t *buf, size_t cap, _Out_ size_t *len)',
  'ag_status ag_stream_parser_result(ag_stream_parser *p, _Out_ ag_response **out)',
  'const char *ag_error_class_str(int32_t error_class)',
  'ag_status ag_error_classify(int32_t provider, int32_t http_status, const uint8_t *headers, size_t hlen, const uint8_t *body, size_t blen, _Inout_ ag_error_info *info, uint8_t *msg, size_t cap, _Out_ size_t *msg_len)',
  'ag_status ag_run_record_response(ag_run *r, uint64_t reservation, int32_t provider, const uint8_t *body, size_t len, _Inout_ ag_usage *usage, _Out_ int64_t *cost)',
  'ag_status ag_run_record_stream(ag_run *r, uint64_t reservation, const ag_stream_parser *p, _Inout_ ag_usage *usage, _Out_ int64_t *cost)',
  // token counting
  'int32_t ag_encoding_for_model(const uint8_t *model, size_t len)',
  'ag_status ag_tokens_count(const ag_engine *e, int32_t encoding, const uint8_t *text, size_t len, _Out_ uint64_t *count)',
  'ag_status ag_tokens_estimate(const uint8_t *text, size_t len, _Out_ uint64_t *count)',
  'ag_status ag_tokenizer_new(const uint8_t *dir, size_t len, _Out_ ag_tokenizer **out)',
  'void ag_tokenizer_free(ag_tokenizer *t)',
  'size_t ag_tokenizer_last_error(const ag_tokenizer *t, uint8_t *buf, size_t cap)',
  'ag_status ag_tokenizer_count(const ag_tokenizer *t, int32_t encoding, const uint8_t *text, size_t len, _Out_ uint64_t *count)',
];

const lib = open();
/** C functions by name; those absent from the loaded library are left out. */
const C = {};
for (const proto of PROTOTYPES) {
  const name = proto.match(/(ag_\w+)\(/)[1];
  try {
    C[name] = lib.func(proto);
  } catch (_) { /* symbol not in this build */ }
}
checkVersion(C.ag_version_number());

/** A new struct value with struct_size set. */
function newStruct(name, fields = {}) {
  return { struct_size: koffi.sizeof(structs[name]), ...fields };
}

/** UTF-8 bytes of a string, or the Buffer itself. */
function bytes(value) {
  if (value === undefined || value === null) return Buffer.alloc(0);
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
}

/** Calls fn(buf, cap, lenOut) with the size-query convention; check(status) throws. */
function readSized(fn, check, initial = 256) {
  let buf = Buffer.alloc(initial);
  const len = [0];
  let s = fn(buf, buf.length, len);
  if (s === Status.BUFFER_TOO_SMALL && len[0] > buf.length) {
    buf = Buffer.alloc(len[0]);
    s = fn(buf, buf.length, len);
  }
  check(s);
  return buf.subarray(0, len[0]);
}

/** A handle's last error message (snprintf-style getter). */
function lastError(getter, handle) {
  let buf = Buffer.alloc(512);
  const n = getter(handle, buf, buf.length);
  if (n >= buf.length) {
    buf = Buffer.alloc(n + 1);
    getter(handle, buf, buf.length);
  }
  return buf.toString('utf8', 0, Math.min(n, buf.length - 1));
}

module.exports = { C, structs, callbacks, EXPECTED_MAJOR, checkVersion, newStruct, bytes, readSized, lastError };
