'use strict';
// Scrubbing secrets and personal data: block mode, findings, rules and streams.
const buffer = require('buffer');
const koffi = require('koffi');
const { C, structs, callbacks, newStruct, bytes } = require('./native');
const { Status, errorFor } = require('./errors');
const { Handle } = require('./handle');

const Style = Object.freeze({ DEFAULT: 0, LABEL: 1, MASK: 2, HASH: 3, DETECT: 4 });
const Confidence = Object.freeze({ LOW: 0, MEDIUM: 1, HIGH: 2 });
const FINDING_SIZE = koffi.sizeof(structs.ag_finding);
/** The smallest part of an input one thread of Scrubber.scrub scans, in bytes. */
const SCRUB_PART_MIN = 1 << 20;
/** The largest `threads` of Scrubber.scrub; more throws InvalidArgumentError. */
const SCRUB_THREADS_MAX = 256;
/** The type koffi.register gives scrubTo's callbacks. */
const WRITE_FN = koffi.pointer(callbacks.ag_write_fn);

function scrubOpts(style, threads = 0) {
  if (!Number.isInteger(threads) || threads < 0 || threads > 0xFFFFFFFF) {
    throw errorFor(Status.INVALID_ARGUMENT, `threads ${threads} out of range`);
  }
  return newStruct('ag_scrub_opts', { style, threads });
}

/**
 * The first output buffer size Scrubber.scrub tries for n input bytes: n + n/8 + 4096 (the same
 * rule in every binding), at most the largest Buffer. A larger output is retried with its exact
 * size.
 */
function scrubGuess(n) {
  return Math.min(n + Math.floor(n / 8) + 4096, buffer.constants.MAX_LENGTH);
}

/**
 * The first array size readFindings tries for a scan of n bytes: 16 plus one finding per 4 KiB
 * (the same rule in every binding), so a large scan is rarely run twice.
 */
function findingsGuess(n) { return 16 + Math.floor(n / 4096); }

/**
 * Reads an ag_finding array with the count query of ag_scan, trying `first` elements first;
 * returns [status, findings].
 */
function readFindings(first, fill) {
  let cap = first;
  let buf = Buffer.alloc(cap * FINDING_SIZE);
  buf.writeUInt32LE(FINDING_SIZE, 0);
  const count = [0];
  let s = fill(buf, cap, count);
  if (s === Status.BUFFER_TOO_SMALL && count[0] > cap) {
    cap = Number(count[0]);
    buf = Buffer.alloc(cap * FINDING_SIZE);
    buf.writeUInt32LE(FINDING_SIZE, 0);
    s = fill(buf, cap, count);
  }
  const found = [];
  for (let i = 0; i < Math.min(Number(count[0]), cap); i++) {
    const f = koffi.decode(buf.subarray(i * FINDING_SIZE), structs.ag_finding);
    found.push({ rule: f.rule, family: f.family, start: Number(f.start), end: Number(f.end),
      confidence: f.confidence, ruleIndex: f.rule_index });
  }
  return [s, found];
}

/**
 * Scrubs with an engine's rules. Strings in give strings out; Buffers give Buffers.
 * `threads` is the most threads one scrub call may use: 0 and 1 scrub on the calling thread;
 * N > 1 splits the input into up to N parts of at least SCRUB_PART_MIN bytes (so inputs under
 * 2 MiB are never split), scanned by threads started and joined within the call; at most
 * SCRUB_THREADS_MAX. Output and findings are the same for every value. Streams ignore it.
 */
class Scrubber {
  constructor(engine, style = Style.DEFAULT, threads = 0) {
    this.engine = engine;
    this.style = style;
    this.threads = threads;
  }

  scrub(data, style, threads) { return this.scrubCounted(data, style, threads).output; }

  /** { output, findings }: the scrubbed text and the number of redactions. */
  scrubCounted(data, style = this.style, threads = this.threads) {
    const e = this.engine;
    const input = bytes(data);
    const opts = scrubOpts(style, threads);
    const n = [0];
    const found = [0];
    // Secrets are rare, so the output is nearly always the input plus a little: try that first
    // rather than ag_scrub_bound (a worst case tens of times the input), and on
    // BUFFER_TOO_SMALL retry once with the exact size the first call reported. The buffers are
    // not zero-filled: only the n bytes ag_scrub wrote are returned.
    let out = Buffer.allocUnsafe(scrubGuess(input.length));
    let s = C.ag_scrub(e.ptr, opts, input, input.length, out, out.length, n, found);
    if (s === Status.BUFFER_TOO_SMALL) {
      out = Buffer.allocUnsafe(Math.max(1, Number(n[0])));
      s = C.ag_scrub(e.ptr, opts, input, input.length, out, out.length, n, found);
    }
    e.check(s);
    const result = out.subarray(0, Number(n[0]));
    return { output: typeof data === 'string' ? result.toString('utf8') : result,
      findings: Number(found[0]) };
  }

