'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Worker } = require('node:worker_threads');
const ag = require('..');

const PRICED = { version: 1, budgets: { run: { usd: 1 } },
  pricing: { models: { 'acme-large': { input_mtok: 1, output_mtok: 4 } } } };

test('version of the loaded library matches', () => {
  assert.strictEqual(Math.floor(ag.versionNumber() / 10000), ag.EXPECTED_MAJOR);
  assert.match(ag.version(), /^\d+\.\d+\.\d+/);
});

test('another major version is refused', () => {
  ag.checkVersion(ag.EXPECTED_MAJOR * 10000 + 907);
  assert.throws(() => ag.checkVersion((ag.EXPECTED_MAJOR + 1) * 10000),
    (e) => e instanceof ag.VersionError && e.code === ag.Status.VERSION &&
      /needs major version/.test(e.message));
});

test('errors carry code, class and message', () => {
  assert.throws(() => new ag.Engine('{'), (e) => e instanceof ag.ParseError &&
    e instanceof ag.AgentGuardError && e.code === ag.Status.PARSE && e.detail.length > 0);
  const e = new ag.Engine(PRICED);
  assert.throws(() => e.price('no-such-model-xyz', { inputTokens: 1 }),
    (err) => err instanceof ag.UnknownModelError && err.detail.includes('no-such-model-xyz'));
  const l = e.ledger();
  const run = l.begin();
  assert.throws(() => run.reserve('acme-large', 1e6, 1e6), (err) =>
    err instanceof ag.BudgetExceededError && !ag.isRetryable(err.code) && err.detail.length > 0);
  run.close(); l.close(); e.close();
});

test('Buffer and string inputs are equivalent', () => {
  const e = new ag.Engine(Buffer.from(JSON.stringify(PRICED)));
  assert.strictEqual(e.price(Buffer.from('acme-large'), { input_tokens: 10 }),
    e.price('acme-large', { inputTokens: 10 }));
  e.close();
});

test('close is idempotent and use after close throws', () => {
  const e = new ag.Engine();
  const l = e.ledger();
  const r = l.begin();
  for (const h of [r, r, l, l, e, e]) h.close();
  assert.ok(e.closed && l.closed && r.closed);
  assert.throws(() => e.price('x', {}), (err) => err instanceof ag.StateError);
});

test('parents closed first stay alive for their children', () => {
  const e = new ag.Engine(PRICED);
  const l = e.ledger();
  const run = l.begin();
  e.close();
  l.close();
  const id = run.reserve('acme-large', 10, 10);
  assert.strictEqual(run.commit(id, { inputTokens: 10, outputTokens: 1 }), 14000);
  run.close();
  assert.strictEqual(e._ptr, null);
});

// A million runs and stream parsers (and two thousand engines) are created and closed;
// resident memory may not grow by more than 128 bytes per cycle (V8's own heap moves by tens
// of megabytes). A leaked run or parser is several hundred bytes, a leaked engine over 100 KB.
test('create/close cycles do not leak', () => {
  const cycles = (n, make) => {
    // Warm up first: V8 grows its heap to a steady size over the first hundred thousand.
    for (let i = 0; i < Math.max(100, n / 5); i++) make().close();
    const before = process.memoryUsage().rss;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) make().close();
    const us = Number(process.hrtime.bigint() - t0) / n / 1000;
    return { n, us, grown: process.memoryUsage().rss - before };
  };
  const e = new ag.Engine();
  const l = e.ledger();
  const results = {
    'Engine()': cycles(2000, () => new ag.Engine()),
    'Ledger.begin()': cycles(1000000, () => l.begin()),
    'StreamParser()': cycles(1000000, () => new ag.StreamParser()),
  };
  const run = l.begin();
  assert.strictEqual(run.stats().openReservations, 0);
  run.close(); l.close(); e.close();
  for (const [name, r] of Object.entries(results)) {
    assert.ok(r.grown < 128 * 1024 * 1024,
      `${name}: resident memory grew ${r.grown} bytes over ${r.n} create/close cycles`);
  }
  console.log(Object.entries(results).map(([k, r]) =>
    `${k}+close x${r.n}: ${r.us.toFixed(1)} us, rss ${Math.round(r.grown / 1024)} KB`).join(', '));
});

test('snapshot and restore', () => {
  const e = new ag.Engine(PRICED);
  const l = e.ledger();
  const run = l.begin({ run_id: 'snap-1', user: 'u' });
  run.commit(run.reserve('acme-large', 100, 100), { inputTokens: 100, outputTokens: 10 });
  run.turn();
  const snap = run.snapshot();
  run.close();
  const back = l.restore(snap);
  assert.strictEqual(back.id, 'snap-1');
  const st = back.stats();
  assert.deepStrictEqual([st.spentNusd, st.turns], [140000, 1]);
  back.close(); l.close(); e.close();
});

test('worker threads use the library concurrently', async () => {
  // Each worker loads the binding in its own isolate and hammers its own run; all share
  // the one process-wide library. Every worker must get exactly its budget, no more.
  const body = `
    const { parentPort, workerData } = require('node:worker_threads');
    const ag = require(workerData.dir);
    const e = new ag.Engine(workerData.policy);
    const l = e.ledger();
    const run = l.begin();
    let granted = 0;
    for (let i = 0; i < 400; i++) {
      try { run.commit(run.reserve('acme-large', 100, 0), { inputTokens: 100 }); granted++; }
      catch (err) { if (!(err instanceof ag.BudgetExceededError)) throw err; }
    }
    parentPort.postMessage([granted, run.stats().spentNusd]);
    run.close(); l.close(); e.close();`;
  const policy = { version: 1, budgets: { run: { usd: 0.01 } },
    pricing: { models: { 'acme-large': { input_mtok: 1, output_mtok: 4 } } } };
  const results = await Promise.all([1, 2, 3, 4].map(() => new Promise((resolve, reject) => {
    const w = new Worker(body, { eval: true, workerData: { dir: require.resolve('..'), policy } });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  assert.deepStrictEqual(results, Array(4).fill([100, 10000000]));
});
