"""agentguard: guardrails for LLM agents (budgets, deadlines, scrubbing) over the C ABI.

    with Engine(policy) as engine, engine.ledger() as ledger, ledger.begin() as run:
        rid = run.reserve("gpt-4o", 1200, 512)
        ...
        run.commit(rid, Usage(input_tokens=1200, output_tokens=310))
        clean = Scrubber(engine).scrub(prompt)
"""
from ._native import EXPECTED_MAJOR, check_version, lib as _lib
from .budget import (RESTORE_DEFAULT, RESTORE_REAPPLY, Counter, Engine, Ledger, ModelPrice, Run,
                     RunStats, Scope, Usage, Window)
from .providers import (ErrorClass, ErrorInfo, Finish, Provider, Response, StreamParser, ToolCall,
                        classify_error, error_class_str, finish_reason_str, provider_str,
                        record_response, record_stream)
from .scrub import (SCRUB_PART_MIN, SCRUB_THREADS_MAX, Confidence, Finding, RuleInfo, ScrubStream,
                    Scrubber, Style)
from .tokens import Encoding, Tokenizer, count_tokens, encoding_for_model, estimate_tokens
from .errors import (AgentGuardError, BudgetExceeded, DeadlineExceeded, Expired, InvalidArgument,
                     Killed, NotFound, ParseError, PolicyError, ProviderError, RunClosed, Status,
                     ToolCallLimit, TooLarge, Truncated, TurnLimit, UnknownModel, VersionMismatch,
                     error_for)


def version() -> str:
    """Version string of the loaded library."""
    return _lib.ag_version_string().decode()


def version_number() -> int:
    return _lib.ag_version_number()


def status_str(status: int) -> str:
    return _lib.ag_status_str(status).decode()


def is_retryable(status: int) -> bool:
    return bool(_lib.ag_status_is_retryable(status))


__all__ = [n for n in dir() if not n.startswith("_")]
