"""Loads libagentguard with ctypes, checks its version and declares every C function.

Search order: $AGENTGUARD_LIB (a path to the shared library), the libdir that
`pkg-config --variable=libdir agentguard` names, ctypes.util.find_library, then the
soname "libagentguard.so.0" on the system search path.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
from ctypes import (POINTER, Structure, c_char_p, c_int, c_int32, c_int64, c_size_t,
                    c_uint32, c_uint64, c_void_p)
from typing import Callable, List, Optional

from .errors import Status, error_for

# The MAJOR version this binding speaks; a library of another MAJOR is refused.
EXPECTED_MAJOR = 0
SONAME = "libagentguard.so.0"

c_status = c_int32


class Usage(Structure):
    _fields_ = [("struct_size", c_uint32), ("input_tokens", c_uint64),
                ("cached_input_tokens", c_uint64), ("cache_write_tokens", c_uint64),
                ("output_tokens", c_uint64), ("reasoning_tokens", c_uint64),
                ("cache_write_1h_tokens", c_uint64)]


class ModelPriceC(Structure):
    _fields_ = [("struct_size", c_uint32), ("input_per_mtok_nusd", c_int64),
                ("cached_input_per_mtok_nusd", c_int64),
                ("cache_write_5m_per_mtok_nusd", c_int64),
                ("cache_write_1h_per_mtok_nusd", c_int64), ("output_per_mtok_nusd", c_int64),
                ("reasoning_per_mtok_nusd", c_int64), ("tier_threshold_tokens", c_uint64),
                ("input_above_per_mtok_nusd", c_int64), ("output_above_per_mtok_nusd", c_int64)]


class CounterC(Structure):
    _fields_ = [("struct_size", c_uint32), ("spent_nusd", c_int64), ("reserved_nusd", c_int64),
                ("limit_nusd", c_int64), ("spent_tokens", c_int64), ("reserved_tokens", c_int64),
                ("limit_tokens", c_int64), ("window_start_ms", c_int64)]


class RunStatsC(Structure):
    _fields_ = [("struct_size", c_uint32)] + [(n, c_int64) for n in (
        "spent_nusd", "reserved_nusd", "limit_nusd", "remaining_nusd", "spent_tokens",
        "reserved_tokens", "limit_tokens", "turns", "max_turns", "tool_calls",
        "max_tool_calls", "started_ms", "elapsed_ms", "remaining_ms",
        "open_reservations")] + [("state", c_status)]


class ScrubOpts(Structure):
    _fields_ = [("struct_size", c_uint32), ("style", c_int32), ("threads", c_uint32)]


class FindingC(Structure):
    _fields_ = [("struct_size", c_uint32), ("rule_index", c_uint32), ("start", c_uint64),
                ("end", c_uint64), ("confidence", c_int32), ("rule", ctypes.c_char * 64),
                ("family", ctypes.c_char * 16)]


class RuleInfoC(Structure):
    _fields_ = [("struct_size", c_uint32), ("confidence", c_int32), ("max_len", c_uint32),
                ("id", ctypes.c_char * 64), ("family", ctypes.c_char * 16)]


class ErrorInfoC(Structure):
    _fields_ = [("struct_size", c_uint32), ("error_class", c_int32), ("retryable", c_int32),
                ("http_status", c_int32), ("retry_after_ms", c_int64)]


def new_struct(cls):
    s = cls()
    s.struct_size = ctypes.sizeof(cls)
    return s


P = c_void_p  # opaque handles
S, Z, PZ = c_char_p, c_size_t, POINTER(c_size_t)

# ag_write_fn: int (*)(void *ctx, const char *data, size_t len). data arrives as an int
# address, valid only during the call (read it with ctypes.string_at).
WRITE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p, c_size_t)

# name -> (restype, argtypes). Functions absent from the loaded library are left unbound.
PROTOTYPES = {
    "ag_version_number": (c_uint32, []),
    "ag_version_string": (c_char_p, []),
    "ag_status_str": (c_char_p, [c_status]),
    "ag_status_is_retryable": (c_int, [c_status]),
    "ag_engine_new": (c_status, [S, Z, POINTER(P), c_char_p, Z]),
    "ag_engine_free": (None, [P]),
    "ag_engine_last_error": (Z, [P, c_char_p, Z]),
    "ag_engine_price": (c_status, [P, S, Z, POINTER(Usage), POINTER(c_int64)]),
    "ag_engine_model_price": (c_status, [P, S, Z, POINTER(ModelPriceC), c_char_p, Z, PZ]),
    "ag_ledger_new": (c_status, [P, S, POINTER(P)]),
    "ag_ledger_free": (None, [P]),
    "ag_ledger_last_error": (Z, [P, c_char_p, Z]),
    "ag_ledger_get": (c_status, [P, c_int32, S, Z, c_int32, POINTER(c_int64), POINTER(c_int64)]),
    "ag_ledger_counter": (c_status, [P, c_int32, S, Z, c_int32, POINTER(CounterC)]),
    "ag_ledger_set_limit": (c_status, [P, c_int32, S, Z, c_int32, c_int64, c_int64]),
    "ag_ledger_clear_limit": (c_status, [P, c_int32, S, Z, c_int32]),
    "ag_ledger_kill": (c_status, [P, c_int32, S, Z, S, Z]),
    "ag_ledger_revive": (c_status, [P, c_int32, S, Z]),
    "ag_ledger_set_time": (c_status, [P, c_int64]),
    "ag_ledger_now": (c_int64, [P]),
    "ag_ledger_expire": (c_status, [P, POINTER(c_uint64)]),
    "ag_run_begin": (c_status, [P, P, S, Z, POINTER(P)]),
    "ag_run_free": (None, [P]),
    "ag_run_last_error": (Z, [P, c_char_p, Z]),
    "ag_run_reserve": (c_status, [P, S, Z, c_uint64, c_uint64, POINTER(c_uint64)]),
    "ag_run_commit": (c_status, [P, c_uint64, POINTER(Usage), POINTER(c_int64)]),
    "ag_run_release": (c_status, [P, c_uint64]),
    "ag_run_check": (c_status, [P]),
    "ag_run_turn": (c_status, [P]),
    "ag_run_tool_call": (c_status, [P, S, Z]),
    "ag_run_step_timeout": (c_status, [P, POINTER(c_int64)]),
    "ag_run_stats_get": (c_status, [P, POINTER(RunStatsC)]),
    "ag_run_id": (c_status, [P, c_char_p, Z, PZ]),
    "ag_run_snapshot": (c_status, [P, c_char_p, Z, PZ]),
    "ag_run_restore": (c_status, [P, P, S, Z, c_uint32, POINTER(P)]),
    # scrubbing
    "ag_scrub_bound": (c_status, [P, POINTER(ScrubOpts), Z, PZ]),
    "ag_scrub": (c_status, [P, POINTER(ScrubOpts), S, Z, c_void_p, Z, PZ, PZ]),
    "ag_scrub_to": (c_status, [P, POINTER(ScrubOpts), S, Z, WRITE_FN, c_void_p, PZ]),
    "ag_scan": (c_status, [P, S, Z, POINTER(FindingC), Z, PZ]),
    "ag_scan_with": (c_status, [P, POINTER(ScrubOpts), S, Z, POINTER(FindingC), Z, PZ]),
    "ag_scrub_rule_count": (c_status, [P, PZ]),
    "ag_scrub_rule_info": (c_status, [P, Z, POINTER(RuleInfoC)]),
    "ag_scrub_stream_new": (c_status, [P, POINTER(ScrubOpts), POINTER(P)]),
    "ag_scrub_stream_free": (None, [P]),
    "ag_scrub_stream_last_error": (Z, [P, c_char_p, Z]),
    "ag_scrub_stream_bound": (Z, [P, Z]),
    "ag_scrub_stream_write": (c_status, [P, S, Z, c_void_p, Z, PZ]),
    "ag_scrub_stream_finish": (c_status, [P, c_void_p, Z, PZ]),
    "ag_scrub_stream_findings": (c_status, [P, POINTER(FindingC), Z, PZ]),
    # provider responses
    "ag_provider_str": (c_char_p, [c_int32]),
    "ag_finish_reason_str": (c_char_p, [c_int32]),
    "ag_response_parse": (c_status, [c_int32, S, Z, POINTER(P), c_char_p, Z]),
    "ag_response_free": (None, [P]),
    "ag_response_last_error": (Z, [P, c_char_p, Z]),
    "ag_response_provider": (c_int32, [P]),
    "ag_response_usage": (c_status, [P, POINTER(Usage)]),
    "ag_response_finish": (c_int32, [P]),
    "ag_response_truncated": (c_int, [P]),
    "ag_response_field": (c_status, [P, c_int32, c_char_p, Z, PZ]),
    "ag_response_tool_call_count": (Z, [P]),
    "ag_response_tool_call": (c_status, [P, Z, c_int32, c_char_p, Z, PZ]),
    "ag_response_to_json": (c_status, [P, c_char_p, Z, PZ]),
    "ag_stream_parser_new": (c_status, [c_int32, POINTER(P)]),
    "ag_stream_parser_free": (None, [P]),
    "ag_stream_parser_last_error": (Z, [P, c_char_p, Z]),
    "ag_stream_parser_write": (c_status, [P, S, Z]),
    "ag_stream_parser_finish": (c_status, [P]),
    "ag_stream_parser_done": (c_int, [P]),
    "ag_stream_parser_take_text": (c_status, [P, c_char_p, Z, PZ]),
    "ag_stream_parser_result": (c_status, [P, POINTER(P)]),
    "ag_error_class_str": (c_char_p, [c_int32]),
    "ag_error_classify": (c_status, [c_int32, c_int32, S, Z, S, Z, POINTER(ErrorInfoC),
                                     c_char_p, Z, PZ]),
    "ag_run_record_response": (c_status, [P, c_uint64, c_int32, S, Z, POINTER(Usage),
                                          POINTER(c_int64)]),
    "ag_run_record_stream": (c_status, [P, c_uint64, P, POINTER(Usage), POINTER(c_int64)]),
    # token counting
    "ag_encoding_for_model": (c_int32, [S, Z]),
    "ag_tokens_count": (c_status, [P, c_int32, S, Z, POINTER(c_uint64)]),
    "ag_tokens_estimate": (c_status, [S, Z, POINTER(c_uint64)]),
    "ag_tokenizer_new": (c_status, [S, Z, POINTER(P)]),
    "ag_tokenizer_free": (None, [P]),
    "ag_tokenizer_last_error": (Z, [P, c_char_p, Z]),
    "ag_tokenizer_count": (c_status, [P, c_int32, S, Z, POINTER(c_uint64)]),
}


def _pkg_config_libdir() -> Optional[str]:
    try:
        out = subprocess.run(["pkg-config", "--variable=libdir", "agentguard"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    libdir = out.stdout.strip()
    return libdir if out.returncode == 0 and libdir else None


def _candidates() -> List[str]:
    env = os.environ.get("AGENTGUARD_LIB")
    if env:
        return [env]  # an explicit choice is never second-guessed
    names = []
    libdir = _pkg_config_libdir()
    if libdir:
        names.append(os.path.join(libdir, SONAME))
    found = ctypes.util.find_library("agentguard")
    if found:
        names.append(found)
    names.append(SONAME)
    return names


def check_version(number: int, expected_major: int = EXPECTED_MAJOR) -> None:
    """Raises VersionMismatch unless the library's MAJOR equals expected_major."""
    major = number // 10000
    if major != expected_major:
        raise error_for(Status.VERSION,
                        f"libagentguard {major}.{number // 100 % 100}.{number % 100} is loaded "
                        f"but this binding needs major version {expected_major}")


