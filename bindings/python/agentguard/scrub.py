"""Scrubbing secrets and personal data: block mode, findings, rules and streams."""
from __future__ import annotations

import ctypes
from ctypes import byref, c_size_t, c_void_p
from dataclasses import dataclass
from enum import IntEnum
from typing import Callable, List, Tuple, Union

from . import _native
from ._handle import Handle
from ._native import as_bytes, lib, new_struct
from .budget import Engine
from .errors import Status, error_for

Text = Union[str, bytes, bytearray, memoryview]

# The smallest part of an input one thread of Scrubber.scrub scans, in bytes.
SCRUB_PART_MIN = 1 << 20
# The largest threads= of Scrubber.scrub; more raises InvalidArgument.
SCRUB_THREADS_MAX = 256


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


def _scrub_guess(n: int) -> int:
    """The first output buffer size Scrubber.scrub tries for n input bytes: n + n/8 + 4096
    (the same rule in every binding). A larger output is retried with its exact size."""
    return n + n // 8 + 4096


def _opts(style: int, threads: int = 0) -> _native.ScrubOpts:
    threads = int(threads)
    if not 0 <= threads <= 0xFFFFFFFF:  # ctypes would wrap it silently
        raise error_for(Status.INVALID_ARGUMENT, f"threads {threads} out of range")
    o = new_struct(_native.ScrubOpts)
    o.style = int(style)
    o.threads = threads
    return o


def _same_kind(original: Text, out: bytes):
    return out.decode("utf-8", "surrogateescape") if isinstance(original, str) else out


def _findings_guess(n: int) -> int:
    """The first array size _findings tries for a scan of n bytes: 16 plus one finding per
    4 KiB (the same rule in every binding), so a large scan is rarely run twice."""
    return 16 + n // 4096


def _findings(fill, first: int = 16) -> Tuple[int, List[Finding]]:
    """(status, findings) of an ag_finding array read with the count query of ag_scan,
    trying `first` elements first."""
    count = c_size_t(0)
    arr = (_native.FindingC * first)()
    arr[0].struct_size = ctypes.sizeof(_native.FindingC)
    status = fill(arr, first, byref(count))
    if status == Status.BUFFER_TOO_SMALL and count.value > first:
        arr = (_native.FindingC * count.value)()
        arr[0].struct_size = ctypes.sizeof(_native.FindingC)
        status = fill(arr, count.value, byref(count))
    return status, [Finding(f.rule.decode(), f.family.decode(), f.start, f.end, f.confidence,
                            f.rule_index) for f in arr[:count.value]]


class Scrubber:
    """Scrubs with an engine's rules. Thread-safe; the rules compile on first use.

    threads is the most threads one scrub() call may use: 0 and 1 scrub on the calling
    thread; N > 1 splits the input into up to N parts of at least SCRUB_PART_MIN bytes (so
    inputs under 2 MiB are never split), scanned by threads started and joined within the
    call; at most SCRUB_THREADS_MAX. Output and findings are the same for every value.
    Streams ignore it."""

    def __init__(self, engine: Engine, style: int = Style.DEFAULT, threads: int = 0) -> None:
        self.engine = engine
        self.style = style
        self.threads = threads

    def _call_opts(self, style, threads) -> _native.ScrubOpts:
        """The options of one call: its style and threads, or the scrubber's."""
        return _opts(self.style if style is None else style,
                     self.threads if threads is None else threads)

    def scrub(self, data: Text, style: int = None, threads: int = None) -> Text:
        """The input with every secret redacted; str in gives str out, bytes give bytes."""
        return self.scrub_counted(data, style, threads)[0]

    def scrub_counted(self, data: Text, style: int = None, threads: int = None):
        """(scrubbed output, number of redactions)."""
        raw = as_bytes(data)
        opts = self._call_opts(style, threads)
        e = self.engine
        n, found = c_size_t(0), c_size_t(0)
        # Secrets are rare, so the output is nearly always the input plus a little: try that
        # first rather than ag_scrub_bound (a worst case tens of times the input), and on
        # BUFFER_TOO_SMALL retry once with the exact size the first call reported.
        out = ctypes.create_string_buffer(_scrub_guess(len(raw)))
        status = lib.ag_scrub(e.ptr, byref(opts), raw, len(raw), out, len(out), byref(n),
                              byref(found))
        if status == Status.BUFFER_TOO_SMALL:
            out = ctypes.create_string_buffer(max(n.value, 1))
            status = lib.ag_scrub(e.ptr, byref(opts), raw, len(raw), out, len(out), byref(n),
                                  byref(found))
        e.check(status)
        return _same_kind(data, ctypes.string_at(out, n.value)), found.value

    def scrub_to(self, data: Text, write: Callable[[bytes], object], style: int = None,
                 threads: int = None) -> int:
        """Scrubs like scrub_counted (same output and number of redactions, for every
        threads) but hands the output to write(chunk), in order and in pieces, instead of
        returning it: no output buffer is needed whatever the input's size. Each chunk is a
        non-empty bytes object of its own, so a binary file's or a socket's write (or
        io.BytesIO().write) can be passed as is. write is called on the calling thread during
        the call; with threads > 1 the output comes once all parts are scanned. Returns the
        number of redactions.

        An exception raised by write stops the scrub (nothing more is written) and is
        re-raised as is. Other failures raise as scrub does. Closing the engine from write is
        safe: it is freed once the call returns."""
        if not callable(write):
            raise error_for(Status.INVALID_ARGUMENT, "write: must be callable")
        raw = as_bytes(data)
        opts = self._call_opts(style, threads)
        e = self.engine
        failure: List[BaseException] = []

        def piece(_ctx, ptr, n):
            if failure:
                return 1
            try:
                write(ctypes.string_at(ptr, n))  # a copy: ptr is valid only during this call
                return 0
            except BaseException as exc:  # ctypes would print it and go on: keep it, stop
                failure.append(exc)
                return 1

        # The CFUNCTYPE object must outlive the call: this local keeps it.
        callback = _native.WRITE_FN(piece)
        found = c_size_t(0)
        ptr = e.ptr
        e._adopt()  # should write close the engine, it is freed after the call, not during it
        try:
            status = lib.ag_scrub_to(ptr, byref(opts), raw, len(raw), callback, None,
                                     byref(found))
            if failure:
                raise failure.pop()
            e.check(status)
        finally:
            e._orphan()
        return found.value

    def scan(self, data: Text, threads: int = None) -> List[Finding]:
        """Findings only, in input order, on up to threads threads (the same for every value)."""
        raw = as_bytes(data)
        e = self.engine
        opts = self._call_opts(None, threads)
        status, found = _findings(
            lambda arr, cap, n: lib.ag_scan_with(e.ptr, byref(opts), raw, len(raw), arr, cap, n),
            _findings_guess(len(raw)))
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
