"""Engine (compiled policy), Ledger (budget counters) and Run (one agent run)."""
from __future__ import annotations

import ctypes
import json
from ctypes import byref, c_int64, c_uint64, c_void_p
from dataclasses import dataclass, fields
from enum import IntEnum
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from . import _native
from ._handle import Handle
from ._native import as_bytes, lib, new_struct
from .errors import Status, error_for

Text = Union[str, bytes, bytearray, memoryview]


class Scope(IntEnum):
    RUN = 0
    USER = 1
    TENANT = 2
    GLOBAL = 3


class Window(IntEnum):
    TOTAL = 0
    HOUR = 1
    DAY = 2
    MONTH = 3


RESTORE_DEFAULT = 0
RESTORE_REAPPLY = 1


@dataclass
class Usage:
    """Token counts of one model call (input includes cached and cache writes)."""

    input_tokens: int = 0
    cached_input_tokens: int = 0
    cache_write_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0
    cache_write_1h_tokens: int = 0

    def to_c(self) -> _native.Usage:
        u = new_struct(_native.Usage)
        for f in fields(self):
            setattr(u, f.name, getattr(self, f.name))
        return u

    @classmethod
    def coerce(cls, usage: Union["Usage", Mapping[str, int]]) -> "Usage":
        return usage if isinstance(usage, Usage) else cls(**usage)


@dataclass
class ModelPrice:
    name: str
    input_per_mtok_nusd: int
    cached_input_per_mtok_nusd: int
    cache_write_5m_per_mtok_nusd: int
    cache_write_1h_per_mtok_nusd: int
    output_per_mtok_nusd: int
    reasoning_per_mtok_nusd: int
    tier_threshold_tokens: int
    input_above_per_mtok_nusd: int
    output_above_per_mtok_nusd: int


@dataclass
class Counter:
    spent_nusd: int
    reserved_nusd: int
    limit_nusd: int
    spent_tokens: int
    reserved_tokens: int
    limit_tokens: int
    window_start_ms: int


@dataclass
class RunStats:
    spent_nusd: int
    reserved_nusd: int
    limit_nusd: int
    remaining_nusd: int
    spent_tokens: int
    reserved_tokens: int
    limit_tokens: int
    turns: int
    max_turns: int
    tool_calls: int
    max_tool_calls: int
    started_ms: int
    elapsed_ms: int
    remaining_ms: int
    open_reservations: int
    state: int


def _from_c(cls, s):
    return cls(**{f.name: getattr(s, f.name) for f in fields(cls) if hasattr(s, f.name)})


def _json_arg(doc: Union[None, Text, Mapping[str, Any]]) -> Tuple[Optional[bytes], int]:
    if doc is None:
        return None, 0
    data = json.dumps(doc).encode() if isinstance(doc, Mapping) else as_bytes(doc)
    return data, len(data)


def _text(value: Text) -> Tuple[bytes, int]:
    data = as_bytes(value)
    return data, len(data)


class Engine(Handle):
    """A compiled policy; immutable and safe to share across threads.

    policy: a JSON document (str/bytes) or a dict; None gives the defaults.
    """

    _free = staticmethod(lambda p: lib.ag_engine_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_engine_last_error(p, b, n))

    def __init__(self, policy: Union[None, Text, Mapping[str, Any]] = None) -> None:
        data, n = _json_arg(policy)
        out = c_void_p()
        err = ctypes.create_string_buffer(1024)
        status = lib.ag_engine_new(data, n, byref(out), err, len(err))
        if status != Status.OK:
            raise error_for(status, err.value.decode("utf-8", "replace"))
        super().__init__(out.value)

    def price(self, model: Text, usage: Union[Usage, Mapping[str, int]]) -> int:
        """Cost of a usage in nano-USD (rounded up)."""
        m, n = _text(model)
        cost = c_int64()
        u = Usage.coerce(usage).to_c()
        self.check(lib.ag_engine_price(self.ptr, m, n, byref(u), byref(cost)))
        return cost.value

    def model_price(self, model: Text) -> ModelPrice:
        """The engine's prices for a model, with its canonical name."""
        m, n = _text(model)
        out = new_struct(_native.ModelPriceC)
        name = _native.read_sized(
            lambda buf, cap, len_out: lib.ag_engine_model_price(self.ptr, m, n, byref(out), buf,
                                                                cap, len_out), self.check)
        return ModelPrice(name=name.decode(), **{
            f.name: getattr(out, f.name) for f in fields(ModelPrice) if f.name != "name"})

    def ledger(self, store: Optional[str] = None) -> "Ledger":
        return Ledger(self, store)


