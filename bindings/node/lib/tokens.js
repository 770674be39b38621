'use strict';
// Token counting: exact BPE counts (tiktoken rank files) and a safe estimate.
const { C, bytes } = require('./native');
const { errorFor } = require('./errors');
const { Handle } = require('./handle');

const Encoding = Object.freeze({ ESTIMATE: 0, O200K_BASE: 1, CL100K_BASE: 2 });

function encodingForModel(model) {
  const m = bytes(model);
  return C.ag_encoding_for_model(m, m.length);
}

/** A deliberately high estimate (never below the exact counts on typical text). */
function estimateTokens(text) {
  const t = bytes(text);
  const n = [0];
  const s = C.ag_tokens_estimate(t, t.length, n);
  if (s !== 0) throw errorFor(s, 'ag_tokens_estimate failed');
  return Number(n[0]);
}

/** Exact count with the engine's tokenizers (ESTIMATE gives estimateTokens). */
function countTokens(engine, text, encoding = Encoding.O200K_BASE) {
  const t = bytes(text);
  const n = [0];
  engine.check(C.ag_tokens_count(engine.ptr, encoding, t, t.length, n));
  return Number(n[0]);
}

/** A tokenizer without an engine (dir undefined = $AGENTGUARD_TOKENIZER_DIR). */
class Tokenizer extends Handle {
  constructor(dir) {
    const d = dir === undefined || dir === null ? null : bytes(dir);
    const out = [null];
    const s = C.ag_tokenizer_new(d, d ? d.length : 0, out);
    if (s !== 0) throw errorFor(s, 'ag_tokenizer_new failed');
    super(out[0], C.ag_tokenizer_free, C.ag_tokenizer_last_error);
  }

  count(text, encoding = Encoding.O200K_BASE) {
    const t = bytes(text);
    const n = [0];
    this.check(C.ag_tokenizer_count(this.ptr, encoding, t, t.length, n));
    return Number(n[0]);
  }
}

module.exports = { Encoding, encodingForModel, estimateTokens, countTokens, Tokenizer };
