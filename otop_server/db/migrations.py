"""The server's schema versions, applied in order inside one transaction each.

Version 1 is the tables of `tables.py` as first released; a later version is
a function that alters what is there (never drops entries). A server refuses
a database newer than itself rather than guess.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from otop_server.db import tables
from otop_server.db.engine import Database

SCHEMA_VERSION = 1


class SchemaError(RuntimeError):
    pass


def _v1(conn: Connection) -> None:
    tables.metadata.create_all(conn)


STEPS: dict[int, Callable[[Connection], None]] = {1: _v1}


def version(db: Database) -> int:
    with db.read() as conn:
        if not inspect(conn).has_table("server_meta"):
            return 0
        value = conn.execute(
            select(tables.server_meta.c.value).where(tables.server_meta.c.key == "schema_version")
        ).scalar()
        return int(value or 0)


def migrate(db: Database) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it was at."""
    was = version(db)
    if was > SCHEMA_VERSION:
        raise SchemaError(
            f"the database is schema {was}; this server knows up to {SCHEMA_VERSION}: upgrade it"
        )
    for v in range(was + 1, SCHEMA_VERSION + 1):
        with db.write() as conn:
            STEPS[v](conn)
            _set(conn, "schema_version", str(v))
    return was


def _set(conn: Connection, key: str, value: str) -> None:
    t = tables.server_meta
    done = conn.execute(t.update().where(t.c.key == key).values(value=value))
    if done.rowcount == 0:
        conn.execute(t.insert().values(key=key, value=value))
