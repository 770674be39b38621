"""Provider responses: parsing bodies and SSE streams, classifying error bodies."""
from __future__ import annotations

import ctypes
import json
from ctypes import byref, c_int64, c_size_t, c_void_p
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _native
from ._handle import Handle
from ._native import as_bytes, lib, new_struct, read_sized
from .budget import Run, Usage
from .errors import Status, error_for

Text = Union[str, bytes, bytearray, memoryview]


class Provider(IntEnum):
    AUTO = 0
    OPENAI_CHAT = 1
    OPENAI_RESPONSES = 2
    ANTHROPIC = 3
    GEMINI = 4


class Finish(IntEnum):
    NONE = 0
    STOP = 1
    LENGTH = 2
    TOOL_CALLS = 3
    CONTENT_FILTER = 4
    OTHER = 5


class ErrorClass(IntEnum):
    UNKNOWN = 0
    RATE_LIMIT = 1
    OVERLOADED = 2
    CONTEXT_LENGTH = 3
    CONTENT_POLICY = 4
    AUTH = 5
    PERMISSION = 6
    NOT_FOUND = 7
    BILLING = 8
    INVALID_REQUEST = 9
    SERVER = 10


_FIELD_MODEL, _FIELD_ID, _FIELD_FINISH_RAW, _FIELD_TEXT = 0, 1, 2, 3
_CALL_ID, _CALL_NAME, _CALL_ARGUMENTS = 0, 1, 2


def provider_str(provider: int) -> str:
    return lib.ag_provider_str(provider).decode()


def finish_reason_str(finish: int) -> str:
    return lib.ag_finish_reason_str(finish).decode()


def error_class_str(error_class: int) -> str:
    return lib.ag_error_class_str(error_class).decode()


@dataclass
class ToolCall:
    id: str
    name: str
    arguments: str  # JSON text


def _usage_from_c(u: _native.Usage) -> Usage:
    return Usage(u.input_tokens, u.cached_input_tokens, u.cache_write_tokens, u.output_tokens,
                 u.reasoning_tokens, u.cache_write_1h_tokens)


class Response(Handle):
    """A parsed provider response (the body itself is not kept)."""

    _free = staticmethod(lambda p: lib.ag_response_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_response_last_error(p, b, n))

    @classmethod
    def parse(cls, body: Text, provider: int = Provider.AUTO) -> "Response":
        raw = as_bytes(body)
        out = c_void_p()
        err = ctypes.create_string_buffer(1024)
        status = lib.ag_response_parse(int(provider), raw, len(raw), byref(out), err, len(err))
        if status != Status.OK:
            raise error_for(status, err.value.decode("utf-8", "replace"))
        return cls(out.value)

    @property
    def provider(self) -> Provider:
        return Provider(lib.ag_response_provider(self.ptr))

    @property
    def finish(self) -> Finish:
        return Finish(lib.ag_response_finish(self.ptr))

    @property
    def truncated(self) -> bool:
        return lib.ag_response_truncated(self.ptr) == 1

    @property
    def usage(self) -> Usage:
        u = new_struct(_native.Usage)
        self.check(lib.ag_response_usage(self.ptr, byref(u)))
        return _usage_from_c(u)

    def _field(self, field: int) -> str:
        return read_sized(lambda b, c, n: lib.ag_response_field(self.ptr, field, b, c, n),
                          self.check).decode("utf-8", "replace")

    @property
    def model(self) -> str:
        return self._field(_FIELD_MODEL)

    @property
    def id(self) -> str:
        return self._field(_FIELD_ID)

    @property
    def finish_raw(self) -> str:
        return self._field(_FIELD_FINISH_RAW)

    @property
    def text(self) -> str:
        return self._field(_FIELD_TEXT)

    @property
    def tool_calls(self) -> List[ToolCall]:
        def part(i: int, p: int) -> str:
            return read_sized(lambda b, c, n: lib.ag_response_tool_call(self.ptr, i, p, b, c, n),
                              self.check).decode("utf-8", "replace")
        return [ToolCall(part(i, _CALL_ID), part(i, _CALL_NAME), part(i, _CALL_ARGUMENTS))
                for i in range(lib.ag_response_tool_call_count(self.ptr))]

    def to_json(self) -> Dict[str, Any]:
        """The whole response as one object (see ag_response_to_json)."""
        return json.loads(read_sized(lambda b, c, n: lib.ag_response_to_json(self.ptr, b, c, n),
                                     self.check, 1024))


