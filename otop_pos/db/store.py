"""The SQLite store: one file, WAL, synchronous=FULL, foreign keys on.

Every write goes through `Store.transaction()`, which takes the write lock up
front (BEGIN IMMEDIATE) so a sale never half-commits, and turns SQLite's disk
full / read-only failures into a `StoreError` the cashier can read.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otop_pos.db.schema import migrations

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)


class StoreError(RuntimeError):
    """A store failure explained for the person at the counter (Thai and English).

    ``kind`` says whose doing it was: the disk's or another program's ("full",
    "readonly", "busy", "io", "damaged", "cantopen"), a file that is not a
    centre's ("notcentre"), or "other" for anything
    SQLite refused that it should not have (a bug in a query).
    """

    def __init__(self, thai: str, english: str, kind: str = "other") -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english
        self.kind = kind

    def message(self, lang: str = "th") -> str:
        return self.english if lang == "en" else self.thai


_TEXTS = {
    "full": (
        "ดิสก์เต็ม บันทึกไม่ได้ รายการนี้ยังไม่ถูกบันทึก กรุณาแจ้งผู้จัดการ",
        "The disk is full. Nothing was saved; please call the manager.",
    ),
    "readonly": (
        "ฐานข้อมูลเป็นแบบอ่านอย่างเดียว บันทึกไม่ได้ รายการนี้ยังไม่ถูกบันทึก",
        "The database is read-only. Nothing was saved.",
    ),
    "busy": (
        "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น ลองใหม่อีกครั้ง",
        "The database is busy in another program. Try again.",
    ),
    "io": (
        "อ่านหรือเขียนดิสก์ไม่สำเร็จ รายการนี้ยังไม่ถูกบันทึก กรุณาแจ้งผู้จัดการ",
        "The disk could not be read or written. Nothing was saved; please call the manager.",
    ),
    "damaged": (
        "ไฟล์ฐานข้อมูลเสียหายหรือไม่ใช่ฐานข้อมูลของ OTOP POS กรุณาแจ้งผู้จัดการ",
        "The database file is damaged or is not an OTOP POS database. Please call the manager.",
    ),
    "cantopen": (
        "เปิดไฟล์ฐานข้อมูลไม่ได้ กรุณาตรวจสอบโฟลเดอร์และสิทธิ์การเข้าถึง",
        "The database file cannot be opened; check its folder and permissions.",
    ),
    "notcentre": (
        "ไฟล์นี้ไม่ใช่ไฟล์ของศูนย์ OTOP (ว่างเปล่าหรือเป็นไฟล์อื่น) จึงไม่ได้เปิดและไม่ได้แก้ไข",
        "This file is not an OTOP centre's database (it is empty or something else);"
        " it was left untouched.",
    ),
}

SQLITE_HEADER = b"SQLite format 3\x00"
CENTRE_TABLES = ("settings", "journal")  # every centre's file has had both since schema 1


def _kind(exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    text = str(exc).lower()
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return "full"
    if primary == sqlite3.SQLITE_READONLY or "readonly" in text:
        return "readonly"
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return "busy"
    if primary == sqlite3.SQLITE_IOERR:
        return "io"
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return "damaged"
    if primary == sqlite3.SQLITE_CANTOPEN:
        return "cantopen"
    return "other"


def fault_of(exc: BaseException) -> StoreError | None:
    """The StoreError for an SQLite error that is the disk's or another program's doing.

    None for anything else, including an SQLite error caused by a bug in a
    query: that one is not the person at the counter's to read.
    """
    if not isinstance(exc, sqlite3.Error):
        return None
    kind = _kind(exc)
    return None if kind == "other" else StoreError(*_TEXTS[kind], kind=kind)


def _explain(exc: sqlite3.Error) -> StoreError:
    kind = _kind(exc)
    log.warning("database %s: %s", kind, exc)  # full, damaged...: worth a backup; rare, cheap
    if kind == "other":
        return StoreError(f"ฐานข้อมูลผิดพลาด: {exc}", f"Database error: {exc}")
    return StoreError(*_TEXTS[kind], kind=kind)


class Store:
    """An open database file. Not shared between threads."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0
        self._utils: sqlite_utils.Database | None = None
        self.was_full = False  # a write met a full disk; the next one that fits checkpoints

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
            error = _explain(exc)
            self.was_full = self.was_full or error.kind == "full"
            raise error from exc
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            error = _explain(exc)
            self.was_full = self.was_full or error.kind == "full"
            raise error from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0
        if self.was_full:
            self._recover()

    def _recover(self) -> None:
        """The disk had room again for a commit: write the WAL out and give its space back."""
        try:
            done = self.checkpoint()
        except StoreError as exc:
            log.warning("checkpoint after a full disk failed (%s); trying at the next write", exc)
            return
        if done:
            self.was_full = False
            log.info("disk space is back: the WAL of %s is checkpointed", self.path)

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

    def checkpoint(self) -> bool:
        """Fold the WAL into the database file and empty it; False when a reader kept some.

        On quit, so the file on disk is whole by itself, and after a full disk
        was freed, so the WAL that grew up to the failure is written out.
        """
        if self.conn.in_transaction:
            return False
        try:
            row = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise _explain(exc) from exc
        return row is not None and int(row[0]) == 0

    def close(self) -> None:
        self.conn.close()


