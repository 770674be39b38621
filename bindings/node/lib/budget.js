'use strict';
// Engine (compiled policy), Ledger (budget counters) and Run (one agent run).
const { C, newStruct, bytes, readSized } = require('./native');
const { Status, errorFor } = require('./errors');
const { Handle } = require('./handle');

const Scope = Object.freeze({ RUN: 0, USER: 1, TENANT: 2, GLOBAL: 3 });
const Window = Object.freeze({ TOTAL: 0, HOUR: 1, DAY: 2, MONTH: 3 });
const Restore = Object.freeze({ DEFAULT: 0, REAPPLY: 1 });

const USAGE_FIELDS = ['input_tokens', 'cached_input_tokens', 'cache_write_tokens',
  'output_tokens', 'reasoning_tokens', 'cache_write_1h_tokens'];

/** camelCase or snake_case usage object -> ag_usage. */
function toUsage(usage = {}) {
  const u = newStruct('ag_usage');
  for (const f of USAGE_FIELDS) {
    const camel = f.replace(/_(\w)/g, (_, c) => c.toUpperCase());
    u[f] = usage[camel] ?? usage[f] ?? 0;
  }
  return u;
}

/** snake_case struct -> camelCase plain object (struct_size dropped). */
function fromStruct(s) {
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k !== 'struct_size') out[k.replace(/_(\w)/g, (_, c) => c.toUpperCase())] = Number(v);
  }
  return out;
}

/** Policy or options: undefined/null, a JSON string, a Buffer, or an object to serialise. */
function jsonArg(doc) {
  if (doc === undefined || doc === null) return null;
  if (typeof doc === 'string' || Buffer.isBuffer(doc)) return bytes(doc);
  return Buffer.from(JSON.stringify(doc), 'utf8');
}

class Engine extends Handle {
  /** Compiles a policy (JSON string, Buffer or object); none gives the defaults. */
  constructor(policy) {
    const doc = jsonArg(policy);
    const out = [null];
    const err = Buffer.alloc(1024);
    const s = C.ag_engine_new(doc, doc ? doc.length : 0, out, err, err.length);
    if (s !== Status.OK) throw errorFor(s, err.toString('utf8', 0, Math.max(0, err.indexOf(0))));
    super(out[0], C.ag_engine_free, C.ag_engine_last_error);
  }

  /** Cost of a usage in nano-USD (rounded up). */
  price(model, usage) {
    const m = bytes(model);
    const cost = [0];
    this.check(C.ag_engine_price(this.ptr, m, m.length, toUsage(usage), cost));
    return Number(cost[0]);
  }

  /** The engine's prices for a model, with its canonical name. */
  modelPrice(model) {
    const m = bytes(model);
    const out = newStruct('ag_model_price');
    const name = readSized((buf, cap, len) =>
      C.ag_engine_model_price(this.ptr, m, m.length, out, buf, cap, len), (s) => this.check(s));
    return { name: name.toString('utf8'), ...fromStruct(out) };
  }

  ledger(store) { return new Ledger(this, store); }
}

class Ledger extends Handle {
  constructor(engine, store) {
    const out = [null];
    const s = C.ag_ledger_new(engine.ptr, store ?? null, out);
    engine.check(s);
    super(out[0], C.ag_ledger_free, C.ag_ledger_last_error, [engine]);
    this.engine = engine;
  }

  /** { spentNusd, reservedNusd } of one counter in its current window. */
  get(scope, id, window) {
    const i = bytes(id);
    const spent = [0];
    const reserved = [0];
    this.check(C.ag_ledger_get(this.ptr, scope, i, i.length, window, spent, reserved));
    return { spentNusd: Number(spent[0]), reservedNusd: Number(reserved[0]) };
  }

  counter(scope, id, window) {
    const i = bytes(id);
    const out = newStruct('ag_counter');
    this.check(C.ag_ledger_counter(this.ptr, scope, i, i.length, window, out));
    return fromStruct(out);
  }

  setLimit(scope, id, window, limitNusd = -1, limitTokens = -1) {
    const i = bytes(id);
    this.check(C.ag_ledger_set_limit(this.ptr, scope, i, i.length, window, limitNusd, limitTokens));
  }