class StreamParser(Handle):
    """One provider SSE stream, fed chunks split anywhere. One thread at a time."""

    _free = staticmethod(lambda p: lib.ag_stream_parser_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_stream_parser_last_error(p, b, n))

    def __init__(self, provider: int = Provider.AUTO) -> None:
        out = c_void_p()
        status = lib.ag_stream_parser_new(int(provider), byref(out))
        if status != Status.OK:
            raise error_for(status, "ag_stream_parser_new failed")
        super().__init__(out.value)

    def write(self, chunk: Text) -> None:
        raw = as_bytes(chunk)
        self.check(lib.ag_stream_parser_write(self.ptr, raw, len(raw)))

    def finish(self) -> None:
        """Ends the stream; raises Truncated (retryable) without its terminal event."""
        self.check(lib.ag_stream_parser_finish(self.ptr))

    @property
    def done(self) -> bool:
        return lib.ag_stream_parser_done(self.ptr) == 1

    def take_text(self) -> str:
        """The output text received since the last call."""
        return read_sized(lambda b, c, n: lib.ag_stream_parser_take_text(self.ptr, b, c, n),
                          self.check).decode("utf-8", "replace")

    def result(self) -> Response:
        """A snapshot of what the stream has said so far."""
        out = c_void_p()
        self.check(lib.ag_stream_parser_result(self.ptr, byref(out)))
        return Response(out.value)


@dataclass
class ErrorInfo:
    error_class: ErrorClass
    retryable: bool
    http_status: int
    retry_after_ms: Optional[int]
    message: str


def classify_error(http_status: int, body: Text = b"", headers: Text = b"",
                   provider: int = Provider.AUTO) -> ErrorInfo:
    """Classifies a provider error from its HTTP status, raw headers and body."""
    b, h = as_bytes(body), as_bytes(headers)
    info = new_struct(_native.ErrorInfoC)

    def check(status: int) -> None:
        if status != Status.OK:
            raise error_for(status, "ag_error_classify failed")

    msg = read_sized(lambda buf, cap, n: lib.ag_error_classify(
        int(provider), http_status, h, len(h), b, len(b), byref(info), buf, cap, n), check)
    return ErrorInfo(ErrorClass(info.error_class), bool(info.retryable), info.http_status,
                     None if info.retry_after_ms < 0 else info.retry_after_ms,
                     msg.decode("utf-8", "replace"))


def record_response(run: Run, reservation: int, body: Text,
                    provider: int = Provider.AUTO) -> Tuple[Usage, int]:
    """Parses body, prices its usage and commits the reservation: (usage, cost_nusd)."""
    raw = as_bytes(body)
    u = new_struct(_native.Usage)
    cost = c_int64()
    run.check(lib.ag_run_record_response(run.ptr, reservation, int(provider), raw, len(raw),
                                         byref(u), byref(cost)))
    return _usage_from_c(u), cost.value


def record_stream(run: Run, reservation: int, parser: StreamParser) -> Tuple[Usage, int]:
    """Commits the usage a finished stream parser has seen: (usage, cost_nusd)."""
    u = new_struct(_native.Usage)
    cost = c_int64()
    run.check(lib.ag_run_record_stream(run.ptr, reservation, parser.ptr, byref(u), byref(cost)))
    return _usage_from_c(u), cost.value
