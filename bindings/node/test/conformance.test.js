'use strict';
// Runs the language-neutral vectors of tests/conformance/ through the Node binding.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const ag = require('..');

const DIR = process.env.AGENTGUARD_CONFORMANCE_DIR ||
  path.join(__dirname, '..', '..', '..', 'tests', 'conformance');
const load = (name) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));
const SCOPES = { run: ag.Scope.RUN, user: ag.Scope.USER, tenant: ag.Scope.TENANT, global: ag.Scope.GLOBAL };
const WINDOWS = { total: ag.Window.TOTAL, hour: ag.Window.HOUR, day: ag.Window.DAY, month: ag.Window.MONTH };
const camel = (k) => k.replace(/_(\w)/g, (_, c) => c.toUpperCase());

function code(name) {
  const c = ag.statusFromName(name);
  assert.notStrictEqual(c, undefined, `unknown status name ${name}`);
  return c;
}

function fields(actual, want) {
  for (const [k, v] of Object.entries(want)) {
    assert.strictEqual(actual[camel(k)], k === 'state' ? code(v) : v, k);
  }
}

const providerId = (name = 'auto') => {
  const id = Object.values(ag.Provider).find((p) => ag.providerStr(p) === name);
  assert.notStrictEqual(id, undefined, `unknown provider ${name}`);
  return id;
};
const bodyOf = (s) => ('body_text' in s ? s.body_text : JSON.stringify(s.body || {}));
const STYLES = { default: ag.Style.DEFAULT, label: ag.Style.LABEL, mask: ag.Style.MASK,
  hash: ag.Style.HASH, detect: ag.Style.DETECT };

const OPS = {
  parse_response: (c, s) => {
    const r = ag.Response.parse(bodyOf(s), providerId(s.provider));
    try {
      if ('provider_is' in s) assert.strictEqual(ag.providerStr(r.provider), s.provider_is);
      if ('finish' in s) assert.strictEqual(ag.finishReasonStr(r.finish), s.finish);
      if ('model' in s) assert.strictEqual(r.model, s.model);
      if ('text' in s) assert.strictEqual(r.text, s.text);
      fields(r.usage, s.usage || {});
      if ('tool_calls' in s) assert.deepStrictEqual(r.toolCalls, s.tool_calls);
    } finally { r.close(); }
  },
  stream_parse: (c, s) => {
    const p = new ag.StreamParser(providerId(s.provider));
    try {
      let text = '';
      for (const chunk of s.chunks) { p.write(chunk); text += p.takeText(); }
      let got = ag.Status.OK;
      try { p.finish(); } catch (e) { got = e.code; }
      assert.strictEqual(got, code(s.finish_expect || 'AG_OK'));
      text += p.takeText();
      if ('text' in s) assert.strictEqual(text, s.text);
      const r = p.result();
      fields(r.usage, s.usage || {});
      if ('truncated' in s) assert.strictEqual(r.truncated, s.truncated);
      r.close();
    } finally { p.close(); }
  },
  classify_error: (c, s) => {
    const info = ag.classifyError(s.http_status, bodyOf(s), s.headers || '', providerId(s.provider));
    assert.strictEqual(ag.errorClassStr(info.errorClass), s.class);
    if ('retryable' in s) assert.strictEqual(info.retryable, s.retryable);
    if ('retry_after_ms' in s) assert.strictEqual(info.retryAfterMs, s.retry_after_ms);
    assert.ok(info.message.includes(s.message || ''), info.message);
  },
  record_response: (c, s) => {
    const r = ag.recordResponse(c.run(s), c.reservations[s.reservation], bodyOf(s), providerId(s.provider));
    fields(r.usage, s.usage || {});
    if ('cost_nusd' in s) assert.strictEqual(r.costNusd, s.cost_nusd);
  },
  encoding_for_model: (c, s) => assert.strictEqual(ag.encodingForModel(s.model), s.encoding),
  scrub: (c, s) => {
    const r = new ag.Scrubber(c.engine, STYLES[s.style || 'default']).scrubCounted(s.input);
    assert.strictEqual(r.output, s.output);
    if ('findings' in s) assert.strictEqual(r.findings, s.findings);
  },
  scan: (c, s) => assert.deepStrictEqual(
    new ag.Scrubber(c.engine).scan(s.input).map((f) => ({ rule: f.rule, start: f.start, end: f.end })),
    s.findings),
  scrub_stream: (c, s) => {
    const scrubber = new ag.Scrubber(c.engine);
    const data = Buffer.from(s.input);
    const block = scrubber.scrubCounted(data);
    for (const size of s.chunk_sizes) {
      const st = scrubber.stream();
      const parts = [];
      for (let i = 0; i < data.length; i += size) parts.push(st.write(data.subarray(i, i + size)));
      parts.push(st.finish());
      assert.deepStrictEqual(Buffer.concat(parts), block.output, `chunk size ${size}`);
      assert.strictEqual(st.findings().length, block.findings);
      st.close();
    }
  },
  set_time: (c, s) => c.ledger.setTime(s.now_ms),
  begin: (c, s) => { c.runs[s.as || 'run'] = c.ledger.begin(s.opts_text ?? s.opts); },
  run_id: (c, s) => assert.strictEqual(c.run(s).id, s.id),
  reserve: (c, s) => {
    const id = c.run(s).reserve(s.model, s.input_tokens, s.max_output_tokens);
    if (s.as) c.reservations[s.as] = id;
  },
  commit: (c, s) => {
    const cost = c.run(s).commit(c.reservations[s.reservation], s.usage);
    if ('cost_nusd' in s) assert.strictEqual(cost, s.cost_nusd);
  },
  release: (c, s) => c.run(s).release(c.reservations[s.reservation]),
  check: (c, s) => c.run(s).checkState(),
  turn: (c, s) => c.run(s).turn(),
  tool_call: (c, s) => c.run(s).toolCall(s.tool),
  step_timeout: (c, s) => {
    const t = c.run(s).stepTimeoutMs();
    if ('timeout_ms' in s) assert.strictEqual(t === null ? -1 : t, s.timeout_ms);
  },
  stats: (c, s) => fields(c.run(s).stats(), s.fields),
  kill: (c, s) => c.ledger.kill(SCOPES[s.scope], s.id || '', s.reason || ''),
  revive: (c, s) => c.ledger.revive(SCOPES[s.scope], s.id || ''),
  set_limit: (c, s) => c.ledger.setLimit(SCOPES[s.scope], s.id || '', WINDOWS[s.window], s.usd_nusd, s.tokens),
  clear_limit: (c, s) => c.ledger.clearLimit(SCOPES[s.scope], s.id || '', WINDOWS[s.window]),
  counter: (c, s) => fields(c.ledger.counter(SCOPES[s.scope], s.id || '', WINDOWS[s.window]), s.fields),
  get: (c, s) => assert.deepStrictEqual(c.ledger.get(SCOPES[s.scope], s.id || '', WINDOWS[s.window]),
    { spentNusd: s.spent_nusd, reservedNusd: s.reserved_nusd }),
  price: (c, s) => {
    const cost = c.engine.price(s.model, s.usage);
    if ('cost_nusd' in s) assert.strictEqual(cost, s.cost_nusd);
  },
  model_price: (c, s) => {
    const p = c.engine.modelPrice(s.model);
    if ('name' in s) assert.strictEqual(p.name, s.name);
    fields(p, s.fields || {});
  },
};

