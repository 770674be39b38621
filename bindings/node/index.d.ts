// Type declarations for the agentguard Node binding (hand-written; see lib/*.js).

export declare const Status: Readonly<{
  OK: 0; INVALID_ARGUMENT: -1; NOMEM: -2; INTERNAL: -3; BUFFER_TOO_SMALL: -4; STRUCT_SIZE: -5;
  PARSE: -6; POLICY: -7; UNKNOWN_MODEL: -8; BUDGET_EXCEEDED: -9; DEADLINE_EXCEEDED: -10;
  TURN_LIMIT: -11; TOOL_CALL_LIMIT: -12; KILLED: -13; NOT_FOUND: -14; EXPIRED: -15;
  RUN_CLOSED: -16; IO: -17; UNSUPPORTED: -18; STATE: -19; TRUNCATED: -20; PROVIDER_ERROR: -21;
  TOO_LARGE: -22; SCRUB_COMPILE: -23; TOKENIZER: -24; VERSION: -25;
}>;
export type StatusCode = (typeof Status)[keyof typeof Status];

/** "AG_E_BUDGET_EXCEEDED" -> -9; undefined for an unknown name. */
export declare function statusFromName(name: string): StatusCode | undefined;

/** A failed call: .code is the status, .detail the library's message. */
export declare class AgentGuardError extends Error {
  readonly code: number;
  readonly detail: string;
  constructor(code: number, message: string);
}
export declare class InvalidArgumentError extends AgentGuardError {}
export declare class ParseError extends AgentGuardError {}
export declare class PolicyError extends AgentGuardError {}
export declare class UnknownModelError extends AgentGuardError {}
export declare class BudgetExceededError extends AgentGuardError {}
export declare class DeadlineExceededError extends AgentGuardError {}
export declare class TurnLimitError extends AgentGuardError {}
export declare class ToolCallLimitError extends AgentGuardError {}
export declare class KilledError extends AgentGuardError {}
export declare class NotFoundError extends AgentGuardError {}
export declare class ExpiredError extends AgentGuardError {}
export declare class RunClosedError extends AgentGuardError {}
export declare class StateError extends AgentGuardError {}
export declare class TruncatedError extends AgentGuardError {}
export declare class ProviderError extends AgentGuardError {}
export declare class TooLargeError extends AgentGuardError {}
export declare class VersionError extends AgentGuardError {}
/** The most specific error class for a status. */
export declare function errorFor(code: number, message: string): AgentGuardError;

/** The MAJOR version this binding speaks. */
export declare const EXPECTED_MAJOR: number;
/** Throws VersionError unless MAJOR of `versionNumber` equals `expectedMajor`. */
export declare function checkVersion(versionNumber: number, expectedMajor?: number): void;
export declare function version(): string;
export declare function versionNumber(): number;
export declare function statusStr(status: number): string;
export declare function isRetryable(status: number): boolean;

export type Bytes = string | Buffer;
/** A JSON document: text, bytes, or an object that is serialised. */
export type JsonDoc = Bytes | Record<string, unknown>;
/** A reservation id as returned by Run.reserve. */
export type ReservationId = number | bigint;

export declare const Scope: Readonly<{ RUN: 0; USER: 1; TENANT: 2; GLOBAL: 3 }>;
export declare const Window: Readonly<{ TOTAL: 0; HOUR: 1; DAY: 2; MONTH: 3 }>;
export declare const Restore: Readonly<{ DEFAULT: 0; REAPPLY: 1 }>;

/** Token counts; camelCase or snake_case keys; missing = 0. */
export interface Usage {
  inputTokens?: number; cachedInputTokens?: number; cacheWriteTokens?: number;
  outputTokens?: number; reasoningTokens?: number; cacheWrite1hTokens?: number;
  input_tokens?: number; cached_input_tokens?: number; cache_write_tokens?: number;
  output_tokens?: number; reasoning_tokens?: number; cache_write_1h_tokens?: number;
}

export interface ModelPrice {
  name: string; inputPerMtokNusd: number; cachedInputPerMtokNusd: number;
  cacheWrite5mPerMtokNusd: number; cacheWrite1hPerMtokNusd: number;
  outputPerMtokNusd: number; reasoningPerMtokNusd: number; tierThresholdTokens: number;
  inputAbovePerMtokNusd: number; outputAbovePerMtokNusd: number;
}

