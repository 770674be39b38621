"""Token counting: exact BPE counts (tiktoken rank files) and a safe estimate."""
from __future__ import annotations

from ctypes import byref, c_uint64, c_void_p
from enum import IntEnum
from typing import Optional, Union

from ._handle import Handle
from ._native import as_bytes, lib
from .budget import Engine
from .errors import error_for

Text = Union[str, bytes, bytearray, memoryview]


class Encoding(IntEnum):
    ESTIMATE = 0
    O200K_BASE = 1
    CL100K_BASE = 2


def encoding_for_model(model: Text) -> Encoding:
    m = as_bytes(model)
    return Encoding(lib.ag_encoding_for_model(m, len(m)))


def estimate_tokens(text: Text) -> int:
    """A deliberately high estimate (never below the exact counts on typical text)."""
    t = as_bytes(text)
    n = c_uint64()
    status = lib.ag_tokens_estimate(t, len(t), byref(n))
    if status:
        raise error_for(status, "ag_tokens_estimate failed")
    return n.value


def count_tokens(engine: Engine, text: Text, encoding: int = Encoding.O200K_BASE) -> int:
    """Exact count with the engine's tokenizers (ESTIMATE gives estimate_tokens)."""
    t = as_bytes(text)
    n = c_uint64()
    engine.check(lib.ag_tokens_count(engine.ptr, int(encoding), t, len(t), byref(n)))
    return n.value


class Tokenizer(Handle):
    """A tokenizer without an engine; rank files from dir (None = $AGENTGUARD_TOKENIZER_DIR),
    loaded on first use. Thread-safe."""

    _free = staticmethod(lambda p: lib.ag_tokenizer_free(p))
    _last_error = staticmethod(lambda p, b, n: lib.ag_tokenizer_last_error(p, b, n))

    def __init__(self, dir: Optional[str] = None) -> None:
        d = as_bytes(dir) if dir is not None else None
        out = c_void_p()
        status = lib.ag_tokenizer_new(d, len(d) if d else 0, byref(out))
        if status:
            raise error_for(status, "ag_tokenizer_new failed")
        super().__init__(out.value)

    def count(self, text: Text, encoding: int = Encoding.O200K_BASE) -> int:
        t = as_bytes(text)
        n = c_uint64()
        self.check(lib.ag_tokenizer_count(self.ptr, int(encoding), t, len(t), byref(n)))
        return n.value