def not_a_centre(path: str | Path) -> StoreError:
    """The refusal for a file that is not a centre's database, naming the file."""
    thai, english = _TEXTS["notcentre"]
    return StoreError(f"{thai}: {path}", f"{english} ({path})", kind="notcentre")


def _check_looks_like_sqlite(path: Path) -> None:
    """Refuse, unread by SQLite, a file that cannot be a centre's: empty or not SQLite at all.

    SQLite takes a 0-byte file for a new database and would make one there.
    A main file still empty beside a WAL that holds the pages is left to SQLite.
    """
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise not_a_centre(path) from None
    except OSError as exc:
        log.warning("database cannot be read: %s", exc)
        raise StoreError(*_TEXTS["cantopen"], kind="cantopen") from exc
    wal = Path(f"{path}-wal")
    if head == SQLITE_HEADER or (not head and wal.exists() and wal.stat().st_size > 0):
        return
    raise not_a_centre(path)


def _check_centre_tables(store: Store) -> None:
    names = {
        r[0]
        for r in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)", CENTRE_TABLES
        )
    }
    if names != set(CENTRE_TABLES):
        raise not_a_centre(store.path)


def _connect_read_only(path: str) -> sqlite3.Connection:
    """Read without writing a byte; on read-only media (no -shm can be made) as immutable.

    A WAL file needs its -shm beside it, which a locked USB stick or a
    read-only share cannot hold; immutable reads the main file alone, which
    after the till's clean close holds everything.
    """
    uri = Path(path).resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.Error as exc:
        conn.close()
        if _kind(exc) not in ("cantopen", "readonly", "io"):
            raise
        log.info("read-only media, reading %s as immutable: %s", path, exc)
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


def _backup_before_migrating(store: Store) -> None:
    """Copy a centre's file before its schema changes; no copy, no migration."""
    from otop_pos.db.backups.snapshot import BackupFailed, before_migration  # not at start-up

    try:
        path = before_migration(store)
    except (BackupFailed, OSError, sqlite3.Error) as exc:
        log.error("no backup before migrating %s: %s", store.path, exc)
        raise StoreError(
            "สำรองข้อมูลก่อนปรับรุ่นฐานข้อมูลไม่สำเร็จ จึงยังไม่ปรับรุ่น (ไฟล์เดิมไม่ถูกแก้ไข)"
            " กรุณาตรวจพื้นที่ดิสก์แล้วลองอีกครั้ง",
            "The backup before upgrading the database failed, so nothing was upgraded"
            " (the file is untouched). Check the disk space and try again.",
            kind="full" if isinstance(exc, OSError) else "other",
        ) from exc
    log.info("backed up %s before migrating it: %s", store.path, path)


def open_store(
    path: str | Path, *, read_only: bool = False, migrate: bool = True, existing: bool = False
) -> Store:
    """Open (and create or upgrade) the database at `path`.

    The schema version is checked before anything is written, so a file from
    a newer release is refused untouched; a refused or failed open closes the
    file again (an open handle would keep it locked on Windows). `existing`
    is for the commands and the till, which work on a centre already made:
    a missing, empty or foreign file is refused untouched instead of becoming
    a new database.
    """
    path = str(path)
    if existing:
        _check_looks_like_sqlite(Path(path))
    conn: sqlite3.Connection | None = None
    try:
        try:
            if read_only:
                conn = _connect_read_only(path)
            else:
                try:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    log.warning("database folder cannot be made: %s", exc)
                    raise StoreError(*_TEXTS["cantopen"], kind="cantopen") from exc
                conn = sqlite3.connect(path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            store = Store(conn, path)
            migrations.check_version(store)
            if existing:
                _check_centre_tables(store)
            if migrate and not read_only and migrations.needs_backup(store):
                _backup_before_migrating(store)  # before even the journal mode changes
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
