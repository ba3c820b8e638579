"""Placeholder replaced by the figures projection (per-centre, per-day sums)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def project(conn: Connection, terminal: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    return None
