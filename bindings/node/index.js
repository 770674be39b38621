'use strict';
// agentguard: guardrails for LLM agents (budgets, deadlines, scrubbing) over the C ABI.
const { C, EXPECTED_MAJOR, checkVersion } = require('./lib/native');
const errors = require('./lib/errors');
const budget = require('./lib/budget');
const scrub = require('./lib/scrub');
const providers = require('./lib/providers');
const tokens = require('./lib/tokens');

module.exports = {
  ...errors,
  ...budget,
  ...scrub,
  ...providers,
  ...tokens,
  EXPECTED_MAJOR,
  checkVersion,
  version: () => C.ag_version_string(),
  versionNumber: () => C.ag_version_number(),
  statusStr: (s) => C.ag_status_str(s),
  isRetryable: (s) => C.ag_status_is_retryable(s) !== 0,
};
