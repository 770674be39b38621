"""Scrubbing secrets and personal data: block mode, findings, rules and streams."""
from __future__ import annotations

import ctypes
from ctypes import byref, c_size_t, c_void_p
from dataclasses import dataclass
from enum import IntEnum
from typing import List, Tuple, Union

from . import _native
from ._handle import Handle
from ._native import as_bytes, lib, new_struct
from .budget import Engine
from .errors import Status

Text = Union[str, bytes, bytearray, memoryview]


class Style(IntEnum):
    DEFAULT = 0  # the policy's scrub.style
    LABEL = 1    # [REDACTED:<rule-id>]
    MASK = 2     # safe prefix, then ****
    HASH = 3     # [REDACTED:<rule-id>:<12 hex>], keyed per engine
    DETECT = 4   # output = input; findings only


class Confidence(IntEnum):
    LOW = 0
    MEDIUM = 1
    HIGH = 2


@dataclass
class Finding:
    """Input bytes [start, end) were replaced because of rule (of family)."""

    rule: str
    family: str
    start: int
    end: int
    confidence: int
    rule_index: int


@dataclass
class RuleInfo:
    id: str
    family: str
    confidence: int
    max_len: int


def _opts(style: int) -> _native.ScrubOpts:
    o = new_struct(_native.ScrubOpts)
    o.style = int(style)
    return o


def _same_kind(original: Text, out: bytes):
    return out.decode("utf-8", "surrogateescape") if isinstance(original, str) else out


def _findings(fill) -> Tuple[int, List[Finding]]:
    """(status, findings) of an ag_finding array read with the count query of ag_scan."""
    count = c_size_t(0)
    arr = (_native.FindingC * 16)()
    arr[0].struct_size = ctypes.sizeof(_native.FindingC)
    status = fill(arr, 16, byref(count))
    if status == Status.BUFFER_TOO_SMALL and count.value > 16:
        arr = (_native.FindingC * count.value)()
        arr[0].struct_size = ctypes.sizeof(_native.FindingC)
        status = fill(arr, count.value, byref(count))
    return status, [Finding(f.rule.decode(), f.family.decode(), f.start, f.end, f.confidence,
                            f.rule_index) for f in arr[:count.value]]


class Scrubber:
    """Scrubs with an engine's rules. Thread-safe; the rules compile on first use."""

    def __init__(self, engine: Engine, style: int = Style.DEFAULT) -> None:
        self.engine = engine
        self.style = style

    def scrub(self, data: Text, style: int = None) -> Text:
        """The input with every secret redacted; str in gives str out, bytes give bytes."""
        return self.scrub_counted(data, style)[0]

    def scrub_counted(self, data: Text, style: int = None):
        """(scrubbed output, number of redactions)."""
        raw = as_bytes(data)
        opts = _opts(self.style if style is None else style)
        e = self.engine
        bound = c_size_t(0)
        e.check(lib.ag_scrub_bound(e.ptr, byref(opts), len(raw), byref(bound)))
        out = ctypes.create_string_buffer(max(bound.value, 1))
        n, found = c_size_t(0), c_size_t(0)
        e.check(lib.ag_scrub(e.ptr, byref(opts), raw, len(raw), out, len(out), byref(n),
                             byref(found)))
        return _same_kind(data, out.raw[:n.value]), found.value

    def scan(self, data: Text) -> List[Finding]:
        """Findings only, in input order."""
        raw = as_bytes(data)
        e = self.engine
        status, found = _findings(lambda arr, cap, n: lib.ag_scan(e.ptr, raw, len(raw), arr, cap, n))
        e.check(status)
        return found

    def rules(self) -> List[RuleInfo]:
        """The engine's active rules (built-in after policy filters, then custom)."""
        e = self.engine
        count = c_size_t(0)
        e.check(lib.ag_scrub_rule_count(e.ptr, byref(count)))
        rules = []
        for i in range(count.value):
            info = new_struct(_native.RuleInfoC)
            e.check(lib.ag_scrub_rule_info(e.ptr, i, byref(info)))
            rules.append(RuleInfo(info.id.decode(), info.family.decode(), info.confidence,
                                  info.max_len))
        return rules

    def stream(self, style: int = None) -> "ScrubStream":
        return ScrubStream(self.engine, self.style if style is None else style)


class ScrubStream(Handle):
    """One streaming redactor: the concatenated output of write()s and finish() equals
    Scrubber.scrub of the concatenated input, for any chunking. One thread at a time; it
    keeps the engine's rules alive by itself."""

    _free = staticmethod(lambda p: lib.ag_scrub_stream_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_scrub_stream_last_error(p, b, n))

    def __init__(self, engine: Engine, style: int = Style.DEFAULT) -> None:
        out = c_void_p()
        opts = _opts(style)
        engine.check(lib.ag_scrub_stream_new(engine.ptr, byref(opts), byref(out)))
        super().__init__(out.value)

    def _emit(self, call, n_in: int) -> bytes:
        cap = lib.ag_scrub_stream_bound(self.ptr, n_in)
        out = ctypes.create_string_buffer(max(cap, 1))
        n = c_size_t(0)
        self.check(call(out, len(out), byref(n)))
        return out.raw[:n.value]

    def write(self, chunk: Text) -> bytes:
        """Consumes chunk; returns the output that became final (possibly empty)."""
        raw = as_bytes(chunk)
        return self._emit(lambda o, c, n: lib.ag_scrub_stream_write(self.ptr, raw, len(raw), o, c, n),
                          len(raw))

    def finish(self) -> bytes:
        """Ends the input and returns everything still held."""
        return self._emit(lambda o, c, n: lib.ag_scrub_stream_finish(self.ptr, o, c, n), 0)

    def findings(self) -> List[Finding]:
        status, found = _findings(
            lambda arr, cap, n: lib.ag_scrub_stream_findings(self.ptr, arr, cap, n))
        self.check(status)
        return found
