// Counts the texts of bench/compare_tokenize.sh with gpt-tokenizer and prints them beside
// agentguard's benchmark results (Google Benchmark JSON).
// Usage: node compare_tokenize.cjs PACKAGE_DIR TEXT_DIR AG_BENCH_JSON
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, textDir, agJson] = process.argv.slice(2);
const plain = { disallowedSpecial: new Set() };
const encoders = {
  o200k_base: require(path.join(pkg, 'cjs/encoding/o200k_base.js')),
  cl100k_base: require(path.join(pkg, 'cjs/encoding/cl100k_base.js')),
};
const kinds = ['prose', 'code', 'json', 'cjk'];

// Median MB/s of repeated full counts after a warm-up (gpt-tokenizer keeps its merge
// cache warm, as it would in a long-running host). Process CPU time, like Google
// Benchmark's default, so a busy machine does not skew the comparison.
function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
function measure(fn, bytes) {
  fn();
  const rates = [];
  const until = Date.now() + 2000;
  while (Date.now() < until || rates.length < 3) {
    const t0 = cpuSeconds();
    fn();
    rates.push(bytes / 1e6 / Math.max(cpuSeconds() - t0, 1e-6));
  }
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1];
}

const ag = {};
for (const b of JSON.parse(fs.readFileSync(agJson)).benchmarks) {
  ag[b.name] = { mbps: b.bytes_per_second / 1e6, tokens: b.tokens };
}

const rows = [['text', 'MiB', 'encoding', 'agentguard MB/s', 'gpt-tokenizer MB/s', 'speedup',
               'agentguard tokens', 'gpt-tokenizer tokens']];
for (const kind of kinds) {
  const buf = fs.readFileSync(path.join(textDir, kind + '.txt'));
  const text = buf.toString('utf8');
  for (const [name, enc] of Object.entries(encoders)) {
    const ours = ag[`count/${name}/${kind}`] || {};
    let tokens = 0;
    const mbps = measure(() => { tokens = enc.countTokens(text, plain); }, buf.length);
    rows.push([kind, (buf.length / 1048576).toFixed(2), name, (ours.mbps || 0).toFixed(1),
               mbps.toFixed(1), ours.mbps ? (ours.mbps / mbps).toFixed(1) + 'x' : '-',
               String(ours.tokens ?? '-'), String(tokens)]);
  }
}
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('  '));
