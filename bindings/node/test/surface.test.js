'use strict';
// The parts of the C ABI that the conformance vectors do not reach.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');
const ag = require('..');
const { structs } = require('../lib/native');

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

const MIB = 1 << 20;
const SECRETS = ['AKIAIOSFODNN7EXAMPLQ', 'AKIAZ7Q2K9D4M1X8P3LQ', 'AKIA4HJK2M5N8P0R3T6W',
  'ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3', 'ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2',
  'ghp_0123456789abcdefghijABCDEFGHIJ012345', 'jane.doe@example.com', 'ops.alerts@acme-corp.io',
  'billing+ref7@mail.example.org'];

/**
 * About 5 MiB of log lines with SECRETS planted: each starts 3 bytes before one of 4 KiB,
 * 1 MiB, 1.25 MiB, 2 MiB, 2.5 MiB, the middle, 3.75 MiB, 4 MiB and the end, so it straddles
 * where a split into parts may fall.
 */
function bigScrubInput() {
  const len = 5 * MIB + 40000;
  const lines = [];
  let size = 0;
  const pad = (n, width) => String(n).padStart(width, '0');
  for (let i = 0; size < len; i++) {
    const line = `2026-01-15T10:${pad(Math.floor(i / 60) % 60, 2)}:${pad(i % 60, 2)}.123Z INFO ` +
      `worker=${i % 8} request=${pad(i, 7)} GET /api/v1/items?page=${i % 50} status=200 took=${i % 997}ms\n`;
    lines.push(line);
    size += line.length;
  }
  const data = Buffer.from(lines.join('')).subarray(0, len);
  const offsets = [4096, MIB, MIB + MIB / 4, 2 * MIB, 5 * MIB / 2, Math.floor(len / 2),
    3 * MIB + 3 * MIB / 4, 4 * MIB, len - 200];
  SECRETS.forEach((secret, k) => data.write(` ${secret} `, offsets[k] - 4));
  return data;
}

test('scrub threads give the same output and findings', () => {
  const e = new ag.Engine();
  const data = bigScrubInput();
  const s = new ag.Scrubber(e, ag.Style.LABEL);
  const one = s.scrubCounted(data, undefined, 1);
  const four = s.scrubCounted(data, undefined, 4);
  const byDefault = s.scrubCounted(data);
  const fourBuilt = new ag.Scrubber(e, ag.Style.LABEL, 4).scrubCounted(data);
  assert.ok(four.output.equals(one.output), 'threads 4 and 1 differ');
  assert.strictEqual(four.findings, one.findings);
  assert.ok(byDefault.output.equals(one.output), 'the default and threads 1 differ');
  assert.strictEqual(byDefault.findings, one.findings);
  assert.ok(fourBuilt.output.equals(one.output) && fourBuilt.findings === one.findings);
  assert.ok(one.findings >= SECRETS.length, `${one.findings} findings`);
  for (const secret of SECRETS) assert.ok(!four.output.includes(secret), `${secret} survived`);
  // scan: the same findings on 1 and 4 threads, as many as scrub counts.
  const found1 = s.scan(data, 1);
  assert.strictEqual(found1.length, one.findings);
  assert.deepStrictEqual(s.scan(data, 4), found1);
  assert.deepStrictEqual(new ag.Scrubber(e, ag.Style.LABEL, 4).scan(data), found1);
  e.close();
});