  clearLimit(scope, id, window) {
    const i = bytes(id);
    this.check(C.ag_ledger_clear_limit(this.ptr, scope, i, i.length, window));
  }

  kill(scope, id = '', reason = '') {
    const i = bytes(id);
    const r = bytes(reason);
    this.check(C.ag_ledger_kill(this.ptr, scope, i, i.length, r, r.length));
  }

  revive(scope, id = '') {
    const i = bytes(id);
    this.check(C.ag_ledger_revive(this.ptr, scope, i, i.length));
  }

  /** nowMs >= 0: manual clock at that time; < 0: back to the system clock. */
  setTime(nowMs) { this.check(C.ag_ledger_set_time(this.ptr, nowMs)); }

  now() { return Number(C.ag_ledger_now(this.ptr)); }

  /** Releases expired reservations; returns how many. */
  expire() {
    const n = [0];
    this.check(C.ag_ledger_expire(this.ptr, n));
    return Number(n[0]);
  }

  begin(opts) { return new Run(this, opts); }

  restore(snapshot, flags = Restore.DEFAULT) { return new Run(this, undefined, snapshot, flags); }
}

class Run extends Handle {
  constructor(ledger, opts, snapshot, flags = Restore.DEFAULT) {
    const out = [null];
    const e = ledger.engine;
    let s;
    if (snapshot === undefined) {
      const doc = jsonArg(opts);
      s = C.ag_run_begin(e.ptr, ledger.ptr, doc, doc ? doc.length : 0, out);
    } else {
      const doc = bytes(snapshot);
      s = C.ag_run_restore(e.ptr, ledger.ptr, doc, doc.length, flags, out);
    }
    ledger.check(s);
    super(out[0], C.ag_run_free, C.ag_run_last_error, [ledger]);
    this.ledger = ledger;
  }

  /** Takes the worst-case cost from every budget; returns the reservation id. */
  reserve(model, inputTokens, maxOutputTokens) {
    const m = bytes(model);
    const id = [0];
    this.check(C.ag_run_reserve(this.ptr, m, m.length, inputTokens, maxOutputTokens, id));
    return id[0];
  }

  /** Replaces a reservation with the real cost; returns the cost in nano-USD. */
  commit(reservation, usage) {
    const cost = [0];
    this.check(C.ag_run_commit(this.ptr, reservation, toUsage(usage), cost));
    return Number(cost[0]);
  }

  release(reservation) { this.check(C.ag_run_release(this.ptr, reservation)); }

  /** Throws the reason the run may not continue (deadline, kill switch, closed). */
  checkState() { this.check(C.ag_run_check(this.ptr)); }

  turn() { this.check(C.ag_run_turn(this.ptr)); }

  toolCall(tool) {
    const t = bytes(tool);
    this.check(C.ag_run_tool_call(this.ptr, t, t.length));
  }

  /** Time for the next call in ms, or null when there is no deadline or step timeout. */
  stepTimeoutMs() {
    const t = [0];
    this.check(C.ag_run_step_timeout(this.ptr, t));
    return t[0] < 0 ? null : Number(t[0]);
  }

  /** An AbortSignal that fires after stepTimeoutMs() (undefined when unbounded). */
  stepSignal() {
    const t = this.stepTimeoutMs();
    return t === null ? undefined : AbortSignal.timeout(t);
  }

  stats() {
    const out = newStruct('ag_run_stats');
    this.check(C.ag_run_stats_get(this.ptr, out));
    return fromStruct(out);
  }

  get id() {
    return readSized((b, c, n) => C.ag_run_id(this.ptr, b, c, n), (s) => this.check(s)).toString();
  }

  /** JSON of the run (ids, limits, counts, committed spend) for Ledger.restore. */
  snapshot() {
    return readSized((b, c, n) => C.ag_run_snapshot(this.ptr, b, c, n), (s) => this.check(s),
      1024).toString();
  }
}

module.exports = { Engine, Ledger, Run, Scope, Window, Restore };