def _load() -> ctypes.CDLL:
    errors = []
    for name in _candidates():
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError as e:
            errors.append(f"{name}: {e}")
    else:
        raise OSError("libagentguard not found (set AGENTGUARD_LIB to its path): " +
                      "; ".join(errors))
    for fname, (restype, argtypes) in PROTOTYPES.items():
        fn = getattr(lib, fname, None)
        if fn is not None:
            fn.restype, fn.argtypes = restype, argtypes
    check_version(lib.ag_version_number())
    return lib


lib = _load()


def as_bytes(value) -> bytes:
    """str is encoded as UTF-8; bytes-like values pass through."""
    if isinstance(value, str):
        return value.encode("utf-8")
    return bytes(value)


def read_sized(fn: Callable[[ctypes.Array, int, object], int], check: Callable[[int], None],
               initial: int = 256) -> bytes:
    """Calls fn(buf, cap, len_out) with the size-query convention and returns the bytes;
    check(status) raises for a failure."""
    n = c_size_t(0)
    buf = ctypes.create_string_buffer(initial)
    status = fn(buf, initial, ctypes.byref(n))
    if status == Status.BUFFER_TOO_SMALL and n.value > initial:
        buf = ctypes.create_string_buffer(n.value)
        status = fn(buf, n.value, ctypes.byref(n))
    check(status)
    return buf.raw[:n.value]


def last_error(getter, handle) -> str:
    """Reads a handle's last error message (snprintf-style getter)."""
    buf = ctypes.create_string_buffer(512)
    n = getter(handle, buf, 512)
    if n >= 512:
        buf = ctypes.create_string_buffer(n + 1)
        getter(handle, buf, n + 1)
    return buf.value.decode("utf-8", "replace")