  /**
   * Scrubs like scrubCounted (same output and number of redactions, for every `threads`) but
   * hands the output to write(chunk), in order and in pieces, instead of returning it: no
   * output buffer is needed whatever the input's size. Each chunk is a Buffer of its own (a
   * copy: it may be kept, e.g. by a stream's write). write is called synchronously, on this
   * thread, during the call; with threads > 1 the output comes once all parts are scanned.
   * Returns the number of redactions.
   *
   * An exception thrown by write stops the scrub (nothing more is written) and is rethrown
   * as is. Other failures throw as scrub does. Closing the engine from write is safe: it is
   * freed once the call returns.
   */
  scrubTo(data, write, style = this.style, threads = this.threads) {
    if (typeof write !== 'function') {
      throw errorFor(Status.INVALID_ARGUMENT, 'write: must be a function');
    }
    const e = this.engine;
    const input = bytes(data);
    const opts = scrubOpts(style, threads);
    const found = [0];
    let failed = false;
    let failure;
    const piece = (_ctx, ptr, len) => {
      if (failed) return 1;
      try {
        // koffi.decode copies: the library's bytes are valid only during this call.
        const chunk = koffi.decode(ptr, 'uint8_t', Number(len));
        write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
        return 0;
      } catch (err) {
        // koffi would turn a thrown exception into a 0 return (go on): keep it, stop.
        failed = true;
        failure = err;
        return 1;
      }
    };
    return e._using((ptr) => {
      const cb = koffi.register(piece, WRITE_FN);
      let s;
      try {
        s = C.ag_scrub_to(ptr, opts, input, input.length, cb, null, found);
      } finally {
        koffi.unregister(cb);
      }
      if (failed) throw failure;
      e.check(s);
      return Number(found[0]);
    });
  }

  /** Findings only, in input order, on up to `threads` threads (the same for every value). */
  scan(data, threads = this.threads) {
    const e = this.engine;
    const input = bytes(data);
    const opts = scrubOpts(Style.DEFAULT, threads);
    const [s, found] = readFindings(findingsGuess(input.length),
      (buf, cap, n) => C.ag_scan_with(e.ptr, opts, input, input.length, buf, cap, n));
    e.check(s);
    return found;
  }

  /** The engine's active rules. */
  rules() {
    const e = this.engine;
    const count = [0];
    e.check(C.ag_scrub_rule_count(e.ptr, count));
    const rules = [];
    for (let i = 0; i < Number(count[0]); i++) {
      const info = newStruct('ag_rule_info');
      e.check(C.ag_scrub_rule_info(e.ptr, i, info));
      rules.push({ id: info.id, family: info.family, confidence: info.confidence, maxLen: info.max_len });
    }
    return rules;
  }

  stream(style = this.style) { return new ScrubStream(this.engine, style); }
}

/**
 * One streaming redactor: the concatenated output of write()s and finish() equals
 * Scrubber.scrub of the concatenated input for any chunking. It keeps the engine's rules
 * alive by itself. Outputs are Buffers.
 */
class ScrubStream extends Handle {
  constructor(engine, style = Style.DEFAULT) {
    const out = [null];
    engine.check(C.ag_scrub_stream_new(engine.ptr, scrubOpts(style), out));
    super(out[0], C.ag_scrub_stream_free, C.ag_scrub_stream_last_error);
  }

  _emit(call, nIn) {
    const cap = Number(C.ag_scrub_stream_bound(this.ptr, nIn));
    const out = Buffer.alloc(Math.max(1, cap));
    const n = [0];
    this.check(call(out, out.length, n));
    return out.subarray(0, Number(n[0]));
  }

  /** Consumes chunk; returns the output that became final (possibly empty). */
  write(chunk) {
    const input = bytes(chunk);
    return this._emit((o, c, n) => C.ag_scrub_stream_write(this.ptr, input, input.length, o, c, n),
      input.length);
  }

  /** Ends the input; returns everything still held. */
  finish() { return this._emit((o, c, n) => C.ag_scrub_stream_finish(this.ptr, o, c, n), 0); }

  findings() {
    const [s, found] = readFindings(16, (b, c, n) => C.ag_scrub_stream_findings(this.ptr, b, c, n));
    this.check(s);
    return found;
  }
}

module.exports = { Scrubber, ScrubStream, Style, Confidence, SCRUB_PART_MIN, SCRUB_THREADS_MAX };
