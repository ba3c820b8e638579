"""The server's clock as the protocol writes it: UTC ISO-8601 to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(now: float) -> str:
    return datetime.fromtimestamp(int(now), UTC).isoformat()
