"""A guard against a PySide6 6.12.0 bug on CPython 3.11.

That release drops one reference to None on every Qt call that returns
nothing; after enough calls CPython 3.11 aborts with "deallocating None".
CPython 3.12+ makes None immortal, so the bug is harmless there. We do the
same on 3.11 by giving None a reference count no program can exhaust.
6.11.x does not leak, but renders small Thai text less well in our receipts,
so we stay on 6.12 with this guard.
"""

from __future__ import annotations

import ctypes
import sys

_PLENTY = 1 << 40


def none_is_mortal() -> bool:
    return sys.version_info < (3, 12)


def protect_none() -> None:
    """Idempotent; a no-op on CPython 3.12 and later."""
    if not none_is_mortal() or sys.getrefcount(None) > _PLENTY // 2:
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _PLENTY
