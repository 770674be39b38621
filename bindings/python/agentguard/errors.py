"""Status codes of the C ABI and the exceptions that carry them."""
from __future__ import annotations

from enum import IntEnum
from typing import Dict, Type


class Status(IntEnum):
    """ag_status values (append-only; never renumbered)."""

    OK = 0
    INVALID_ARGUMENT = -1
    NOMEM = -2
    INTERNAL = -3
    BUFFER_TOO_SMALL = -4
    STRUCT_SIZE = -5
    PARSE = -6
    POLICY = -7
    UNKNOWN_MODEL = -8
    BUDGET_EXCEEDED = -9
    DEADLINE_EXCEEDED = -10
    TURN_LIMIT = -11
    TOOL_CALL_LIMIT = -12
    KILLED = -13
    NOT_FOUND = -14
    EXPIRED = -15
    RUN_CLOSED = -16
    IO = -17
    UNSUPPORTED = -18
    STATE = -19
    TRUNCATED = -20
    PROVIDER_ERROR = -21
    TOO_LARGE = -22
    SCRUB_COMPILE = -23
    TOKENIZER = -24
    VERSION = -25

    @property
    def c_name(self) -> str:
        """The C macro name, e.g. "AG_E_BUDGET_EXCEEDED"."""
        return "AG_OK" if self is Status.OK else "AG_E_" + self.name

    @classmethod
    def from_c_name(cls, name: str) -> "Status":
        return cls[name[len("AG_E_"):]] if name != "AG_OK" else cls.OK


class AgentGuardError(Exception):
    """A failed agentguard call: .code is the Status, .message the library's text."""

    code: int

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{message} ({_status_label(code)})" if message else _status_label(code))
        self.code = code
        self.message = message

    @property
    def status(self) -> Status:
        return Status(self.code)


class InvalidArgument(AgentGuardError): pass
class ParseError(AgentGuardError): pass
class PolicyError(AgentGuardError): pass
class UnknownModel(AgentGuardError): pass
class BudgetExceeded(AgentGuardError): pass
class DeadlineExceeded(AgentGuardError): pass
class TurnLimit(AgentGuardError): pass
class ToolCallLimit(AgentGuardError): pass
class Killed(AgentGuardError): pass
class NotFound(AgentGuardError): pass
class Expired(AgentGuardError): pass
class RunClosed(AgentGuardError): pass
class Truncated(AgentGuardError): pass
class ProviderError(AgentGuardError): pass
class TooLarge(AgentGuardError): pass
class VersionMismatch(AgentGuardError): pass


_BY_CODE: Dict[int, Type[AgentGuardError]] = {
    Status.INVALID_ARGUMENT: InvalidArgument,
    Status.PARSE: ParseError,
    Status.POLICY: PolicyError,
    Status.UNKNOWN_MODEL: UnknownModel,
    Status.BUDGET_EXCEEDED: BudgetExceeded,
    Status.DEADLINE_EXCEEDED: DeadlineExceeded,
    Status.TURN_LIMIT: TurnLimit,
    Status.TOOL_CALL_LIMIT: ToolCallLimit,
    Status.KILLED: Killed,
    Status.NOT_FOUND: NotFound,
    Status.EXPIRED: Expired,
    Status.RUN_CLOSED: RunClosed,
    Status.TRUNCATED: Truncated,
    Status.PROVIDER_ERROR: ProviderError,
    Status.TOO_LARGE: TooLarge,
    Status.VERSION: VersionMismatch,
}


def _status_label(code: int) -> str:
    try:
        return Status(code).c_name
    except ValueError:
        return f"status {code}"


def error_for(code: int, message: str) -> AgentGuardError:
    """The most specific exception for a status code."""
    return _BY_CODE.get(code, AgentGuardError)(code, message)
