'use strict';
// Per-call overhead from Node: node bench/overhead.js (AGENTGUARD_LIB as for tests).
const ag = require('..');
const { C } = require('../lib/native');

function perCallNs(n, fn) {
  for (let i = 0; i < n / 10; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t0) / n;
}

console.log(`node ag_version_number (raw koffi): ${perCallNs(2e6, C.ag_version_number).toFixed(0)} ns/call`);
console.log(`node versionNumber(): ${perCallNs(2e6, ag.versionNumber).toFixed(0)} ns/call`);
const engine = new ag.Engine();
const scrubber = new ag.Scrubber(engine);
const text = Buffer.from('user asked about the deploy; token ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 and mail bob@example.com '.repeat(12)).subarray(0, 1024);
try {
  scrubber.scrub(text);
  console.log(`node scrub 1 KB: ${(perCallNs(20000, () => scrubber.scrub(text)) / 1000).toFixed(2)} us/call`);
} catch (e) {
  console.log(`node scrub 1 KB: unavailable (${e.message})`);
}
engine.close();