// 2000 e-mail addresses, each replaced by a longer label: the output outgrows the first buffer
// scrub tries (len + len/8 + 4096), so the exact-size retry runs.
test('scrub output much longer than the input is retried with the exact size', () => {
  const e = new ag.Engine();
  const secret = 'a1@example.org';
  const data = Buffer.from(Array(2000).fill(secret).join(' '));
  const s = new ag.Scrubber(e);
  const { output, findings } = s.scrubCounted(data);
  assert.ok(output.length > data.length + Math.floor(data.length / 8) + 4096,
    `${data.length} bytes in, ${output.length} out`);
  assert.strictEqual(findings, 2000);
  assert.ok(!output.includes(secret), 'a secret survived');
  assert.strictEqual(s.scrub(data.toString()), output.toString());
  // More findings than scan's first array (16 plus one per 4 KiB): the exact-size retry.
  const found = s.scan(data);
  assert.strictEqual(found.length, 2000);
  assert.strictEqual(found[1999].start, data.length - secret.length);
  const st = s.stream();
  const parts = [];
  for (let i = 0; i < data.length; i += 4096) parts.push(st.write(data.subarray(i, i + 4096)));
  parts.push(st.finish());
  assert.ok(Buffer.concat(parts).equals(output), 'stream output differs from scrub');
  assert.strictEqual(st.findings().length, findings);
  st.close(); e.close();
});

test('scrub threads over the maximum are an invalid argument', () => {
  const e = new ag.Engine();
  const s = new ag.Scrubber(e, ag.Style.LABEL);
  const invalid = (err) => err instanceof ag.InvalidArgumentError && err.code === ag.Status.INVALID_ARGUMENT;
  assert.throws(() => s.scrub('x', undefined, ag.SCRUB_THREADS_MAX + 1), invalid);
  assert.throws(() => new ag.Scrubber(e, ag.Style.LABEL, 257).scrub('x'), invalid);
  assert.throws(() => s.scrub('x', undefined, -1), invalid);
  assert.throws(() => s.scrub('x', undefined, 2 ** 32 + 4), invalid);
  assert.throws(() => s.scan('x', ag.SCRUB_THREADS_MAX + 1), invalid);
  assert.strictEqual(s.scrub('x', undefined, ag.SCRUB_THREADS_MAX), 'x');
  e.close();
});

/**
 * About 3 MiB of log lines with a line of three secrets every ~64 KiB (the AWS key, the GitHub
 * token and the e-mail address are each redacted by the default engine): [data, secrets].
 */
function scrubToInput() {
  const lines = [];
  let size = 0;
  let secrets = 0;
  const pad = (n, width) => String(n).padStart(width, '0');
  for (let i = 0; size < 3 * MIB; i++) {
    let line;
    if (i % 600 === 599) {
      line = `creds aws=${SCRUB_TO_SECRETS[0]} gh=${SCRUB_TO_SECRETS[1]} to=${SCRUB_TO_SECRETS[2]}\n`;
      secrets += 3;
    } else {
      line = `2026-01-15T10:${pad(Math.floor(i / 60) % 60, 2)}:${pad(i % 60, 2)}.123Z INFO ` +
        `worker=${i % 8} request=${pad(i, 7)} GET /api/v1/items status=200\n`;
    }
    lines.push(line);
    size += line.length;
  }
  return [Buffer.from(lines.join('')), secrets];
}
const SCRUB_TO_SECRETS = ['AKIAIOSFODNN7EXAMPLE', 'ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3', 'a1@example.org'];

test('scrubTo gives the output and findings of scrub', () => {
  const e = new ag.Engine();
  const [big, bigSecrets] = scrubToInput();
  const small = `aws ${SCRUB_TO_SECRETS[0]} then ${SCRUB_TO_SECRETS[1]}, mail ${SCRUB_TO_SECRETS[2]}.`;
  for (const [name, data, secrets] of [['small', small, 3], ['3 MiB', big, bigSecrets]]) {
    for (const threads of [1, 2]) {
      const s = new ag.Scrubber(e, ag.Style.DEFAULT, threads);
      const want = s.scrubCounted(Buffer.from(data));
      const chunks = [];
      const n = s.scrubTo(data, (chunk) => chunks.push(chunk));
      // The chunks are kept past the call: each is a Buffer of its own.
      const got = Buffer.concat(chunks);
      assert.ok(got.equals(want.output), `${name} threads ${threads}: ${got.length} vs ${want.output.length} bytes`);
      assert.strictEqual(n, want.findings, `${name} threads ${threads}`);
      assert.strictEqual(n, secrets, `${name} threads ${threads}`);
      assert.ok(chunks.length > 0 && chunks.every((c) => Buffer.isBuffer(c) && c.length > 0));
      for (const secret of SCRUB_TO_SECRETS) assert.ok(!got.includes(secret), `${secret} survived`);
      // Per-call threads, as scrub takes them.
      const perCall = [];
      assert.strictEqual(new ag.Scrubber(e).scrubTo(data, (c) => perCall.push(c), undefined, threads), n);
      assert.ok(Buffer.concat(perCall).equals(want.output));
    }
  }
  e.close();
});

