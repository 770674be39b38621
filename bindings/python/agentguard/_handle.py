"""Ownership of a native handle shared by every wrapper class."""
from __future__ import annotations

import threading
from typing import Callable, Optional, Tuple

from . import _native
from .errors import AgentGuardError, Status, error_for


class Handle:
    """Owns one native pointer.

    close() is idempotent and makes later calls raise. The pointer is freed once the object
    is closed AND every object created from it (a ledger from an engine, a run from a
    ledger) is closed, so closing in any order never leaves a dangling parent.
    """

    _free: Callable[[int], None]
    _last_error: Callable

    def __init__(self, ptr: int, parents: Tuple["Handle", ...] = ()) -> None:
        self._ptr: Optional[int] = ptr
        self._closed = False
        self._children = 0
        self._lock = threading.Lock()
        self._parents = parents
        for p in parents:
            p._adopt()

    def _adopt(self) -> None:
        with self._lock:
            self._children += 1

    def _orphan(self) -> None:
        with self._lock:
            self._children -= 1
        self._maybe_free()

    def _maybe_free(self) -> None:
        with self._lock:
            if not self._closed or self._children or self._ptr is None:
                return
            ptr, self._ptr = self._ptr, None
        type(self)._free(ptr)
        for p in self._parents:
            p._orphan()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._maybe_free()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:  # safety net only; call close()
        if getattr(self, "_lock", None) is not None:
            self.close()

    @property
    def ptr(self) -> int:
        if self._closed:
            raise AgentGuardError(Status.STATE, f"{type(self).__name__} is closed")
        return self._ptr  # type: ignore[return-value]

    def check(self, status: int) -> None:
        """Raises the error for a failed status, with this handle's last message."""
        if status != Status.OK:
            raise error_for(status, _native.last_error(type(self)._last_error, self._ptr))
