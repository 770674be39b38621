//! Raw declarations of the libagentguard C ABI (`include/agentguard.h`). Every function is
//! unsafe; the `agentguard` crate is the safe wrapper.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_void};

pub type ag_status = i32;

pub const AG_VERSION_MAJOR: u32 = 0;

pub const AG_OK: ag_status = 0;
pub const AG_E_INVALID_ARGUMENT: ag_status = -1;
pub const AG_E_NOMEM: ag_status = -2;
pub const AG_E_INTERNAL: ag_status = -3;
pub const AG_E_BUFFER_TOO_SMALL: ag_status = -4;
pub const AG_E_STRUCT_SIZE: ag_status = -5;
pub const AG_E_PARSE: ag_status = -6;
pub const AG_E_POLICY: ag_status = -7;
pub const AG_E_UNKNOWN_MODEL: ag_status = -8;
pub const AG_E_BUDGET_EXCEEDED: ag_status = -9;
pub const AG_E_DEADLINE_EXCEEDED: ag_status = -10;
pub const AG_E_TURN_LIMIT: ag_status = -11;
pub const AG_E_TOOL_CALL_LIMIT: ag_status = -12;
pub const AG_E_KILLED: ag_status = -13;
pub const AG_E_NOT_FOUND: ag_status = -14;
pub const AG_E_EXPIRED: ag_status = -15;
pub const AG_E_RUN_CLOSED: ag_status = -16;
pub const AG_E_IO: ag_status = -17;
pub const AG_E_UNSUPPORTED: ag_status = -18;
pub const AG_E_STATE: ag_status = -19;
pub const AG_E_TRUNCATED: ag_status = -20;
pub const AG_E_PROVIDER_ERROR: ag_status = -21;
pub const AG_E_TOO_LARGE: ag_status = -22;
pub const AG_E_SCRUB_COMPILE: ag_status = -23;
pub const AG_E_TOKENIZER: ag_status = -24;
pub const AG_E_VERSION: ag_status = -25;

pub const AG_SCOPE_RUN: i32 = 0;
pub const AG_SCOPE_USER: i32 = 1;
pub const AG_SCOPE_TENANT: i32 = 2;
pub const AG_SCOPE_GLOBAL: i32 = 3;
pub const AG_WINDOW_TOTAL: i32 = 0;
pub const AG_WINDOW_HOUR: i32 = 1;
pub const AG_WINDOW_DAY: i32 = 2;
pub const AG_WINDOW_MONTH: i32 = 3;
pub const AG_RESTORE_DEFAULT: u32 = 0;
pub const AG_RESTORE_REAPPLY: u32 = 1;

