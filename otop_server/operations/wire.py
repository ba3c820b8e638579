"""Reading a request body the protocol's way: strict JSON, integers only, text that every store keeps.

A float, a duplicate key, NaN, a NUL character or a lone surrogate is
refused here, at the door, so neither SQLite nor PostgreSQL ever sees
what it cannot store (a NUL in PostgreSQL text would be a 500).
"""

from __future__ import annotations

import json
from typing import Any

from otop_server.operations.errors import ApiError

MAX_BODY = 1 << 20
MAX_INT = (1 << 53) - 1  # what every JSON reader keeps exactly


def _no_float(text: str) -> Any:
    raise ValueError(f"numbers are integers here, not {text}")


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = dict(pairs)
    if len(out) == len(pairs):  # no key twice: the common case, built in C
        return out
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice")
        out[key] = value
    return out


def read_json(body: bytes) -> Any:
    """The body as JSON, or 400 bad_json naming what is wrong."""
    try:
        text = body.decode("utf-8")
        return json.loads(
            text,
            parse_float=_no_float,
            parse_constant=_no_constant,
            object_pairs_hook=_pairs,
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_json", str(exc)[:200]) from None


def is_int(value: Any, low: int = 0, high: int = MAX_INT) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def storable(text: str) -> bool:
    """Text both engines keep byte for byte: UTF-8 encodable and without NUL."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
