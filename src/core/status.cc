#include "core/status.h"

namespace ag {

const char *status_name(ag_status s) {
  switch (s) {
    case AG_OK: return "ok";
    case AG_E_INVALID_ARGUMENT: return "invalid argument";
    case AG_E_NOMEM: return "out of memory";
    case AG_E_INTERNAL: return "internal error";
    case AG_E_BUFFER_TOO_SMALL: return "buffer too small";
    case AG_E_STRUCT_SIZE: return "unknown struct size";
    case AG_E_PARSE: return "parse error";
    case AG_E_POLICY: return "invalid policy";
    case AG_E_UNKNOWN_MODEL: return "unknown model";
    case AG_E_BUDGET_EXCEEDED: return "budget exceeded";
    case AG_E_DEADLINE_EXCEEDED: return "deadline exceeded";
    case AG_E_TURN_LIMIT: return "turn limit reached";
    case AG_E_TOOL_CALL_LIMIT: return "tool call limit reached";
    case AG_E_KILLED: return "killed";
    case AG_E_NOT_FOUND: return "not found";
    case AG_E_EXPIRED: return "reservation expired";
    case AG_E_RUN_CLOSED: return "run closed";
    case AG_E_IO: return "i/o error";
    case AG_E_UNSUPPORTED: return "unsupported";
    case AG_E_STATE: return "invalid state";
    case AG_E_TRUNCATED: return "stream truncated";
    case AG_E_PROVIDER_ERROR: return "provider error";
    case AG_E_TOO_LARGE: return "input too large";
    case AG_E_SCRUB_COMPILE: return "scrub rule compile error";
    case AG_E_TOKENIZER: return "tokenizer error";
    case AG_E_VERSION: return "version mismatch";
    default: return "unknown status";
  }
}

bool status_retryable(ag_status s) {
  switch (s) {
    case AG_E_NOMEM:
    case AG_E_TRUNCATED:
    case AG_E_IO:
      return true;
    default:
      return false;
  }
}

}  // namespace ag