#[repr(C)]
pub struct ag_engine {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct ag_ledger {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct ag_run {
    _opaque: [u8; 0],
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ag_usage {
    pub struct_size: u32,
    pub input_tokens: u64,
    pub cached_input_tokens: u64,
    pub cache_write_tokens: u64,
    pub output_tokens: u64,
    pub reasoning_tokens: u64,
    pub cache_write_1h_tokens: u64,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ag_model_price {
    pub struct_size: u32,
    pub input_per_mtok_nusd: i64,
    pub cached_input_per_mtok_nusd: i64,
    pub cache_write_5m_per_mtok_nusd: i64,
    pub cache_write_1h_per_mtok_nusd: i64,
    pub output_per_mtok_nusd: i64,
    pub reasoning_per_mtok_nusd: i64,
    pub tier_threshold_tokens: u64,
    pub input_above_per_mtok_nusd: i64,
    pub output_above_per_mtok_nusd: i64,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ag_counter {
    pub struct_size: u32,
    pub spent_nusd: i64,
    pub reserved_nusd: i64,
    pub limit_nusd: i64,
    pub spent_tokens: i64,
    pub reserved_tokens: i64,
    pub limit_tokens: i64,
    pub window_start_ms: i64,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ag_run_stats {
    pub struct_size: u32,
    pub spent_nusd: i64,
    pub reserved_nusd: i64,
    pub limit_nusd: i64,
    pub remaining_nusd: i64,
    pub spent_tokens: i64,
    pub reserved_tokens: i64,
    pub limit_tokens: i64,
    pub turns: i64,
    pub max_turns: i64,
    pub tool_calls: i64,
    pub max_tool_calls: i64,
    pub started_ms: i64,
    pub elapsed_ms: i64,
    pub remaining_ms: i64,
    pub open_reservations: i64,
    pub state: ag_status,
}

extern "C" {
    pub fn ag_version_number() -> u32;
    pub fn ag_version_string() -> *const c_char;
    pub fn ag_status_str(s: ag_status) -> *const c_char;
    pub fn ag_status_is_retryable(s: ag_status) -> c_int;

    pub fn ag_engine_new(policy: *const c_char, len: usize, out: *mut *mut ag_engine,
                         errbuf: *mut c_char, errbuf_cap: usize) -> ag_status;
    pub fn ag_engine_free(engine: *mut ag_engine);
    pub fn ag_engine_last_error(engine: *const ag_engine, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_engine_price(engine: *const ag_engine, model: *const c_char, model_len: usize,
                           usage: *const ag_usage, cost_nusd: *mut i64) -> ag_status;
    pub fn ag_engine_model_price(engine: *const ag_engine, model: *const c_char, model_len: usize,
                                 out: *mut ag_model_price, name_buf: *mut c_char, name_cap: usize,
                                 name_len: *mut usize) -> ag_status;

    pub fn ag_ledger_new(engine: *const ag_engine, store_uri: *const c_char,
                         out: *mut *mut ag_ledger) -> ag_status;
    pub fn ag_ledger_free(ledger: *mut ag_ledger);
    pub fn ag_ledger_last_error(ledger: *const ag_ledger, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_ledger_get(ledger: *mut ag_ledger, scope: i32, id: *const c_char, id_len: usize,
                         window: i32, spent_nusd: *mut i64, reserved_nusd: *mut i64) -> ag_status;
    pub fn ag_ledger_counter(ledger: *mut ag_ledger, scope: i32, id: *const c_char, id_len: usize,
                             window: i32, out: *mut ag_counter) -> ag_status;
    pub fn ag_ledger_set_limit(ledger: *mut ag_ledger, scope: i32, id: *const c_char,
                               id_len: usize, window: i32, limit_nusd: i64,
                               limit_tokens: i64) -> ag_status;
    pub fn ag_ledger_clear_limit(ledger: *mut ag_ledger, scope: i32, id: *const c_char,
                                 id_len: usize, window: i32) -> ag_status;
    pub fn ag_ledger_kill(ledger: *mut ag_ledger, scope: i32, id: *const c_char, id_len: usize,
                          reason: *const c_char, reason_len: usize) -> ag_status;
    pub fn ag_ledger_revive(ledger: *mut ag_ledger, scope: i32, id: *const c_char,
                            id_len: usize) -> ag_status;
    pub fn ag_ledger_set_time(ledger: *mut ag_ledger, now_ms: i64) -> ag_status;
    pub fn ag_ledger_now(ledger: *const ag_ledger) -> i64;
    pub fn ag_ledger_expire(ledger: *mut ag_ledger, released: *mut u64) -> ag_status;

    pub fn ag_run_begin(engine: *const ag_engine, ledger: *mut ag_ledger, opts_json: *const c_char,
                        opts_len: usize, out: *mut *mut ag_run) -> ag_status;
    pub fn ag_run_free(run: *mut ag_run);
    pub fn ag_run_last_error(run: *const ag_run, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_run_reserve(run: *mut ag_run, model: *const c_char, model_len: usize,
                          input_tokens: u64, max_output_tokens: u64,
                          reservation: *mut u64) -> ag_status;
    pub fn ag_run_commit(run: *mut ag_run, reservation: u64, usage: *const ag_usage,
                         cost_nusd: *mut i64) -> ag_status;
    pub fn ag_run_release(run: *mut ag_run, reservation: u64) -> ag_status;
    pub fn ag_run_check(run: *mut ag_run) -> ag_status;
    pub fn ag_run_turn(run: *mut ag_run) -> ag_status;
    pub fn ag_run_tool_call(run: *mut ag_run, tool: *const c_char, tool_len: usize) -> ag_status;
    pub fn ag_run_step_timeout(run: *mut ag_run, timeout_ms: *mut i64) -> ag_status;
    pub fn ag_run_stats_get(run: *mut ag_run, out: *mut ag_run_stats) -> ag_status;
    pub fn ag_run_id(run: *mut ag_run, buf: *mut c_char, cap: usize, len_out: *mut usize) -> ag_status;
    pub fn ag_run_snapshot(run: *mut ag_run, buf: *mut c_char, cap: usize,
                           len_out: *mut usize) -> ag_status;
    pub fn ag_run_restore(engine: *const ag_engine, ledger: *mut ag_ledger,
                          snapshot_json: *const c_char, snapshot_len: usize, flags: u32,
                          out: *mut *mut ag_run) -> ag_status;
}

// ---- Scrubbing ------------------------------------------------------------------------

pub const AG_SCRUB_STYLE_DEFAULT: i32 = 0;
pub const AG_SCRUB_STYLE_LABEL: i32 = 1;
pub const AG_SCRUB_STYLE_MASK: i32 = 2;
pub const AG_SCRUB_STYLE_HASH: i32 = 3;
pub const AG_SCRUB_STYLE_DETECT: i32 = 4;
pub const AG_CONFIDENCE_LOW: i32 = 0;
pub const AG_CONFIDENCE_MEDIUM: i32 = 1;
pub const AG_CONFIDENCE_HIGH: i32 = 2;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ag_scrub_opts {
    pub struct_size: u32,
    pub style: i32,
    /// ag_scrub only: the most threads one call may use (0 and 1: the calling thread).
    pub threads: u32,
}

pub const AG_SCRUB_PART_MIN: u32 = 1 << 20;
pub const AG_SCRUB_THREADS_MAX: u32 = 256;

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ag_finding {
    pub struct_size: u32,
    pub rule_index: u32,
    pub start: u64,
    pub end: u64,
    pub confidence: i32,
    pub rule: [c_char; 64],
    pub family: [c_char; 16],
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ag_rule_info {
    pub struct_size: u32,
    pub confidence: i32,
    pub max_len: u32,
    pub id: [c_char; 64],
    pub family: [c_char; 16],
}

#[repr(C)]
pub struct ag_scrub_stream {
    _opaque: [u8; 0],
}

/// Receives `ag_scrub_to`'s output in order, in pieces (`len > 0`) valid only during the call;
/// 0 goes on, anything else stops the scrub (which then returns `AG_E_IO`). Called on the
/// thread that called `ag_scrub_to`. `None` is the C NULL (`AG_E_INVALID_ARGUMENT`).
pub type ag_write_fn = Option<unsafe extern "C" fn(ctx: *mut c_void, data: *const c_char, len: usize) -> c_int>;

extern "C" {
    pub fn ag_scrub_bound(engine: *const ag_engine, opts: *const ag_scrub_opts, len: usize,
                          bound: *mut usize) -> ag_status;
    pub fn ag_scrub(engine: *const ag_engine, opts: *const ag_scrub_opts, input: *const c_char,
                    len: usize, out: *mut c_char, cap: usize, out_len: *mut usize,
                    findings_count: *mut usize) -> ag_status;
    pub fn ag_scrub_to(engine: *const ag_engine, opts: *const ag_scrub_opts, input: *const c_char,
                       len: usize, write: ag_write_fn, ctx: *mut c_void,
                       findings_count: *mut usize) -> ag_status;
    pub fn ag_scan(engine: *const ag_engine, input: *const c_char, len: usize, out: *mut ag_finding,
                   cap: usize, count: *mut usize) -> ag_status;
    pub fn ag_scan_with(engine: *const ag_engine, opts: *const ag_scrub_opts, input: *const c_char,
                        len: usize, out: *mut ag_finding, cap: usize, count: *mut usize) -> ag_status;
    pub fn ag_scrub_rule_count(engine: *const ag_engine, count: *mut usize) -> ag_status;
    pub fn ag_scrub_rule_info(engine: *const ag_engine, index: usize, out: *mut ag_rule_info) -> ag_status;
    pub fn ag_scrub_stream_new(engine: *const ag_engine, opts: *const ag_scrub_opts,
                               out: *mut *mut ag_scrub_stream) -> ag_status;
    pub fn ag_scrub_stream_free(stream: *mut ag_scrub_stream);
    pub fn ag_scrub_stream_last_error(stream: *const ag_scrub_stream, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_scrub_stream_bound(stream: *const ag_scrub_stream, len: usize) -> usize;
    pub fn ag_scrub_stream_write(stream: *mut ag_scrub_stream, input: *const c_char, len: usize,
                                 out: *mut c_char, cap: usize, out_len: *mut usize) -> ag_status;
    pub fn ag_scrub_stream_finish(stream: *mut ag_scrub_stream, out: *mut c_char, cap: usize,
                                  out_len: *mut usize) -> ag_status;
    pub fn ag_scrub_stream_findings(stream: *const ag_scrub_stream, out: *mut ag_finding, cap: usize,
                                    count: *mut usize) -> ag_status;
}

// ---- Provider responses ---------------------------------------------------------------

pub const AG_PROVIDER_AUTO: i32 = 0;
pub const AG_PROVIDER_OPENAI_CHAT: i32 = 1;
pub const AG_PROVIDER_OPENAI_RESPONSES: i32 = 2;
pub const AG_PROVIDER_ANTHROPIC: i32 = 3;
pub const AG_PROVIDER_GEMINI: i32 = 4;
pub const AG_FINISH_NONE: i32 = 0;
pub const AG_FINISH_STOP: i32 = 1;
pub const AG_FINISH_LENGTH: i32 = 2;
pub const AG_FINISH_TOOL_CALLS: i32 = 3;
pub const AG_FINISH_CONTENT_FILTER: i32 = 4;
pub const AG_FINISH_OTHER: i32 = 5;
pub const AG_FIELD_MODEL: i32 = 0;
pub const AG_FIELD_ID: i32 = 1;
pub const AG_FIELD_FINISH_RAW: i32 = 2;
pub const AG_FIELD_TEXT: i32 = 3;
pub const AG_TOOL_CALL_ID: i32 = 0;
pub const AG_TOOL_CALL_NAME: i32 = 1;
pub const AG_TOOL_CALL_ARGUMENTS: i32 = 2;
pub const AG_ERROR_UNKNOWN: i32 = 0;
pub const AG_ERROR_RATE_LIMIT: i32 = 1;
pub const AG_ERROR_OVERLOADED: i32 = 2;
pub const AG_ERROR_CONTEXT_LENGTH: i32 = 3;
pub const AG_ERROR_CONTENT_POLICY: i32 = 4;
pub const AG_ERROR_AUTH: i32 = 5;
pub const AG_ERROR_PERMISSION: i32 = 6;
pub const AG_ERROR_NOT_FOUND: i32 = 7;
pub const AG_ERROR_BILLING: i32 = 8;
pub const AG_ERROR_INVALID_REQUEST: i32 = 9;
pub const AG_ERROR_SERVER: i32 = 10;

#[repr(C)]
pub struct ag_response {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct ag_stream_parser {
    _opaque: [u8; 0],
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ag_error_info {
    pub struct_size: u32,
    pub error_class: i32,
    pub retryable: i32,
    pub http_status: i32,
    pub retry_after_ms: i64,
}

extern "C" {
    pub fn ag_provider_str(provider: i32) -> *const c_char;
    pub fn ag_finish_reason_str(finish: i32) -> *const c_char;
    pub fn ag_response_parse(provider: i32, body: *const c_char, len: usize, out: *mut *mut ag_response,
                             errbuf: *mut c_char, errbuf_cap: usize) -> ag_status;
    pub fn ag_response_free(response: *mut ag_response);
    pub fn ag_response_last_error(response: *const ag_response, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_response_provider(response: *const ag_response) -> i32;
    pub fn ag_response_usage(response: *const ag_response, usage: *mut ag_usage) -> ag_status;
    pub fn ag_response_finish(response: *const ag_response) -> i32;
    pub fn ag_response_truncated(response: *const ag_response) -> c_int;
    pub fn ag_response_field(response: *const ag_response, field: i32, buf: *mut c_char, cap: usize,
                             len_out: *mut usize) -> ag_status;
    pub fn ag_response_tool_call_count(response: *const ag_response) -> usize;
    pub fn ag_response_tool_call(response: *const ag_response, index: usize, part: i32, buf: *mut c_char,
                                 cap: usize, len_out: *mut usize) -> ag_status;
    pub fn ag_response_to_json(response: *const ag_response, buf: *mut c_char, cap: usize,
                               len_out: *mut usize) -> ag_status;
    pub fn ag_stream_parser_new(provider: i32, out: *mut *mut ag_stream_parser) -> ag_status;
    pub fn ag_stream_parser_free(parser: *mut ag_stream_parser);
    pub fn ag_stream_parser_last_error(parser: *const ag_stream_parser, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_stream_parser_write(parser: *mut ag_stream_parser, chunk: *const c_char, len: usize) -> ag_status;
    pub fn ag_stream_parser_finish(parser: *mut ag_stream_parser) -> ag_status;
    pub fn ag_stream_parser_done(parser: *const ag_stream_parser) -> c_int;
    pub fn ag_stream_parser_take_text(parser: *mut ag_stream_parser, buf: *mut c_char, cap: usize,
                                      len_out: *mut usize) -> ag_status;
    pub fn ag_stream_parser_result(parser: *mut ag_stream_parser, out: *mut *mut ag_response) -> ag_status;
    pub fn ag_error_class_str(error_class: i32) -> *const c_char;
    pub fn ag_error_classify(provider: i32, http_status: i32, headers: *const c_char, headers_len: usize,
                             body: *const c_char, body_len: usize, info: *mut ag_error_info,
                             message_buf: *mut c_char, message_cap: usize,
                             message_len: *mut usize) -> ag_status;
    pub fn ag_run_record_response(run: *mut ag_run, reservation: u64, provider: i32, body: *const c_char,
                                  len: usize, usage_out: *mut ag_usage, cost_out: *mut i64) -> ag_status;
    pub fn ag_run_record_stream(run: *mut ag_run, reservation: u64, parser: *const ag_stream_parser,
                                usage_out: *mut ag_usage, cost_out: *mut i64) -> ag_status;
}

// ---- Token counting -------------------------------------------------------------------

pub const AG_ENCODING_ESTIMATE: i32 = 0;
pub const AG_ENCODING_O200K_BASE: i32 = 1;
pub const AG_ENCODING_CL100K_BASE: i32 = 2;

#[repr(C)]
pub struct ag_tokenizer {
    _opaque: [u8; 0],
}

extern "C" {
    pub fn ag_encoding_for_model(model: *const c_char, model_len: usize) -> i32;
    pub fn ag_tokens_count(engine: *const ag_engine, encoding: i32, text: *const c_char, text_len: usize,
                           count: *mut u64) -> ag_status;
    pub fn ag_tokens_estimate(text: *const c_char, text_len: usize, count: *mut u64) -> ag_status;
    pub fn ag_tokenizer_new(dir: *const c_char, dir_len: usize, out: *mut *mut ag_tokenizer) -> ag_status;
    pub fn ag_tokenizer_free(tokenizer: *mut ag_tokenizer);
    pub fn ag_tokenizer_last_error(tokenizer: *const ag_tokenizer, buf: *mut c_char, cap: usize) -> usize;
    pub fn ag_tokenizer_count(tokenizer: *const ag_tokenizer, encoding: i32, text: *const c_char,
                              text_len: usize, count: *mut u64) -> ag_status;
}