export interface Counter {
  spentNusd: number; reservedNusd: number; limitNusd: number; spentTokens: number;
  reservedTokens: number; limitTokens: number; windowStartMs: number;
}

export interface RunStats {
  spentNusd: number; reservedNusd: number; limitNusd: number; remainingNusd: number;
  spentTokens: number; reservedTokens: number; limitTokens: number; turns: number;
  maxTurns: number; toolCalls: number; maxToolCalls: number; startedMs: number;
  elapsedMs: number; remainingMs: number; openReservations: number; state: number;
}

/** Owns a native handle; close() is idempotent. Children keep their parents alive. */
declare class Handle {
  readonly closed: boolean;
  close(): void;
}

/** A compiled policy; immutable. */
export declare class Engine extends Handle {
  constructor(policy?: JsonDoc | null);
  /** Cost of a usage in nano-USD (rounded up). */
  price(model: Bytes, usage: Usage): number;
  modelPrice(model: Bytes): ModelPrice;
  ledger(store?: string): Ledger;
}

/** Budget counters for every scope and window. */
export declare class Ledger extends Handle {
  constructor(engine: Engine, store?: string);
  readonly engine: Engine;
  get(scope: number, id: Bytes, window: number): { spentNusd: number; reservedNusd: number };
  counter(scope: number, id: Bytes, window: number): Counter;
  setLimit(scope: number, id: Bytes, window: number, limitNusd?: number, limitTokens?: number): void;
  clearLimit(scope: number, id: Bytes, window: number): void;
  kill(scope: number, id?: Bytes, reason?: Bytes): void;
  revive(scope: number, id?: Bytes): void;
  /** nowMs >= 0: manual clock at that time; < 0: back to the system clock. */
  setTime(nowMs: number): void;
  now(): number;
  expire(): number;
  begin(opts?: JsonDoc | null): Run;
  restore(snapshot: Bytes, flags?: number): Run;
}

/** One agent run. */
export declare class Run extends Handle {
  readonly ledger: Ledger;
  readonly id: string;
  reserve(model: Bytes, inputTokens: number, maxOutputTokens: number): ReservationId;
  commit(reservation: ReservationId, usage: Usage): number;
  release(reservation: ReservationId): void;
  /** Throws the reason the run may not continue. */
  checkState(): void;
  turn(): void;
  toolCall(tool: Bytes): void;
  /** ms for the next call, or null when unbounded. */
  stepTimeoutMs(): number | null;
  /** AbortSignal firing after stepTimeoutMs(); undefined when unbounded. */
  stepSignal(): AbortSignal | undefined;
  stats(): RunStats;
  snapshot(): string;
}

// ---- Scrubbing -------------------------------------------------------------------------

export declare const Style: Readonly<{ DEFAULT: 0; LABEL: 1; MASK: 2; HASH: 3; DETECT: 4 }>;
export declare const Confidence: Readonly<{ LOW: 0; MEDIUM: 1; HIGH: 2 }>;
/** The smallest part of an input one thread of Scrubber.scrub scans, in bytes. */
export declare const SCRUB_PART_MIN: 1048576;
/** The largest `threads` of Scrubber.scrub; more throws InvalidArgumentError. */
export declare const SCRUB_THREADS_MAX: 256;

/** Input bytes [start, end) were replaced because of `rule`. */
export interface Finding {
  rule: string; family: string; start: number; end: number; confidence: number; ruleIndex: number;
}
export interface RuleInfo { id: string; family: string; confidence: number; maxLen: number }

/**
 * Scrubs with an engine's rules; strings in give strings out, Buffers give Buffers.
 * `threads`: the most threads one scrub call may use (0 and 1: the calling thread; at most
 * SCRUB_THREADS_MAX; inputs are split into parts of at least SCRUB_PART_MIN bytes). Output
 * and findings are the same for every value; streams ignore it.
 */