test('an exception thrown by write stops scrubTo and is rethrown', () => {
  const e = new ag.Engine();
  const [data] = scrubToInput();
  for (const threads of [1, 2]) {
    const s = new ag.Scrubber(e, ag.Style.DEFAULT, threads);
    const all = [];
    s.scrubTo(data, (c) => all.push(c));
    assert.ok(all.length > 3, `threads ${threads}: only ${all.length} pieces`);
    const boom = new Error('disk full');
    const seen = [];
    assert.throws(() => s.scrubTo(data, (chunk) => {
      seen.push(chunk);
      if (seen.length === 3) throw boom;
    }), (err) => err === boom);
    assert.strictEqual(seen.length, 3, `threads ${threads}: pieces delivered after the throw`);
    assert.ok(Buffer.concat(seen.slice(0, 2)).equals(Buffer.concat(all.slice(0, 2))));
  }
  // Every call unregisters its callback, also when write throws: more calls than koffi has
  // callback slots (8192) still work.
  const s = new ag.Scrubber(e);
  const stop = new TypeError('stop');
  for (let i = 0; i < 8300; i++) {
    assert.throws(() => s.scrubTo('a1@example.org b', () => { throw stop; }), (err) => err === stop);
  }
  const out = [];
  assert.strictEqual(s.scrubTo('a1@example.org b', (c) => out.push(c)), 1);
  assert.strictEqual(Buffer.concat(out).toString(), s.scrub('a1@example.org b'));
  e.close();
});

test('scrubTo with invalid threads is an invalid argument', () => {
  const e = new ag.Engine();
  const invalid = (err) => err instanceof ag.InvalidArgumentError && err.code === ag.Status.INVALID_ARGUMENT;
  const s = new ag.Scrubber(e, ag.Style.DEFAULT, 257);
  assert.throws(() => s.scrub('x a1@example.org'), invalid);
  let calls = 0;
  assert.throws(() => s.scrubTo('x a1@example.org', () => { calls++; }), invalid);
  assert.throws(() => new ag.Scrubber(e).scrubTo('x', () => { calls++; }, undefined, 257), invalid);
  assert.strictEqual(calls, 0);
  assert.throws(() => new ag.Scrubber(e).scrubTo('x', null), invalid);
  assert.strictEqual(new ag.Scrubber(e).scrubTo('', () => { calls++; }), 0);
  assert.strictEqual(calls, 0);
  e.close();
});

test('closing the engine from write is deferred to the end of scrubTo', () => {
  const e = new ag.Engine();
  const [data] = scrubToInput();
  const s = new ag.Scrubber(e);
  const chunks = [];
  const n = s.scrubTo(data, (c) => { chunks.push(c); e.close(); });
  assert.ok(n > 0 && chunks.length > 3);
  assert.ok(!Buffer.concat(chunks).includes(SCRUB_TO_SECRETS[1]));
  assert.throws(() => s.scrubTo('x', () => {}), (err) => err.code === ag.Status.STATE);
});

test('scrub options struct is the current size', () => {
  assert.strictEqual(koffi.sizeof(structs.ag_scrub_opts), 12);
  assert.deepStrictEqual([ag.SCRUB_PART_MIN, ag.SCRUB_THREADS_MAX], [1048576, 256]);
});

test('ledger clock and expiry', () => {
  const e = new ag.Engine(PRICED);
  const l = e.ledger();
  l.setTime(1767225600000);
  assert.strictEqual(l.now(), 1767225600000);
  assert.strictEqual(l.expire(), 0);
  l.close(); e.close();
});
