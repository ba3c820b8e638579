"""A terminal asking what the server holds of it: the latest checkpoint and its status."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from otop_server.db import tables
from otop_server.db.engine import Database
from otop_server.operations import access, batches
from otop_server.operations.errors import ApiError
from otop_server.operations.timefmt import iso


def _admitted(db: Database, path_terminal: str, path: str, headers: Mapping[str, str],
              now: float) -> dict[str, Any]:  # fmt: skip
    signed = access.signed_by(headers)
    if signed.terminal_id != path_terminal:
        raise ApiError(400, "terminal_mismatch", "the header and the path name other terminals")
    with db.write() as conn:
        return access.admit(conn, signed, "GET", path, b"", now)


def checkpoint(db: Database, path_terminal: str, path: str, headers: Mapping[str, str],
               now: float, key: Ed25519PrivateKey) -> dict[str, Any]:  # fmt: skip
    terminal = _admitted(db, path_terminal, path, headers, now)
    return batches.latest_checkpoint(terminal, now, key)


def status(db: Database, path_terminal: str, path: str, headers: Mapping[str, str],
           now: float) -> dict[str, Any]:  # fmt: skip
    terminal = _admitted(db, path_terminal, path, headers, now)
    e, a = tables.entries, tables.alerts
    with db.read() as conn:
        flagged = conn.execute(select(func.count()).select_from(e).where(
            e.c.terminal_id == path_terminal, e.c.problems.is_not(None))).scalar()  # fmt: skip
        rows = conn.execute(select(a.c.kind, a.c.seq, a.c.at, a.c.detail).where(
            a.c.terminal_id == path_terminal).order_by(a.c.id.desc()).limit(20)).all()  # fmt: skip
    return {
        "acknowledged": {"seq": int(terminal["acked_seq"]), "hash": terminal["acked_hash"]},
        "flagged": int(flagged or 0),
        "alerts": [{"kind": k, "seq": int(s), "at": at, **json.loads(d)} for k, s, at, d in rows],
        "server_time": iso(now),
    }