function runCase(kase) {
  const policy = kase.policy_text ?? kase.policy;
  const expect = code(kase.engine_expect || 'AG_OK');
  let engine;
  try {
    engine = new ag.Engine(policy);
  } catch (e) {
    if (!(e instanceof ag.AgentGuardError)) throw e;
    assert.strictEqual(e.code, expect, e.message);
    assert.ok(e.detail.includes(kase.engine_error_contains || ''), e.message);
    return;
  }
  assert.strictEqual(expect, ag.Status.OK, 'engine creation succeeded');
  const ctx = { engine, ledger: engine.ledger(), runs: {}, reservations: {},
    run(s) { return this.runs[s.run || 'run']; } };
  try {
    (kase.steps || []).forEach((step, i) => {
      const want = code(step.expect || 'AG_OK');
      const where = `step ${i} (${step.op})`;
      try {
        OPS[step.op](ctx, step);
      } catch (e) {
        if (!(e instanceof ag.AgentGuardError)) throw new Error(`${where}: ${e.message}`);
        assert.strictEqual(e.code, want, `${where}: ${e.message}`);
        assert.ok(e.detail.includes(step.error_contains || ''), `${where}: ${e.message}`);
        return;
      }
      assert.strictEqual(want, ag.Status.OK, `${where} succeeded`);
    });
  } finally {
    Object.values(ctx.runs).forEach((r) => r.close());
    ctx.ledger.close();
    engine.close();
  }
}

test('status table', () => {
  const rows = load('status.json').statuses;
  for (const row of rows) {
    const c = code(row.name);
    assert.strictEqual(c, row.code, row.name);
    assert.strictEqual(ag.statusStr(c), row.str, row.name);
    assert.strictEqual(ag.isRetryable(c), row.retryable, row.name);
  }
  assert.strictEqual(Object.keys(ag.Status).length, rows.length);
});

for (const file of fs.readdirSync(DIR).filter((n) => n.endsWith('.json') && n !== 'status.json').sort()) {
  test(file, async (t) => {
    for (const kase of load(file).cases) {
      await t.test(kase.name, () => runCase(kase));
    }
  });
}
