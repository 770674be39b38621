'use strict';
// The parts of the C ABI that the conformance vectors do not reach.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const ag = require('..');

const TOKENIZERS = path.join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'tokenizers');
const CHUNK = 'data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":' +
  '[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n' +
  'data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":[],' +
  '"usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}}\n\ndata: [DONE]\n\n';
const PRICED = { version: 1, pricing: { models: { 'acme-large': { input_mtok: 1, output_mtok: 4 } } } };

test('response fields and JSON', () => {
  const r = ag.Response.parse(JSON.stringify({ id: 'chatcmpl-9', object: 'chat.completion', model: 'm',
    choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: 'abc' } }],
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }), ag.Provider.OPENAI_CHAT);
  assert.deepStrictEqual([r.id, r.finishRaw, r.finish, r.truncated], ['chatcmpl-9', 'length', ag.Finish.LENGTH, false]);
  assert.strictEqual(r.toJSON().usage.output_tokens, 2);
  r.close();
  assert.throws(() => ag.Response.parse('{', ag.Provider.OPENAI_CHAT), (e) => e instanceof ag.ParseError && e.detail.length > 0);
});

test('record a stream into a run', () => {
  const e = new ag.Engine(PRICED);
  const l = e.ledger();
  const run = l.begin();
  const p = new ag.StreamParser();
  const id = run.reserve('acme-large', 10, 10);
  p.write(CHUNK);
  assert.ok(p.done);
  p.finish();
  const r = ag.recordStream(run, id, p);
  assert.deepStrictEqual([r.usage.inputTokens, r.usage.outputTokens, r.costNusd], [10, 3, 22000]);
  assert.throws(() => p.write(CHUNK), (err) => err.code === ag.Status.STATE);
  p.close(); run.close(); l.close(); e.close();
});

test('token estimates, encodings and tokenizers', () => {
  assert.ok(ag.estimateTokens('hello world, this is a test') > 0);
  assert.strictEqual(ag.encodingForModel('gpt-4o'), ag.Encoding.O200K_BASE);
  const missing = new ag.Tokenizer('/nonexistent-agentguard-dir');
  assert.throws(() => missing.count('hello'), (err) => err.code === ag.Status.TOKENIZER &&
    err.detail.includes('nonexistent-agentguard-dir'));
  missing.close();
});

test('exact token counts', { skip: !fs.existsSync(TOKENIZERS) && 'shared/data/tokenizers absent' }, () => {
  const t = new ag.Tokenizer(TOKENIZERS);
  assert.strictEqual(t.count('hello world', ag.Encoding.O200K_BASE), 2);
  assert.strictEqual(t.count('hello world', ag.Encoding.CL100K_BASE), 2);
  t.close();
});

test('scrub rules, types and stream state', () => {
  const e = new ag.Engine();
  const s = new ag.Scrubber(e, ag.Style.LABEL);
  assert.ok(s.rules().some((r) => r.id === 'github-pat' && r.maxLen > 0));
  const secret = 'ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3';
  assert.strictEqual(s.scrub(`k=${secret}`), 'k=[REDACTED:github-pat]');
  assert.deepStrictEqual(s.scrub(Buffer.from(`k=${secret}`)), Buffer.from('k=[REDACTED:github-pat]'));
  const st = s.stream();
  st.finish();
  assert.throws(() => st.write('more'), (err) => err.code === ag.Status.STATE);
  st.close(); e.close();
});

test('ledger clock and expiry', () => {
  const e = new ag.Engine(PRICED);
  const l = e.ledger();
  l.setTime(1767225600000);
  assert.strictEqual(l.now(), 1767225600000);
  assert.strictEqual(l.expire(), 0);
  l.close(); e.close();
});
