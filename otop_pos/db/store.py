"""The SQLite store: one file, WAL, synchronous=FULL, foreign keys on.

Every write goes through `Store.transaction()`, which takes the write lock up
front (BEGIN IMMEDIATE) so a sale never half-commits, and turns SQLite's disk
full / read-only failures into a `StoreError` the cashier can read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otop_pos.db.schema import migrations

if TYPE_CHECKING:
    import sqlite_utils


class StoreError(RuntimeError):
    """A store failure explained for the person at the counter (Thai and English)."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english

    def message(self, lang: str = "th") -> str:
        return self.english if lang == "en" else self.thai


def _explain(exc: sqlite3.Error) -> StoreError:
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code == sqlite3.SQLITE_FULL or "disk is full" in text or "database or disk is full" in text:
        return StoreError(
            "ดิสก์เต็ม บันทึกไม่ได้ รายการนี้ยังไม่ถูกบันทึก กรุณาแจ้งผู้จัดการ",
            "The disk is full. Nothing was saved; please call the manager.",
        )
    if (code is not None and code & 0xFF == sqlite3.SQLITE_READONLY) or "readonly" in text:
        return StoreError(
            "ฐานข้อมูลเป็นแบบอ่านอย่างเดียว บันทึกไม่ได้ รายการนี้ยังไม่ถูกบันทึก",
            "The database is read-only. Nothing was saved.",
        )
    if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น ลองใหม่อีกครั้ง",
            "The database is busy in another program. Try again.",
        )
    return StoreError(f"ฐานข้อมูลผิดพลาด: {exc}", f"Database error: {exc}")


class Store:
    """An open database file. Not shared between threads."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0
        self._utils: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, loaded on first use (start-up speed)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _explain(exc) from exc
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _explain(exc) from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        # SQLite may already have rolled back (e.g. after SQLITE_FULL).
        with suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self.conn.close()


def open_store(path: str | Path, *, read_only: bool = False, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the database at `path`.

    The schema version is checked before anything is written, so a file from
    a newer release is refused untouched; a refused or failed open closes the
    file again (an open handle would keep it locked on Windows).
    """
    path = str(path)
    conn: sqlite3.Connection | None = None
    try:
        try:
            if read_only:
                conn = sqlite3.connect(
                    f"file:{Path(path).resolve()}?mode=ro", uri=True, isolation_level=None
                )
            else:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            store = Store(conn, path)
            migrations.check_version(store)
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise _explain(exc) from exc
        if migrate and not read_only:
            with store.transaction():
                migrations.migrate(store)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return store
