'use strict';
// Provider responses: parsing bodies and SSE streams, classifying error bodies.
const { C, newStruct, bytes, readSized } = require('./native');
const { Status, errorFor } = require('./errors');
const { Handle } = require('./handle');

const Provider = Object.freeze({ AUTO: 0, OPENAI_CHAT: 1, OPENAI_RESPONSES: 2, ANTHROPIC: 3, GEMINI: 4 });
const Finish = Object.freeze({ NONE: 0, STOP: 1, LENGTH: 2, TOOL_CALLS: 3, CONTENT_FILTER: 4, OTHER: 5 });
const ErrorClass = Object.freeze({
  UNKNOWN: 0, RATE_LIMIT: 1, OVERLOADED: 2, CONTEXT_LENGTH: 3, CONTENT_POLICY: 4, AUTH: 5,
  PERMISSION: 6, NOT_FOUND: 7, BILLING: 8, INVALID_REQUEST: 9, SERVER: 10,
});
const FIELD = { MODEL: 0, ID: 1, FINISH_RAW: 2, TEXT: 3 };
const CALL = { ID: 0, NAME: 1, ARGUMENTS: 2 };

function usageFromC(u) {
  return { inputTokens: Number(u.input_tokens), cachedInputTokens: Number(u.cached_input_tokens),
    cacheWriteTokens: Number(u.cache_write_tokens), outputTokens: Number(u.output_tokens),
    reasoningTokens: Number(u.reasoning_tokens), cacheWrite1hTokens: Number(u.cache_write_1h_tokens) };
}

/** A parsed provider response (the body itself is not kept). */
class Response extends Handle {
  constructor(ptr) { super(ptr, C.ag_response_free, C.ag_response_last_error); }

  static parse(body, provider = Provider.AUTO) {
    const b = bytes(body);
    const out = [null];
    const err = Buffer.alloc(1024);
    const s = C.ag_response_parse(provider, b, b.length, out, err, err.length);
    if (s !== Status.OK) throw errorFor(s, err.toString('utf8', 0, Math.max(0, err.indexOf(0))));
    return new Response(out[0]);
  }

  get provider() { return C.ag_response_provider(this.ptr); }
  get finish() { return C.ag_response_finish(this.ptr); }
  get truncated() { return C.ag_response_truncated(this.ptr) === 1; }

  get usage() {
    const u = newStruct('ag_usage');
    this.check(C.ag_response_usage(this.ptr, u));
    return usageFromC(u);
  }

  _field(f) {
    return readSized((b, c, n) => C.ag_response_field(this.ptr, f, b, c, n), (s) => this.check(s)).toString('utf8');
  }

  get model() { return this._field(FIELD.MODEL); }
  get id() { return this._field(FIELD.ID); }
  get finishRaw() { return this._field(FIELD.FINISH_RAW); }
  get text() { return this._field(FIELD.TEXT); }

  get toolCalls() {
    const part = (i, p) => readSized((b, c, n) => C.ag_response_tool_call(this.ptr, i, p, b, c, n),
      (s) => this.check(s)).toString('utf8');
    const calls = [];
    const count = Number(C.ag_response_tool_call_count(this.ptr));
    for (let i = 0; i < count; i++) {
      calls.push({ id: part(i, CALL.ID), name: part(i, CALL.NAME), arguments: part(i, CALL.ARGUMENTS) });
    }
    return calls;
  }

  /** The whole response as one object (see ag_response_to_json). */
  toJSON() {
    return JSON.parse(readSized((b, c, n) => C.ag_response_to_json(this.ptr, b, c, n),
      (s) => this.check(s), 1024).toString('utf8'));
  }
}

/** One provider SSE stream, fed chunks split anywhere. */
class StreamParser extends Handle {
  constructor(provider = Provider.AUTO) {
    const out = [null];
    const s = C.ag_stream_parser_new(provider, out);
    if (s !== Status.OK) throw errorFor(s, 'ag_stream_parser_new failed');
    super(out[0], C.ag_stream_parser_free, C.ag_stream_parser_last_error);
  }

  write(chunk) {
    const b = bytes(chunk);
    this.check(C.ag_stream_parser_write(this.ptr, b, b.length));
  }

  /** Ends the stream; throws TruncatedError (retryable) without its terminal event. */
  finish() { this.check(C.ag_stream_parser_finish(this.ptr)); }

  get done() { return C.ag_stream_parser_done(this.ptr) === 1; }

  /** The output text received since the last call. */
  takeText() {
    return readSized((b, c, n) => C.ag_stream_parser_take_text(this.ptr, b, c, n), (s) => this.check(s)).toString('utf8');
  }

  /** A snapshot of what the stream has said so far. */
  result() {
    const out = [null];
    this.check(C.ag_stream_parser_result(this.ptr, out));
    return new Response(out[0]);
  }
}

/** Classifies a provider error from its HTTP status, raw headers and body. */
function classifyError(httpStatus, body = '', headers = '', provider = Provider.AUTO) {
  const b = bytes(body);
  const h = bytes(headers);
  const info = newStruct('ag_error_info');
  const msg = readSized((buf, cap, n) => C.ag_error_classify(provider, httpStatus, h, h.length, b,
    b.length, info, buf, cap, n), (s) => { if (s !== Status.OK) throw errorFor(s, 'ag_error_classify failed'); });
  return { errorClass: info.error_class, retryable: info.retryable === 1, httpStatus: info.http_status,
    retryAfterMs: Number(info.retry_after_ms) < 0 ? null : Number(info.retry_after_ms),
    message: msg.toString('utf8') };
}

/** Parses body, prices its usage and commits the reservation: { usage, costNusd }. */
function recordResponse(run, reservation, body, provider = Provider.AUTO) {
  const b = bytes(body);
  const u = newStruct('ag_usage');
  const cost = [0];
  run.check(C.ag_run_record_response(run.ptr, reservation, provider, b, b.length, u, cost));
  return { usage: usageFromC(u), costNusd: Number(cost[0]) };
}

/** Commits the usage a finished stream parser has seen: { usage, costNusd }. */
function recordStream(run, reservation, parser) {
  const u = newStruct('ag_usage');
  const cost = [0];
  run.check(C.ag_run_record_stream(run.ptr, reservation, parser.ptr, u, cost));
  return { usage: usageFromC(u), costNusd: Number(cost[0]) };
}

module.exports = {
  Provider, Finish, ErrorClass, Response, StreamParser, classifyError, recordResponse, recordStream,
  providerStr: (p) => C.ag_provider_str(p),
  finishReasonStr: (f) => C.ag_finish_reason_str(f),
  errorClassStr: (c) => C.ag_error_class_str(c),
};
