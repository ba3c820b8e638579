"""One engine for the server: an embedded SQLite file by default, PostgreSQL given a URL.

SQLite takes one writer at a time: writes go through a process lock and
BEGIN IMMEDIATE, so concurrent batches queue in order instead of spinning on
"database is locked". PostgreSQL serialises per terminal with a row lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


def database_url(value: str | Path) -> str:
    """A path means a SQLite file; postgresql:// URLs are driven by psycopg 3."""
    text = str(value)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).resolve()}"


class Database:
    """The engine and how to write through it."""

    def __init__(self, url: str | Path) -> None:
        self.url = database_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self._write_lock = threading.Lock()
        if self.is_sqlite:
            self.engine: Engine = create_engine(self.url, connect_args={"timeout": 30})
            _sqlite_pragmas(self.engine, "BEGIN IMMEDIATE")
            self.reader: Engine = create_engine(self.url, connect_args={"timeout": 30})
            _sqlite_pragmas(self.reader, "BEGIN")  # a snapshot that never blocks the writer
        else:
            self.engine = create_engine(self.url, pool_size=10, max_overflow=20, pool_pre_ping=True)
            self.reader = self.engine

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        if self.is_sqlite:
            with self._write_lock, self.engine.begin() as conn:
                yield conn
        else:
            with self.engine.begin() as conn:
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.reader.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
        self.reader.dispose()


def _sqlite_pragmas(engine: Engine, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" below decides
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)