class Ledger(Handle):
    """Budget counters for every scope and window; thread-safe."""

    _free = staticmethod(lambda p: lib.ag_ledger_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_ledger_last_error(p, b, n))

    def __init__(self, engine: Engine, store: Optional[str] = None) -> None:
        out = c_void_p()
        status = lib.ag_ledger_new(engine.ptr, store.encode() if store else None, byref(out))
        if status != Status.OK:
            engine.check(status)
        self.engine = engine
        super().__init__(out.value, (engine,))

    def get(self, scope: int, id: Text, window: int) -> Tuple[int, int]:
        """(spent_nusd, reserved_nusd) of one counter in its current window."""
        i, n = _text(id)
        spent, reserved = c_int64(), c_int64()
        self.check(lib.ag_ledger_get(self.ptr, scope, i, n, window, byref(spent), byref(reserved)))
        return spent.value, reserved.value

    def counter(self, scope: int, id: Text, window: int) -> Counter:
        i, n = _text(id)
        out = new_struct(_native.CounterC)
        self.check(lib.ag_ledger_counter(self.ptr, scope, i, n, window, byref(out)))
        return _from_c(Counter, out)

    def set_limit(self, scope: int, id: Text, window: int, limit_nusd: int = -1,
                  limit_tokens: int = -1) -> None:
        i, n = _text(id)
        self.check(lib.ag_ledger_set_limit(self.ptr, scope, i, n, window, limit_nusd, limit_tokens))

    def clear_limit(self, scope: int, id: Text, window: int) -> None:
        i, n = _text(id)
        self.check(lib.ag_ledger_clear_limit(self.ptr, scope, i, n, window))

    def kill(self, scope: int, id: Text = "", reason: Text = "") -> None:
        i, n = _text(id)
        r, rn = _text(reason)
        self.check(lib.ag_ledger_kill(self.ptr, scope, i, n, r, rn))

    def revive(self, scope: int, id: Text = "") -> None:
        i, n = _text(id)
        self.check(lib.ag_ledger_revive(self.ptr, scope, i, n))

    def set_time(self, now_ms: int) -> None:
        """now_ms >= 0: manual clock at that time; < 0: back to the system clock."""
        self.check(lib.ag_ledger_set_time(self.ptr, now_ms))

    def now(self) -> int:
        return lib.ag_ledger_now(self.ptr)

    def expire(self) -> int:
        """Releases expired reservations; returns how many."""
        released = c_uint64()
        self.check(lib.ag_ledger_expire(self.ptr, byref(released)))
        return released.value

    def begin(self, opts: Union[None, Text, Mapping[str, Any]] = None) -> "Run":
        """Starts a run: opts as in ag_run_begin (run_id, user, tenant, limits)."""
        return Run(self, opts)

    def restore(self, snapshot: Text, flags: int = RESTORE_DEFAULT) -> "Run":
        """Recreates a run from Run.snapshot() output."""
        return Run(self, None, snapshot=snapshot, flags=flags)


class Run(Handle):
    """One agent run; thread-safe (parallel tool calls may share it)."""

    _free = staticmethod(lambda p: lib.ag_run_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_run_last_error(p, b, n))

    def __init__(self, ledger: Ledger, opts: Union[None, Text, Mapping[str, Any]] = None, *,
                 snapshot: Optional[Text] = None, flags: int = RESTORE_DEFAULT) -> None:
        out = c_void_p()
        engine = ledger.engine
        if snapshot is None:
            data, n = _json_arg(opts)
            status = lib.ag_run_begin(engine.ptr, ledger.ptr, data, n, byref(out))
        else:
            data, n = _text(snapshot)
            status = lib.ag_run_restore(engine.ptr, ledger.ptr, data, n, flags, byref(out))
        if status != Status.OK:
            ledger.check(status)
        self.ledger = ledger
        super().__init__(out.value, (ledger,))

    def reserve(self, model: Text, input_tokens: int, max_output_tokens: int) -> int:
        """Takes the worst-case cost from every budget; returns the reservation id."""
        m, n = _text(model)
        rid = c_uint64()
        self.check(lib.ag_run_reserve(self.ptr, m, n, input_tokens, max_output_tokens,
                                      byref(rid)))
        return rid.value

    def commit(self, reservation: int, usage: Union[Usage, Mapping[str, int]]) -> int:
        """Replaces a reservation with the real cost; returns the cost in nano-USD."""
        cost = c_int64()
        u = Usage.coerce(usage).to_c()
        self.check(lib.ag_run_commit(self.ptr, reservation, byref(u), byref(cost)))
        return cost.value

    def release(self, reservation: int) -> None:
        self.check(lib.ag_run_release(self.ptr, reservation))

    def check_state(self) -> None:
        """Raises the reason the run may not continue (deadline, kill switch, closed)."""
        self.check(lib.ag_run_check(self.ptr))

    def turn(self) -> None:
        self.check(lib.ag_run_turn(self.ptr))

    def tool_call(self, tool: Text) -> None:
        t, n = _text(tool)
        self.check(lib.ag_run_tool_call(self.ptr, t, n))

    def step_timeout_ms(self) -> Optional[int]:
        """Time to give the next call in ms, or None when no deadline or step timeout."""
        out = c_int64()
        self.check(lib.ag_run_step_timeout(self.ptr, byref(out)))
        return None if out.value < 0 else out.value

    def stats(self) -> RunStats:
        out = new_struct(_native.RunStatsC)
        self.check(lib.ag_run_stats_get(self.ptr, byref(out)))
        return _from_c(RunStats, out)

    @property
    def id(self) -> str:
        return _native.read_sized(lambda b, c, n: lib.ag_run_id(self.ptr, b, c, n),
                                  self.check).decode()

    def snapshot(self) -> str:
        """JSON of the run (ids, limits, counts, committed spend) for Ledger.restore."""
        return _native.read_sized(lambda b, c, n: lib.ag_run_snapshot(self.ptr, b, c, n),
                                  self.check, 1024).decode()
