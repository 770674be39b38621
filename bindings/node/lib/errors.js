'use strict';
// Status codes of the C ABI and the Error subclasses that carry them.

const Status = Object.freeze({
  OK: 0, INVALID_ARGUMENT: -1, NOMEM: -2, INTERNAL: -3, BUFFER_TOO_SMALL: -4, STRUCT_SIZE: -5,
  PARSE: -6, POLICY: -7, UNKNOWN_MODEL: -8, BUDGET_EXCEEDED: -9, DEADLINE_EXCEEDED: -10,
  TURN_LIMIT: -11, TOOL_CALL_LIMIT: -12, KILLED: -13, NOT_FOUND: -14, EXPIRED: -15,
  RUN_CLOSED: -16, IO: -17, UNSUPPORTED: -18, STATE: -19, TRUNCATED: -20, PROVIDER_ERROR: -21,
  TOO_LARGE: -22, SCRUB_COMPILE: -23, TOKENIZER: -24, VERSION: -25,
});

const NAMES = new Map(Object.entries(Status).map(([k, v]) => [v, k === 'OK' ? 'AG_OK' : `AG_E_${k}`]));

/** "AG_E_BUDGET_EXCEEDED" -> -9 (undefined for an unknown name). */
function statusFromName(name) {
  return name === 'AG_OK' ? Status.OK : Status[name.replace(/^AG_E_/, '')];
}

class AgentGuardError extends Error {
  constructor(code, message) {
    const label = NAMES.get(code) || `status ${code}`;
    super(message ? `${message} (${label})` : label);
    this.name = new.target.name;
    this.code = code;
    this.detail = message;
  }
}

const SUBCLASSES = {
  InvalidArgumentError: Status.INVALID_ARGUMENT, ParseError: Status.PARSE,
  PolicyError: Status.POLICY, UnknownModelError: Status.UNKNOWN_MODEL,
  BudgetExceededError: Status.BUDGET_EXCEEDED, DeadlineExceededError: Status.DEADLINE_EXCEEDED,
  TurnLimitError: Status.TURN_LIMIT, ToolCallLimitError: Status.TOOL_CALL_LIMIT,
  KilledError: Status.KILLED, NotFoundError: Status.NOT_FOUND, ExpiredError: Status.EXPIRED,
  RunClosedError: Status.RUN_CLOSED, StateError: Status.STATE, TruncatedError: Status.TRUNCATED,
  ProviderError: Status.PROVIDER_ERROR, TooLargeError: Status.TOO_LARGE,
  VersionError: Status.VERSION,
};

const errors = { AgentGuardError };
const byCode = new Map();
for (const [name, code] of Object.entries(SUBCLASSES)) {
  // A named class per status, so `instanceof BudgetExceededError` reads naturally.
  const cls = { [name]: class extends AgentGuardError {} }[name];
  errors[name] = cls;
  byCode.set(code, cls);
}

/** The most specific Error for a status code. */
function errorFor(code, message) {
  const Cls = byCode.get(code) || AgentGuardError;
  return new Cls(code, message);
}

module.exports = { Status, statusFromName, errorFor, ...errors };
