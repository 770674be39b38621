'use strict';
// Scrubbing secrets and personal data: block mode, findings, rules and streams.
const koffi = require('koffi');
const { C, structs, newStruct, bytes } = require('./native');
const { Status } = require('./errors');
const { Handle } = require('./handle');

const Style = Object.freeze({ DEFAULT: 0, LABEL: 1, MASK: 2, HASH: 3, DETECT: 4 });
const Confidence = Object.freeze({ LOW: 0, MEDIUM: 1, HIGH: 2 });
const FINDING_SIZE = koffi.sizeof(structs.ag_finding);

/** Reads an ag_finding array with the count query of ag_scan; returns [status, findings]. */
function readFindings(fill) {
  let cap = 16;
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

/** Scrubs with an engine's rules. Strings in give strings out; Buffers give Buffers. */
class Scrubber {
  constructor(engine, style = Style.DEFAULT) {
    this.engine = engine;
    this.style = style;
  }

  scrub(data, style) { return this.scrubCounted(data, style).output; }

  /** { output, findings }: the scrubbed text and the number of redactions. */
  scrubCounted(data, style = this.style) {
    const e = this.engine;
    const input = bytes(data);
    const opts = newStruct('ag_scrub_opts', { style });
    const bound = [0];
    e.check(C.ag_scrub_bound(e.ptr, opts, input.length, bound));
    const out = Buffer.alloc(Math.max(1, Number(bound[0])));
    const n = [0];
    const found = [0];
    e.check(C.ag_scrub(e.ptr, opts, input, input.length, out, out.length, n, found));
    const result = out.subarray(0, Number(n[0]));
    return { output: typeof data === 'string' ? result.toString('utf8') : result,
      findings: Number(found[0]) };
  }

  /** Findings only, in input order. */
  scan(data) {
    const e = this.engine;
    const input = bytes(data);
    const [s, found] = readFindings((buf, cap, n) => C.ag_scan(e.ptr, input, input.length, buf, cap, n));
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
    engine.check(C.ag_scrub_stream_new(engine.ptr, newStruct('ag_scrub_opts', { style }), out));
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
    const [s, found] = readFindings((b, c, n) => C.ag_scrub_stream_findings(this.ptr, b, c, n));
    this.check(s);
    return found;
  }
}

module.exports = { Scrubber, ScrubStream, Style, Confidence };