export declare class Scrubber {
  constructor(engine: Engine, style?: number, threads?: number);
  readonly engine: Engine;
  scrub<T extends Bytes>(data: T, style?: number, threads?: number): T extends string ? string : Buffer;
  scrubCounted<T extends Bytes>(data: T, style?: number, threads?: number):
    { output: T extends string ? string : Buffer; findings: number };
  /**
   * Scrubs like scrubCounted but hands the output to `write`, in order and in pieces (each
   * a Buffer of its own, non-empty), instead of returning it; returns the number of
   * redactions. `write` runs synchronously during the call; an exception it throws stops
   * the scrub and is rethrown as is.
   */
  scrubTo(data: Bytes, write: (chunk: Buffer) => void, style?: number, threads?: number): number;
  scan(data: Bytes): Finding[];
  rules(): RuleInfo[];
  stream(style?: number): ScrubStream;
}

/** A streaming redactor; output of all writes + finish equals scrub() of the whole input. */
export declare class ScrubStream extends Handle {
  constructor(engine: Engine, style?: number);
  write(chunk: Bytes): Buffer;
  finish(): Buffer;
  findings(): Finding[];
}

// ---- Provider responses ----------------------------------------------------------------

export declare const Provider: Readonly<{
  AUTO: 0; OPENAI_CHAT: 1; OPENAI_RESPONSES: 2; ANTHROPIC: 3; GEMINI: 4;
}>;
export declare const Finish: Readonly<{
  NONE: 0; STOP: 1; LENGTH: 2; TOOL_CALLS: 3; CONTENT_FILTER: 4; OTHER: 5;
}>;
export declare const ErrorClass: Readonly<{
  UNKNOWN: 0; RATE_LIMIT: 1; OVERLOADED: 2; CONTEXT_LENGTH: 3; CONTENT_POLICY: 4; AUTH: 5;
  PERMISSION: 6; NOT_FOUND: 7; BILLING: 8; INVALID_REQUEST: 9; SERVER: 10;
}>;
export declare function providerStr(provider: number): string;
export declare function finishReasonStr(finish: number): string;
export declare function errorClassStr(errorClass: number): string;

export interface UsageCounts {
  inputTokens: number; cachedInputTokens: number; cacheWriteTokens: number;
  outputTokens: number; reasoningTokens: number; cacheWrite1hTokens: number;
}
export interface ToolCall { id: string; name: string; arguments: string }

/** A parsed provider response. */
export declare class Response extends Handle {
  static parse(body: Bytes, provider?: number): Response;
  readonly provider: number;
  readonly finish: number;
  readonly truncated: boolean;
  readonly usage: UsageCounts;
  readonly model: string;
  readonly id: string;
  readonly finishRaw: string;
  readonly text: string;
  readonly toolCalls: ToolCall[];
  toJSON(): Record<string, unknown>;
}

/** One provider SSE stream. */
export declare class StreamParser extends Handle {
  constructor(provider?: number);
  write(chunk: Bytes): void;
  /** Throws TruncatedError when the terminal event never came. */
  finish(): void;
  readonly done: boolean;
  takeText(): string;
  result(): Response;
}

export interface ErrorInfo {
  errorClass: number; retryable: boolean; httpStatus: number; retryAfterMs: number | null;
  message: string;
}
export declare function classifyError(httpStatus: number, body?: Bytes, headers?: Bytes,
  provider?: number): ErrorInfo;
export declare function recordResponse(run: Run, reservation: ReservationId, body: Bytes,
  provider?: number): { usage: UsageCounts; costNusd: number };
export declare function recordStream(run: Run, reservation: ReservationId, parser: StreamParser):
  { usage: UsageCounts; costNusd: number };

// ---- Token counting --------------------------------------------------------------------

export declare const Encoding: Readonly<{ ESTIMATE: 0; O200K_BASE: 1; CL100K_BASE: 2 }>;
export declare function encodingForModel(model: Bytes): number;
export declare function estimateTokens(text: Bytes): number;
export declare function countTokens(engine: Engine, text: Bytes, encoding?: number): number;
/** A tokenizer without an engine; rank files from dir (default $AGENTGUARD_TOKENIZER_DIR). */
export declare class Tokenizer extends Handle {
  constructor(dir?: string);
  count(text: Bytes, encoding?: number): number;
}
