"""Who is asking: a signed request checked against the terminal's secret, in the protocol's order.

The nonce is kept in the database inside the request's own transaction, so
a replay is refused by every worker and after a restart, and a nonce is
forgotten only once no request carrying it can be fresh.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from otop_pos.sync import signing
from otop_server.db import tables
from otop_server.operations.errors import ApiError


def signed_by(headers: Mapping[str, str]) -> signing.Signed:
    """The four headers, well formed, or 401 bad_auth_header."""
    try:
        return signing.read_headers(headers)
    except signing.AuthError as exc:
        raise ApiError(401, exc.code, str(exc)) from None


def admit(conn: Connection, signed: signing.Signed, method: str, path: str, body: bytes,
          now: float, *, lock: bool = False) -> dict[str, Any]:  # fmt: skip
    """The terminal's row once the request is proven to be its own (locked for a batch)."""
    t = tables.terminals
    query = select(t).where(t.c.terminal_id == signed.terminal_id)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    if row is None:
        raise ApiError(401, "unknown_terminal")
    try:
        signing.verify(signed, bytes.fromhex(row["secret"]), method, path, body, int(now), None)
    except signing.AuthError as exc:
        fields = {"server_time": int(now)} if exc.code == "stale_request" else {}
        raise ApiError(401, exc.code, str(exc), **fields) from None
    _use_nonce(conn, signed, int(now))
    return dict(row)


def _use_nonce(conn: Connection, signed: signing.Signed, now: int) -> None:
    n = tables.nonces
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    # RETURNING says whether the row went in: psycopg's rowcount for ON CONFLICT DO NOTHING
    # is -1 either way, and a check on rowcount let every replay in on PostgreSQL.
    kept = conn.execute(
        dialect.insert(n)
        .values(terminal_id=signed.terminal_id, nonce=signed.nonce, at=now)
        .on_conflict_do_nothing()
        .returning(n.c.nonce)
    ).first()
    if kept is None:
        raise ApiError(401, "nonce_reused")


def forget_old_nonces(conn: Connection, now: float) -> None:
    conn.execute(delete(tables.nonces).where(tables.nonces.c.at < int(now) - signing.NONCE_KEEP_S))


def admit_nonce_only(conn: Connection, signed: signing.Signed, now: float) -> None:
    """After a refused batch rolled back: its nonce stays used all the same."""
    with contextlib.suppress(ApiError):
        _use_nonce(conn, signed, int(now))
